"""Checks that need more than one row or file: ids unique, references between files
(district codes, units, metrics, sources, issuing bodies), presentation views, running
totals, and settlements inside Azerbaijan and near their district.

Each check reports what it finds (file, line, column, the value and what was expected)
and returns nothing. Checks inside one file live in ``csvfile`` and ``geofile``, checks
of one row's references and dates in ``rowchecks``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import geopandas as gpd
from shapely.geometry import Point

from dashboard.data import schema
from dashboard.data.csvfile import Row, parse_partial_date
from dashboard.data.dataset import issuing_bodies
from dashboard.data.report import Report
from dashboard.data.rowchecks import (
    check_each_listed,
    check_listed,
    check_period,
    check_place,
    check_source,
    check_subset_and_flag,
    check_unit,
    unexpected,
)

_METRIC_CRS = "EPSG:32638"  # UTM zone 38N: metres, for distances in the region
_DISTRICT_CODE = f"a district code from {schema.DISTRICTS_FILE}, e.g. AZ-CAB"


def unique_ids(rows: list[Row], key: str, file: str, report: Report, seen: dict[str, tuple[str, int]]) -> None:
    """Each ``key`` value is used once, in ``rows`` and in what ``seen`` has (id -> file, line)."""
    for row in rows:
        value = row.get(key)
        if not value:
            continue
        if value in seen:
            other_file, other_line = seen[str(value)]
            where = f"line {other_line}" if other_file == file else f"{other_file}, line {other_line}"
            report.error(
                file,
                f"id '{value}' is already used ({where}); each id must be unique",
                line=row["_line"],
                column=key,
                value=str(value),
            )
        else:
            seen[str(value)] = (file, int(row["_line"]))  # type: ignore[call-overload]


def same_codes(full: gpd.GeoDataFrame, display: gpd.GeoDataFrame, report: Report) -> None:
    """The display boundaries have exactly the full-detail boundaries' district codes."""
    missing = sorted(set(full["code"]) - set(display["code"]))
    extra = sorted(set(display["code"]) - set(full["code"]))
    if missing or extra:
        report.error(
            schema.DISPLAY_FILE,
            f"district codes differ from {schema.DISTRICTS_FILE}: missing {missing or 'none'}, "
            f"extra {extra or 'none'}; rebuild both with 'dashboard build-boundaries'",
            column="code",
        )


def check_units(units: list[Row], codes: set[str], report: Report) -> None:
    """units.csv: a group or part lists its members, and each member is a district code."""
    file = schema.UNITS_TABLE.path
    for row in units:
        members = str(row.get("members") or "").split()
        if row.get("kind") in ("group", "part") and not members:
            report.error(
                file, "a group or part needs its district codes in 'members'", line=row["_line"], column="members"
            )
        check_each_listed(row, file, "members", codes, _DISTRICT_CODE, report)


def check_views(rows: list[Row], codes: set[str], report: Report) -> None:
    """presentation.csv: district codes, the period and the card names of each view."""
    file = schema.PRESENTATION.path
    cards = f"card names separated by spaces from: {' '.join(schema.CARD_KEYS)}"
    for row in rows:
        if codes:
            check_each_listed(row, file, "districts", codes, _DISTRICT_CODE, report)
        period = row.get("period")
        if period and not re.match(schema.PERIOD_PATTERN, str(period)):
            expected = "'cumulative', a year such as 2024, or 'cumulative:2024-12-31'"
            unexpected(report, file, row, "period", period, expected)
        check_each_listed(row, file, "cards", schema.CARD_KEYS, cards, report)


def check_issuers(root: Path, tables: dict[str, list[Row]], report: Report) -> None:
    """Every body a figure names has its Azerbaijani name in issuers.csv."""
    file = schema.ISSUERS.path
    if not (root / file).exists():
        report.warning(
            file,
            "file not found; the Azerbaijani view shows every issuing body by its English name. "
            "Add issuers.csv with columns issuing_body, issuer_az, note",
        )
        return
    if file not in tables:
        return  # unreadable: read_table has already said why
    known = {str(r["issuing_body"]).strip() for r in tables[file] if r.get("issuing_body")}
    expected = f"an issuing body listed in {file} (add a row there with its Azerbaijani name in issuer_az)"
    for spec in schema.FIGURE_FILES:
        for row in tables.get(spec.path, []):
            for body in issuing_bodies(str(row.get("issuing_body") or "")):
                if body not in known:
                    unexpected(report, spec.path, row, "issuing_body", body, expected)


