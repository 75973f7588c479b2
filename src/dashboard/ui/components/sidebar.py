"""The sidebar: language and filters, every value kept in the page URL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.analysis.selection import FOCUS_REGIONS, PACES, STATUSES, VIEW_METRICS, Period, Selection
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t
from dashboard.text import figures as text
from dashboard.ui.cached import district_options, estimate_options, metric_label, pace_options, years_with_figures
from dashboard.ui.components import filter_panel, url_state

_METRIC_FOR_PERIODS = {"returns": "families_returned", "victims": "victims"}
# The period option under which the "As of" date field appears.
AS_OF = "as_of"
FIRST_DAY = date(2020, 11, 10)  # the 2020 ceasefire: the earliest date a running total can be asked for
_REGION_AZ = {"Karabakh": "Qarabağ", "East Zangezur": "Şərqi Zəngəzur"}
# What the filters show when the URL says nothing; left out of the URL.
DEFAULTS: dict[str, Any] = {
    "region": list(FOCUS_REGIONS),
    "district": [],
    "metric": "area_cleared",
    "period": "cumulative",
    "as_of": None,
    "status": list(STATUSES),
}


LANGUAGES = {"en": "English", "az": "Azərbaycanca"}


def language(container: DeltaGenerator | None = None) -> str:
    """The language picker (in the sidebar unless another container is given); the
    choice is kept in the URL as ?lang=az."""
    url_state.seed("lang", tuple(LANGUAGES), "en")
    return (container or st.sidebar).radio(
        "Language / Dil",
        options=tuple(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        horizontal=True,
        key="lang",
    )


def language_switch(container: DeltaGenerator) -> str:
    """One button that switches to the other language (presentation mode's bar, where
    two radio options would take the title's room); returns the current language."""
    url_state.seed("lang", tuple(LANGUAGES), "en")
    lang = st.session_state["lang"]
    other = "az" if lang == "en" else "en"
    container.button(LANGUAGES[other], icon=":material/translate:", key="present_lang", on_click=_switch, args=(other,))
    return lang


def _switch(lang: str) -> None:
    st.session_state["lang"] = lang
    st.query_params["lang"] = lang


def region_label(region: str, lang: str) -> str:
    """Name of an economic region in a language."""
    return _REGION_AZ.get(region, region) if lang == "az" else region


def period_label(key: str, lang: str) -> str:
    """Label of a period option (a URL period key)."""
    if key == AS_OF:
        return t("period_choose_date", lang)
    return text.period_label(Period.parse(key), lang)


def _seed_period(options: list[str]) -> None:
    """Links made before the date option existed say ?period=cumulative&as_of=...
    (or only ?as_of=...): they open on the date option with that date."""
    old_link = st.query_params.get("as_of") and st.query_params.get("period", "cumulative") == "cumulative"
    if "period" not in st.session_state and old_link:
        st.session_state["period"] = AS_OF
    url_state.seed("period", options, DEFAULTS["period"])


def _options(codes: Sequence[str], label: Callable[[str], str]) -> list[list[str]]:
    return [[code, label(code)] for code in codes]


def filters(dataset: Dataset, lang: str) -> Selection:
    """Draw the filters and return what they select. Their values live in session
    state (seeded from the URL, changed by the filter panel) and go back to the URL."""
    state = st.session_state
    url_state.seed("region", FOCUS_REGIONS, DEFAULTS["region"], multi=True)
    regions = tuple(state["region"])
    names = district_options(dataset, regions or FOCUS_REGIONS, lang)
    url_state.seed("district", list(names), DEFAULTS["district"], multi=True)
    chosen = tuple(state["district"])
    url_state.seed("metric", VIEW_METRICS, DEFAULTS["metric"])
    metric = state["metric"]
    years = years_with_figures(dataset, _METRIC_FOR_PERIODS.get(metric, metric))
    periods = ["cumulative", AS_OF, *[str(y) for y in years]]
    _seed_period(periods)
    period_key = state["period"]
    url_state.seed_date("as_of", FIRST_DAY, date.today())
    picked = state["as_of"]
    as_of = picked if period_key == AS_OF and isinstance(picked, date) and FIRST_DAY <= picked <= date.today() else None
    period = Period(as_of=as_of) if period_key == AS_OF else Period.parse(period_key)
    url_state.seed("status", STATUSES, DEFAULTS["status"], multi=True)
    statuses = tuple(state["status"])
    values: dict[str, str | list[str] | None] = {
        "region": list(regions),
        "district": list(chosen),
        "metric": metric,
        "period": period_key,
        "as_of": as_of.isoformat() if as_of else None,
        "status": list(statuses),
    }
    filter_panel.draw(
        {
            "title": t("filters", lang),
            "region": {
                "label": t("region", lang),
                "help": t("region_help", lang) if not regions else None,
                "options": _options(FOCUS_REGIONS, lambda r: region_label(r, lang)),
                "value": list(regions),
            },
            "district": {
                "label": t("districts", lang),
                "help": t("districts_help", lang),
                "summary": t("districts_some_summary", lang, names=", ".join(names[c] for c in chosen))
                if chosen
                else t("districts_all_summary", lang),
                "options": _options(list(names), names.__getitem__),
                "value": list(chosen),
            },
            "metric": {
                "label": t("metric", lang),
                "options": _options(VIEW_METRICS, lambda m: metric_label(dataset, m, lang)),
                "value": metric,
            },
            "period": {
                "label": t("period", lang),
                "options": _options(periods, lambda k: period_label(k, lang)),
                "value": period_key,
            },
            "as_of": {
                "label": t("as_of", lang),
                "min": FIRST_DAY.isoformat(),
                "max": date.today().isoformat(),
                "value": as_of.isoformat() if as_of else None,
                "shown_for": AS_OF,
            },
            "status": {
                "label": t("status", lang),
                "options": _options(STATUSES, lambda s: t(f"status_{s}", lang)),
                "value": list(statuses),
            },
            "reset": {"label": t("reset_filters", lang), "value": DEFAULTS} if values != DEFAULTS else None,
        }
    )
    extras, pace, estimate, defaults = _page_choices(dataset, lang)
    page_values = {"cards": list(extras), "pace": pace, "estimate": estimate}
    url_state.write({"lang": lang, **values, **page_values}, {"lang": "en", **DEFAULTS, **defaults})
    return Selection(
        regions=regions or FOCUS_REGIONS,
        districts=chosen,
        metric=metric,
        period=period,
        statuses=statuses,
        extras=extras,
        pace=pace,
        estimate=estimate,
    )


# Session keys of choices made on the pages rather than in the filter panel: the map
# page's "Against the plan" card, and the projection's pace and estimate on Trends.
PLAN_CARD_KEY = "card_plan"
PACE_KEY = "pace"
ESTIMATE_KEY = "estimate"


def _page_choices(dataset: Dataset, lang: str) -> tuple[tuple[str, ...], str, str, dict[str, Any]]:
    """The page controls' values, seeded from the URL (?cards=plan&pace=...&estimate=...)
    and checked against their options: (extra cards, pace, estimate, URL defaults)."""
    state = st.session_state
    if PLAN_CARD_KEY not in state:
        state[PLAN_CARD_KEY] = "plan" in st.query_params.get_all("cards")
    extras = ("plan",) if state[PLAN_CARD_KEY] is True else ()
    paces = list(pace_options(dataset, lang)) or list(PACES)
    estimates = list(estimate_options(dataset, lang)) or [""]
    url_state.seed(PACE_KEY, paces, paces[0])
    url_state.seed(ESTIMATE_KEY, estimates, estimates[0])
    defaults = {"cards": [], "pace": paces[0], "estimate": estimates[0]}
    return extras, state[PACE_KEY], state[ESTIMATE_KEY], defaults
