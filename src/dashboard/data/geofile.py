"""Reading one GeoJSON file of geodata/: CRS, geometries and feature properties.

A file that declares a projected CRS is reprojected to WGS 84 (and the report says
so); projected-looking coordinates without a declared CRS are rejected, because
guessing the projection would silently move every boundary.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from dashboard.data.csvfile import warn_if_formula
from dashboard.data.progress import checkpoint
from dashboard.data.report import Report, read_checked
from dashboard.data.schema import MAX_FEATURES, MAX_GEOJSON_BYTES, MAX_VERTICES

Bounds = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat

_WGS84_NAMES = {"EPSG:4326", "OGC:CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:EPSG::4326"}
_AREAL = ("Polygon", "MultiPolygon")


# File-level messages of the GeoJSON reader, by message key (uploads show them in
# Azerbaijani too: dashboard.i18n.messages_findings).
GEO_MESSAGES: dict[str, str] = {
    "geojson_empty": "file is empty; expected a GeoJSON FeatureCollection",
    "geojson_not_utf8": "file is not UTF-8 text; GeoJSON must be saved as UTF-8",
    "geojson_not_json": (
        "not valid JSON at line {line}, column {column} ({error}); the file may be truncated or hand-edited by mistake"
    ),
    "geojson_too_deep": "the JSON is nested too deeply to be a GeoJSON file",
    "geojson_not_collection": "expected a GeoJSON FeatureCollection at the top level",
    "geojson_no_features_list": "expected a 'features' list in the FeatureCollection",
    "too_many_features": (
        "the file has more than {limit:,} features; district boundaries have far fewer. Was the wrong file chosen?"
    ),
    "too_many_vertices": (
        "the geometries have more than {limit:,} coordinate pairs; simplify the boundaries (QGIS: Vector > "
        "Geometry Tools > Simplify, about 10 m) and export again"
    ),
}


def geo_error(report: Report, file: str, key: str, where: dict | None = None, **params: object) -> None:
    """An error from ``GEO_MESSAGES`` with its key and values (for other languages)."""
    message = GEO_MESSAGES[key].format(**params)
    report.error(file, message, code=key, args=tuple(sorted(params.items())), **(where or {}))


def parse_geojson(data: bytes, file: str, report: Report) -> dict | None:
    """A GeoJSON FeatureCollection read as JSON (never by GDAL, so the text cannot name
    other files or addresses to read), with at most ``MAX_FEATURES`` features and
    ``MAX_VERTICES`` coordinate pairs; None with a message otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        geo_error(report, file, "geojson_empty")
        return None
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        geo_error(report, file, "geojson_not_utf8")
        return None
    except json.JSONDecodeError as exc:
        where = {"line": exc.lineno}
        geo_error(report, file, "geojson_not_json", where, line=exc.lineno, column=exc.colno, error=exc.msg)
        return None
    except RecursionError:
        geo_error(report, file, "geojson_too_deep")
        return None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        geo_error(report, file, "geojson_not_collection")
        return None
    features = doc.get("features")
    if not isinstance(features, list):
        geo_error(report, file, "geojson_no_features_list")
        return None
    if len(features) > MAX_FEATURES:
        geo_error(report, file, "too_many_features", limit=MAX_FEATURES)
        return None
    total = 0
    for index, feature in enumerate(features):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        total += count_positions(geometry.get("coordinates") if isinstance(geometry, dict) else None)
        if total > MAX_VERTICES:
            geo_error(report, file, "too_many_vertices", {"feature": index}, limit=MAX_VERTICES)
            return None
        if index % 100 == 0:
            checkpoint()
    return doc


def count_positions(coordinates: object) -> int:
    """How many coordinate pairs a GeoJSON ``coordinates`` member holds (nested lists
    whose innermost lists are the positions)."""
    count = 0
    stack = [coordinates]
    while stack:
        item = stack.pop()
        if isinstance(item, list) and item:
            if isinstance(item[0], list):
                stack.extend(item)
            else:
                count += 1
    return count


def _load_json(path: Path, file: str, report: Report) -> dict | None:
    data = read_checked(path, file, "a GeoJSON FeatureCollection", MAX_GEOJSON_BYTES, report)
    if data is None:
        return None
    return parse_geojson(data, file, report)


def declared_crs(doc: dict, file: str, report: Report) -> CRS | bool | None:
    """The declared CRS when it is not WGS 84; None when WGS 84 or absent; False if broken."""
    crs = doc.get("crs")
    if crs is None:
        return None
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if not isinstance(name, str):
        report.error(file, "the 'crs' member has no name; expected e.g. EPSG:4326", column="crs")
        return False
    if name.upper() in _WGS84_NAMES:
        return None
    try:
        parsed = CRS.from_user_input(name)
    except CRSError:
        report.error(file, f"unknown CRS '{name}'; expected WGS 84 (EPSG:4326)", column="crs", value=name)
        return False
    return None if parsed.equals(CRS.from_epsg(4326), ignore_axis_order=True) else parsed


