"""Streamlit entry point: page setup, the shared sidebar, and navigation.

With ``?present=1`` in the URL the app runs in presentation mode instead: no sidebar,
one prepared view per screen (see src/dashboard/ui/pages/present_page.py).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.analysis.selection import Selection
from dashboard.i18n.messages import t
from dashboard.ui import style
from dashboard.ui.components.presenter import presentation_requested, start_button
from dashboard.ui.components.sidebar import filters, language
from dashboard.ui.context import set_view
from dashboard.ui.data_access import get_dataset

PAGES = Path("src/dashboard/ui/pages")

st.set_page_config(page_title="Karabakh demining", page_icon="🗺️", layout="wide")
style.apply()
if presentation_requested():
    style.apply_presentation()
    dataset = get_dataset()
    set_view(dataset, st.session_state.get("lang", "en"), Selection())
    present = st.Page(PAGES / "present_page.py", title=t("present_start", "en"), url_path="present", default=True)
    st.navigation([present], position="hidden").run()
else:
    lang = language()
    dataset = get_dataset()
    set_view(dataset, lang, filters(dataset, lang))
    start_button(lang)
    pages = [
        st.Page(PAGES / "map_page.py", title=t("page_map", lang), url_path="map", default=True),
        st.Page(PAGES / "trends_page.py", title=t("page_trends", lang), url_path="trends"),
        st.Page(PAGES / "claims_page.py", title=t("page_claims", lang), url_path="claims"),
        st.Page(PAGES / "sources_page.py", title=t("page_sources", lang), url_path="sources"),
        st.Page(PAGES / "staff_page.py", title=t("page_staff", lang), url_path="staff"),
    ]
    st.navigation(pages, position="top").run()
