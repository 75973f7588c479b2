"""The figures behind a view as CSV and GeoJSON, each with its source."""

from __future__ import annotations

import json
import math
from datetime import date

from shapely.geometry import mapping

from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.exports.content import COLUMNS, ViewContent, figure_rows, view_content
from dashboard.exports.spreadsheet import csv_bytes
from dashboard.maps.build import district_fill


def figures_csv(dataset: Dataset, selection: Selection, lang: str, today: date | None = None) -> bytes:
    """The view's figures as CSV (see ``spreadsheet.csv_bytes``: UTF-8 with BOM,
    comma-separated, one header line, formula-like text neutralised).

    One row per figure shown (``content.COLUMNS``): the headline cards (``section``
    "card", and "card_compared" for the figure a card's change is computed against),
    every district in focus ("district"; a district without a figure has an empty
    ``value`` and the status "no data"), the units not on the map ("unit") and the
    settlements shown ("settlement": families and people returned, two rows each).
    ``value`` is the raw number; ``value_text`` the number as the dashboard writes it.
    """
    return csv_bytes(figure_rows(dataset, selection, lang, today=today), COLUMNS)


def figures_geojson(dataset: Dataset, selection: Selection, lang: str, today: date | None = None) -> bytes:
    """The view as GeoJSON (WGS 84): the districts in focus as polygons with their
    figure, source and map colour, and the settlements on the map as points with their
    families and people figures and sources. Missing values are ``null``."""
    return geojson_text(view_content(dataset, selection, lang, today)).encode("utf-8")


def geojson_text(content: ViewContent) -> str:
    """The GeoJSON of a computed view (see ``figures_geojson``)."""
    features = []
    districts = content.section("district").set_index("key")
    view = content.data.districts.set_index("code")
    for code, row in districts.iterrows():
        fill, nodata = district_fill(row["value"], content.data.breaks)
        props = {"kind": "district", "code": code} | _properties(row.to_dict()) | {"fill": fill, "no_data": nodata}
        features.append({"type": "Feature", "geometry": mapping(view.loc[code, "geometry"]), "properties": props})
    settlements = content.section("settlement")
    settlements = settlements[settlements["on_map"].astype(bool)]
    for key, group in settlements.groupby("key", sort=False):
        first = group.iloc[0]
        props = {
            "kind": "settlement",
            "settlement_id": key,
            "name": first["name"],
            "district": first["area"],
            "first_return": first["first_return"],
        }
        for _, fig in group.iterrows():
            prefix = fig["metric"].removesuffix("_returned")
            props |= {f"{prefix}_{k}": v for k, v in _properties(fig.to_dict()).items() if k in _SETTLEMENT_FIELDS}
        point = {"type": "Point", "coordinates": [float(first["longitude"]), float(first["latitude"])]}
        features.append({"type": "Feature", "geometry": point, "properties": props})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, allow_nan=False, indent=None)


_DROP = {"section", "key", "area", "in_focus", "on_map", "latitude", "longitude", "first_return"}
_SETTLEMENT_FIELDS = {
    "value", "value_text", "status", "qualifier", "unit", "period_type", "period_end", "period_text",
    "issuing_body", "source_id", "source_publisher", "source_title", "source_url", "source_published", "flag",
}  # fmt: skip


def _properties(row: dict) -> dict:
    """A row's fields as JSON values: no NaN (null instead), no empty-column noise."""
    out = {}
    for key, value in row.items():
        if key in _DROP:
            continue
        if isinstance(value, float) and math.isnan(value):
            value = None
        out[key] = value
    return out
