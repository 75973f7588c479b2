"""Uploads into a draft: accepted files land in it; rejected ones leave it byte-identical
and say which file, line or feature, column, and what was expected."""

from __future__ import annotations

import io
import json
import zipfile

import geopandas as gpd
import pytest
from shapely.geometry import Polygon
from staff_helpers import tree_digest

from dashboard.data.schema import FIGURE_COLUMNS
from dashboard.staff.uploads import MAX_UPLOAD_BYTES, stage_upload

ROW = "up-{n},area_cleared,AZ-CAB,,month,2025-05-01,2025-05-31,{value},,ha,ANAMA,dayaz-1794541,,"
HEADER = ",".join(c.name for c in FIGURE_COLUMNS)


@pytest.fixture
def draft(store):
    return store.new_draft()


def texts(result) -> list[str]:
    return [f.text() for f in result.report.errors]


def test_rows_of_a_csv_are_added_to_their_table(draft):
    data = "\n".join([HEADER, ROW.format(n=1, value="120.5"), ROW.format(n=2, value="80")]).encode()
    before = (draft.path / "figures" / "clearance.csv").read_text(encoding="utf-8")
    result = stage_upload(draft.path, "clearance-2025-05.csv", data, "append")
    assert result.ok, texts(result)
    assert result.files == ["figures/clearance.csv"]
    after = (draft.path / "figures" / "clearance.csv").read_text(encoding="utf-8")
    assert after == before + ROW.format(n=1, value="120.5") + "\n" + ROW.format(n=2, value="80") + "\n"


def test_a_bad_csv_is_rejected_with_its_messages_and_the_draft_stays_byte_identical(store, draft):
    before, store_before = tree_digest(draft.path), tree_digest(store.root / "versions")
    lines = [HEADER, ROW.format(n=1, value="120.5"), ROW.format(n=2, value="1,204.5").replace("1,204.5", '"1,204.5"')]
    lines.append(ROW.format(n=3, value="7").replace("dayaz-1794541", "no-such-source"))
    result = stage_upload(draft.path, "clearance.csv", "\n".join(lines).encode(), "append")
    assert not result.ok and result.files == []
    errors = result.report.errors
    assert [(f.file, f.column, f.value) for f in errors] == [
        ("figures/clearance.csv", "value", "1,204.5"),
        ("figures/clearance.csv", "source_id", "no-such-source"),
    ]
    assert "expected a plain number with a dot for decimals and no thousands separators" in errors[0].message
    assert "expected a source_id listed in sources.csv" in errors[1].message
    assert [result.upload_line(f) for f in errors] == [3, 4]  # lines of the uploaded file
    assert tree_digest(draft.path) == before
    assert tree_digest(store.root / "versions") == store_before


def test_replacing_a_table_with_a_broken_one_is_refused(draft):
    before = tree_digest(draft.path)
    result = stage_upload(draft.path, "sources.csv", b"source_id,publisher\nx,y\n", "replace")
    assert texts(result)[:5] == [
        f"ERROR: sources.csv, line 1, column '{c}': column '{c}' is missing from the header"
        for c in ("title", "url", "published", "language", "note")
    ]
    assert tree_digest(draft.path) == before


def test_a_windows_1251_file_is_refused_with_how_to_save_it(draft):
    data = (HEADER + "\n" + ROW.format(n=1, value="1").replace("ANAMA", "АНАМА")).encode("cp1251")
    result = stage_upload(draft.path, "clearance.csv", data, "append")
    assert texts(result) == [
        "ERROR: clearance.csv, line 2: the file is not UTF-8 text; save it again as UTF-8 (in Calc "
        "'Unicode (UTF-8)', in Excel 'CSV UTF-8 (comma delimited)')"
    ]


def test_a_figure_file_must_say_which_one_it_is(draft):
    result = stage_upload(draft.path, "may.csv", (HEADER + "\n").encode(), "append")
    assert len(texts(result)) == 1
    assert "name the file after the one it belongs to (clearance.csv, casualties.csv" in texts(result)[0]


