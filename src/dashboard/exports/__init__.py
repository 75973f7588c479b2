"""Exports of the current view (data, selection, language) to files, without Streamlit.

- ``figures_csv`` / ``figures_geojson``: the figures behind the view, each with its source;
- ``slide_png``: a 1920 × 1080 slide (matplotlib);
- ``handout_pdf``: an A4 handout with every source (fpdf2);
- ``standalone_html``: the interactive map as one offline HTML file;
- ``export_filename``: an ASCII file name for any of them.
"""

from __future__ import annotations

from dashboard.exports.filename import export_filename
from dashboard.exports.handout import handout_pdf
from dashboard.exports.slide import slide_png
from dashboard.exports.standalone import standalone_html
from dashboard.exports.tables import figures_csv, figures_geojson

__all__ = ["export_filename", "figures_csv", "figures_geojson", "handout_pdf", "slide_png", "standalone_html"]
