"""The one code path that reads geodata/: read every file, check it, build a Dataset.

``load_dataset(root)`` never raises for bad input: every problem becomes a finding in
the report, and the dataset is None when any finding is an error. The steps, in order:
each file on its own (``csvfile``, ``geofile``), then the checks across rows and files
(``consistency``, ``claimsfile``), then the Dataset (``assemble``). Which files those
are, and a folder's version, is ``files``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dashboard.data import consistency, schema
from dashboard.data.assemble import assemble
from dashboard.data.claimsfile import check_claims
from dashboard.data.csvfile import Row, read_table
from dashboard.data.dataset import Dataset
from dashboard.data.geofile import read_features
from dashboard.data.report import Report


@dataclass(frozen=True)
class LoadResult:
    """The dataset (None when there are errors) and the validation report."""

    dataset: Dataset | None
    report: Report


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
    tables = {spec.path: _read_table(root, spec, report, today) for spec in schema.TABLES}

    codes: set[str] = set()
    if districts_full is not None:
        codes = set(districts_full["code"])
        if display is not None:
            consistency.same_codes(districts_full, display, report)

    ok_tables = {path: rows for path, rows in tables.items() if rows is not None}
    for spec in schema.TABLES:
        if spec.path in ok_tables and spec.path not in {t.path for t in schema.FIGURE_FILES}:
            consistency.unique_ids(ok_tables[spec.path], spec.key, spec.path, report, {})
    figure_ids: dict[str, tuple[str, int]] = {}
    for spec in schema.FIGURE_FILES:
        if spec.path in ok_tables:
            consistency.unique_ids(ok_tables[spec.path], "figure_id", spec.path, report, figure_ids)

    sources = _keys(ok_tables.get(schema.SOURCES.path), "source_id")
    metrics = {str(r["metric"]): r for r in ok_tables.get(schema.METRICS.path, []) if r["metric"]}
    units = ok_tables.get(schema.UNITS_TABLE.path, [])
    unit_ids = _keys(units, "unit_id")
    settlements = ok_tables.get(schema.SETTLEMENTS.path, [])
    settlement_ids = _keys(settlements, "settlement_id")

    if districts_full is not None:
        consistency.check_units(units, codes, report)
        consistency.check_settlements(settlements, codes, unit_ids, units, sources, districts_full, report)
    for spec in schema.FIGURE_FILES:
        rows = ok_tables.get(spec.path, [])
        places = codes | unit_ids | {schema.NATIONAL}
        if spec.path.endswith("returns.csv"):
            places |= settlement_ids
        consistency.check_figures(rows, spec.path, metrics, places, sources, report)
        consistency.check_running_totals(rows, spec.path, metrics, report)
    places = codes | unit_ids | {schema.NATIONAL}
    check_claims(ok_tables.get(schema.CLAIMS.path, []), metrics, places, sources, report)
    consistency.check_views(ok_tables.get(schema.PRESENTATION.path, []), codes, report)
    consistency.check_issuers(root, ok_tables, report)

    if not report.ok or districts_full is None or display is None or background is None:
        return LoadResult(None, report)
    if any(rows is None for rows in tables.values()):
        return LoadResult(None, report)
    dataset = assemble(root, display, background, ok_tables, codes, unit_ids)
    return LoadResult(dataset, report)


def _keys(rows: list[Row] | None, key: str) -> set[str]:
    return {str(r[key]) for r in rows or [] if r.get(key)}
