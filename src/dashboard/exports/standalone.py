"""The interactive map of a view as one HTML file that works offline.

It is the map the app shows (``maps.build``: base map, district layer, settlement
layer, legend), rendered by folium, with Leaflet's script and stylesheet written into
the page (and the stylesheet's images as data: URLs) instead of loaded from the app.
Every text from the data is escaped by the builders (``maps.build.esc``).
"""

from __future__ import annotations

import base64
import re
from datetime import date
from pathlib import Path

from branca.element import Element

from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.exports.content import ViewContent, view_content
from dashboard.i18n.format import fmt_date
from dashboard.i18n.messages import t
from dashboard.maps.assets import LEAFLET_CSS, LEAFLET_JS, leaflet_files, remote_links
from dashboard.maps.build import dataset_base_map, esc, legend_for, legend_html, map_labels, view_layers
from dashboard.maps.live import NamesUpdate, names_view

_CSS_URL = re.compile(r"""url\(\s*(['"]?)(images/[^'")\s]+)\1\s*\)""")


def standalone_html(dataset: Dataset, selection: Selection, lang: str, today: date | None = None) -> bytes:
    """One self-contained HTML file (UTF-8) of the view's interactive map: hover a
    district for its figure and source, click it for all its figures. Needs no network
    and no server. Raises FileNotFoundError when Leaflet's local copy is missing.
    ``today``: the day it is made (see ``content.view_content``)."""
    return render_html(view_content(dataset, selection, lang, today)).encode("utf-8")


def render_html(content: ViewContent) -> str:
    """The standalone page of a computed view (see ``standalone_html``)."""
    js_path, css_path = leaflet_files()  # fail early, before the map is built
    lang = content.lang
    m = dataset_base_map(content.dataset)
    for layer in view_layers(content.data.districts, content.data.mappable, content.data.breaks, map_labels(lang)):
        layer.add_to(m)
    NamesUpdate(names_view(content.data.district_rows, content.data.mappable_rows, lang)).add_to(m)  # and the fit
    root = m.get_root()
    root.header.add_child(Element(f"<title>{esc(content.default_title)}</title>"))
    root.header.add_child(Element(_PANEL_CSS))
    root.html.add_child(Element(_panel(content)))
    page = root.render()
    page = inline_leaflet(page, js_path, css_path)
    left = remote_links(page) + [u for u in (LEAFLET_JS, LEAFLET_CSS) if u in page]
    if left:
        raise RuntimeError(f"the standalone map still loads files: {left}")
    return page


def inline_leaflet(page: str, js_path: Path, css_path: Path) -> str:
    """A page with the app's Leaflet <script src> and <link href> replaced by the files'
    contents; the stylesheet's images become data: URLs."""
    js = js_path.read_text(encoding="utf-8").replace("</script", "<\\/script")
    css = _CSS_URL.sub(lambda match: _data_url(css_path.parent / match.group(2)), css_path.read_text(encoding="utf-8"))
    css = css.replace("</style", "<\\/style")
    script = re.compile(rf"""<script\b[^>]*\bsrc\s*=\s*["']{re.escape(LEAFLET_JS)}["'][^>]*>\s*</script>""", re.I)
    link = re.compile(rf"""<link\b[^>]*\bhref\s*=\s*["']{re.escape(LEAFLET_CSS)}["'][^>]*/?>""", re.I)
    page, n_js = script.subn(lambda _: f"<script>\n{js}\n</script>", page)
    page, n_css = link.subn(lambda _: f"<style>\n{css}\n</style>", page)
    if not (n_js and n_css):
        raise RuntimeError("folium's page no longer links Leaflet as expected; cannot inline it")
    return page


def _data_url(path: Path) -> str:
    if not path.is_file():
        return "none"
    return f"url(data:image/png;base64,{base64.b64encode(path.read_bytes()).decode('ascii')})"


_PANEL_CSS = """<style>
.export-panel { position: absolute; top: 10px; right: 10px; z-index: 1000; max-width: 340px;
  background: rgba(255,255,255,0.94); border: 1px solid #bbb; border-radius: 4px; padding: 10px 12px;
  font: 13px/1.35 sans-serif; color: #1a1a1a; box-shadow: 0 1px 4px rgba(0,0,0,0.2); }
.export-panel h1 { font-size: 16px; margin: 0 0 4px; }
.export-panel p { margin: 4px 0; }
.export-panel .muted { color: #555; font-size: 12px; }
</style>"""


def _panel(content: ViewContent) -> str:
    """Title, dates, legend and notes over the map's top-right corner (all escaped)."""
    lang = content.lang
    items = legend_for(content.data.breaks, content.data.unit, lang)
    dates = " · ".join(p for p in (content.period_label, content.map_dates()) if p)
    bodies = content.issuing_bodies(("district",))
    parts = [
        f"<h1>{esc(content.default_title)}</h1>",
        f"<p>{esc(dates)}</p>",
        legend_html(items, content.metric_label),
        f"<p class='muted'>{esc(t('settlement_marker_legend', lang))}</p>",
    ]
    if bodies:
        parts.append(f"<p class='muted'>{esc(t('export_issued_by_line', lang, bodies=', '.join(bodies)))}</p>")
    parts.append(
        f"<p class='muted'>{esc(t('export_offline_note', lang, date=fmt_date(content.today.isoformat(), lang)))}</p>"
    )
    parts.append(f"<p class='muted'>{esc(t('boundaries_note', lang))}</p>")
    return f"<div class='export-panel'>{''.join(parts)}</div>"
