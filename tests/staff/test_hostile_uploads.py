"""Hostile uploads through the staff code path (``stage_upload``): each is refused with a
message naming the file and the reason, reads no other file, fetches nothing, does not
balloon the server's memory, and leaves the draft byte-identical with no leftovers."""

from __future__ import annotations

import io
import json
import math
import threading
import warnings
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import geopandas as gpd
import pyogrio
import pyogrio.errors
import pytest
from paths import GEODATA, copy_geodata
from staff_helpers import tree_digest

from dashboard.i18n.messages_findings import finding_message
from dashboard.staff import gdal
from dashboard.staff.store import open_store
from dashboard.staff.uploads import stage_upload

SECRET = "SECRET-MARKER-7f3a9c"
PASSWD_LINE = Path("/etc/passwd").read_text().splitlines()[0]  # e.g. root:x:0:0:root:/root:/bin/bash


@pytest.fixture
def draft(tmp_path: Path):
    store = open_store(str(tmp_path / "store"), seed=copy_geodata(tmp_path / "geodata", GEODATA))
    store.ensure("tester")
    return store.new_draft()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secrets.toml"
    path.write_text(f'password_hash = "{SECRET}"\nother = "{SECRET}"\n', encoding="utf-8")
    return path


class Listener:
    """A local HTTP server that records every request it gets (there must be none)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"name,wkt\nx,POLYGON((46 39,47 39,47 40,46 39))\n")

            do_HEAD = do_GET

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.server.shutdown()
    assert server.requests == [], "an upload made the server send a request"


def vrt(secret: Path, url: str) -> bytes:
    """GDAL's VRT XML naming a file on the server, a secrets file and URLs."""
    return f"""<OGRVRTDataSource>
  <OGRVRTLayer name="passwd"><SrcDataSource>CSV:/etc/passwd</SrcDataSource></OGRVRTLayer>
  <OGRVRTLayer name="secret"><SrcDataSource>CSV:{secret}</SrcDataSource></OGRVRTLayer>
  <OGRVRTLayer name="remote"><SrcDataSource>/vsicurl/{url}/districts.csv</SrcDataSource></OGRVRTLayer>
  <OGRVRTLayer name="plain"><SrcDataSource>CSV:{url}/plain.csv</SrcDataSource></OGRVRTLayer>
</OGRVRTDataSource>
""".encode()


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def zipped_stream(member: str, block: bytes, size: int) -> bytes:
    """A zip with one member of ``size`` bytes of repeated ``block``, written in chunks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z, z.open(member, "w") as f:
        written = 0
        while written < size:
            chunk = block[: size - written]
            f.write(chunk)
            written += len(chunk)
    return buffer.getvalue()


def real_shapefile_parts(draft, tmp_path: Path) -> dict[str, bytes]:
    doc = json.loads((draft.path / "boundaries" / "districts.geojson").read_text(encoding="utf-8"))
    folder = tmp_path / "shp"
    folder.mkdir()
    with warnings.catch_warnings():  # Shapefiles cut column names to 10 characters
        warnings.simplefilter("ignore")
        gpd.GeoDataFrame.from_features(doc["features"], crs=4326).to_file(folder / "districts.shp")
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _vm(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def refused(draft, name: str, data: bytes, measure_memory: bool = False):
    """Upload, check the refusal left nothing behind; the result and the peak memory growth."""
    before = tree_digest(draft.path)
    around = {p.name for p in draft.path.parent.iterdir()}
    rss = _vm("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # the peak (VmHWM) starts again from now
    result = stage_upload(draft.path, name, data, "replace")
    growth = _vm("VmHWM") - rss
    assert not result.ok and result.files == []
    assert tree_digest(draft.path) == before
    assert {p.name for p in draft.path.parent.iterdir()} == around, "temporary files were left behind"
    text = "\n".join(f.text() for f in result.report.findings)
    assert SECRET not in text and PASSWD_LINE not in text and "root:x:0" not in text
    assert all(f.file == name for f in result.report.errors), text
    if measure_memory:
        assert growth < 100 * 2**20, f"memory grew by {growth / 2**20:.0f} MB"
    return result, growth


def messages(result) -> list[str]:
    return [f.message for f in result.report.errors]


def test_vrt_saved_as_geojson_is_not_json(draft, secret, listener):
    result, _ = refused(draft, "districts.geojson", vrt(secret, listener.url))
    assert messages(result) == [
        "not valid JSON at line 1, column 1 (Expecting value); the file may be truncated or hand-edited by mistake"
    ]


def test_vrt_saved_as_geopackage_is_not_a_geopackage(draft, secret, listener):
    result, _ = refused(draft, "districts.gpkg", vrt(secret, listener.url))
    assert messages(result)[0].startswith("is not a GeoPackage (a GeoPackage is an SQLite database")


def test_a_zip_with_a_vrt_beside_the_shapefile_is_refused_before_unpacking(draft, secret, listener, tmp_path):
    parts = real_shapefile_parts(draft, tmp_path) | {"districts.vrt": vrt(secret, listener.url)}
    result, _ = refused(draft, "districts.zip", zipped(parts))
    assert messages(result) == [
        "the zip contains 'districts.vrt', which is not part of the Shapefile; a zipped Shapefile may hold "
        "only its own .shp .shx .dbf .prj .cpg files"
    ]


def test_a_vrt_named_shp_inside_a_zip_is_no_shapefile(draft, secret, listener):
    text = vrt(secret, listener.url)
    result, _ = refused(draft, "districts.zip", zipped({"d.shp": text, "d.shx": text, "d.dbf": text}))
    assert messages(result) == [
        "the .shp file in the zip is not a Shapefile; export the boundaries again from your GIS program"
    ]


def test_a_zip_bomb_is_refused_from_its_listing_without_unpacking(draft):
    bomb = zipped_stream("districts.shp", bytes(2**20), 2**30)  # 1 GiB of zeros
    assert len(bomb) < 5 * 2**20
    result, growth = refused(draft, "districts.zip", bomb, measure_memory=True)
    assert messages(result) == [
        "the zip unpacks to 1,024 MB; the limit is 200 MB (district boundaries are a few MB). Nothing was unpacked"
    ]
    print(f"zip bomb ({len(bomb) / 2**20:.1f} MB -> 1 GiB): peak memory growth {growth / 2**20:.1f} MB")


def test_a_zip_holding_a_2_gb_csv_is_refused_before_it_is_read(draft):
    row = b"f-1,area_cleared,AZ-CAB,,month,2025-05-01,2025-05-31,12,,ha,ANAMA,dayaz-1794541,,\n"
    data = zipped_stream("clearance.csv", row * (2**20 // len(row)), 2_000_000_000)
    result, growth = refused(draft, "clearance.zip", data, measure_memory=True)
    assert messages(result) == [
        "the zip unpacks to 1,907 MB; the limit is 200 MB (district boundaries are a few MB). Nothing was unpacked"
    ]
    print(f"2 GB CSV in a {len(data) / 2**20:.1f} MB zip: peak memory growth {growth / 2**20:.1f} MB")


def test_a_zip_with_only_a_csv_says_to_upload_the_csv_itself(draft):
    csv_text = (GEODATA / "sources.csv").read_bytes()
    result, _ = refused(draft, "sources.zip", zipped({"sources.csv": csv_text}))
    assert messages(result) == [
        "the zip holds no Shapefile (.shp); found: sources.csv. To upload a table, upload the CSV file itself, "
        "not a zip"
    ]


@pytest.mark.parametrize("member", ["../x.shp", "/etc/x.shp", "a/../../x.shp", "C:/x.shp", "..\\x.shp"])
def test_members_pointing_outside_the_archive_are_refused(draft, tmp_path, member):
    parts = {member.replace("x.shp", "x" + Path(n).suffix): d for n, d in real_shapefile_parts(draft, tmp_path).items()}
    data = zipped(parts)
    assert member in zipfile.ZipFile(io.BytesIO(data)).namelist()
    result, _ = refused(draft, "districts.zip", data)
    assert len(messages(result)) == 1
    assert messages(result)[0].startswith("the zip contains '")
    assert "a name pointing outside the archive (an absolute path or '..'); nothing was unpacked" in messages(result)[0]
    assert not (tmp_path / "x.shp").exists() and not Path("/etc/x.shp").exists()


def test_a_geojson_with_a_million_vertices_is_refused_before_shapely_builds_it(draft):
    n = 1_000_000
    ring = [[round(46.5 + 0.3 * math.cos(2 * math.pi * i / n), 5), round(39.5 + 0.3 * math.sin(2 * math.pi * i / n), 5)]
            for i in range(n)]  # fmt: skip
    ring.append(ring[0])
    props = {"code": "AZ-CAB", "name_en": "x", "name_az": "x", "kind": "rayon", "economic_region": "Karabakh"}
    feature = {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}
    data = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    result, _ = refused(draft, "districts.geojson", data)
    assert messages(result) == [
        "the geometries have more than 500,000 coordinate pairs; simplify the boundaries (QGIS: Vector > "
        "Geometry Tools > Simplify, about 10 m) and export again"
    ]
    assert result.report.errors[0].feature == 0


def test_refusals_are_shown_in_the_staff_members_language(draft):
    result, _ = refused(draft, "sources.zip", zipped({"sources.csv": b"a,b\n"}))
    f = result.report.errors[0]
    assert finding_message(f.code, f.args, f.message, "en") == f.message
    assert finding_message(f.code, f.args, f.message, "az") == (
        "zip faylında Shapefile (.shp) yoxdur; tapıldı: sources.csv. Cədvəl yükləmək üçün zip deyil, CSV "
        "faylının özünü yükləyin"
    )


def test_gdal_opens_only_geopackage_and_shapefile_and_only_local_files(secret, listener, tmp_path):
    assert gdal.restricted()
    assert set(pyogrio.list_drivers()) == {"GPKG", "ESRI Shapefile"}
    disguised = tmp_path / "districts.gpkg"
    disguised.write_bytes(vrt(secret, listener.url))
    for path in (str(disguised), f"/vsicurl/{listener.url}/districts.gpkg", f"{listener.url}/districts.gpkg"):
        with pytest.raises(pyogrio.errors.DataSourceError):
            pyogrio.list_layers(path)
