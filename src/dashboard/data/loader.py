"""The one code path that reads geodata/: read every file, check it, build a Dataset.

``load_dataset(root)`` never raises for bad input: every problem becomes a finding in
the report, and the dataset is None when any finding is an error.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from dashboard.data import schema
from dashboard.data.claimsfile import check_claims, claims_frame
from dashboard.data.csvfile import Row, date_precision, parse_partial_date, read_table
from dashboard.data.dataset import Dataset, issuing_bodies
from dashboard.data.geofile import read_features
from dashboard.data.report import Report
from dashboard.data.rowchecks import check_period, check_place, check_source, check_subset_and_flag, check_unit

_METRIC_CRS = "EPSG:32638"  # UTM zone 38N: metres, for distances in the region


@dataclass(frozen=True)
class LoadResult:
    """The dataset (None when there are errors) and the validation report."""

    dataset: Dataset | None
    report: Report


def data_files(root: Path) -> list[Path]:
    """Every file the loader reads, in a fixed order."""
    names = [t.path for t in _tables()] + [
        schema.DISTRICTS_FILE,
        schema.DISPLAY_FILE,
        schema.BACKGROUND_FILE,
    ]
    return [root / n for n in names]


def data_signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Cheap fingerprint (name, size, mtime) to notice edited files without reading them."""
    sig = []
    for path in data_files(root):
        try:
            st = path.stat()
            sig.append((path.name, st.st_size, st.st_mtime_ns))
        except OSError:
            sig.append((path.name, -1, -1))
    return tuple(sig)


def _tables() -> tuple[schema.TableSpec, ...]:
    return (
        schema.SOURCES,
        schema.METRICS,
        schema.UNITS_TABLE,
        schema.SETTLEMENTS,
        *schema.FIGURE_FILES,
        *schema.OPTIONAL_TABLES,
    )


def _read_table(root: Path, spec: schema.TableSpec, report: Report, today: date) -> list[Row] | None:
    if spec in schema.OPTIONAL_TABLES and not (root / spec.path).exists():
        return []
    return read_table(root, spec, report, today)


def load_dataset(root: Path | str, today: date | None = None) -> LoadResult:
    """Read and validate the whole geodata folder."""
    root = Path(root)
    today = today or date.today()
    report = Report()
    if not root.is_dir():
        report.error(str(root), "folder not found; expected the geodata folder")
        return LoadResult(None, report)
    try:
        return _load(root, today, report)
    except Exception as exc:  # a last guard: bad input must never become a traceback
        report.error(str(root), f"unexpected problem while checking the data ({type(exc).__name__}: {exc})")
        return LoadResult(None, report)


def _load(root: Path, today: date, report: Report) -> LoadResult:
    azerbaijan = (schema.AZERBAIJAN_BOUNDS, "Azerbaijan")
    region = (schema.REGION_BOUNDS, "the map's region")
    districts_full = read_features(root, schema.DISTRICTS_FILE, report, schema.DISTRICT_PROPERTIES, "code", *azerbaijan)
    display = read_features(root, schema.DISPLAY_FILE, report, schema.DISTRICT_PROPERTIES, "code", *azerbaijan)
    background = read_features(root, schema.BACKGROUND_FILE, report, ("name",), None, *region)
    tables = {spec.path: _read_table(root, spec, report, today) for spec in _tables()}

    codes: set[str] = set()
    if districts_full is not None:
        codes = set(districts_full["code"])
        if display is not None:
            _same_codes(districts_full, display, report)

    ok_tables = {path: rows for path, rows in tables.items() if rows is not None}
    for spec in _tables():
        if spec.path in ok_tables and spec.path not in {t.path for t in schema.FIGURE_FILES}:
            _unique(ok_tables[spec.path], spec.key, spec.path, report, {})
    figure_ids: dict[str, tuple[str, int]] = {}
    for spec in schema.FIGURE_FILES:
        if spec.path in ok_tables:
            _unique(ok_tables[spec.path], "figure_id", spec.path, report, figure_ids)

    sources = _keys(ok_tables.get(schema.SOURCES.path), "source_id")
    metrics = {str(r["metric"]): r for r in ok_tables.get(schema.METRICS.path, []) if r["metric"]}
    units = ok_tables.get(schema.UNITS_TABLE.path, [])
    unit_ids = _keys(units, "unit_id")
    settlements = ok_tables.get(schema.SETTLEMENTS.path, [])
    settlement_ids = _keys(settlements, "settlement_id")

    if districts_full is not None:
        _check_units(units, codes, report)
        _check_settlements(settlements, codes, unit_ids, units, sources, districts_full, report)
    for spec in schema.FIGURE_FILES:
        rows = ok_tables.get(spec.path, [])
        places = codes | unit_ids | {schema.NATIONAL}
        if spec.path.endswith("returns.csv"):
            places |= settlement_ids
        _check_figures(rows, spec.path, metrics, places, sources, report)
        _check_monotonic(rows, spec.path, metrics, report)
    places = codes | unit_ids | {schema.NATIONAL}
    check_claims(ok_tables.get(schema.CLAIMS.path, []), metrics, places, sources, report)
    _check_views(ok_tables.get(schema.PRESENTATION.path, []), codes, report)
    _check_issuers(root, ok_tables, report)

    if not report.ok or districts_full is None or display is None or background is None:
        return LoadResult(None, report)
    if any(rows is None for rows in tables.values()):
        return LoadResult(None, report)
    dataset = _build(root, display, background, ok_tables, codes, unit_ids)
    return LoadResult(dataset, report)


