"""Geometry of the boundary files: area and distance on the ellipsoid, valid rounded
polygons, coverage checks (overlaps, union area), coverage-preserving simplification,
and the GeoJSON text the files are written as (with their coordinate precision)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

# Coverage simplification tolerance (degrees), about 330 m north-south. Natural Earth 10m is
# already coarse (about 4,500 vertices for the country), so larger tolerances save little
# space but visibly shrink the small cities: at 0.003 no vertex moves more than about 0.2 km,
# Karabakh and East Zangezur areas change by under 0.5 %, Naftalan (4.5 km²) by about 3 %.
DISPLAY_TOLERANCE_DEG = 0.003
FULL_DECIMALS = 6
DISPLAY_DECIMALS = 5
METRES_PER_DEGREE_LAT = 111_320.0
_GEOD = Geod(ellps="WGS84")


def geodesic_area_km2(geom: BaseGeometry) -> float:
    """Area of a WGS 84 polygon on the ellipsoid, in km²."""
    area, _ = _GEOD.geometry_area_perimeter(geom)
    return abs(area) / 1e6


def distance_km(geom: BaseGeometry, lon: float, lat: float) -> float:
    """Approximate distance in km from a point to a geometry (0 when inside)."""
    point = shapely.Point(lon, lat)
    if geom.covers(point):
        return 0.0
    nearest = shapely.get_point(shapely.shortest_line(point, geom), 1)
    _, _, metres = _GEOD.inv(lon, lat, nearest.x, nearest.y)
    return metres / 1000.0


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """A valid Polygon or MultiPolygon made from ``geom`` (other parts are dropped)."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [
        part for part in getattr(geom, "geoms", [geom]) if part.geom_type in ("Polygon", "MultiPolygon") and part.area
    ]
    polygons = [p for part in parts for p in getattr(part, "geoms", [part])]
    if not polygons:
        return shapely.MultiPolygon()
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def round_geometry(geom: BaseGeometry, decimals: int) -> BaseGeometry:
    """``geom`` with coordinates rounded, repaired if rounding made it invalid, rings oriented."""
    rounded = shapely.transform(geom, lambda xy: np.round(xy, decimals))
    return shapely.orient_polygons(polygonal(rounded), exterior_cw=False)


def _rounded_coords(value: object, decimals: int) -> object:
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], (int, float)):
            return [round(float(v), decimals) + 0.0 for v in value]
        return [_rounded_coords(v, decimals) for v in value]
    return value


def feature_collection_text(features: Iterable[tuple[Mapping[str, Any], BaseGeometry]], decimals: int) -> str:
    """GeoJSON text (RFC 7946, WGS 84): one feature per line, coordinates rounded."""
    lines = []
    for props, geom in features:
        geometry = mapping(geom)
        feature = {
            "type": "Feature",
            "properties": dict(props),
            "geometry": {"type": geometry["type"], "coordinates": _rounded_coords(geometry["coordinates"], decimals)},
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def _pairwise_overlaps(geoms: Sequence[BaseGeometry]) -> list[tuple[int, int, float]]:
    """(i, j, area in deg²) for every pair of intersecting geometries with a positive overlap."""
    array = np.asarray(geoms, dtype=object)
    tree = shapely.STRtree(array)
    left, right = tree.query(array, predicate="intersects")
    out = []
    for i, j in zip(left, right, strict=True):
        if i < j:
            area = array[i].intersection(array[j]).area
            if area > 0:
                out.append((int(i), int(j), float(area)))
    return out


def check_coverage(
    geoms: Sequence[BaseGeometry], reference_union_area: float, max_overlap: float, max_change: float
) -> dict[str, float]:
    """Overlap and union-area checks of a polygon coverage; raises RuntimeError on failure."""
    invalid = [i for i, g in enumerate(geoms) if not g.is_valid or g.geom_type not in ("Polygon", "MultiPolygon")]
    if invalid:
        raise RuntimeError(f"{len(invalid)} geometries are invalid or not polygons after processing: {invalid}")
    overlaps = _pairwise_overlaps(geoms)
    worst = max((a for _, _, a in overlaps), default=0.0)
    union_area = shapely.union_all(np.asarray(geoms, dtype=object)).area
    change = abs(union_area - reference_union_area) / reference_union_area
    if worst > max_overlap:
        raise RuntimeError(f"neighbouring polygons overlap by up to {worst:.3g} deg² (limit {max_overlap:g})")
    if change > max_change:
        raise RuntimeError(f"union area changed by {change:.3%} (limit {max_change:.1%})")
    return {
        "max_pair_overlap_deg2": worst,
        "sum_pair_overlap_deg2": float(sum(a for _, _, a in overlaps)),
        "union_area_change": change,
    }


def simplify_coverage(geoms: Sequence[BaseGeometry], tolerance: float, decimals: int) -> list[BaseGeometry]:
    """Coverage-preserving simplification (shared edges stay shared), then rounding."""
    simplified = shapely.coverage_simplify(np.asarray(geoms, dtype=object), tolerance, simplify_boundary=True)
    return [round_geometry(g, decimals) for g in simplified]


def simplification_effect(
    names: Sequence[str], full: Sequence[BaseGeometry], display: Sequence[BaseGeometry]
) -> dict[str, Any]:
    """Largest vertex displacement (km, Hausdorff) and largest relative area change, per feature."""
    pairs = list(zip(full, display, strict=True))
    moved = [shapely.hausdorff_distance(f, d) * METRES_PER_DEGREE_LAT / 1000 for f, d in pairs]
    changed = [abs(d.area - f.area) / f.area for f, d in pairs]
    i, j = int(np.argmax(moved)), int(np.argmax(changed))
    return {
        "max_displacement_km": round(moved[i], 3),
        "max_displacement_feature": names[i],
        "max_area_change": round(changed[j], 5),
        "max_area_change_feature": names[j],
    }


def longitude_metres(lat: float) -> float:
    """Metres per degree of longitude at ``lat`` (spherical approximation)."""
    return METRES_PER_DEGREE_LAT * math.cos(math.radians(lat))
