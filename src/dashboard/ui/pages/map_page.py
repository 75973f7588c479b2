"""The default page: metric cards, the district map with settlements, and its table."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from dashboard.analysis.cards import METRIC_CARDS
from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t
from dashboard.ui.cached import cards, map_data, map_tables, unit_figures
from dashboard.ui.components.cards import off_map_html, show_cards
from dashboard.ui.components.exports import export_buttons
from dashboard.ui.components.map_view import show_legend, show_selection_map
from dashboard.ui.components.sidebar import PLAN_CARD_KEY
from dashboard.ui.context import current_view


def render(dataset: Dataset, lang: str, selection: Selection) -> None:
    """Draw the map page."""
    title, download = st.columns([4, 1], vertical_alignment="top")
    title.title(t("app_title", lang))
    # A disclosure, not a popover: Streamlit's popover opens at the end of the page's
    # markup without taking the focus, so Tab never reached the downloads from its button.
    with download.expander(t("export", lang), icon=":material/download:", key="download-menu"):
        exported = selection
        if st.checkbox(t("export_with_projection", lang), key="export_with_projection"):
            exported = replace(selection, extras=(*selection.extras, "projection"))
        export_buttons(dataset, exported, lang)
    st.toggle(t("card_plan_toggle", lang), key=PLAN_CARD_KEY, help=t("card_plan_toggle_help", lang))
    data = map_data(dataset, selection, lang)
    # The cards in compact rows and the map right under them: the map's top is in the
    # first screen of a 1366x768 laptop, and a phone shows the map's own card, then
    # the map, then the other cards (page.css).
    with st.container(key="map-area"):
        show_cards(cards(dataset, selection, lang), lang, lead=METRIC_CARDS.get(selection.metric))
        map_col, side_col = st.columns([3, 1])
        with map_col:
            show_selection_map(dataset, data, selection, lang)
        with side_col:
            show_legend(dataset, data, selection, lang)
            st.html(off_map_html(unit_figures(dataset, selection, lang), lang))

    table, hidden_table = map_tables(dataset, selection, lang)
    with st.expander(t("table_title", lang), expanded=False):
        st.html(table)
    if data.hidden_rows:
        with st.expander(f"{t('not_mappable', lang)}: {len(data.hidden_rows)}"):
            st.html(hidden_table)
    st.caption(t("boundaries_note", lang))


render(*current_view())
