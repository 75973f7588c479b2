"""Claim check: figures quoted in public, each with its verdict against the record and
the record's figures it was compared with, each one click from its source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.analysis.claims import VERDICTS
from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.exports.spreadsheet import csv_bytes
from dashboard.i18n.messages import t
from dashboard.ui.cached import claims_export, claims_table, compared_table
from dashboard.ui.context import current_view

_LINK = st.column_config.LinkColumn


def _filter(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The viewer's filters: verdicts, where it was said, the seed articles only."""
    verdict_col, source_col, seed_col = st.columns([2, 3, 1.4], vertical_alignment="bottom")
    verdicts = verdict_col.multiselect(
        t("claims_filter_verdict", lang),
        VERDICTS,
        format_func=lambda v: t("verdict_earlier_any" if v == "earlier" else f"verdict_{v}", lang),
        placeholder=t("claims_all", lang),
        key="claims-verdicts",
    )
    said_in = dict(zip(table["source_id"], table["said_in"], strict=True))
    sources = source_col.multiselect(
        t("claims_filter_source", lang),
        list(said_in),
        format_func=said_in.__getitem__,
        placeholder=t("claims_all", lang),
        key="claims-sources",
    )
    seed_only = seed_col.checkbox(t("claims_seed_only", lang), key="claims-seed")
    keep = pd.Series(True, index=table.index)
    if verdicts:
        keep &= table["verdict"].isin(verdicts)
    if sources:
        keep &= table["source_id"].isin(sources)
    if seed_only:
        keep &= table["seed"].ne("")
    return table[keep]


def render(dataset: Dataset, lang: str, selection: Selection) -> None:
    """Draw the claim check page."""
    del selection  # claims are national statements, listed whatever the map filters
    st.title(t("page_claims", lang))
    st.write(t("claims_intro", lang))
    st.caption(t("claims_rules", lang))
    table = claims_table(dataset, lang)
    if table.empty:
        st.info(t("claims_none", lang))
        return
    st.caption(t("claims_seed_note", lang))
    shown = _filter(table, lang)
    st.caption(t("claims_shown", lang, n=len(shown), total=len(table)))
    st.download_button(
        t("claims_download", lang),
        data=csv_bytes(claims_export(dataset, lang)),
        file_name=f"karabakh-demining-claims-{dataset.version}.csv",
        mime="text/csv",
        icon=":material/table:",
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_order=(
            "seed",
            "said_in_url",
            "claim",
            "as_stated",
            "verdict_text",
            "detail",
            "said_by",
            "said_in",
            "date",
        ),
        column_config={
            "seed": st.column_config.TextColumn(t("col_seed", lang), width="small"),
            "claim": st.column_config.TextColumn(t("col_claim", lang), width="medium"),
            "as_stated": t("col_as_stated", lang),
            "verdict_text": t("col_verdict", lang),
            "detail": st.column_config.TextColumn(t("col_detail", lang), width="large"),
            "said_by": t("col_said_by", lang),
            "said_in": t("col_said_in", lang),
            "date": t("col_date", lang),
            "said_in_url": _LINK(t("col_said_in_link", lang), display_text=t("source", lang)),
        },
        key="claims-table",
    )

    st.subheader(t("claims_compared_title", lang))
    compared = compared_table(dataset, lang)
    compared = compared[compared["claim_id"].isin(shown["claim_id"])]
    claim_text = dict(zip(table["claim_id"], table["claim"], strict=True))
    st.dataframe(
        compared.assign(claim=compared["claim_id"].map(claim_text)),
        hide_index=True,
        width="stretch",
        column_order=("claim", "source_url", "role", "record_figure", "period", "issued_by", "flag", "agrees"),
        column_config={
            "claim": t("col_claim", lang),
            "role": t("col_role", lang),
            "record_figure": t("col_record_figure", lang),
            "period": t("period", lang),
            "issued_by": t("issued_by", lang),
            "flag": t("col_flag", lang),
            "agrees": t("col_agrees", lang),
            "source_url": _LINK(t("col_source_link", lang), display_text=t("source", lang)),
        },
        key="claims-compared",
    )


render(*current_view())
