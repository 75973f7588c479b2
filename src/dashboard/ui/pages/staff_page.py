"""The staff area: sign in, change a draft, review it, publish it, and the history.

Public viewers see only the sign-in form here. Everything below it goes through
dashboard.staff (the store, drafts, uploads, diffs); this page reads no files itself.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t
from dashboard.staff.drafts import rebase
from dashboard.staff.store import KEEP_DAYS, Draft, Store, StoreError
from dashboard.ui.components.staff_auth import sign_out, staff_user
from dashboard.ui.components.staff_edit import table_editor, uploader
from dashboard.ui.components.staff_review import history, review
from dashboard.ui.context import current_view
from dashboard.ui.data_access import data_store, load_folder
from dashboard.ui.text import md

DRAFT_KEY = "_staff_draft"


def current_draft(store: Store, user: str, lang: str) -> Draft:
    """The draft this session works on; else the staff member's own from an earlier
    sign-in (its use recorded); else a new one on the published version, with a note
    when their earlier draft was removed unused."""
    draft = st.session_state.get(DRAFT_KEY)
    if isinstance(draft, Draft) and draft.path.is_dir():
        return draft
    store.ensure(user)
    draft = store.drafts.open(user)
    if (gone := store.drafts.take_expired(draft.owner)) is not None:
        used = datetime.fromtimestamp(gone.used, UTC).date().isoformat()
        st.session_state["_staff_notice"] = t(
            "staff_draft_expired", lang, base=gone.base, used=used, days=KEEP_DAYS, version=draft.base
        )
    st.session_state[DRAFT_KEY] = draft
    return draft


def _use(draft: Draft) -> None:
    st.session_state[DRAFT_KEY] = draft
    st.session_state["_staff_rev"] = st.session_state.get("_staff_rev", 0) + 1
    st.session_state.pop("_staff_upload", None)


def _save(store: Store, draft: Draft, lang: str) -> None:
    """Keep a change of the draft in the store (on PostgreSQL: written through)."""
    try:
        store.drafts.save(draft)
    except StoreError as exc:
        st.session_state["_staff_save_error"] = t("staff_save_failed", lang, error=md(str(exc)))


def _start_again(store: Store, draft: Draft, user: str) -> None:
    """Clear the draft (after a restore, or when thrown away) and open a new one."""
    store.drafts.discard(draft)
    _use(store.drafts.open(user))


def render(dataset: Dataset, lang: str, selection: Selection) -> None:
    """Draw the staff page."""
    del dataset, selection
    st.title(t("staff_title", lang))
    store = data_store()
    user = staff_user(store, lang)
    if user is None:
        return
    try:
        draft = current_draft(store, user, lang)
    except StoreError as exc:
        st.error(md(str(exc)))
        return
    top, out = st.columns([4, 1])
    top.markdown(t("staff_signed_in", lang, name=md(user), version=draft.base))
    with out:
        sign_out(store, user, lang)
    if notice := st.session_state.pop("_staff_notice", None):
        st.warning(notice)
    if failed := st.session_state.pop("_staff_save_error", None):
        st.error(failed)
    if flash := st.session_state.pop("_staff_flash", None):
        st.success(flash)

    current = store.current()
    if current is not None and current != draft.base:
        st.warning(t("staff_newer_version", lang, base=draft.base, current=current))
        if st.button(t("staff_rebase", lang), key="staff-rebase"):
            try:
                new, conflicts = rebase(store, draft)
            except StoreError as exc:
                st.error(md(str(exc)))
                return
            _use(new)
            st.session_state["_staff_flash"] = t("staff_rebased", lang, version=new.base) + "".join(
                f"\n- {md(c)}" for c in conflicts
            )
            st.rerun()

    report = load_folder(draft.path).report
    # One section at a time (not st.tabs): only the chosen one is computed, and the
    # preview map is drawn while visible (Leaflet cannot size itself in a hidden tab).
    sections = ("edit", "upload", "review", "history")
    section = st.radio(
        t("staff_section", lang),
        sections,
        format_func=lambda s: t(f"staff_tab_{s}", lang),
        horizontal=True,
        key="staff-section",
        label_visibility="collapsed",
    )
    st.divider()
    if section == "edit" and table_editor(store, draft, report, lang):
        _save(store, draft, lang)
        st.rerun()
    if section == "upload" and uploader(draft, lang):
        _save(store, draft, lang)
        st.session_state["_staff_rev"] = st.session_state.get("_staff_rev", 0) + 1
        st.rerun()
    if section == "review" and (new := review(store, draft, user, lang)) is not None:
        _use(new)
        st.rerun()
    if section == "history":
        if history(store, user, lang):  # a version was restored: the draft is cleared
            _start_again(store, draft, user)
            st.rerun()
        if st.button(t("staff_discard", lang), key="staff-discard"):
            _start_again(store, draft, user)
            st.rerun()


render(*current_view())
