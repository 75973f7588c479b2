"""Every malformed input in tests/corpus/ gets its specific message, and never a traceback.

Each case folder replaces one file of the minimal valid fixture and lists, in
expected.json, the findings the loader must report (file, line or feature, column, and
words of the message).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from paths import CORPUS, MINIMAL, copy_geodata

from dashboard.cli import main
from dashboard.data.loader import load_dataset

CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir())


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30


def test_the_minimal_fixture_is_valid(minimal):
    result = load_dataset(minimal)
    assert result.report.findings == []
    assert result.dataset is not None
    assert len(result.dataset.figures) == 7


def _apply(case: Path, root: Path) -> list[Path]:
    replaced = []
    for file in case.rglob("*"):
        if file.is_file() and file.name != "expected.json":
            target = root / file.relative_to(case)
            shutil.copyfile(file, target)
            replaced.append(target)
    return replaced


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_malformed_input_gets_its_message(case: Path, tmp_path: Path):
    root = copy_geodata(tmp_path / "geodata", MINIMAL)
    replaced = _apply(case, root)
    before = {p: p.read_bytes() for p in replaced}
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))

    result = load_dataset(root)

    for want in expected["findings"]:
        matches = [
            f
            for f in result.report.findings
            if f.severity == want["severity"]
            and f.file == want["file"]
            and want["contains"] in f.message
            and all(getattr(f, k) == want[k] for k in ("line", "feature", "feature_id", "column") if k in want)
        ]
        assert matches, f"{case.name}: no finding like {want}; got:\n{result.report.to_text()}"
    for unwanted in expected.get("absent", []):  # places that must get no finding
        same_place = [f for f in result.report.findings if all(getattr(f, k) == v for k, v in unwanted.items())]
        assert not same_place, f"{case.name}: unexpected {same_place}"
    # a file naming another file (a VRT, say) never makes the loader read it
    assert "root:x:0" not in result.report.to_text()
    if any(w["severity"] == "error" for w in expected["findings"]):
        assert result.dataset is None
    else:
        assert result.dataset is not None
    # checking never changes the files it reads
    assert {p: p.read_bytes() for p in replaced} == before


def test_cli_exit_codes_follow_errors_and_warnings(tmp_path: Path, capsys):
    ok = copy_geodata(tmp_path / "ok", MINIMAL)
    assert main(["validate", str(ok)]) == 0
    warn = copy_geodata(tmp_path / "warn", MINIMAL)
    _apply(CORPUS / "41-cumulative-goes-down", warn)
    assert main(["validate", str(warn)]) == 0
    assert main(["validate", "--strict", str(warn)]) == 1
    bad = copy_geodata(tmp_path / "bad", MINIMAL)
    _apply(CORPUS / "04-decimal-comma", bad)
    capsys.readouterr()
    assert main(["validate", "--format", "json", str(bad)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    first = report["findings"][0]
    assert {k: first[k] for k in ("severity", "file", "line", "column", "value")} == {
        "severity": "error",
        "file": "figures/clearance.csv",
        "line": 2,
        "column": "value",
        "value": "14016,7",
    }


def test_a_utf8_byte_order_mark_is_accepted(minimal: Path):
    path = minimal / "figures" / "clearance.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = load_dataset(minimal)
    assert result.report.findings == []
    assert "national-2023" in set(result.dataset.figures["figure_id"])


def test_a_file_too_large_to_be_real_is_refused_before_parsing(minimal: Path):
    path = minimal / "figures" / "clearance.csv"
    with path.open("ab") as f:
        f.write(b"x" * (6 * 1024 * 1024))
    result = load_dataset(minimal)
    assert result.dataset is None
    assert "a real file here is far smaller" in result.report.errors[0].message
    assert result.report.errors[0].file == "figures/clearance.csv"


def test_a_declared_projected_crs_is_reprojected_with_a_warning(minimal: Path):
    import geopandas as gpd

    for name in ("districts.geojson", "districts_display.geojson"):
        path = minimal / "boundaries" / name
        # read as JSON: uploads limit this process's GDAL to GeoPackage and Shapefile
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        gdf = gpd.GeoDataFrame.from_features(features, crs=4326).to_crs("EPSG:32638")
        doc = json.loads(gdf.to_json(drop_id=True))
        doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32638"}}
        path.write_text(json.dumps(doc), encoding="utf-8")
    result = load_dataset(minimal)
    assert result.report.errors == []
    notes = [w for w in result.report.warnings if w.column == "crs"]
    assert len(notes) == 2 and "reprojected to WGS 84" in notes[0].message
    bounds = result.dataset.districts.total_bounds
    assert 44 < bounds[0] < 46 and 38 < bounds[1] < 39.5


def test_a_missing_folder_is_a_message_not_a_traceback(tmp_path: Path):
    result = load_dataset(tmp_path / "nowhere")
    assert result.dataset is None
    assert "folder not found" in result.report.errors[0].message
