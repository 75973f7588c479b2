"""Folium builders: a base map built once, and the layers that change with the filters.

All text that comes from data files is escaped here, because folium's tooltips and
popups insert their content into the page as HTML.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import Element

from dashboard.data.dataset import Dataset
from dashboard.i18n.format import fmt_number, unit_label
from dashboard.i18n.messages import t
from dashboard.maps.assets import localise_folium_assets
from dashboard.maps.layers import StyledGeoJson, esc, feature_collection
from dashboard.maps.live import MapNames
from dashboard.maps.palette import NO_DATA_DASH, NO_DATA_FILL, OUTLINE, class_of, colour, legend_items

FOCUS_BOUNDS = ((38.85, 45.35), (40.55, 47.65))  # Karabakh and East Zangezur, (lat, lon)
CENTER = (39.75, 46.75)  # where the map opens (lat, lon), before it fits each view's focus
ZOOM = 8
SEA = "#dde7ee"
LAND = "#f4f2ee"
# The base map's two faint layers: country outlines, and every district of Azerbaijan.
BACKGROUND_STYLE = {"fillColor": LAND, "color": "#a9a9a9", "weight": 1, "fillOpacity": 1}
CONTEXT_STYLE = {"fillColor": "#ffffff", "color": "#9a9a9a", "weight": 0.6, "fillOpacity": 0.55}
HIGHLIGHT = {"weight": 3, "color": "#000000"}  # a district under the pointer
MAP_LABEL_KEYS = ("source", "issued_by", "no_data", "first_return", "families", "people", "district", "figure", "value")


def map_labels(lang: str) -> dict[str, str]:
    """The words the map's tooltips and popups use."""
    return {k: t(k, lang) for k in MAP_LABEL_KEYS}


def legend_for(breaks: list[float], unit: str, lang: str) -> list[tuple[str, str]]:
    """(colour, label) entries of a map legend, "no data" last, for figures in ``unit``."""
    return legend_items(breaks, unit_label(unit, lang), t("no_data_legend", lang), lambda v: fmt_number(v, lang))


CONTEXT_TOLERANCE = 0.02  # degrees (about 2 km): the faint context layers only


def base_geojson(background: gpd.GeoDataFrame, districts: gpd.GeoDataFrame) -> tuple[str, str]:
    """The base map's two context layers as GeoJSON text, simplified further than the
    coloured districts (which are drawn on top at full display detail): the base map is
    part of every update the browser receives, so its size is paid on each filter change.
    """
    outlines = background[["name", "geometry"]].copy()
    outlines["geometry"] = shapely.set_precision(outlines.geometry.simplify(CONTEXT_TOLERANCE).values, 1e-4)
    context = districts[["code", "geometry"]].copy()
    context["geometry"] = shapely.set_precision(
        shapely.coverage_simplify(context.geometry.values, CONTEXT_TOLERANCE), 1e-4
    )
    return outlines.to_json(drop_id=True), context.to_json(drop_id=True)


def base_map(
    background_geojson: str,
    districts_geojson: str,
    center: tuple[float, float],
    zoom: int,
    tiles: str | None = None,
) -> folium.Map:
    """The map that stays: background outlines and every district of Azerbaijan, faint,
    and the engine that names the districts and settlements of each view's layers."""
    m = folium.Map(
        location=list(center),
        zoom_start=zoom,
        tiles=None,
        min_zoom=6,
        max_zoom=13,
        control_scale=True,
        zoom_snap=0.25,
    )
    m.get_root().header.add_child(
        Element(f"<style>.leaflet-container {{ background: {SEA}; font-family: sans-serif; }}</style>")
    )
    if tiles:
        folium.TileLayer(tiles=tiles, attr="Map tiles: see the tile provider's terms", name="tiles").add_to(m)
    folium.GeoJson(
        background_geojson,
        name="countries",
        style_function=lambda _: BACKGROUND_STYLE,
        interactive=False,
        control=False,
    ).add_to(m)
    folium.GeoJson(
        districts_geojson,
        name="azerbaijan-districts",
        style_function=lambda _: CONTEXT_STYLE,
        interactive=False,
        control=False,
    ).add_to(m)
    # Names, and the fit to each view's focus (maps.live). No folium fit_bounds here:
    # its animated zoom would end after the engine's fit and undo it.
    MapNames().add_to(m)
    # streamlit-folium asks the map for its bounds on every rerun, which walks every
    # vertex of every layer (about 50 ms); the view's bounds are known.
    m.get_bounds = _focus_bounds  # type: ignore[method-assign]
    return m