def test_unknown_kinds_and_oversized_files_are_refused(draft):
    assert texts(stage_upload(draft.path, "figures.xlsx", b"PK", "append")) == [
        "ERROR: figures.xlsx: found a '.xlsx' file; expected one of: .csv, .geojson, .json, .gpkg, .zip"
    ]
    big = stage_upload(draft.path, "districts.geojson", b" " * (MAX_UPLOAD_BYTES + 1), "replace")
    assert texts(big) == ["ERROR: districts.geojson: file is 40.0 MB; the limit is 40 MB"]


def _districts(draft) -> gpd.GeoDataFrame:
    """The draft's districts (read as JSON: uploads limit this process's GDAL to
    GeoPackage and Shapefile)."""
    doc = json.loads((draft.path / "boundaries" / "districts.geojson").read_text(encoding="utf-8"))
    return gpd.GeoDataFrame.from_features(doc["features"], crs=4326)


def test_boundaries_as_geojson_replace_both_district_files(draft):
    frame = _districts(draft)
    frame.loc[frame["code"] == "AZ-CAB", "name_en"] = "Jabrayil (official)"
    result = stage_upload(draft.path, "official.geojson", frame.to_json().encode(), "replace")
    assert result.ok, texts(result)
    assert result.files == ["boundaries/districts.geojson", "boundaries/districts_display.geojson"]
    for rel in result.files:
        doc = json.loads((draft.path / rel).read_text(encoding="utf-8"))
        cab = [f for f in doc["features"] if f["properties"]["code"] == "AZ-CAB"]
        assert cab[0]["properties"]["name_en"] == "Jabrayil (official)"
        assert len(doc["features"]) == len(frame)


def test_boundaries_as_geopackage_in_another_crs(draft, tmp_path):
    frame = _districts(draft).to_crs(32638)
    path = tmp_path / "districts.gpkg"
    frame.to_file(path, driver="GPKG")
    result = stage_upload(draft.path, "districts.gpkg", path.read_bytes(), "replace")
    assert result.ok, texts(result)
    assert any("reprojected to WGS 84" in f.message for f in result.report.warnings)
    doc = json.loads((draft.path / "boundaries" / "districts.geojson").read_text(encoding="utf-8"))
    x, y = doc["features"][0]["geometry"]["coordinates"][0][0][0]
    assert 44 < x < 51 and 38 < y < 42


@pytest.mark.filterwarnings("ignore::UserWarning", "ignore::RuntimeWarning")
def test_boundaries_as_zipped_shapefile_with_cut_column_names(draft, tmp_path):
    frame = _districts(draft)
    folder = tmp_path / "shp"
    folder.mkdir()
    frame.to_file(folder / "districts.shp")  # economic_region becomes economic_r
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for p in folder.iterdir():
            z.write(p, p.name)
    result = stage_upload(draft.path, "districts.zip", buffer.getvalue(), "replace")
    assert result.ok, texts(result)
    doc = json.loads((draft.path / "boundaries" / "districts.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["economic_region"] for f in doc["features"]} >= {"Karabakh", "East Zangezur"}


def test_boundaries_without_a_property_or_with_a_broken_polygon_are_refused(draft):
    before = tree_digest(draft.path)
    frame = _districts(draft)
    result = stage_upload(draft.path, "b.geojson", frame.drop(columns=["kind"]).to_json().encode(), "replace")
    assert len(texts(result)) == 1
    assert texts(result)[0].startswith("ERROR: b.geojson, column 'kind': missing attribute(s) kind; expected every")
    bowtie = Polygon([(46.0, 39.0), (46.5, 39.5), (46.5, 39.0), (46.0, 39.5), (46.0, 39.0)])
    index = int(frame.index[frame["code"] == "AZ-CAB"][0])
    frame.loc[index, "geometry"] = bowtie
    result = stage_upload(draft.path, "b.geojson", frame.to_json().encode(), "replace")
    assert len(result.report.errors) == 1
    f = result.report.errors[0]
    assert (f.file, f.feature, f.feature_id, f.column) == ("b.geojson", index, "AZ-CAB", "geometry")
    assert "the polygon is not valid (Self-intersection" in f.message
    assert tree_digest(draft.path) == before
