"""What app.py hands to the page scripts on each rerun: data, language and selection."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset

_KEY = "_dashboard_view"


def set_view(dataset: Dataset, lang: str, selection: Selection) -> None:
    """Called by app.py after the sidebar is drawn."""
    st.session_state[_KEY] = (dataset, lang, selection)


def current_view() -> tuple[Dataset, str, Selection]:
    """Called by each page script."""
    return st.session_state[_KEY]