def _focus_bounds() -> list[list[float]]:
    return [list(FOCUS_BOUNDS[0]), list(FOCUS_BOUNDS[1])]


def dataset_base_map(dataset: Dataset, tiles: str | None = None) -> folium.Map:
    """The base map of a dataset as the dashboard opens it, the live map and the offline
    export alike, with Leaflet served locally (``maps.assets``)."""
    localise_folium_assets()
    return base_map(*base_geojson(dataset.background, dataset.districts), CENTER, ZOOM, tiles=tiles)


def _tooltip_html(row: dict, labels: dict[str, str]) -> str:
    names = f"<strong>{esc(row['name_en'])}</strong> · {esc(row['name_az'])}"
    if isinstance(row["value"], float) and math.isnan(row["value"]):
        return f"{names}<br>{esc(labels['no_data'])}"
    parts = [names, f"<span class='figure'>{esc(row['value_text'])}</span> {esc(row['period_text'])}"]
    if row.get("issuing_body"):
        parts.append(f"{esc(labels['issued_by'])}: {esc(row['issuing_body'])}")
    if row.get("source_text"):
        parts.append(f"{esc(labels['source'])}: {esc(row['source_text'])}")
    return "<br>".join(parts)


def _popup_html(row: dict, labels: dict[str, str]) -> str:
    title = f"<strong>{esc(row['name_en'])}</strong> · {esc(row['name_az'])}"
    if not row["popup_rows"]:
        return f"{title}<br>{esc(labels['no_data'])}"
    lines = []
    for fig in row["popup_rows"]:
        url = fig["source_url"] if str(fig["source_url"]).startswith(("http://", "https://")) else ""
        source = (
            f"<a href='{esc(url)}' target='_blank' rel='noopener noreferrer'>{esc(fig['source_title'])}</a>"
            if url
            else esc(fig["source_title"])
        )
        lines.append(
            f"<tr><td>{esc(fig['metric'])}</td><td>{esc(fig['value_text'])}</td><td>{esc(fig['period_text'])}</td>"
            f"<td>{esc(fig['issuing_body'])}</td><td>{source}</td></tr>"
        )
    head = f"<tr><th>{esc(labels['figure'])}</th><th>{esc(labels['value'])}</th><th></th>"
    head += f"<th>{esc(labels['issued_by'])}</th><th>{esc(labels['source'])}</th></tr>"
    table = f"<table class='district-figures'>{head}{''.join(lines)}</table>"
    return f"{title}<div style='max-height:260px;overflow:auto;font-size:12px'>{table}</div>"


def district_style(fill: str, nodata: bool, focus: bool) -> dict[str, object]:
    """How the map draws one district: its class colour (``fill``), stronger when in
    focus; "no data" pale with a dashed outline. Leaflet path options."""
    return {
        "fillColor": fill if focus else NO_DATA_FILL if nodata else fill,
        "fillOpacity": (0.85 if focus else 0.35) if not nodata else 0.6,
        "color": OUTLINE if focus else "#8a8a8a",
        "weight": 1.4 if focus else 0.8,
        "dashArray": NO_DATA_DASH if nodata else None,
    }


def district_fill(value: float | None, breaks: list[float]) -> tuple[str, bool]:
    """A district's class colour and whether it has no data."""
    index = class_of(value, breaks)
    return colour(index, len(breaks)), index < 0


_DISTRICT_FIELDS = ("code", "name_en", "name_az", "value", "in_focus", "value_text", "period_text")
_DISTRICT_FIELDS += ("issuing_body", "source_text", "popup_rows", "geometry")


def _records(rows: gpd.GeoDataFrame | Sequence[dict], fields: tuple[str, ...]) -> list[dict]:
    """Rows as dicts of some fields: a table's columns (cheaper than ``to_dict`` on a
    GeoDataFrame), or row dicts as they are."""
    if not isinstance(rows, pd.DataFrame):
        return list(rows)
    present = [f for f in fields if f in rows.columns]
    return [dict(zip(present, values, strict=True)) for values in zip(*(rows[f] for f in present), strict=True)]


