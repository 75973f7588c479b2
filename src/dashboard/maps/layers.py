"""One Leaflet GeoJSON layer whose features carry their own style, tooltip and popup.

folium's ``GeoJson`` with a style function, a tooltip and a popup compiles about ten
Jinja templates each time it is rendered (about 20 ms a layer here), and the district
layer is rendered for every selection and language. This element has one template,
compiled once, and its data is put together from text: each geometry is serialised
once (cached by the geometry itself, which does not change within a data version), and
each feature's properties (its Leaflet path style, tooltip and popup HTML) are
serialised per selection, a few kilobytes. The browser gets the same map: GeoJSON
paths (or circle markers) with the same classes, tooltips and popups.

Everything is serialised as HTML-safe JSON (``<``, ``>``, ``&`` and ``'`` escaped), as
jinja's ``tojson`` does, so text from data files cannot close the page's script.
"""

from __future__ import annotations

import html
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

import shapely
from branca.element import Element, MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps


@lru_cache(maxsize=8192)
def geometry_json(geometry: shapely.Geometry) -> str:
    """A geometry as GeoJSON text, once per geometry."""
    return json.dumps(shapely.geometry.mapping(geometry), separators=(",", ":"))


def esc(value: object) -> str:
    """Text from data, safe inside HTML."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_json(value: object) -> str:
    """JSON text safe inside an HTML script element."""
    return str(htmlsafe_json_dumps(value, separators=(",", ":")))


def feature_collection(features: Iterable[tuple[shapely.Geometry, dict]]) -> str:
    """GeoJSON text of (geometry, properties) pairs."""
    parts = (f'{{"type":"Feature","geometry":{geometry_json(g)},"properties":{safe_json(p)}}}' for g, p in features)
    return '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"


class StyledGeoJson(MacroElement):
    """A GeoJSON layer: each feature's ``properties`` hold ``style`` (Leaflet path
    options), and optionally ``tip`` and ``popup`` (HTML, already escaped by the caller).

    ``circles`` draws points as circle markers with their style (radius included);
    ``highlight`` is the style a feature takes under the pointer.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJson({{ this.data }}, {
    style: function (feature) { return feature.properties.style; },
    {%- if this.circles %}
    pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, feature.properties.style); },
    {%- endif %}
    onEachFeature: function (feature, layer) {
        var p = feature.properties;
        if (p.tip) { layer.bindTooltip(p.tip, {{ this.tooltip_options }}); }
        if (p.popup) { layer.bindPopup(p.popup, {{ this.popup_options }}); }
        {%- if this.highlight %}
        layer.on({
            mouseover: function (e) { if (e.target.setStyle) { e.target.setStyle({{ this.highlight }}); } },
            mouseout: function (e) { {{ this.get_name() }}.resetStyle(e.target); }
        });
        {%- endif %}
    }
}).addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(
        self,
        data: str,
        *,
        circles: bool = False,
        sticky: bool = False,
        popup_width: int = 300,
        highlight: dict | None = None,
    ) -> None:
        super().__init__()
        self._name = "StyledGeoJson"
        self.data = data
        self.circles = circles
        self.tooltip_options = safe_json({"sticky": sticky})
        self.popup_options = safe_json({"maxWidth": popup_width})
        self.highlight = safe_json(highlight) if highlight else ""


@contextmanager
def data_left_out(element: Element) -> Iterator[Callable[[str], str]]:
    """Render ``element`` with every StyledGeoJson's data replaced by a short token, and
    get back a function that puts the data into the rendered text.

    Whoever renders the element then works on a few kilobytes instead of the layers'
    geometry (streamlit-folium dedents and renames over the whole script), and text from
    data files is never part of what their regular expressions rewrite."""
    layers = [child for child in _descendants(element) if isinstance(child, StyledGeoJson)]
    saved = [layer.data for layer in layers]
    tokens = [f"__styled_geojson_data_{uuid.uuid4().hex}__" for _ in layers]
    for layer, token in zip(layers, tokens, strict=True):
        layer.data = token
    try:
        yield lambda text: _fill(text, dict(zip(tokens, saved, strict=True)))
    finally:
        for layer, data in zip(layers, saved, strict=True):
            layer.data = data


def _fill(text: str, data: dict[str, str]) -> str:
    for token, value in data.items():
        text = text.replace(token, value, 1)
    return text


def _descendants(element: Element) -> Iterator[Element]:
    for child in element._children.values():
        yield child
        yield from _descendants(child)
