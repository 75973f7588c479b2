"""Trends: running totals, annual bars, casualties and the timeline of returns."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis.selection import Selection
from dashboard.charts.trends import annual_bars, cumulative_chart, returns_timeline
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t
from dashboard.ui.cached import annual_rows, cumulative_points, metric_label, returns_rows
from dashboard.ui.context import current_view


def render(dataset: Dataset, lang: str, selection: Selection) -> None:
    """Draw the trends page."""
    st.title(t("page_trends", lang))
    words = {k: t(k, lang) for k in ("source", "issued_by", "settlement", "first_return")}
    words |= {"date": t("as_of", lang), "note": ""}
    label = lambda m: metric_label(dataset, m, lang)  # noqa: E731

    st.subheader(t("trend_cumulative", lang))
    st.caption(t("trend_flag_note", lang))
    left, right = st.columns(2)
    with left:
        pts = cumulative_points(dataset, ("area_cleared",), lang)
        st.altair_chart(cumulative_chart(pts, label("area_cleared"), words, lang=lang), width="stretch")
    with right:
        pts = cumulative_points(dataset, ("ap_mines", "at_mines", "uxo"), lang)
        st.altair_chart(cumulative_chart(pts, label("devices"), words, lang=lang), width="stretch")

    st.subheader(t("trend_annual", lang))
    st.caption(t("trend_flag_bars", lang))
    cols = st.columns(2)
    for col, metric in zip(cols, ("area_cleared", "uxo"), strict=True):
        rows = annual_rows(dataset, metric, lang)
        if not rows.empty:
            col.altair_chart(annual_bars(rows, label(metric), words, lang=lang), width="stretch")

    st.subheader(t("trend_annual_districts", lang))
    rows = annual_rows(dataset, "area_cleared", lang, True)
    if not rows.empty:
        focus = set(dataset.districts.loc[dataset.districts["economic_region"].isin(selection.regions), "code"])
        if selection.districts:
            focus &= set(selection.districts)
        rows = rows[rows["area"].isin(focus)]
        st.altair_chart(annual_bars(rows, label("area_cleared"), words, t("district", lang), lang), width="stretch")

    st.subheader(t("trend_casualties", lang))
    pts = cumulative_points(dataset, ("victims", "killed", "injured"), lang)
    st.altair_chart(cumulative_chart(pts, t("people", lang), words, lang=lang), width="stretch")

    st.subheader(t("trend_returns", lang))
    st.altair_chart(returns_timeline(returns_rows(dataset, lang), words), width="stretch")
    pts = cumulative_points(dataset, ("families_returned", "people_returned"), lang)
    if not pts.empty:
        st.altair_chart(cumulative_chart(pts, t("families", lang), words, lang=lang), width="stretch")


render(*current_view())
