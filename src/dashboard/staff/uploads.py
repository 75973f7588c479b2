"""Files staff upload: a CSV for any table, or district boundaries (GeoJSON, GeoPackage,
zipped Shapefile), checked and put into a draft only when they add no errors.

``stage_upload`` works on a scratch copy of the draft, so a rejected upload changes
nothing; an accepted one replaces the draft's files. Every problem becomes a finding
naming the uploaded file, the line or feature, the column and what was expected.
"""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from shapely.validation import explain_validity

from dashboard.data import schema
from dashboard.data.boundaries_build.geometry import (
    DISPLAY_DECIMALS,
    DISPLAY_TOLERANCE_DEG,
    FULL_DECIMALS,
    feature_collection_text,
    round_geometry,
    simplify_coverage,
)
from dashboard.data.loader import load_dataset
from dashboard.data.report import Finding, Report
from dashboard.staff.geoupload import read_boundaries, refuse
from dashboard.staff.store import managed_files
from dashboard.staff.store.disk import replace_bytes, scratch_name

MAX_UPLOAD_BYTES = 40 * 1024 * 1024  # any upload; CSV files are held to schema.MAX_CSV_BYTES
GEO_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip")
BOUNDARY_PROPERTIES = (*schema.DISTRICT_PROPERTIES, "ne_adm1_code")
ACCEPTED = ("csv", "geojson", "json", "gpkg", "zip")


@dataclass
class UploadResult:
    """What an upload did: the draft files it replaced (none when rejected) and the findings.

    ``appended`` maps a file to the first line the uploaded rows took in it, so a finding
    at line L there is line ``L - first + 2`` of the uploaded file."""

    name: str
    files: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    appended: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.files) and self.report.ok

    def upload_line(self, finding: Finding) -> int | None:
        """The line of the uploaded file a finding refers to, when rows were appended."""
        first = self.appended.get(finding.file)
        if first is None or finding.line is None or finding.line < first:
            return None
        return finding.line - first + 2


def table_for(name: str, header: list[str]) -> tuple[schema.TableSpec | None, str]:
    """The table an uploaded CSV belongs to (by file name, else by its header), or why not."""
    stem = PurePath(name).stem.lower()
    by_name = [s for s in schema.TABLES if PurePath(s.path).stem in stem]
    if len(by_name) == 1:
        return by_name[0], ""
    columns = {h.strip() for h in header}
    by_header = [s for s in schema.TABLES if set(s.names) == columns]
    if len(by_header) == 1:
        return by_header[0], ""
    figures = ", ".join(PurePath(s.path).name for s in schema.FIGURE_FILES)
    if by_header:
        return None, (
            f"the columns are those of a figure file; name the file after the one it belongs to ({figures}), "
            "e.g. clearance-2025-05.csv"
        )
    tables = ", ".join(PurePath(s.path).name for s in schema.TABLES)
    return None, f"cannot tell which table this is; expected a file named like one of {tables}, with its columns"


def _decode(data: bytes, name: str, report: Report) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(
            name,
            "the file is not UTF-8 text; save it again as UTF-8 (in Calc 'Unicode (UTF-8)', "
            "in Excel 'CSV UTF-8 (comma delimited)')",
            line=line,
        )
        return None


def _header(text: str) -> list[str]:
    try:
        return [h.strip() for h in next(csv.reader(io.StringIO(text, newline="")), [])]
    except csv.Error:
        return []


def _put_csv(folder: Path, name: str, data: bytes, mode: str, result: UploadResult) -> None:
    report = result.report
    if len(data) > schema.MAX_CSV_BYTES:
        report.error(
            name,
            f"file is {len(data) / 1_048_576:.1f} MB; expected a CSV file under "
            f"{schema.MAX_CSV_BYTES // 1_048_576} MB. Was the wrong file chosen?",
        )
        return
    text = _decode(data, name, report)
    if text is None:
        return
    header = _header(text)
    spec, why = table_for(name, header)
    if spec is None:
        report.error(name, why, line=1)
        return
    target = folder / spec.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if mode == "replace" or not target.exists():
        target.write_bytes(data)
        result.files.append(spec.path)
        return
    missing = [c for c in spec.names if c not in header]
    unknown = [c for c in header if c not in spec.names]
    if missing or unknown:
        report.error(
            name,
            f"to add rows to {spec.path} the file needs exactly its columns ({', '.join(spec.names)}); "
            f"missing: {', '.join(missing) or 'none'}; unknown: {', '.join(unknown) or 'none'}",
            line=1,
        )
        return
    existing = target.read_bytes().decode("utf-8-sig", errors="replace")
    if existing and not existing.endswith("\n"):
        existing += "\n"
    old_header = _header(existing) or list(spec.names)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    try:
        records = list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error:
        report.error(name, "a quoted value is not closed; the file may be truncated")
        return
    for record in records:
        if any((v or "").strip() for v in record.values() if isinstance(v, str)):
            writer.writerow([(record.get(c) or "") for c in old_header])
    result.appended[spec.path] = existing.count("\n") + 1
    target.write_text(existing + out.getvalue(), encoding="utf-8", newline="")
    result.files.append(spec.path)


def _column_for(wanted: str, columns: list[str]) -> str | None:
    """The column holding a property; Shapefiles cut names to 10 characters."""
    lower = {c.lower(): c for c in columns}
    if wanted in lower:
        return lower[wanted]
    cut = [c for c in columns if len(c) >= 8 and wanted.startswith(c.lower())]
    return cut[0] if len(cut) == 1 else None


