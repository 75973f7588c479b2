"""Page-wide CSS: readable metric cards and a clean printout."""

from __future__ import annotations

import streamlit as st

_CSS = """
<style>
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 0.75rem; }
.card { border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: 0.7rem 0.9rem; }
.card p, .card h3 { margin: 0; padding: 0; }
.card .card-label { font-size: 0.95rem; font-weight: 400; line-height: 1.3; }
.card .card-value { font-size: 1.65rem; line-height: 1.25; font-weight: 600; }
.card .card-delta { display: inline-block; font-size: 0.8rem; background: rgba(49, 51, 63, 0.07);
  border-radius: 0.75rem; padding: 0.05rem 0.5rem; margin: 0.15rem 0; }
.card .card-caption, .card .card-source { font-size: 0.85rem; color: #555862; line-height: 1.4; margin-top: 0.3rem; }
.card .card-source summary { cursor: pointer; width: fit-content; }
.card .card-source summary:focus-visible { outline: 2px solid #1f4e9c; outline-offset: 2px; }
.off-map-title { font-size: 1.15rem; font-weight: 600; margin: 1rem 0 0.4rem 0; padding: 0; }
.off-map ul { padding-left: 1.1rem; margin: 0; }
.off-map li { margin-bottom: 0.5rem; font-size: 0.95rem; }
.off-map-source, .off-map-none, .legend-note { font-size: 0.85rem; color: #555862; }
.figures-table-wrap { overflow-x: auto; }
.figures-table-wrap:focus-visible { outline: 2px solid #1f4e9c; outline-offset: 2px; }
.figures-table { border-collapse: collapse; width: 100%; min-width: 44rem; font-size: 0.9rem; line-height: 1.4; }
.figures-table th, .figures-table td { text-align: left !important; vertical-align: top;
  padding: 0.3rem 0.6rem; border-bottom: 1px solid rgba(49, 51, 63, 0.15); }
.figures-table thead th { border-bottom: 2px solid rgba(49, 51, 63, 0.35); font-weight: 600; }
.figures-table tbody th { font-weight: 600; }
.figures-table tbody td:first-of-type { white-space: nowrap; }
.projection p { margin: 0 0 0.5rem 0; }
.projection .projection-label { font-size: 0.95rem; color: #555862; margin: 0; }
.projection .projection-year { font-size: 2.6rem; font-weight: 700; line-height: 1.15; color: #a64500; }
.projection .projection-heading { font-size: 1rem; margin: 0.6rem 0 0.3rem 0; padding: 0; }
.projection ul { padding-left: 1.1rem; margin: 0; font-size: 0.9rem; line-height: 1.45; }
.projection details { margin-top: 0.5rem; font-size: 0.9rem; }
.projection summary { cursor: pointer; width: fit-content; }
.projection-large .projection-year { font-size: 4rem; }
.projection-large .projection-statement { font-size: 1.35rem; line-height: 1.4; }
.projection-large ul { font-size: 1.05rem; }
.cards-large { grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); }
.cards-large .card-label { font-size: 1.35rem; }
.cards-large .card-value { font-size: 3rem; }
.cards-large .card-caption, .cards-large .card-source { font-size: 1.05rem; }
@media print {
  @page { size: A4 portrait; margin: 10mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stExpander"], [data-testid="stDownloadButton"], [data-testid="stButton"],
  [data-testid="stCheckbox"],
  [data-testid="stDecoration"], [data-testid="stPopover"], .stDownloadButton { display: none !important; }
  [data-testid="stMain"] { margin: 0 !important; }
  .cards { grid-template-columns: repeat(4, 1fr); gap: 0.4rem; zoom: 0.85; }
  .card { padding: 0.4rem 0.5rem; }
  .card-source { display: none; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  [data-testid="stMain"] h1 { font-size: 1.5rem; padding: 0 0 0.4rem 0; }
  .card .card-value { font-size: 1.3rem; }
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
[data-testid="stCaptionContainer"] p, [data-testid="stCaptionContainer"] { font-size: 1.05rem; }
.map-legend, .map-legend *, .legend-note { font-size: 1.2rem !important; }
[data-testid="stMain"] button p { font-size: 1.2rem; }
</style>
"""


def apply_presentation() -> None:
    """Add presentation mode's CSS to the page."""
    st.html(_PRESENT_CSS)


def apply() -> None:
    """Add the dashboard's CSS to the page."""
    st.html(_CSS)