def read_features(
    root: Path,
    file: str,
    report: Report,
    required: tuple[str, ...],
    id_property: str | None,
    bounds: Bounds,
    area: str,
) -> gpd.GeoDataFrame | None:
    """Valid polygon features of one GeoJSON file, in WGS 84, with their properties.

    Every feature must lie within ``bounds`` (``area`` names them in messages); one that
    would lie there with longitude and latitude exchanged is reported as swapped.
    Returns None when the file cannot be used. Each bad feature is reported by index
    (0-based, as QGIS shows in the attribute table after 'fid') and id.
    """
    doc = _load_json(root / file, file, report)
    if doc is None:
        return None
    crs = declared_crs(doc, file, report)
    if crs is False:
        return None
    to_wgs84 = None
    if crs is not None:
        to_wgs84 = Transformer.from_crs(crs, 4326, always_xy=True).transform
        report.warning(
            file,
            f"coordinates are in {crs.to_string()}; they were reprojected to WGS 84 (EPSG:4326) "
            "on loading. Save the file in EPSG:4326 to avoid this step.",
            column="crs",
        )
    errors_before = report.error_count
    rows: list[dict] = []
    seen: dict[str, int] = {}
    for index, feature in enumerate(doc["features"]):
        row = _feature(feature, index, file, report, required, id_property, to_wgs84, (bounds, area))
        if row is None:
            continue
        ident = row.get(id_property) if id_property else None
        if isinstance(ident, str):
            if ident in seen:
                report.error(
                    file,
                    f"id '{ident}' is used twice (also feature {seen[ident]}); each must be unique",
                    feature=index,
                    feature_id=ident,
                    column=id_property,
                    value=ident,
                )
                continue
            seen[ident] = index
        rows.append(row)
    if not doc["features"]:
        report.error(file, "the FeatureCollection has no features")
        return None
    if report.error_count > errors_before:
        return None
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def _feature(
    feature: object,
    index: int,
    file: str,
    report: Report,
    required: tuple[str, ...],
    id_property: str | None,
    to_wgs84: object,
    within: tuple[Bounds, str],
) -> dict | None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        report.error(file, "expected a GeoJSON Feature object", feature=index)
        return None
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        report.error(file, "'properties' must be an object", feature=index)
        return None
    ident = props.get(id_property) if id_property else None
    fid = str(ident) if ident not in (None, "") else None
    where = {"feature": index, "feature_id": fid}
    ok = True
    for name in required:
        value = props.get(name)
        if not isinstance(value, str) or not value.strip():
            found = "nothing" if value in (None, "") else repr(value)
            report.error(file, f"found {found}; expected a non-empty text", column=name, **where)
            ok = False
        else:
            warn_if_formula(value.strip(), file, report, column=name, **where)
    geom = _geometry(feature.get("geometry"), file, report, where)
    if geom is None or not ok:
        return None
    if to_wgs84 is not None:
        geom = shapely.transform(geom, lambda xy: np.column_stack(to_wgs84(xy[:, 0], xy[:, 1])))  # type: ignore[misc]
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        report.error(
            file,
            f"coordinates reach x={maxx:.0f}, y={maxy:.0f}: they look projected (metres), but the "
            "file declares no CRS. Export it as WGS 84 (EPSG:4326), or declare its CRS.",
            column="geometry",
            **where,
        )
        return None
    problem = outside(geom.bounds, *within)
    if problem:
        report.error(file, problem, column="geometry", **where)
        return None
    row = {k: (v.strip() if isinstance(v, str) else v) for k, v in props.items()}
    row["geometry"] = geom
    return row


def outside(box: Bounds, bounds: Bounds, area: str) -> str | None:
    """Why a geometry's bounding box (minx, miny, maxx, maxy) is not within ``bounds``;
    None when it is."""
    minx, miny, maxx, maxy = box
    x0, y0, x1, y1 = bounds
    if x0 <= minx and y0 <= miny and maxx <= x1 and maxy <= y1:
        return None
    reach = f"the geometry reaches lon {minx:.2f}..{maxx:.2f}, lat {miny:.2f}..{maxy:.2f}"
    limits = f"outside {area} (lon {x0}..{x1}, lat {y0}..{y1})"
    if x0 <= miny and y0 <= minx and maxy <= x1 and maxx <= y1:
        return f"{reach}, {limits}; longitude and latitude look swapped (x must be the longitude)"
    return f"{reach}, {limits}; is this another country?"


def _geometry(raw: object, file: str, report: Report, where: dict) -> BaseGeometry | None:
    if raw is None:
        report.error(file, "geometry is null; every feature needs a polygon", column="geometry", **where)
        return None
    try:
        geom = shape(raw)  # type: ignore[arg-type]
    except Exception as exc:  # shapely raises several types for malformed input
        report.error(
            file, f"geometry cannot be read ({exc}); expected a Polygon or MultiPolygon", column="geometry", **where
        )
        return None
    if geom.geom_type not in _AREAL:
        report.error(
            file, f"geometry is a {geom.geom_type}; expected a Polygon or MultiPolygon", column="geometry", **where
        )
        return None
    if geom.is_empty:
        report.error(file, "geometry is empty; every feature needs a polygon", column="geometry", **where)
        return None
    if not shapely.is_valid(geom):
        report.error(
            file,
            f"geometry is invalid ({explain_validity(geom)}); repair it (QGIS: Fix geometries)",
            column="geometry",
            **where,
        )
        return None
    return geom
