"""The map's background: Natural Earth country outlines (world-atlas TopoJSON), decoded
and clipped to the map's region."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from dashboard.data.boundaries_build.geometry import polygonal, round_geometry
from dashboard.data.schema import REGION_BOUNDS

BACKGROUND_DECIMALS = 4  # world-atlas is quantized to about 0.004° x 0.002°: nothing is lost
BACKGROUND_BBOX = REGION_BOUNDS  # min lon, min lat, max lon, max lat


def decode_topojson(topology: Mapping[str, Any], layer: str) -> list[tuple[dict[str, Any], BaseGeometry]]:
    """(properties, geometry) of the Polygon / MultiPolygon objects of one TopoJSON layer."""
    transform = topology.get("transform")
    arcs: list[np.ndarray] = []
    for arc in topology["arcs"]:
        points = np.asarray(arc, dtype=float)[:, :2]
        if transform:
            points = np.cumsum(points, axis=0) * transform["scale"] + transform["translate"]
        arcs.append(points)

    def ring(indices: Sequence[int]) -> np.ndarray:
        parts = []
        for n, index in enumerate(indices):
            points = arcs[index] if index >= 0 else arcs[~index][::-1]
            parts.append(points if n == 0 else points[1:])
        return np.concatenate(parts)

    def polygon(rings: Sequence[Sequence[int]]) -> BaseGeometry | None:
        # quantization can collapse a tiny island or lake to fewer than 4 points: dropped
        exterior = ring(rings[0])
        if len(np.unique(exterior, axis=0)) < 3:
            return None
        holes = [h for h in (ring(r) for r in rings[1:]) if len(np.unique(h, axis=0)) >= 3]
        return shapely.Polygon(exterior, holes)

    out = []
    for obj in topology["objects"][layer]["geometries"]:
        if obj.get("type") == "Polygon":
            parts = [polygon(obj["arcs"])]
        elif obj.get("type") == "MultiPolygon":
            parts = [polygon(p) for p in obj["arcs"]]
        else:
            continue
        polygons = [p for p in parts if p is not None]
        if polygons:
            out.append((dict(obj.get("properties") or {}), polygonal(shapely.MultiPolygon(polygons))))
    return out


def build_background(
    topology: Mapping[str, Any], bbox: tuple[float, float, float, float] = BACKGROUND_BBOX
) -> list[tuple[dict[str, Any], BaseGeometry]]:
    """Country outlines clipped to ``bbox``, one feature per country (not simplified: shared borders stay shared)."""
    frame = box(*bbox)
    out = []
    for props, geom in decode_topojson(topology, "countries"):
        if not geom.intersects(frame):
            continue
        clipped = polygonal(polygonal(geom).intersection(frame))
        clipped = round_geometry(clipped, BACKGROUND_DECIMALS)
        if clipped.is_empty or clipped.area == 0:
            continue
        out.append(({"name": str(props.get("name", ""))}, clipped))
    out.sort(key=lambda item: item[0]["name"])
    return out
