"""Streamlit entry point: page setup, the shared sidebar, and navigation."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.i18n.messages import t
from dashboard.ui import style
from dashboard.ui.components.sidebar import filters, language
from dashboard.ui.context import set_view
from dashboard.ui.data_access import get_dataset

PAGES = Path("src/dashboard/ui/pages")

st.set_page_config(page_title="Karabakh demining", page_icon="🗺️", layout="wide")
style.apply()
lang = language()
dataset = get_dataset()
set_view(dataset, lang, filters(dataset, lang))
pages = [
    st.Page(PAGES / "map_page.py", title=t("page_map", lang), url_path="map", default=True),
    st.Page(PAGES / "trends_page.py", title=t("page_trends", lang), url_path="trends"),
    st.Page(PAGES / "sources_page.py", title=t("page_sources", lang), url_path="sources"),
]
st.navigation(pages, position="top").run()
