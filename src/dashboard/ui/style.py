"""Page-wide CSS: readable metric cards and a clean printout."""

from __future__ import annotations

import streamlit as st

_CSS = """
<style>
[data-testid="stMetricValue"] > div { font-size: 1.65rem; line-height: 1.2; }
[data-testid="stMetricValue"] *, [data-testid="stMetricDelta"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stExpander"], .stDownloadButton { display: none !important; }
  [data-testid="stMain"] { margin: 0 !important; }
}
</style>
"""


def apply() -> None:
    """Add the dashboard's CSS to the page."""
    st.html(_CSS)
