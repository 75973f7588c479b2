"""Reading uploaded district boundaries, and nothing but what the file claims to be.

- GeoJSON is parsed as JSON by the loader's own reader (``data.geofile``): a file whose
  text names other files or addresses (GDAL's VRT XML, say) is simply not JSON.
- A GeoPackage must start like one (an SQLite database whose application id says
  GeoPackage) and a zip may hold only the files of one Shapefile; only then is GDAL
  asked to open it, restricted to exactly those two drivers and to local files (see
  ``staff.gdal``).
- A zip is listed and checked before anything in it is unpacked: member names (no
  absolute paths, no ``..``), their number, the size they unpack to and how much they
  are compressed; only the Shapefile's own files are unpacked, under fixed names, in
  chunks, never beyond the sizes checked.
- Features, coordinate pairs and attribute columns are counted (from the Shapefile's
  headers before GDAL reads it) and capped, so a file's size cannot turn into work.

Every refusal is a finding naming the uploaded file (and the member of a zip), with a
message key so the staff page can show it in the staff member's language. Temporary
files live in one folder that is removed whatever happens.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath

import geopandas as gpd
import pyogrio
import shapely
from shapely.geometry import shape

from dashboard.data.geofile import GEO_MESSAGES, declared_crs, parse_geojson
from dashboard.data.progress import checkpoint
from dashboard.data.report import Report
from dashboard.data.schema import MAX_FEATURES, MAX_VERTICES
from dashboard.staff import gdal
from dashboard.staff.store.disk import remove_path, scratch_name

MAX_ZIP_MEMBERS = 50
MAX_ZIP_BYTES = 200 * 1024 * 1024  # unpacked, all members together
MAX_ZIP_RATIO = 100  # unpacked size / packed size; real Shapefiles compress 2-20 times
MAX_COLUMNS = 100
MAX_DBF_BYTES = 20 * 1024 * 1024
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")  # unpacked and read
SHAPEFILE_SIDECARS = (".sbn", ".sbx", ".qix", ".qmd", ".xml")  # written by GIS programs; left packed
_GEOPACKAGE_IDS = (b"GPKG", b"GP10", b"GP11")
_SHP_POINTS_AT = {3: 40, 5: 40, 8: 36, 13: 40, 15: 40, 18: 36, 23: 40, 25: 40, 28: 36, 31: 40}
_CHUNK = 1024 * 1024

# Why an upload is refused, by message key (Azerbaijani: dashboard.i18n.messages_findings).
REFUSALS: dict[str, str] = {
    "upload_too_big": "file is {mb} MB; the limit is {limit} MB",
    "upload_wrong_kind": "found a '{suffix}' file; expected one of: {accepted}",
    "upload_not_geopackage": (
        "is not a GeoPackage (a GeoPackage is an SQLite database marked as GeoPackage); export it again from "
        "your GIS program as GeoPackage"
    ),
    "upload_not_zip": "is not a zip archive that can be read; zip the Shapefile's files (.shp, .shx, .dbf, .prj) again",
    "upload_zip_members": "the zip holds {found} files; a zipped Shapefile holds a handful (at most {limit})",
    "upload_zip_unsafe_name": (
        "the zip contains '{member}', a name pointing outside the archive (an absolute path or '..'); nothing"
        " was unpacked"
    ),
    "upload_zip_encrypted": "'{member}' in the zip is encrypted; zip the files without a password",
    "upload_zip_method": (
        "'{member}' in the zip is compressed with a method other than Deflate; zip the files again with the "
        "usual settings"
    ),
    "upload_zip_too_big": (
        "the zip unpacks to {mb} MB; the limit is {limit} MB (district boundaries are a few MB). Nothing was unpacked"
    ),
    "upload_zip_ratio": (
        "the zip's files are compressed {ratio} times; real map files compress far less (limit {limit} "
        "times), so it was not unpacked"
    ),
    "upload_zip_no_shapefile": (
        "the zip holds no Shapefile (.shp); found: {found}. To upload a table, upload the CSV file itself, not a zip"
    ),
    "upload_zip_several": "the zip holds several Shapefiles ({found}); upload one zip per Shapefile",
    "upload_zip_foreign": (
        "the zip contains '{member}', which is not part of the Shapefile; a zipped Shapefile may hold only "
        "its own {parts} files"
    ),
    "upload_zip_incomplete": "the zip lacks {missing}; a Shapefile needs its .shp, .shx and .dbf files together",
    "upload_not_shapefile": (
        "the .shp file in the zip is not a Shapefile; export the boundaries again from your GIS program"
    ),
    "upload_too_many_columns": (
        "the attribute table has more than {limit} columns or {mb} MB; district boundaries need five "
        "attributes (code, name_en, name_az, kind, economic_region)"
    ),
    "upload_gdal_unavailable": (
        "GeoPackage and Shapefile uploads are switched off on this server (its GDAL could not be limited to "
        "reading those formats only); upload the boundaries as GeoJSON"
    ),
    "upload_unreadable": "cannot be read as a GeoPackage or Shapefile ({why})",
    "upload_no_polygons": "has no layer of polygons; expected the district boundaries",
    "upload_several_layers": "has several polygon layers ({layers}); upload a file with only one",
    "upload_no_features": "the FeatureCollection has no features; expected the district boundaries",
}


def refuse(report: Report, name: str, key: str, **params: object) -> None:
    """An error about the uploaded file, with its message key for the staff page."""
    message = (REFUSALS | GEO_MESSAGES)[key].format(**params)
    report.error(name, message, code=key, args=tuple(sorted(params.items())))


def read_boundaries(data: bytes, name: str, workdir: Path, report: Report) -> gpd.GeoDataFrame | None:
    """The features of an uploaded GeoJSON, GeoPackage or zipped Shapefile (CRS as the
    file declares it; None with findings when it cannot or must not be read).
    Temporary files go to a folder under ``workdir`` that is removed on return."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in (".geojson", ".json"):
        return _geojson(data, name, report)
    folder = workdir / scratch_name(".upload-")  # named so that a crash leaves it to the next start
    folder.mkdir()
    try:
        if suffix == ".gpkg":
            if not _is_geopackage(data):
                refuse(report, name, "upload_not_geopackage")
                return None
            path = folder / "upload.gpkg"
            path.write_bytes(data)
        else:
            path = _unpack_shapefile(data, name, folder, report)
            if path is None or not _shapefile_within_limits(path, name, report):
                return None
        if not gdal.restricted():
            refuse(report, name, "upload_gdal_unavailable")
            return None
        return _read_with_gdal(path, name, report)
    finally:
        remove_path(folder)