def _put_boundaries(folder: Path, name: str, data: bytes, result: UploadResult) -> None:
    report = result.report
    frame = read_boundaries(data, name, folder.parent, report)
    if frame is None:
        return
    if frame.empty:
        refuse(report, name, "upload_no_features")
        return
    if frame.crs is None:
        x0, y0, x1, y1 = frame.total_bounds
        if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
            report.error(
                name,
                "the file declares no coordinate system and its coordinates look projected (metres); "
                "export it as WGS 84 (EPSG:4326)",
                column="geometry",
            )
            return
        frame = frame.set_crs(4326)
    elif not frame.crs.equals("EPSG:4326"):
        report.warning(name, f"coordinates were in {frame.crs.to_string()}; reprojected to WGS 84 (EPSG:4326)")
        frame = frame.to_crs(4326)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    found = {p: _column_for(p, columns) for p in BOUNDARY_PROPERTIES}
    missing = [p for p in schema.DISTRICT_PROPERTIES if found[p] is None]
    if missing:
        report.error(
            name,
            f"missing attribute(s) {', '.join(missing)}; expected every feature to have "
            f"{', '.join(schema.DISTRICT_PROPERTIES)} (and optionally ne_adm1_code); found {', '.join(columns)}",
            column=missing[0],
        )
        return
    props, geoms = [], []
    for index, row in enumerate(frame.itertuples(index=False)):
        record = row._asdict()
        values = {p: record.get(found[p]) if found[p] else "" for p in BOUNDARY_PROPERTIES}
        values = {
            p: "" if v is None or (isinstance(v, float) and v != v) else str(v).strip() for p, v in values.items()
        }
        code = values["code"] or None
        geom = record.get(frame.geometry.name)
        if geom is None or geom.is_empty:
            report.error(
                name, "geometry is empty; expected a polygon", feature=index, feature_id=code, column="geometry"
            )
            continue
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            report.error(
                name,
                f"found a {geom.geom_type}; expected a Polygon or MultiPolygon",
                feature=index,
                feature_id=code,
                column="geometry",
            )
            continue
        if not geom.is_valid:
            report.error(
                name,
                f"the polygon is not valid ({explain_validity(geom)}); repair it (QGIS: Fix geometries)",
                feature=index,
                feature_id=code,
                column="geometry",
            )
            continue
        props.append(values)
        geoms.append(round_geometry(geom, FULL_DECIMALS))
    if not report.ok:
        return
    display = simplify_coverage(geoms, DISPLAY_TOLERANCE_DEG, DISPLAY_DECIMALS)
    (folder / "boundaries").mkdir(exist_ok=True)
    (folder / schema.DISTRICTS_FILE).write_text(
        feature_collection_text(zip(props, geoms, strict=True), FULL_DECIMALS), encoding="utf-8"
    )
    (folder / schema.DISPLAY_FILE).write_text(
        feature_collection_text(zip(props, display, strict=True), DISPLAY_DECIMALS), encoding="utf-8"
    )
    result.files += [schema.DISTRICTS_FILE, schema.DISPLAY_FILE]


def _errors(report: Report) -> set[str]:
    return {f.text() for f in report.errors}


def stage_upload(draft: Path, name: str, data: bytes, mode: str = "replace") -> UploadResult:
    """Put an uploaded file into a draft folder if it adds no validation errors.

    ``mode`` "replace" replaces the whole table; "append" adds the file's rows to it
    (CSV only). On rejection the draft is left exactly as it was."""
    name = PurePath(name or "upload").name
    result = UploadResult(name)
    suffix = PurePath(name).suffix.lower()
    if len(data) > MAX_UPLOAD_BYTES:
        mb = f"{len(data) / 1_048_576:.1f}"
        refuse(result.report, name, "upload_too_big", mb=mb, limit=MAX_UPLOAD_BYTES // 1_048_576)
        return result
    if suffix not in (".csv", *GEO_SUFFIXES):
        accepted = "." + ", .".join(ACCEPTED)
        refuse(result.report, name, "upload_wrong_kind", suffix=suffix or "nameless", accepted=accepted)
        return result
    scratch = draft.parent / scratch_name(f"{draft.name}.upload-")  # a crash leaves it to the next start
    try:
        for rel in managed_files(draft):
            (scratch / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(draft / rel, scratch / rel)
        if suffix == ".csv":
            _put_csv(scratch, name, data, mode, result)
        else:
            _put_boundaries(scratch, name, data, result)
        if not result.ok:
            result.files = []
            return result
        old = load_dataset(draft).report
        before = _errors(old)
        after = load_dataset(scratch).report
        new_errors = [f for f in after.errors if f.text() not in before]
        new_errors.sort(key=lambda f: f.file not in result.files)  # the uploaded file's own problems first
        new = set(new_errors)
        for f in after.findings:
            if f.file in result.files and f not in new:
                result.report.add(f)
        for f in new_errors:
            result.report.add(f)
        # errors beyond the kept ones are only counted: more of them than before is new ones
        more = after.error_count - old.error_count - len(new_errors)
        if after.error_count > len(after.errors) and more > 0:
            result.report.count_more("error", more)
        if new_errors or (after.error_count > len(after.errors) and more > 0):
            result.files = []
            return result
        for rel in result.files:
            (draft / rel).parent.mkdir(parents=True, exist_ok=True)
            replace_bytes(draft / rel, (scratch / rel).read_bytes(), scratch_dir=draft.parent)  # whole or not at all
        return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