def check_settlements(
    rows: list[Row],
    codes: set[str],
    unit_ids: set[str],
    units: list[Row],
    sources: set[str],
    districts: gpd.GeoDataFrame,
    report: Report,
) -> None:
    """settlements.csv: district, sources, and coordinates inside Azerbaijan and near the district."""
    file = schema.SETTLEMENTS.path
    members = {str(u["unit_id"]): str(u.get("members") or "").split() for u in units if u.get("unit_id")}
    shapes = districts.set_index("code").geometry.to_crs(_METRIC_CRS)
    country = shapes.union_all()
    places = codes | unit_ids
    expected = f"a district code from {schema.DISTRICTS_FILE} (e.g. AZ-LAC) or a unit id from units.csv"
    for row in rows:
        line = row["_line"]
        district = row.get("district")
        check_listed(row, file, "district", places, expected, report)
        _check_source_ref(row, "first_return", "first_return_source_id", sources, file, report)
        lat, lon = row.get("latitude"), row.get("longitude")
        if (lat is None) != (lon is None):
            report.error(
                file,
                "give both latitude and longitude, or leave both empty",
                line=line,
                column="latitude" if lat is None else "longitude",
            )
            continue
        if lat is None:
            continue
        _check_source_ref(row, "latitude", "coord_source_id", sources, file, report)
        x0, y0, x1, y1 = schema.AZERBAIJAN_BOUNDS
        if not (x0 <= lon <= x1 and y0 <= lat <= y1):  # type: ignore[operator]
            swapped = x0 <= lat <= x1 and y0 <= lon <= y1  # type: ignore[operator]
            hint = "; latitude and longitude look swapped" if swapped else ""
            report.error(
                file,
                f"found {lat}, {lon}: outside Azerbaijan (latitude {y0}..{y1}, longitude {x0}..{x1}){hint}",
                line=line,
                column="latitude",
                value=f"{lat}, {lon}",
            )
            continue
        point = gpd.GeoSeries([Point(lon, lat)], crs="EPSG:4326").to_crs(_METRIC_CRS).iloc[0]  # type: ignore[arg-type]
        limit_m = schema.BOUNDARY_PRECISION_KM * 1000
        if point.distance(country) > limit_m:
            report.error(
                file,
                f"found {lat}, {lon}: outside Azerbaijan's boundaries",
                line=line,
                column="latitude",
                value=f"{lat}, {lon}",
            )
            continue
        allowed = [district] if district in codes else members.get(str(district), [])
        allowed = [c for c in allowed if c in shapes.index]
        if not allowed:
            continue
        distance = min(point.distance(shapes[c]) for c in allowed)
        if distance > limit_m:
            report.warning(
                file,
                f"the point {lat}, {lon} lies {distance / 1000:.1f} km outside {district} (more than "
                f"the boundary layer's precision of {schema.BOUNDARY_PRECISION_KM:g} km); check the "
                "coordinates or the district",
                line=line,
                column="district",
                value=str(district),
            )


def _check_source_ref(row: Row, field: str, ref: str, sources: set[str], file: str, report: Report) -> None:
    value = row.get(ref)
    if row.get(field) not in (None, "") and not value:
        report.error(file, f"'{field}' is filled, so '{ref}' must name its source", line=row["_line"], column=ref)
    else:
        check_source(row, file, sources, report, column=ref)


def check_figures(
    rows: list[Row],
    file: str,
    metrics: dict[str, Row],
    places: set[str],
    sources: set[str],
    report: Report,
) -> None:
    """A figure file's rows: metric, unit, place, source, subset, flag and period."""
    also = ", or a settlement id from settlements.csv" if file.endswith("returns.csv") else ""
    for row in rows:
        check_listed(row, file, "metric", metrics, "a metric listed in metrics.csv", report)
        check_unit(row, file, metrics, report)
        check_place(row, file, places, report, also)
        check_source(row, file, sources, report)
        check_subset_and_flag(row, file, report)
        check_period(row, file, report)


def check_running_totals(rows: list[Row], file: str, metrics: dict[str, Row], report: Report) -> None:
    """Warn where a running total goes down: two sources counting differently, or a typo."""
    series: dict[tuple, list[Row]] = {}
    for row in rows:
        metric = row.get("metric")
        if (
            row.get("period_type") != "cumulative"
            or metric not in metrics
            or metrics[str(metric)]["monotonic"] != "yes"
        ):
            continue
        if row.get("value") is None or not row.get("period_end") or row.get("flag") or row.get("qualifier"):
            continue
        key = (metric, row.get("area"), row.get("subset"), row.get("period_start"))
        series.setdefault(key, []).append(row)
    for points in series.values():
        points.sort(key=lambda r: (parse_partial_date(str(r["period_end"])) or (date.min,))[-1])
        peak: Row | None = None
        for row in points:
            if peak is not None and row["value"] < peak["value"]:  # type: ignore[operator]
                report.warning(
                    file,
                    f"running total goes down: {row['value']:g} as of {row['period_end']} after "
                    f"{peak['value']:g} as of {peak['period_end']} (line {peak['_line']}); sources may "
                    "count differently. Flag one of them, or check for a typo.",
                    line=row["_line"],
                    column="value",
                    value=f"{row['value']:g}",
                )
            if peak is None or row["value"] >= peak["value"]:  # type: ignore[operator]
                peak = row
