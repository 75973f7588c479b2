"""The sidebar: language and filters, every value kept in the page URL."""

from __future__ import annotations

from datetime import date

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.analysis import view
from dashboard.analysis.selection import FOCUS_REGIONS, STATUSES, VIEW_METRICS, Period, Selection
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t
from dashboard.ui.cached import district_options, metric_label, years_with_figures
from dashboard.ui.components import url_state

_METRIC_FOR_PERIODS = {"returns": "families_returned", "victims": "victims"}
# The period option under which the "As of" date picker appears. The picker is only
# drawn when asked for: it is the heaviest widget of the page (about a quarter of a
# second of every page open when it was always shown).
AS_OF = "as_of"
_REGION_AZ = {"Karabakh": "Qarabağ", "East Zangezur": "Şərqi Zəngəzur"}


def language(container: DeltaGenerator | None = None) -> str:
    """The language picker (in the sidebar unless another container is given); the
    choice is kept in the URL as ?lang=az."""
    url_state.seed("lang", ("en", "az"), "en")
    return (container or st.sidebar).radio(
        "Language / Dil",
        options=("en", "az"),
        format_func=lambda code: {"en": "English", "az": "Azərbaycanca"}[code],
        horizontal=True,
        key="lang",
    )


def region_label(region: str, lang: str) -> str:
    """Name of an economic region in a language."""
    return _REGION_AZ.get(region, region) if lang == "az" else region


def period_label(key: str, lang: str) -> str:
    """Label of a period option (a URL period key)."""
    if key == AS_OF:
        return t("period_choose_date", lang)
    return view.period_label(Period.parse(key), lang)


def _seed_period(options: list[str]) -> None:
    """Links made before the date option existed say ?period=cumulative&as_of=...
    (or only ?as_of=...): they open on the date option with that date."""
    old_link = st.query_params.get("as_of") and st.query_params.get("period", "cumulative") == "cumulative"
    if "period" not in st.session_state and old_link:
        st.session_state["period"] = AS_OF
    url_state.seed("period", options, "cumulative")


def filters(dataset: Dataset, lang: str) -> Selection:
    """Draw the filters and return what they select."""
    side = st.sidebar
    side.header(t("filters", lang))
    url_state.seed("region", FOCUS_REGIONS, list(FOCUS_REGIONS), multi=True)
    regions = side.multiselect(
        t("region", lang),
        options=list(FOCUS_REGIONS),
        format_func=lambda r: region_label(r, lang),
        key="region",
    )
    names = district_options(dataset, tuple(regions or FOCUS_REGIONS), lang)
    url_state.seed("district", list(names), [], multi=True)
    chosen = side.multiselect(
        t("districts", lang),
        options=list(names),
        format_func=lambda c: names.get(c, c),
        help=t("districts_help", lang),
        placeholder=t("all_districts", lang),
        key="district",
    )
    url_state.seed("metric", VIEW_METRICS, "area_cleared")
    metric = side.selectbox(
        t("metric", lang),
        options=list(VIEW_METRICS),
        format_func=lambda m: metric_label(dataset, m, lang),
        key="metric",
    )
    years = years_with_figures(dataset, _METRIC_FOR_PERIODS.get(metric, metric))
    options = ["cumulative", AS_OF, *[str(y) for y in years]]
    _seed_period(options)
    period_key = side.selectbox(
        t("period", lang),
        options=options,
        format_func=lambda k: period_label(k, lang),
        key="period",
    )
    period = Period.parse(period_key)
    as_of = None
    if period_key == AS_OF:
        url_state.seed_date("as_of", date(2020, 11, 10), date.today())
        as_of = side.date_input(
            t("as_of", lang),
            min_value=date(2020, 11, 10),
            max_value=date.today(),
            format="YYYY-MM-DD",
            key="as_of",
        )
        period = Period(as_of=as_of) if isinstance(as_of, date) else Period()
    url_state.seed("status", STATUSES, list(STATUSES), multi=True)
    statuses = side.multiselect(
        t("status", lang),
        options=list(STATUSES),
        format_func=lambda s: t(f"status_{s}", lang),
        key="status",
    )
    url_state.write(
        {
            "lang": lang,
            "region": list(regions),
            "district": list(chosen),
            "metric": metric,
            "period": period_key,
            "as_of": as_of.isoformat() if isinstance(as_of, date) else None,
            "status": list(statuses),
        },
        {
            "lang": "en",
            "region": list(FOCUS_REGIONS),
            "metric": "area_cleared",
            "period": "cumulative",
            "status": list(STATUSES),
        },
    )
    return Selection(
        regions=tuple(regions or FOCUS_REGIONS),
        districts=tuple(c for c in chosen if c in names),
        metric=metric or "area_cleared",
        period=period,
        statuses=tuple(statuses),
    )
