"""Presentation mode: one prepared view per screen, in large type, for a meeting room."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis.presentation import PreparedView, prepared_views
from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t
from dashboard.text.cards import Card
from dashboard.ui.cached import headline_cards, map_data
from dashboard.ui.components.cards import show_cards
from dashboard.ui.components.exports import export_buttons
from dashboard.ui.components.map_view import show_legend, show_selection_map
from dashboard.ui.components.presenter import current_step, step_controls
from dashboard.ui.components.projection import show_projection
from dashboard.ui.components.sidebar import language
from dashboard.ui.context import current_view
from dashboard.ui.text import md


def _sources_line(items: list[Card], lang: str) -> str:
    sources = list(dict.fromkeys(s for c in items for s in c.source.split("; ") if s))
    return f"{t('present_sources', lang)}: " + "; ".join(sources) if sources else ""


def render(dataset: Dataset) -> None:
    """Draw the current step of the presentation."""
    views = prepared_views(dataset)
    head, controls = st.columns([3, 2], vertical_alignment="center")
    index = current_step(views)
    view: PreparedView | None = views[index] if views else None
    selection = view.selection if view else Selection()
    with controls:
        lang = language(st.container(horizontal_alignment="right"))
        bar = step_controls(views, index, lang)
        slide = {"title": view.title(lang), "caption": view.caption(lang), "card_keys": view.card_keys} if view else {}
        export_buttons(dataset, selection, lang, kinds=("png",), slide=slide, container=bar, short=True)
    if view is None:
        st.info(t("present_none", lang))
    with head:
        st.title(md(view.title(lang) if view else t("app_title", lang)), anchor=False)
    if view:
        st.container(key="present-caption").markdown(md(view.caption(lang)))
    items = headline_cards(dataset, selection, view.card_keys if view else ("area", "ap", "at", "uxo"), lang)
    show_cards([c for c in items if c.key != "projection"], lang, large=True)
    if "projection" in selection.extras:  # a step about the projection: its chart and words instead of the map
        show_projection(dataset, selection, lang, controls=False, large=True)
    else:
        data = map_data(dataset, selection, lang)
        map_col, legend_col = st.columns([4, 1])
        with map_col:
            show_selection_map(dataset, data, selection, lang, height=620)
        with legend_col:
            show_legend(dataset, data, selection, lang)
    st.caption(md(_sources_line(items, lang)))
    st.caption(t("boundaries_note", lang))


render(current_view()[0])