def _keys(rows: list[Row] | None, key: str) -> set[str]:
    return {str(r[key]) for r in rows or [] if r.get(key)}


def _unique(rows: list[Row], key: str, file: str, report: Report, seen: dict[str, tuple[str, int]]) -> None:
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


def _same_codes(full: gpd.GeoDataFrame, display: gpd.GeoDataFrame, report: Report) -> None:
    missing = sorted(set(full["code"]) - set(display["code"]))
    extra = sorted(set(display["code"]) - set(full["code"]))
    if missing or extra:
        report.error(
            schema.DISPLAY_FILE,
            f"district codes differ from {schema.DISTRICTS_FILE}: missing {missing or 'none'}, "
            f"extra {extra or 'none'}; rebuild both with 'dashboard build-boundaries'",
            column="code",
        )


def _check_units(units: list[Row], codes: set[str], report: Report) -> None:
    file = schema.UNITS_TABLE.path
    for row in units:
        members = str(row.get("members") or "").split()
        if row.get("kind") in ("group", "part") and not members:
            report.error(
                file, "a group or part needs its district codes in 'members'", line=row["_line"], column="members"
            )
        for code in members:
            if code not in codes:
                report.error(
                    file,
                    f"found '{code}'; expected a district code from {schema.DISTRICTS_FILE}, e.g. AZ-CAB",
                    line=row["_line"],
                    column="members",
                    value=code,
                )


def _check_views(rows: list[Row], codes: set[str], report: Report) -> None:
    file = schema.PRESENTATION.path
    for row in rows:
        line = row["_line"]
        for code in str(row.get("districts") or "").split():
            if codes and code not in codes:
                report.error(
                    file,
                    f"found '{code}'; expected a district code from {schema.DISTRICTS_FILE}, e.g. AZ-CAB",
                    line=line,
                    column="districts",
                    value=code,
                )
        period = row.get("period")
        if period and not re.match(schema.PERIOD_PATTERN, str(period)):
            report.error(
                file,
                f"found '{period}'; expected 'cumulative', a year such as 2024, or 'cumulative:2024-12-31'",
                line=line,
                column="period",
                value=str(period),
            )
        for key in str(row.get("cards") or "").split():
            if key not in schema.CARD_KEYS:
                report.error(
                    file,
                    f"found '{key}'; expected card names separated by spaces from: {' '.join(schema.CARD_KEYS)}",
                    line=line,
                    column="cards",
                    value=key,
                )


def _check_issuers(root: Path, tables: dict[str, list[Row]], report: Report) -> None:
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
    for spec in schema.FIGURE_FILES:
        for row in tables.get(spec.path, []):
            for body in issuing_bodies(str(row.get("issuing_body") or "")):
                if body not in known:
                    report.error(
                        spec.path,
                        f"found '{body}'; expected an issuing body listed in {file} "
                        "(add a row there with its Azerbaijani name in issuer_az)",
                        line=row["_line"],
                        column="issuing_body",
                        value=body,
                    )


def _check_settlements(
    rows: list[Row],
    codes: set[str],
    unit_ids: set[str],
    units: list[Row],
    sources: set[str],
    districts: gpd.GeoDataFrame,
    report: Report,
) -> None:
    file = schema.SETTLEMENTS.path
    members = {str(u["unit_id"]): str(u.get("members") or "").split() for u in units if u.get("unit_id")}
    shapes = districts.set_index("code").geometry.to_crs(_METRIC_CRS)
    country = shapes.union_all()
    for row in rows:
        line = row["_line"]
        district = row.get("district")
        if district and district not in codes and district not in unit_ids:
            report.error(
                file,
                f"found '{district}'; expected a district code from {schema.DISTRICTS_FILE} "
                "(e.g. AZ-LAC) or a unit id from units.csv",
                line=line,
                column="district",
                value=str(district),
            )
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
    elif value and value not in sources:
        report.error(
            file,
            f"found '{value}'; expected a source_id listed in sources.csv",
            line=row["_line"],
            column=ref,
            value=str(value),
        )


