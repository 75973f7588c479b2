"""Presentation mode: one prepared view per screen, in large type, for a meeting room.

The step fills the screen without scrolling at any common projector size
(1280×720 to 1920×1080): a bar with the title and the controls, the caption, the
step's cards, and the map with its legend taking the rest of the height
(``ui/present.css``). Each card names its date and issuing body and opens its source.
"""

from __future__ import annotations

import streamlit as st

from dashboard.analysis.presentation import PreparedView, prepared_views
from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t
from dashboard.maps.build import esc
from dashboard.ui.cached import headline_cards, map_data
from dashboard.ui.components.cards import show_cards
from dashboard.ui.components.exports import export_buttons
from dashboard.ui.components.map_view import show_legend, show_selection_map
from dashboard.ui.components.presenter import current_step, exit_button, step_controls
from dashboard.ui.components.projection import show_projection
from dashboard.ui.components.sidebar import language_switch
from dashboard.ui.context import current_view
from dashboard.ui.text import md


def render(dataset: Dataset) -> None:
    """Draw the current step of the presentation."""
    views = prepared_views(dataset)
    index = current_step(views)
    view: PreparedView | None = views[index] if views else None
    selection = view.selection if view else Selection()
    top = st.container(key="present-top", horizontal=True, vertical_alignment="center", gap="medium")
    title = top.empty()
    bar = top.container(key="present-controls", horizontal=True, vertical_alignment="center", width="content")
    lang = language_switch(bar)
    step_controls(views, index, lang, bar)
    slide = {"title": view.title(lang), "caption": view.caption(lang), "card_keys": view.card_keys} if view else {}
    export_buttons(dataset, selection, lang, kinds=("png",), slide=slide, container=bar, short=True)
    exit_button(lang, bar)
    title.title(md(view.title(lang) if view else t("app_title", lang)), anchor=False)
    if view is None:
        st.info(t("present_none", lang))
    else:
        st.container(key="present-caption").markdown(md(view.caption(lang)))
    items = headline_cards(dataset, selection, view.card_keys if view else ("area", "ap", "at", "uxo"), lang)
    show_cards([c for c in items if c.key != "projection"], lang, large=True)
    if "projection" in selection.extras:  # a step about the projection: its chart and words instead of the map
        with st.container(key="present-projection"):
            show_projection(dataset, selection, lang, controls=False, large=True)
        return
    data = map_data(dataset, selection, lang)
    with st.container(key="present-map", horizontal=True, gap="medium"):
        with st.container(key="present-map-box"):
            show_selection_map(dataset, data, selection, lang, fill=True)
        with st.container(key="present-legend", width="content"):
            show_legend(dataset, data, selection, lang)
            st.html(f"<p class='legend-note'>{esc(t('export_boundaries_short', lang))}</p>")


render(current_view()[0])
