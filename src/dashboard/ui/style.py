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
  @page { size: A4 portrait; margin: 10mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stExpander"], [data-testid="stDownloadButton"], [data-testid="stButton"],
  [data-testid="stDecoration"], .stDownloadButton { display: none !important; }
  [data-testid="stMain"] { margin: 0 !important; }
  [data-testid="stColumn"] [data-testid="stVerticalBlock"] { padding: 0.45rem !important; gap: 0.3rem; }
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) { zoom: 0.85; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  [data-testid="stMain"] h1 { font-size: 1.5rem; padding: 0 0 0.4rem 0; }
  [data-testid="stMetricValue"] > div { font-size: 1.3rem; }
  [data-testid="stCaptionContainer"] p { font-size: 0.72rem; line-height: 1.3; }
  [data-testid="stVerticalBlock"] { gap: 0.5rem; }
  iframe { break-inside: avoid; }
}
</style>
"""


# Presentation mode: no sidebar or toolbar, type readable from the back of a room.
_PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"],
[data-testid="stExpandSidebarButton"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; max-width: 100%; }
[data-testid="stMain"] h1 { font-size: 3.2rem; line-height: 1.15; }
.st-key-present-caption p { font-size: 1.7rem; line-height: 1.35; }
[data-testid="stMetricLabel"] p { font-size: 1.35rem !important; }
[data-testid="stMetricValue"] > div { font-size: 3rem; }
[data-testid="stCaptionContainer"] p, [data-testid="stCaptionContainer"] { font-size: 1.05rem; }
.map-legend { font-size: 1.2rem; }
[data-testid="stMain"] button p { font-size: 1.2rem; }
</style>
"""


def apply_presentation() -> None:
    """Add presentation mode's CSS to the page."""
    st.html(_PRESENT_CSS)


def apply() -> None:
    """Add the dashboard's CSS to the page."""
    st.html(_CSS)
