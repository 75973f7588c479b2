"""Trends: running totals (with the State Programme's target), plans against results,
annual bars, the projection with its assumptions, casualties and the timeline of returns."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis.selection import Selection
from dashboard.charts.plans import plan_bars, running_total_with_target
from dashboard.charts.trends import annual_bars, cumulative_chart, returns_timeline
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t
from dashboard.ui.cached import (
    annual_rows,
    cumulative_points,
    metric_label,
    plan_rows,
    returns_rows,
    target_text,
    years_without_plan,
)
from dashboard.ui.components.projection import show_projection
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
    target = target_text(dataset, lang)
    with left:
        pts = cumulative_points(dataset, ("area_cleared",), lang)
        st.altair_chart(running_total_with_target(pts, label("area_cleared"), words, target, lang), width="stretch")
        if target is not None:
            st.caption(target.text)
    with right:
        pts = cumulative_points(dataset, ("ap_mines", "at_mines", "uxo"), lang)
        st.altair_chart(cumulative_chart(pts, label("devices"), words, lang=lang), width="stretch")

    st.subheader(t("trend_annual", lang))
    st.caption(t("trend_flag_bars", lang))
    plans, uxo = st.columns(2)
    with plans:
        _plans_against_results(dataset, lang, words)
    rows = annual_rows(dataset, "uxo", lang)
    if not rows.empty:
        uxo.markdown(f"**{label('uxo')}**")
        uxo.altair_chart(annual_bars(rows, label("uxo"), words, lang=lang), width="stretch")

    st.subheader(t("proj_title", lang))
    show_projection(dataset, selection, lang)

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


def _plans_against_results(dataset: Dataset, lang: str, words: dict[str, str]) -> None:
    """Each year's planned hectares (outlined) beside the hectares cleared (solid)."""
    st.markdown(f"**{t('plans_title', lang)}**")
    rows = plan_rows(dataset, lang)
    if rows.empty:
        st.info(t("no_data", lang))
        return
    kinds = (t("plans_kind_plan", lang), t("plans_kind_result", lang))
    labels = words | {"year": t("plans_year", lang), "vs_plan": t("plans_vs_plan", lang)}
    st.altair_chart(plan_bars(rows, metric_label(dataset, "area_cleared", lang), kinds, labels, lang), width="stretch")
    caption = t("plans_caption", lang)
    missing = years_without_plan(dataset)
    if missing:
        caption += " " + t("plans_no_plan", lang, years=", ".join(map(str, missing)))
    st.caption(caption)


render(*current_view())