def _geojson(data: bytes, name: str, report: Report) -> gpd.GeoDataFrame | None:
    doc = parse_geojson(data, name, report)
    if doc is None:
        return None
    crs = declared_crs(doc, name, report)
    if crs is False:
        return None
    rows = []
    for index, feature in enumerate(doc["features"]):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(feature, dict) or feature.get("type") != "Feature" or not isinstance(props, dict | None):
            report.error(name, "expected a GeoJSON Feature object with an object of properties", feature=index)
            continue
        raw = feature.get("geometry")
        try:
            geom = None if raw is None else shape(raw)
        except Exception as exc:  # shapely raises several types for malformed input
            report.error(name, f"geometry cannot be read ({exc})", feature=index, column="geometry")
            continue
        rows.append({**(props or {}), "geometry": geom})
    if not report.ok:
        return None
    if not rows:
        refuse(report, name, "upload_no_features")
        return None
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)


def _is_geopackage(data: bytes) -> bool:
    return data.startswith(b"SQLite format 3\x00") and data[68:72] in _GEOPACKAGE_IDS


def _unsafe(member: str) -> bool:
    path = PurePosixPath(member.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or (len(member) > 1 and member[1] == ":")


def _unpack_shapefile(data: bytes, name: str, folder: Path, report: Report) -> Path | None:
    """Check a zip's listing and unpack its Shapefile's parts as upload.shp, .shx, ...;
    None with a finding when the zip is refused."""
    if data.count(b"PK\x01\x02") > 10 * MAX_ZIP_MEMBERS:  # before the listing is parsed
        refuse(report, name, "upload_zip_members", found=data.count(b"PK\x01\x02"), limit=MAX_ZIP_MEMBERS)
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        refuse(report, name, "upload_not_zip")
        return None
    if len(infos) > MAX_ZIP_MEMBERS:
        refuse(report, name, "upload_zip_members", found=len(infos), limit=MAX_ZIP_MEMBERS)
        return None
    for info in infos:
        if _unsafe(info.filename):
            refuse(report, name, "upload_zip_unsafe_name", member=info.filename)
            return None
        if info.flag_bits & 0x1:
            refuse(report, name, "upload_zip_encrypted", member=info.filename)
            return None
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            refuse(report, name, "upload_zip_method", member=info.filename)
            return None
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_ZIP_BYTES:
        refuse(report, name, "upload_zip_too_big", mb=f"{unpacked / 1_048_576:,.0f}", limit=MAX_ZIP_BYTES // 1_048_576)
        return None
    packed = sum(i.compress_size for i in infos)
    if unpacked > MAX_ZIP_RATIO * max(packed, 1) and unpacked > _CHUNK:
        refuse(report, name, "upload_zip_ratio", ratio=f"{unpacked / max(packed, 1):,.0f}", limit=MAX_ZIP_RATIO)
        return None
    files = [i for i in infos if not i.is_dir() and not i.filename.startswith("__MACOSX/")]
    shps = [i for i in files if i.filename.lower().endswith(".shp")]
    if not shps:
        found = ", ".join(i.filename for i in files[:10]) or "-"
        refuse(report, name, "upload_zip_no_shapefile", found=found)
        return None
    if len(shps) > 1:
        refuse(report, name, "upload_zip_several", found=", ".join(i.filename for i in shps[:10]))
        return None
    stem = shps[0].filename[: -len(".shp")]
    parts: dict[str, zipfile.ZipInfo] = {}
    for info in files:
        suffix = PurePosixPath(info.filename).suffix.lower()
        if suffix in SHAPEFILE_SIDECARS:
            continue
        if suffix not in SHAPEFILE_PARTS or info.filename[: -len(suffix)] != stem:
            refuse(report, name, "upload_zip_foreign", member=info.filename, parts=" ".join(SHAPEFILE_PARTS))
            return None
        parts[suffix] = info
    missing = [s for s in (".shx", ".dbf") if s not in parts]
    if missing:
        refuse(report, name, "upload_zip_incomplete", missing=" ".join(stem + s for s in missing))
        return None
    try:
        for suffix, info in parts.items():
            with archive.open(info) as source, (folder / f"upload{suffix}").open("wb") as target:
                _copy_bounded(source, target, info.file_size)
    except (zipfile.BadZipFile, zlib.error, EOFError):  # e.g. a stated size or CRC that is false
        refuse(report, name, "upload_not_zip")
        return None
    return folder / "upload.shp"


def _copy_bounded(source: io.BufferedIOBase, target: io.BufferedIOBase, size: int) -> None:
    """Copy at most ``size`` bytes (a member's stated size; zipfile stops there too)."""
    left = size
    while left > 0:
        chunk = source.read(min(_CHUNK, left))
        if not chunk:
            break
        target.write(chunk)
        left -= len(chunk)
        checkpoint()


def _shapefile_within_limits(path: Path, name: str, report: Report) -> bool:
    """Count records and points from the .shp's record headers, and columns from the
    .dbf header, before GDAL reads anything."""
    with path.open("rb") as f:
        head = f.read(100)
        if len(head) < 100 or struct.unpack(">i", head[:4])[0] != 9994:
            refuse(report, name, "upload_not_shapefile")
            return False
        end = min(struct.unpack(">i", head[24:28])[0] * 2, path.stat().st_size)
        position, records, points = 100, 0, 0
        while position + 12 <= end:
            f.seek(position)
            length = struct.unpack(">i", f.read(8)[4:])[0] * 2
            content = f.read(min(length, 44))
            kind = struct.unpack("<i", content[:4])[0] if len(content) >= 4 else 0
            at = _SHP_POINTS_AT.get(kind)
            if at is not None and len(content) >= at + 4:
                points += struct.unpack("<i", content[at : at + 4])[0]
            elif kind in (1, 11, 21):
                points += 1
            records += 1
            position += 8 + max(length, 0)
            if records > MAX_FEATURES:
                refuse(report, name, "too_many_features", limit=MAX_FEATURES)
                return False
            if points > MAX_VERTICES:
                refuse(report, name, "too_many_vertices", limit=MAX_VERTICES)
                return False
            if records % 100 == 0:
                checkpoint()
    dbf = path.with_suffix(".dbf")
    with dbf.open("rb") as f:
        header = f.read(12)
    columns = (struct.unpack("<H", header[8:10])[0] - 33) // 32 if len(header) == 12 else 0
    if dbf.stat().st_size > MAX_DBF_BYTES or columns > MAX_COLUMNS:
        refuse(report, name, "upload_too_many_columns", limit=MAX_COLUMNS, mb=MAX_DBF_BYTES // 1_048_576)
        return False
    return True


def _read_with_gdal(path: Path, name: str, report: Report) -> gpd.GeoDataFrame | None:
    def why(exc: Exception) -> str:  # GDAL's words, without the server's folder names
        return str(exc).replace(str(path.parent) + "/", "").replace(str(path), name)

    try:
        layers = pyogrio.list_layers(path)
    except Exception as exc:
        refuse(report, name, "upload_unreadable", why=why(exc))
        return None
    # GeoJSON mixing Polygon and MultiPolygon reports "Unknown"; each feature is checked later
    polygonal = [str(n) for n, kind in layers if kind is None or "Polygon" in str(kind) or kind == "Unknown"]
    if not polygonal:
        refuse(report, name, "upload_no_polygons")
        return None
    if len(polygonal) > 1:
        refuse(report, name, "upload_several_layers", layers=", ".join(polygonal[:10]))
        return None
    try:
        info = pyogrio.read_info(path, layer=polygonal[0])
        if info["features"] > MAX_FEATURES:
            refuse(report, name, "too_many_features", limit=MAX_FEATURES)
            return None
        if len(info["fields"]) > MAX_COLUMNS:
            refuse(report, name, "upload_too_many_columns", limit=MAX_COLUMNS, mb=MAX_DBF_BYTES // 1_048_576)
            return None
        frame = gpd.read_file(path, layer=polygonal[0], engine="pyogrio")
    except Exception as exc:
        refuse(report, name, "upload_unreadable", why=why(exc))
        return None
    if int(shapely.get_num_coordinates(frame.geometry.values).sum()) > MAX_VERTICES:
        refuse(report, name, "too_many_vertices", limit=MAX_VERTICES)
        return None
    return frame
