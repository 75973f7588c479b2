"""Natural Earth's attributes of Azerbaijan's districts -> checked codes and names.

Natural Earth has known faults for Azerbaijan (wrong ISO 3166-2 codes, an Armenian
name, swapped GeoNames names): the corrections in ``names`` are applied only where the
fault is found as expected, Khankendi and Khojaly are told apart by their geometry,
and every final code is checked against pycountry's ISO 3166-2:AZ list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pycountry
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from dashboard.data.boundaries_build.geometry import distance_km, geodesic_area_km2
from dashboard.data.boundaries_build.names import (
    CODE_CHECKS,
    CODE_FIXES,
    NAME_REASONS,
    NAMES_AZ_OVERRIDE,
    NAMES_EN,
    REGION_OF,
    SHUSHA_CITY,
)

OUTPUT_PROPERTIES = ("code", "name_en", "name_az", "kind", "economic_region", "ne_adm1_code")
_KIND_OF_ISO_TYPE = {"Rayon": "rayon", "Municipality": "city"}

# Khankendi city: a small city (about 8 km² in reality) at about 39.82 N, 46.76 E.
KHANKENDI_LON_LAT = (46.76, 39.82)
KHANKENDI_MAX_KM2 = 100.0
KHANKENDI_MAX_DISTANCE_KM = 5.0
KHOJALY_MIN_KM2 = 500.0


def _iso_subdivisions() -> dict[str, Any]:
    """ISO 3166-2:AZ subdivisions from pycountry, by code."""
    return {sub.code: sub for sub in pycountry.subdivisions.get(country_code="AZ")}


def _ne_code(feature: Mapping[str, Any]) -> str:
    return str(feature["properties"].get("iso_3166_2") or "")


def _geometry_of(feature: Mapping[str, Any]) -> BaseGeometry:
    geom = feature["geometry"]
    return geom if isinstance(geom, BaseGeometry) else shape(geom)


def _identify_khankendi_khojaly(
    features: Sequence[Mapping[str, Any]], codes: dict[str, str], fixes: list[dict[str, Any]]
) -> None:
    """Decide from geometry which of the AZ-XA / AZ-XCI features is Khankendi city.

    Updates ``codes`` (adm1_code -> code) when Natural Earth's codes are the wrong way
    round, and records the finding in ``fixes``.
    """
    pair = [f for f in features if codes[f["properties"]["adm1_code"]] in ("AZ-XA", "AZ-XCI")]
    if not pair:
        return
    if len(pair) != 2:
        found = ", ".join(f"{f['properties']['adm1_code']}={codes[f['properties']['adm1_code']]}" for f in pair)
        raise ValueError(f"expected one AZ-XA and one AZ-XCI feature, found {found}")
    measured = []
    for feature in pair:
        geom = _geometry_of(feature)
        measured.append(
            (
                geodesic_area_km2(geom),
                distance_km(geom, *KHANKENDI_LON_LAT),
                feature["properties"]["adm1_code"],
                feature,
            )
        )
    measured.sort(key=lambda m: m[0])
    (small_km2, small_dist, small_id, small), (large_km2, _, large_id, _) = measured
    if not (
        small_km2 <= KHANKENDI_MAX_KM2 and small_dist <= KHANKENDI_MAX_DISTANCE_KM and large_km2 >= KHOJALY_MIN_KM2
    ):
        raise ValueError(
            f"cannot tell Khankendi from Khojaly: {small_id} has {small_km2:.1f} km² and lies "
            f"{small_dist:.1f} km from Khankendi, {large_id} has {large_km2:.1f} km²"
        )
    small_props = small["properties"]
    swapped = codes[small_id] != "AZ-XA"
    finding = (
        f"{small_id} ({small_km2:.1f} km², {small_dist:.1f} km from 39.82 N 46.76 E) is Khankendi city and "
        f"{large_id} ({large_km2:.0f} km²) is Khojaly rayon: "
        + (
            "Natural Earth's codes were the wrong way round and are swapped"
            if swapped
            else "Natural Earth's codes AZ-XA / AZ-XCI are right; its GeoNames names (gn_name) are swapped "
            f"('{small_props.get('gn_name', '')}' on the city) and the city is named "
            f"'{small_props.get('name_en', '')}' (Armenian name) in the name fields"
        )
    )
    if swapped:
        fixes.append({"adm1_code": small_id, "field": "code", "from": codes[small_id], "to": "AZ-XA", "why": finding})
        fixes.append({"adm1_code": large_id, "field": "code", "from": codes[large_id], "to": "AZ-XCI", "why": finding})
        codes[small_id], codes[large_id] = "AZ-XA", "AZ-XCI"
    else:
        fixes.append({"adm1_code": small_id, "field": "code", "from": "AZ-XA", "to": "AZ-XA", "why": finding})


def _name_az(code: str, iso: Mapping[str, Any]) -> str:
    if code in NAMES_AZ_OVERRIDE:
        return NAMES_AZ_OVERRIDE[code]
    # pycountry writes Kǝngǝrli with U+01DD (turned e); Azerbaijani uses U+0259 (schwa).
    return str(iso[code].name).replace("\u01dd", "\u0259")


def fix_attributes(
    features: Sequence[Mapping[str, Any]],
) -> tuple[list[tuple[dict[str, Any], BaseGeometry]], list[dict[str, Any]]]:
    """Natural Earth features of Azerbaijan -> (properties, geometry) pairs with checked codes.

    ``features`` are GeoJSON-like dicts with Natural Earth properties (``adm1_code``,
    ``iso_3166_2``, ``name_en``, ``gn_name``) and a geometry (GeoJSON dict or shapely).
    Returns the features, sorted by code, with exactly :data:`OUTPUT_PROPERTIES`, and the
    list of fixes applied (each a dict: adm1_code, field, from, to, why).

    Raises ValueError when a known fault is not found as expected (the source changed),
    when a code is not in ISO 3166-2:AZ (except Shusha city's), is not a rayon or city,
    has no English name or economic region, or is used twice.
    """
    iso = _iso_subdivisions()
    fixes: list[dict[str, Any]] = []
    codes: dict[str, str] = {}
    for feature in features:
        adm1 = str(feature["properties"]["adm1_code"])
        if adm1 in codes:
            raise ValueError(f"Natural Earth adm1_code {adm1} appears twice")
        found = _ne_code(feature)
        code = found
        if adm1 in CODE_FIXES:
            wrong, right, why = CODE_FIXES[adm1]
            if found == wrong:
                code = right
                fixes.append({"adm1_code": adm1, "field": "code", "from": found, "to": right, "why": why})
            elif found != right:
                raise ValueError(
                    f"{adm1} carries code '{found}'; the build expects the known fault '{wrong}' (or the "
                    f"corrected '{right}'): the source has changed, review CODE_FIXES"
                )
        elif adm1 in CODE_CHECKS and found != CODE_CHECKS[adm1][0]:
            raise ValueError(f"{adm1} carries code '{found}', expected '{CODE_CHECKS[adm1][0]}'")
        codes[adm1] = code
    _identify_khankendi_khojaly(features, codes, fixes)

    problems: list[str] = []
    seen: dict[str, str] = {}
    out: list[tuple[dict[str, Any], BaseGeometry]] = []
    for feature in features:
        props = feature["properties"]
        adm1 = str(props["adm1_code"])
        code = codes[adm1]
        if code in seen:
            problems.append(f"code {code} is used by both {seen[code]} and {adm1}")
            continue
        seen[code] = adm1
        if code == SHUSHA_CITY:
            kind = "city"
        elif code not in iso:
            problems.append(f"{adm1}: code '{code}' is not in ISO 3166-2:AZ")
            continue
        elif iso[code].type not in _KIND_OF_ISO_TYPE:
            problems.append(f"{adm1}: {code} is an ISO 3166-2 '{iso[code].type}', not a rayon or city")
            continue
        else:
            kind = _KIND_OF_ISO_TYPE[iso[code].type]
        if code not in NAMES_EN or code not in REGION_OF:
            problems.append(f"{adm1}: {code} has no English name or economic region in the build tables")
            continue
        name_en = NAMES_EN[code]
        ne_name = str(props.get("name_en") or "")
        if ne_name != name_en:
            fixes.append(
                {
                    "adm1_code": adm1,
                    "field": "name_en",
                    "from": ne_name,
                    "to": name_en,
                    "why": NAME_REASONS.get(adm1, "project spelling"),
                }
            )
        name_az = _name_az(code, iso)
        if code in iso and "\u01dd" in iso[code].name:
            fixes.append(
                {
                    "adm1_code": adm1,
                    "field": "name_az",
                    "from": iso[code].name,
                    "to": name_az,
                    "why": "pycountry writes ǝ (U+01DD, turned e) where Azerbaijani has ə (U+0259, schwa)",
                }
            )
        properties = {
            "code": code,
            "name_en": name_en,
            "name_az": name_az,
            "kind": kind,
            "economic_region": REGION_OF[code],
            "ne_adm1_code": adm1,
        }
        out.append((properties, _geometry_of(feature)))
    if problems:
        raise ValueError("boundary attributes failed the ISO 3166-2 check: " + "; ".join(problems))
    out.sort(key=lambda item: item[0]["code"])
    return out, fixes
