"""Names on the live (Leaflet) map, and the map kept on the focus.

The base map carries the engine once (``MapNames``: ``map_labels.js`` and its style);
each layer update ends with a call that tells it what to name and what to fit
(``names_view`` → ``update_script``, or ``NamesUpdate`` in a folium page). The engine
places the names in the browser, with the boxes it measures at the map's real size
and zoom, by the rules of ``maps.labels``; the anchor points and the order of the
names come from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import shapely
from branca.element import MacroElement
from jinja2 import Template

from dashboard.maps.labels import GAP, SHIFTS, SIDES, anchors, district_order, ground_area, settlement_order
from dashboard.maps.layers import esc, safe_json

SETTLEMENT_ZOOM = 9.5  # settlement names from this zoom on (a single district fitted is about 10)
FIT_PADDING = 24  # pixels of room around the focus when the map is fitted to it
NAME_MARGIN = 2  # pixels kept free around each name

NAMES_CSS = """<style>
.map-label { position: absolute; white-space: nowrap; line-height: 1.15; pointer-events: none;
  font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1a1a1a;
  text-shadow: -1px -1px 0 #fff, 1px -1px 0 #fff, -1px 1px 0 #fff, 1px 1px 0 #fff, 0 0 3px #fff; }
.map-label.district-label { font-size: 14px; }
.map-label.in-focus { font-weight: 700; color: #111111; }
.map-label.context { font-weight: 400; color: #454545; }
.map-label.settlement-label { font-size: 12px; }
</style>"""


@lru_cache(maxsize=1)
def engine_code() -> str:
    """The label engine's script (``map_labels.js``)."""
    return Path(__file__).with_name("map_labels.js").read_text(encoding="utf-8")


class MapNames(MacroElement):
    """The label engine on a folium map, as ``<map>.dashboardLabels``."""

    _template = Template(
        """
{% macro header(this, kwargs) %}{{ this.css }}{% endmacro %}
{% macro script(this, kwargs) %}
{{ this.code }}
{{ this._parent.get_name() }}.dashboardLabels = dashboardMapLabels({{ this._parent.get_name() }}, {{ this.options }});
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MapNames"
        self.css = NAMES_CSS
        self.code = engine_code()
        options = {"sides": list(SIDES), "shifts": list(SHIFTS), "gap": GAP, "margin": NAME_MARGIN}
        self.options = safe_json(options | {"settlementZoom": SETTLEMENT_ZOOM, "padding": FIT_PADDING})


def focus_bounds(districts: Sequence[dict]) -> list[list[float]] | None:
    """[[south, west], [north, east]] around the districts in focus; None when none is."""
    geometries = [r["geometry"] for r in districts if r["in_focus"] and r["geometry"] is not None]
    if not geometries:
        return None
    west, south, east, north = shapely.total_bounds(geometries)
    return [[round(float(south), 5), round(float(west), 5)], [round(float(north), 5), round(float(east), 5)]]


def names_view(districts: Sequence[dict], settlements: Sequence[dict], lang: str) -> dict:
    """What the engine is told after a layer update: the district names in the order
    they are placed, each with whether it is in focus and its anchor points
    ([lat, lon]); the settlement names (by id) in their order; the focus to fit,
    keyed by its district codes. Names are escaped as HTML, like the tooltips'. Rows
    as ``maps.build.district_layer`` and ``settlement_layer`` take them (``name`` in
    the view's language)."""
    focus = [bool(r["in_focus"]) for r in districts]
    order = district_order(focus, [ground_area(r["geometry"]) for r in districts])
    named = []
    for i in order:
        row = districts[i]
        points = [[lat, lon] for lon, lat in anchors(row["geometry"])]
        if points:
            named.append([str(row["code"]), esc(row["name"]), focus[i], points])
    people = [r["people"] for r in settlements]
    places = [[str(settlements[i]["settlement_id"]), esc(settlements[i]["name"])] for i in settlement_order(people)]
    bounds = focus_bounds(districts)
    fit = {"key": " ".join(sorted(str(r["code"]) for r in districts if r["in_focus"])), "bounds": bounds}
    return {"lang": lang, "districts": named, "settlements": places, "fit": fit if bounds else None}


def update_script(map_name: str, view: dict) -> str:
    """The call that hands ``names_view`` to the engine of the map ``map_name``."""
    return f"\n{map_name}.dashboardLabels.update({safe_json(view)});\n"


class NamesUpdate(MacroElement):
    """``update_script`` as an element of a folium map, after its layers."""

    _template = Template(
        """
{% macro script(this, kwargs) %}{{ this.script(this._parent.get_name()) }}{% endmacro %}
"""
    )

    def __init__(self, view: dict) -> None:
        super().__init__()
        self._name = "NamesUpdate"
        self.view = view

    def script(self, map_name: str) -> str:
        return update_script(map_name, self.view)
