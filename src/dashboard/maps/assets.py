"""Serve the map's scripts from the app itself, never from a CDN.

What folium 0.20 and streamlit-folium 0.27 link by default:

- ``folium.Map.default_js`` / ``default_css``: Leaflet, jQuery, Bootstrap,
  awesome-markers, glyphicons and font-awesome from jsdelivr, jquery.com, cdnjs and
  bootstrapcdn. Only Leaflet is needed for GeoJson layers with their tooltips and
  popups; the rest is dropped. (folium's ``Popup`` class would need jQuery: the
  settlements are one GeoJson layer with ``GeoJsonPopup`` instead.)
- streamlit-folium builds its ``js_links`` / ``css_links`` from the ``default_js`` and
  ``default_css`` of every element in the map, so the same class attributes govern it.
  It adds two d3 links from CDNs when the map holds a branca colour map, which is why
  the legend is drawn beside the map in HTML instead (maps/build.py ``legend_html``).

The local copies come from the npm packages in package.json and are copied into
``static/vendor/`` at setup; Streamlit serves that folder at ``/app/static/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import folium

LEAFLET_JS = "/app/static/vendor/leaflet/leaflet.js"
LEAFLET_CSS = "/app/static/vendor/leaflet/leaflet.css"
LEAFLET_DIR = "vendor/leaflet"  # inside static/
REPO_ROOT = Path(__file__).resolve().parents[3]

# Addresses the browser loads by itself: scripts, stylesheets, images, frames. Links a
# reader may click (<a href>) are not loads.
_LOAD = re.compile(r"""<(?:script|img|iframe|link)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def localise_folium_assets() -> None:
    """Point folium's map at the locally served Leaflet and drop unneeded libraries."""
    folium.Map.default_js = [("leaflet", LEAFLET_JS)]
    folium.Map.default_css = [("leaflet_css", LEAFLET_CSS)]


def remote_links(html: str) -> list[str]:
    """Every script, stylesheet, image or frame address in some HTML that is not local."""
    return [url for url in _LOAD.findall(html) if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I)]


def static_dir() -> Path:
    """The folder Streamlit serves at ``/app/static/``: ``$DASHBOARD_STATIC``, or
    ``static/`` at the top of the repository (beside app.py)."""
    return Path(os.environ.get("DASHBOARD_STATIC", REPO_ROOT / "static"))


def leaflet_files() -> tuple[Path, Path]:
    """The local copies of leaflet.js and leaflet.css (with their images beside them).

    Raises FileNotFoundError, saying how to get them, when setup has not copied them
    from node_modules yet."""
    folder = static_dir() / LEAFLET_DIR
    files = (folder / "leaflet.js", folder / "leaflet.css")
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise FileNotFoundError(
            f"Leaflet is missing: {', '.join(missing)}. Run `bash scripts/dev.sh run` (it installs Leaflet from npm "
            "and copies node_modules/leaflet/dist/ to static/vendor/leaflet/), or set DASHBOARD_STATIC to a folder "
            "that has vendor/leaflet/leaflet.js and leaflet.css."
        )
    return files
