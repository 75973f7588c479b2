"""The map widget: a base map rendered once per data version, layers swapped in place.

``st_folium`` renders the whole folium map into JavaScript on every rerun, although
only the filter-driven layers change. Here the base map (background outlines, every
district faintly) is rendered once per data version and its script cached; each rerun
renders only the district and settlement layers and hands both to streamlit-folium's
component, with the same arguments ``st_folium`` itself would pass (this leans on
streamlit-folium 0.27's module functions, pinned in pyproject.toml, and
tests/ui/test_map_view.py checks the arguments against ``st_folium``'s own).

The unchanged base script keeps the same iframe: the layers swap in place, the map
does not blink and keeps its zoom. ``returned_objects=[]`` stops panning and zooming
from causing reruns.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence

import folium
import streamlit as st
import streamlit_folium as sf

from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t
from dashboard.maps.build import dataset_base_map, esc, legend_for, legend_html, map_labels, view_layers
from dashboard.maps.layers import data_left_out
from dashboard.maps.live import names_view, update_script
from dashboard.text.mapview import MapData
from dashboard.ui.cached import metric_label
from dashboard.ui.shared import shared_cache

MAP_KEY = "district-map"
# streamlit-folium sizes the map to the pixel height it is given. A page that sizes the
# map's frame with CSS instead (presentation mode fits it to the screen, see
# ui/present.css) asks for ``fill``: the map then fills its frame, and Leaflet follows
# the frame's resize. (Not by default: a frame sized by streamlit-folium is 0 px high
# when the map is made.)
FILL_FRAME = "<style>html, body { margin: 0; overflow: hidden; } #map_div { height: 100vh !important; }</style>"


def _assets(element: object) -> Iterator[object]:
    """Every element below a folium element that brings scripts or stylesheets."""
    if isinstance(element, folium.elements.JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _assets(child)


def _links(elements: list[object]) -> tuple[list[str], list[str]]:
    css: list[str] = []
    js: list[str] = []
    for element in elements:
        for item in _assets(element):
            css.extend(href for _, href in getattr(item, "default_css", []))
            js.extend(src for _, src in getattr(item, "default_js", []))
    return list(dict.fromkeys(css)), list(dict.fromkeys(js))


def render_base(m: folium.Map) -> dict[str, object]:
    """The base map's parts as st_folium computes them: script, header, html, id."""
    m.get_root().render()
    m.render()
    html, header = sf._get_html(m), sf._get_header(m)
    return {"script": sf._get_map_string(m), "header": header, "html": html, "id": sf.get_full_id(m)}


_scratch = threading.local()


def _scratch_map() -> folium.Map:
    """The map streamlit-folium renders a layer against (it only names it), one per thread."""
    if not hasattr(_scratch, "map"):
        _scratch.map = folium.Map(tiles=None)
    return _scratch.map


def render_layers(layers: list[folium.FeatureGroup]) -> tuple[str, list[str], list[str]]:
    """The layers' script, drawn on the component's map (``map_div``), and their links.

    The layers' GeoJSON is left out while streamlit-folium renders them and put back
    after (``maps.layers.data_left_out``): the script is the same, for a fraction of
    the work."""
    scratch = _scratch_map()
    parts = []
    for i, fg in enumerate(layers):
        with data_left_out(fg) as fill:
            parts.append(fill(sf._get_feature_group_string(fg, map=scratch, idx=i)))
        scratch._children.pop(fg.get_name(), None)
    css, js = _links(layers)
    return "".join(parts), css, js


def component_args(base: dict[str, object], layers: tuple[str, list[str], list[str]], key: str, height: int) -> dict:
    """The component's arguments for a rendered base map and rendered layers
    (``render_layers`` script with their css and js links)."""
    layer_script, layer_css, layer_js = layers
    base_css, base_js = _links(base["elements"])  # type: ignore[arg-type]
    css, js = list(dict.fromkeys([*base_css, *layer_css])), list(dict.fromkeys([*base_js, *layer_js]))
    script = str(base["script"])
    return {
        "script": script,
        "header": base["header"],
        "html": base["html"],
        "id": base["id"],
        "key": sf.generate_js_hash(script, key, False),
        "height": height,
        "width": None,
        "returned_objects": [],
        "default": {},
        "zoom": None,
        "center": None,
        "feature_group": layer_script,
        "return_on_hover": False,
        "layer_control": None,
        "pixelated": False,
        "css_links": css,
        "js_links": js,
        "wrap_longitude": False,
    }


@shared_cache(maxsize=4, key=lambda dataset, version, tiles: (version, tiles))
def _base(dataset: Dataset, version: str, tiles: str | None) -> dict[str, object]:
    m = dataset_base_map(dataset, tiles)
    parts = render_base(m)
    parts["elements"] = [m]
    return parts


@shared_cache(maxsize=256, key=lambda view, points, breaks, labels, lang, cache_key: cache_key)
def _layers(
    view: Sequence[dict],
    points: Sequence[dict],
    breaks: list[float],
    labels: dict[str, str],
    lang: str,
    cache_key: str,
) -> tuple[str, list[str], list[str]]:
    script, css, js = render_layers(view_layers(view, points, breaks, labels))
    # then name the districts and settlements, and fit a new focus (maps.live)
    return script + update_script("map_div", names_view(view, points, lang)), css, js


def show_selection_map(
    dataset: Dataset, data: MapData, selection: Selection, lang: str, height: int = 560, fill: bool = False
) -> None:
    """The map of a selection's ``map_data`` (``fill``: see ``FILL_FRAME``). The rendered
    layers are text, cached under the data version, the language and the selection, so
    every session can share them."""
    tiles = os.environ.get("DASHBOARD_TILES") or None
    base = _base(dataset, dataset.version, tiles)
    rows, points, labels = data.district_rows, data.mappable_rows, map_labels(lang)
    layers = _layers(rows, points, data.breaks, labels, lang, f"{dataset.version}|{lang}|{selection!r}")
    args = component_args(base, layers, MAP_KEY, height)
    if fill:
        args["header"] = f"{args['header']}{FILL_FRAME}"
    sf._component_func(**args)


def show_legend(dataset: Dataset, data: MapData, selection: Selection, lang: str) -> None:
    """The map's colour legend (with its "no data" entry) and the marker note."""
    items = legend_for(data.breaks, data.unit, lang)
    note = f"<p class='legend-note'>{esc(t('settlement_marker_legend', lang))}</p>"
    st.html(legend_html(items, metric_label(dataset, selection.metric, lang)) + note)