def district_layer(
    view: gpd.GeoDataFrame | Sequence[dict], breaks: list[float], labels: dict[str, str], name: str = "districts"
) -> folium.FeatureGroup:
    """The districts of the selection, coloured by class; "no data" drawn apart."""
    group = folium.FeatureGroup(name=name, control=False)
    features = []
    for row in _records(view, _DISTRICT_FIELDS):
        fill, nodata = district_fill(row["value"], breaks)
        style = district_style(fill, nodata, bool(row["in_focus"]))
        style["className"] = f"district district-{row['code']}" + (" no-data" if nodata else "")
        props = {
            "code": row["code"],
            "style": style,
            "tip": _tooltip_html(row, labels),
            "popup": _popup_html(row, labels),
        }
        features.append((row["geometry"], props))
    layer = StyledGeoJson(feature_collection(features), sticky=True, popup_width=560, highlight=HIGHLIGHT)
    layer.add_to(group)
    return group


def marker_radius(people: float | None) -> float:
    """Circle radius in pixels: area grows with people returned, 5 to 18 px."""
    if people is None or math.isnan(people) or people <= 0:
        return 5.0
    return float(min(18.0, 5.0 + math.sqrt(people) / 3.5))


def settlement_style(known: bool) -> dict[str, object]:
    """A settlement circle: filled when people returned are known, hollow when not."""
    return {
        "color": "#1a1a1a",
        "weight": 1.5,
        "fillColor": "#e69f00" if known else "#ffffff",
        "fillOpacity": 0.9 if known else 0.4,
    }


_POINT_FIELDS = ("settlement_id", "name", "district_name", "first_return_text", "families_text", "people_text")
_POINT_FIELDS += ("as_of_text", "source_text", "people", "geometry")


def settlement_layer(
    points: gpd.GeoDataFrame | Sequence[dict], labels: dict[str, str], name: str = "settlements"
) -> folium.FeatureGroup:
    """Great Return settlements: circles sized by people returned (hollow when unknown).

    One GeoJSON layer for all points keeps the map light (no per-marker elements).
    """
    group = folium.FeatureGroup(name=name, control=False)
    features = []
    for row in _records(points, _POINT_FIELDS):
        known = not (row["people"] is None or math.isnan(row["people"]))
        as_of = f" ({esc(row['as_of_text'])})" if row["as_of_text"] else ""
        lines = [
            f"<strong>{esc(row['name'])}</strong> ({esc(row['district_name'])})",
            f"{esc(labels['first_return'])}: {esc(row['first_return_text'])}",
            f"{esc(labels['families'])}: {esc(row['families_text'])}",
            f"{esc(labels['people'])}: {esc(row['people_text'])}{as_of}",
        ]
        if row["source_text"]:
            lines.append(f"{esc(labels['source'])}: {esc(row['source_text'])}")
        style = {"radius": marker_radius(row["people"]), "fill": True} | settlement_style(known)
        style["className"] = f"settlement-marker settlement-{row['settlement_id']}"
        props = {"id": str(row["settlement_id"]), "style": style, "tip": esc(row["name"]), "popup": "<br>".join(lines)}
        features.append((row["geometry"], props))
    if features:
        StyledGeoJson(feature_collection(features), circles=True, popup_width=340).add_to(group)
    return group


def view_layers(
    districts: gpd.GeoDataFrame | Sequence[dict],
    settlements: gpd.GeoDataFrame | Sequence[dict],
    breaks: list[float],
    labels: dict[str, str],
) -> list[folium.FeatureGroup]:
    """The layers that change with the view, in drawing order: the districts, then the
    settlements over them."""
    return [district_layer(districts, breaks, labels), settlement_layer(settlements, labels)]


def legend_html(items: list[tuple[str, str]], title: str) -> str:
    """The colour legend as accessible HTML, for beside the map."""
    rows = "".join(
        f"<li style='display:flex;align-items:center;gap:.5em;margin:.15em 0'>"
        f"<span aria-hidden='true' style='display:inline-block;width:1.6em;height:1em;background:{esc(c)};"
        f"border:1px {'dashed' if c == NO_DATA_FILL else 'solid'} #333'></span>{esc(label)}</li>"
        for c, label in items
    )
    return (
        f"<div class='map-legend' role='group' aria-label='{esc(title)}'><strong>{esc(title)}</strong>"
        f"<ul style='list-style:none;padding:0;margin:.3em 0'>{rows}</ul></div>"
    )