def _check_figures(
    rows: list[Row],
    file: str,
    metrics: dict[str, Row],
    places: set[str],
    sources: set[str],
    report: Report,
) -> None:
    also = ", or a settlement id from settlements.csv" if file.endswith("returns.csv") else ""
    for row in rows:
        line = row["_line"]
        metric = row.get("metric")
        if metric and metric not in metrics:
            report.error(
                file,
                f"found '{metric}'; expected a metric listed in metrics.csv",
                line=line,
                column="metric",
                value=str(metric),
            )
        check_unit(row, file, metrics, report)
        check_place(row, file, places, report, also)
        check_source(row, file, sources, report)
        check_subset_and_flag(row, file, report)
        check_period(row, file, report)


def _check_monotonic(rows: list[Row], file: str, metrics: dict[str, Row], report: Report) -> None:
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


def _frame(rows: list[Row], spec: schema.TableSpec) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["_line", *spec.names]).rename(columns={"_line": "line"})
    return frame


def _build(
    root: Path,
    display: gpd.GeoDataFrame,
    background: gpd.GeoDataFrame,
    tables: dict[str, list[Row]],
    codes: set[str],
    unit_ids: set[str],
) -> Dataset:
    metrics = _frame(tables[schema.METRICS.path], schema.METRICS).drop(columns="line")
    metrics["monotonic"] = metrics["monotonic"] == "yes"
    topic_of = dict(zip(metrics["metric"], metrics["topic"], strict=True))

    parts = []
    for spec in schema.FIGURE_FILES:
        part = _frame(tables[spec.path], spec)
        part.insert(0, "file", spec.path)
        parts.append(part)
    figures = pd.concat(parts, ignore_index=True)
    figures["value"] = figures["value"].astype(float)
    figures["topic"] = figures["metric"].map(topic_of)
    figures["area_kind"] = figures["area"].map(
        lambda a: (
            "national"
            if a == schema.NATIONAL
            else "district"
            if a in codes
            else "unit"
            if a in unit_ids
            else "settlement"
        )
    )
    figures["start_date"] = pd.to_datetime(
        figures["period_start"].map(lambda t: parse_partial_date(t)[0] if t else None)  # type: ignore[index]
    )
    figures["end_date"] = pd.to_datetime(figures["period_end"].map(lambda t: parse_partial_date(t)[1]))  # type: ignore[index]
    figures["end_precision"] = figures["period_end"].map(date_precision)
    figures = figures.sort_values(["topic", "metric", "area", "end_date"], kind="stable").reset_index(drop=True)

    units = _frame(tables[schema.UNITS_TABLE.path], schema.UNITS_TABLE).drop(columns="line")
    units["members"] = units["members"].map(lambda m: tuple(str(m).split()))

    settlements = _frame(tables[schema.SETTLEMENTS.path], schema.SETTLEMENTS).drop(columns="line")
    settlements["mappable"] = settlements["latitude"].notna()
    settlements["first_return_date"] = pd.to_datetime(
        settlements["first_return"].map(lambda t: parse_partial_date(t)[0] if t else None)  # type: ignore[index]
    )
    geometry = [
        Point(lon, lat) if ok else None
        for lat, lon, ok in zip(settlements["latitude"], settlements["longitude"], settlements["mappable"], strict=True)
    ]
    settlements_gdf = gpd.GeoDataFrame(settlements, geometry=geometry, crs="EPSG:4326")

    sources = _frame(tables[schema.SOURCES.path], schema.SOURCES).drop(columns="line")
    views = _frame(tables[schema.PRESENTATION.path], schema.PRESENTATION).drop(columns="line")
    views = views.sort_values("order", kind="stable").reset_index(drop=True)
    issuers = _frame(tables[schema.ISSUERS.path], schema.ISSUERS).drop(columns="line")
    claims = claims_frame(tables[schema.CLAIMS.path])
    districts = display[["code", "name_en", "name_az", "kind", "economic_region", "geometry"]].copy()
    return Dataset(
        root=root,
        version=_digest(root),
        _districts=districts.reset_index(drop=True),
        _background=background[["name", "geometry"]].reset_index(drop=True),
        _figures=figures,
        _sources=sources,
        _metrics=metrics,
        _units=units,
        _settlements=settlements_gdf,
        _views=views,
        _issuers=issuers,
        _claims=claims,
    )


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in data_files(root):
        if path.exists():  # optional files may be absent
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def data_version(root: Path) -> str:
    """The version a folder's files would load as (``Dataset.version``), without loading."""
    return _digest(root)
