"""Sources and methods: every source, definitions, contradictions, downloads."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.exports.spreadsheet import csv_bytes
from dashboard.i18n.messages import t
from dashboard.ui.cached import all_figures_table, conflicts, data_package
from dashboard.ui.context import current_view
from dashboard.ui.text import md


def render(dataset: Dataset, lang: str, selection: Selection) -> None:
    """Draw the sources page."""
    del selection  # every source is listed whatever the filters
    st.title(t("page_sources", lang))
    st.write(t("sources_intro", lang))

    table = all_figures_table(dataset, lang)
    figures, everything = st.columns(2)
    figures.download_button(
        t("download_csv", lang),
        data=csv_bytes(table),
        file_name=f"karabakh-demining-figures-{dataset.version}.csv",
        mime="text/csv",
    )
    everything.download_button(
        t("download_all", lang),
        data=lambda: data_package(dataset),
        file_name=f"karabakh-demining-data-{dataset.version}.zip",
        mime="application/zip",
        help=t("download_all_help", lang),
        icon=":material/folder_zip:",
        on_click="ignore",
        key="download-all",
    )

    st.subheader(t("definitions", lang))
    for key in ("def_cleared", "def_reduced", "def_cancelled", "def_hectares", "def_ap", "def_at", "def_uxo"):
        st.markdown(f"- {t(key, lang)}")
    with st.expander(t("metric_definitions", lang)):
        for _, m in dataset.metrics.iterrows():
            st.markdown(f"**{md(m['label_az' if lang == 'az' else 'label_en'])}**: {md(m['definition'])}")

    st.subheader(t("contradictions", lang))
    table = conflicts(dataset, lang)
    st.write(t("contradictions_intro", lang))
    st.caption(t("contradictions_count", lang, n=table["group"].nunique()))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_order=(
            "group",
            "used",
            "value",
            "rule",
            "metric",
            "area",
            "period",
            "issued_by",
            "source_url",
            "source",
            "published",
            "flag",
        ),
        column_config={
            "group": st.column_config.NumberColumn(t("col_group", lang), width="small"),
            "metric": t("metric", lang),
            "area": t("district", lang),
            "period": t("period", lang),
            "value": t("figure", lang),
            "issued_by": t("issued_by", lang),
            "source": t("source", lang),
            "published": t("col_published", lang),
            "source_url": st.column_config.LinkColumn(t("col_source_link", lang), display_text=t("source", lang)),
            "flag": t("col_flag", lang),
            "used": t("col_used", lang),
            "rule": t("chosen_reason", lang),
        },
        key="contradictions",
    )

    st.subheader(t("all_sources", lang))
    src = dataset.sources[["publisher", "title", "published", "url"]]
    st.dataframe(
        src,
        hide_index=True,
        width="stretch",
        column_config={"url": st.column_config.LinkColumn("URL")},
    )
    st.caption(t("boundaries_note", lang))


render(*current_view())
