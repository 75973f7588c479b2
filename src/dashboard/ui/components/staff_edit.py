"""Changing a draft: rows in an editable table, or an uploaded file.

Validation messages are shown in a column beside the rows they concern, and listed
under the table with their line numbers.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable
from pathlib import PurePath

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.data.progress import watched
from dashboard.data.report import Finding, Report
from dashboard.i18n.messages import t
from dashboard.i18n.messages_findings import finding_message
from dashboard.staff.diff import TABLES
from dashboard.staff.drafts import finding_text, findings_by_line, reset_file, table_rows, write_table
from dashboard.staff.store import Draft, Store
from dashboard.staff.uploads import ACCEPTED, MAX_UPLOAD_BYTES, UploadResult, stage_upload
from dashboard.ui.text import md

PROBLEMS = "⚠"
LINE = "#"
MAX_SHOWN = 40
TABLE_ORDER = (
    "figures/clearance.csv",
    "figures/casualties.csv",
    "figures/returns.csv",
    "figures/context.csv",
    "sources.csv",
    "settlements.csv",
    "units.csv",
    "metrics.csv",
    "presentation.csv",
)


def show_findings(
    findings: list[Finding], lang: str, result: UploadResult | None = None, total: int | None = None
) -> None:
    """Findings as a list: errors in red, warnings in yellow, each with its place (the
    first 40; one broken table can make hundreds of rows elsewhere point at nothing).
    ``total`` is how many there are when the report kept only some of them."""
    total = max(total or 0, len(findings))
    if total > MAX_SHOWN:
        st.caption(t("staff_more_findings", lang, shown=min(MAX_SHOWN, len(findings)), total=total))
    for f in findings[:MAX_SHOWN]:
        where = f.where()
        if result is not None and (line := result.upload_line(f)) is not None:
            where += " " + t("staff_upload_line", lang, name=result.name, line=line)
        message = finding_message(f.code, f.args, f.message, lang)
        text = f"**{md(where)}**: {md(message)}"
        (st.error if f.severity == "error" else st.warning)(text)


def _with_problems(rows: list[dict[str, str]], columns: list[str], by_line: dict[int, list[Finding]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns, dtype=str).fillna("")
    notes = ["\n".join(finding_text(f) for f in by_line.get(i + 2, [])) for i in range(len(frame))]
    frame.insert(0, PROBLEMS, notes)
    return frame


def table_editor(store: Store, draft: Draft, report: Report, lang: str) -> bool:
    """The editable table of one file of the draft; True when the draft changed."""
    names = [n for n in TABLE_ORDER if n in TABLES and (n != "presentation.csv" or (draft.path / n).exists())]
    rel = st.selectbox(
        t("staff_table", lang),
        names,
        format_func=lambda n: f"{n} – {t('staff_table_' + PurePath(n).stem, lang)}",
        key="staff-table",
    )
    columns, rows = table_rows(draft.path, rel)
    by_line = findings_by_line(report, rel)
    frame = _with_problems(rows, columns, by_line)
    st.caption(t("staff_editor_help", lang))
    rev = st.session_state.get("_staff_rev", 0)
    edited = st.data_editor(
        frame,
        num_rows="dynamic",
        hide_index=True,
        disabled=[PROBLEMS],
        column_config={PROBLEMS: st.column_config.TextColumn(PROBLEMS, width="medium", help=t("staff_problems", lang))},
        key=f"staff-editor-{rel}-{rev}",
    )
    others = [f for f in report.for_file(rel) if f.line is None]
    show_findings(others + [f for line in sorted(by_line) for f in by_line[line]], lang)
    save, reset = st.columns(2)
    if save.button(t("staff_save_table", lang), type="primary", key="staff-save"):
        records = edited.drop(columns=[PROBLEMS]).to_dict("records")
        write_table(draft.path, rel, columns, records)
        st.session_state["_staff_rev"] = rev + 1
        return True
    if reset.button(t("staff_reset_table", lang), key="staff-reset"):
        reset_file(store, draft, rel)
        st.session_state["_staff_rev"] = rev + 1
        return True
    return False


def _uploaded_rows(data: bytes, result: UploadResult) -> pd.DataFrame | None:
    """The rows of a rejected CSV upload that have messages, with the messages beside
    them (by the upload's own line numbers; only those rows, so a file of 200,000 bad
    rows does not become a table of 200,000 rows in the browser)."""
    notes: dict[int, list[str]] = {}
    for f in result.report.findings:
        line = result.upload_line(f) if result.appended else f.line
        if line is not None:
            notes.setdefault(line, []).append(finding_text(f))
    if not notes:
        return None
    last = max(notes)
    rows = []
    try:
        for index, row in enumerate(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))):
            if index + 2 > last:
                break
            if index + 2 in notes:
                cells = {k: v for k, v in row.items() if isinstance(k, str)}  # extra values have no column
                rows.append({PROBLEMS: "\n".join(notes[index + 2]), LINE: str(index + 2), **cells})
    except (UnicodeDecodeError, csv.Error):
        return None
    if not rows:
        return None
    return pd.DataFrame(rows, dtype=str).fillna("")


def _progress(status: DeltaGenerator, text: str) -> Callable[[], None]:
    """The checkpoint hook of an upload's check (see dashboard.data.progress): a few times
    a second it stops the check when the staff member's page is gone, and otherwise
    shows that the check is running. Showing it sends a message to the browser, which is
    where Streamlit ends a run when the staff member has started another one."""
    ctx = get_script_run_ctx()
    runtime = Runtime.instance() if Runtime.exists() else None
    last = [0.0]

    def hook() -> None:
        now = time.monotonic()
        if now - last[0] < 0.25:
            return
        last[0] = now
        if ctx is not None and runtime is not None and not runtime.is_active_session(ctx.session_id):
            st.stop()  # the browser has gone: nobody will read the result
        status.caption(text)

    return hook


def uploader(draft: Draft, lang: str) -> bool:
    """Upload a CSV table or district boundaries into the draft; True when it changed."""
    st.caption(t("staff_upload_help", lang, limit=MAX_UPLOAD_BYTES // 1_048_576))
    file = st.file_uploader(
        t("staff_upload", lang),
        type=list(ACCEPTED),
        key=f"staff-upload-{st.session_state.get('_staff_rev', 0)}",
        max_upload_size=MAX_UPLOAD_BYTES // 1_048_576,
    )
    mode = st.radio(
        t("staff_upload_mode", lang),
        ("append", "replace"),
        format_func=lambda m: t(f"staff_upload_{m}", lang),
        horizontal=True,
        key="staff-upload-mode",
    )
    if file is not None and st.button(t("staff_upload_check", lang), type="primary", key="staff-upload-go"):
        data = file.getvalue()
        status = st.empty()
        with watched(_progress(status, t("staff_checking", lang, name=md(file.name)))):
            result = stage_upload(draft.path, file.name, data, mode)
        status.empty()
        st.session_state["_staff_upload"] = (result, data)
        if result.ok:
            return True  # the page reruns on the changed draft and shows the message
    last = st.session_state.get("_staff_upload")
    if last is not None:
        result, data = last
        if result.ok:
            st.success(t("staff_upload_ok", lang, name=md(result.name), files=md(", ".join(result.files))))
        else:
            st.error(t("staff_upload_rejected", lang, name=md(result.name)))
            if result.name.lower().endswith(".csv") and (frame := _uploaded_rows(data, result)) is not None:
                st.dataframe(frame, hide_index=True)
        report = result.report
        show_findings(report.findings, lang, result, report.error_count + report.warning_count)
    return False
