"""Reviewing a change before it is published, publishing it, and the version history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.analysis.selection import VIEW_METRICS, Selection
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t
from dashboard.staff.diff import FileDiff, diff_folders, figure_moves
from dashboard.staff.store import ConflictError, Draft, Store, StoreError, ValidationFailed
from dashboard.ui.cached import map_data
from dashboard.ui.components.map_view import show_selection_map
from dashboard.ui.components.staff_edit import show_findings
from dashboard.ui.data_access import load_folder
from dashboard.ui.text import md


def _changed_rows(diff: FileDiff) -> pd.DataFrame:
    rows = []
    for ident, old, new in diff.changed:
        for column in diff.changed_columns(old, new):
            rows.append(
                {diff.key: ident, "column": column, "before": old.get(column, ""), "after": new.get(column, "")}
            )
    frame = pd.DataFrame(rows, columns=[diff.key, "column", "before", "after"])
    if diff.key == "code":  # geometry as text is long and says nothing
        frame.loc[frame["column"] == "geometry", ["before", "after"]] = "…"
    return frame


def _drop_geometry(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows).drop(columns=["geometry"], errors="ignore")


def show_diffs(diffs: list[FileDiff], lang: str) -> None:
    """Rows added, changed and removed, per file."""
    if not diffs:
        st.info(t("staff_no_changes", lang))
        return
    summary = pd.DataFrame(
        [
            {
                t("staff_file", lang): d.file,
                t("staff_added", lang): len(d.added),
                t("staff_changed", lang): len(d.changed),
                t("staff_removed", lang): len(d.removed),
                t("staff_note", lang): d.note,
            }
            for d in diffs
        ]
    )
    st.dataframe(summary, hide_index=True)
    for d in diffs:
        if d.empty or not (d.added or d.changed or d.removed):
            continue
        with st.expander(f"{d.file}: +{len(d.added)} ~{len(d.changed)} −{len(d.removed)}"):
            if d.added:
                st.markdown(f"**{t('staff_added', lang)}**")
                st.dataframe(_drop_geometry(d.added), hide_index=True)
            if d.changed:
                st.markdown(f"**{t('staff_changed', lang)}**")
                st.dataframe(_changed_rows(d), hide_index=True)
            if d.removed:
                st.markdown(f"**{t('staff_removed', lang)}**")
                st.dataframe(_drop_geometry(d.removed), hide_index=True)


def show_moves(old: Dataset, new: Dataset, diffs: list[FileDiff], lang: str) -> None:
    """The figures the public will see change: national headlines and district values."""
    moves = figure_moves(old, new, diffs, lang)
    st.subheader(t("staff_moves", lang))
    if not moves:
        st.caption(t("staff_no_moves", lang))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("staff_area", lang): [m.area for m in moves],
                t("metric", lang): [m.metric for m in moves],
                t("period", lang): [m.period for m in moves],
                t("staff_before", lang): [m.before for m in moves],
                t("staff_after", lang): [m.after for m in moves],
            }
        ),
        hide_index=True,
    )


def preview_map(dataset: Dataset, lang: str) -> None:
    """The public map as it will look with this data (running totals of one metric)."""
    labels = {m: m for m in VIEW_METRICS}
    metrics = dataset.metrics.set_index("metric")["label_az" if lang == "az" else "label_en"]
    labels |= {m: str(metrics[m]) for m in VIEW_METRICS if m in metrics}
    labels["returns"] = t("metric_returns", lang)
    metric = st.selectbox(t("metric", lang), VIEW_METRICS, format_func=labels.get, key="staff-preview-metric")
    selection = Selection(metric=metric)
    show_selection_map(dataset, map_data(dataset, selection, lang), selection, lang, height=460)


def review(store: Store, draft: Draft, user: str, lang: str) -> Draft | None:
    """Differences, moving figures, the map, and the publish button. Returns a new draft
    when the change was published (or carried over to a newer version)."""
    current = store.ensure(user)
    current_dir = store.version_dir(current)
    if current != draft.base:
        st.warning(t("staff_newer_version", lang, base=draft.base, current=current))
    draft_result = load_folder(draft.path)
    old = load_folder(current_dir).dataset
    diffs = diff_folders(current_dir, draft.path)
    st.subheader(t("staff_changes", lang))
    show_diffs(diffs, lang)
    if not draft_result.report.ok:
        st.error(t("staff_has_errors", lang, n=draft_result.report.error_count))
        show_findings(draft_result.report.errors, lang, total=draft_result.report.error_count)
        return None
    new = draft_result.dataset
    if old is not None and new is not None and diffs:
        show_moves(old, new, diffs, lang)
    if new is not None:
        st.subheader(t("staff_map_preview", lang))
        preview_map(new, lang)
    if not diffs:
        return None
    st.subheader(t("staff_publish", lang))
    reason = st.text_input(t("staff_reason", lang), max_chars=300, key="staff-reason")
    if st.button(t("staff_publish_button", lang), type="primary", key="staff-publish", disabled=not reason.strip()):
        try:
            version = store.publish(draft.path, user, reason, draft.base)
        except ConflictError as exc:
            st.session_state["_staff_conflict"] = exc.current
            st.error(t("staff_conflict", lang, base=exc.base, current=exc.current))
            return None
        except ValidationFailed as exc:
            st.error(md(str(exc)))
            show_findings(exc.report.errors, lang, total=exc.report.error_count)
            return None
        except StoreError as exc:
            st.error(md(str(exc)))
            return None
        st.session_state["_staff_flash"] = t("staff_published", lang, version=version.number)
        store.drafts.discard(draft)  # published: the draft is cleared, the next one starts here
        return store.drafts.open(user)
    return None


def history(store: Store, user: str, lang: str) -> bool:
    """Every version, a comparison of any two, and rolling back. True after a rollback."""
    versions = store.versions()
    current = store.current()
    st.dataframe(
        pd.DataFrame(
            {
                t("staff_version", lang): [v.number for v in versions],
                t("staff_when", lang): [v.when.replace("T", " ").replace("+00:00", " UTC") for v in versions],
                t("staff_who", lang): [v.who for v in versions],
                t("staff_reason_col", lang): [
                    v.reason + (f" ({t('staff_restores', lang, version=v.restored)})" if v.restored else "")
                    for v in versions
                ],
            }
        ),
        hide_index=True,
    )
    numbers = [v.number for v in versions]
    if len(numbers) >= 2:
        st.subheader(t("staff_compare", lang))
        a, b = st.columns(2)
        older = a.selectbox(t("staff_from", lang), numbers, index=1, key="staff-cmp-a")
        newer = b.selectbox(t("staff_to", lang), numbers, index=0, key="staff-cmp-b")
        diffs = diff_folders(store.version_dir(older), store.version_dir(newer))
        show_diffs(diffs, lang)
        old_ds, new_ds = (load_folder(store.version_dir(n)).dataset for n in (older, newer))
        if old_ds is not None and new_ds is not None and diffs:
            show_moves(old_ds, new_ds, diffs, lang)
        st.subheader(t("staff_rollback", lang))
        target = st.selectbox(t("staff_rollback_to", lang), [n for n in numbers if n != current], key="staff-rb")
        reason = st.text_input(t("staff_reason", lang), max_chars=300, key="staff-rb-reason")
        if st.button(t("staff_rollback_button", lang, version=target), key="staff-rb-go", disabled=not reason.strip()):
            try:
                version = store.rollback(int(target), user, reason, current)
            except StoreError as exc:
                st.error(md(str(exc)))
                return False
            st.session_state["_staff_flash"] = t("staff_rolled_back", lang, version=version.number, target=target)
            return True
    with st.expander(t("staff_audit", lang)):
        st.dataframe(pd.DataFrame(store.audit_entries(100)).astype(str), hide_index=True)
    return False
