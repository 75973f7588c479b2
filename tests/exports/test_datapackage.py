"""The open data package: every data file and a datapackage.json made from the schema
declarations, validated by the `frictionless validate` command (offline: nothing is
fetched). The command runs in its own process: importing frictionless raises the csv
module's field size limit for the whole process, which the loader's own limit relies on."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from paths import GEODATA, MINIMAL, copy_geodata

from dashboard.data import schema
from dashboard.data.files import data_files
from dashboard.data.loader import load_dataset
from dashboard.data.package import PackageError, declared_tables, descriptor, resource_name
from dashboard.data.schema import Column, TableSpec
from dashboard.exports.datapackage import data_package_zip

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def validate(descriptor_path: Path) -> dict:
    """`frictionless validate --json` on a descriptor: its report as a dict."""
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", descriptor_path.name],
        cwd=descriptor_path.parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(result.stdout)
    assert (result.returncode == 0) == report["valid"]
    return report


def errors(report: dict) -> list[dict]:
    return [e for task in report["tasks"] for e in task["errors"]]


def unpack(data: bytes, target: Path) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(target)
    return json.loads((target / "datapackage.json").read_text(encoding="utf-8"))


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [r for r in csv.DictReader(f) if any(v.strip() for v in r.values())]


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def shipped_package(dataset, tmp_path_factory) -> tuple[Path, dict]:
    target = tmp_path_factory.mktemp("package")
    return target, unpack(data_package_zip(dataset), target)


def test_frictionless_validates_the_shipped_package(shipped_package):
    target, _ = shipped_package
    report = validate(target / "datapackage.json")
    assert report["valid"], errors(report)[:20]
    assert len(report["tasks"]) == len(data_files(GEODATA))  # every table and GeoJSON file was checked


def test_every_file_the_loader_reads_is_in_the_package_with_every_row(shipped_package):
    target, desc = shipped_package
    paths = {r["path"] for r in desc["resources"]}
    assert paths == {p.relative_to(GEODATA).as_posix() for p in data_files(GEODATA) if p.exists()}
    for resource in desc["resources"]:
        if resource["path"].endswith(".csv"):
            original = csv_rows(GEODATA / resource["path"])
            packed = csv_rows(target / resource["path"])
            assert len(packed) == len(original), resource["path"]
            key = resource["schema"]["primaryKey"][0]
            assert [r[key] for r in packed] == [r[key].strip() for r in original]
        else:  # GeoJSON as published, byte for byte
            assert (target / resource["path"]).read_bytes() == (GEODATA / resource["path"]).read_bytes()


def test_the_descriptor_is_the_schema_declarations(shipped_package):
    _, desc = shipped_package
    by_path = {r["path"]: r for r in desc["resources"]}
    kinds = {"number": "number", "coordinate": "number"}
    for spec in declared_tables():
        resource = by_path[spec.path]
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == list(spec.names)
        assert resource["schema"]["primaryKey"] == [spec.key]
        for column, described in zip(spec.columns, fields, strict=True):
            assert described["type"] == kinds.get(column.kind, "string"), (spec.path, column.name)
            assert described.get("constraints", {}).get("required", False) == column.required
            if column.choices:
                assert described["constraints"]["enum"] == list(column.choices)
        references = {c.name: c.references for c in spec.columns if c.references}
        declared = {k["fields"][0]: k["reference"]["resource"] for k in resource["schema"].get("foreignKeys", [])}
        assert declared == {name: resource_name(path) for name, path in references.items()}
    figures = by_path["figures/clearance.csv"]["schema"]["foreignKeys"]
    assert {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}} in figures


def test_licence_and_sources_are_stated(shipped_package, dataset):
    _, desc = shipped_package
    assert desc["licenses"] == [{"name": "MIT", "path": "https://opensource.org/license/mit", "title": "MIT License"}]
    by_path = {r["path"]: r for r in desc["resources"]}
    assert "other-pd" in {lic["name"] for lic in by_path["boundaries/districts.geojson"]["licenses"]}
    assert "CC-BY-SA-4.0" in {lic["name"] for lic in by_path["settlements.csv"]["licenses"]}
    urls = {s["path"] for s in desc["sources"]}
    assert set(dataset.sources["url"]) <= urls
    assert desc["id"].endswith(dataset.version)


def test_a_table_declared_in_the_schema_joins_the_package(monkeypatch, dataset):
    extra = TableSpec(
        "claims-test.csv",
        (Column("claim_id", "id"), Column("source_id", "id", references="sources.csv"), Column("note", "text", False)),
        key="claim_id",
    )
    monkeypatch.setattr(schema, "EXTRA_TEST_TABLE", extra, raising=False)
    assert extra in declared_tables()
    files = {"sources.csv": b"", "claims-test.csv": b"claim_id,source_id,note\r\n"}
    (resource,) = [r for r in descriptor(dataset, files)["resources"] if r["path"] == "claims-test.csv"]
    assert resource["name"] == "claims-test"
    assert [f["name"] for f in resource["schema"]["fields"]] == ["claim_id", "source_id", "note"]
    assert resource["schema"]["foreignKeys"] == [
        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}
    ]


def test_a_formula_in_a_data_file_is_inert_in_the_package_and_still_valid(tmp_path):
    root = copy_geodata(tmp_path / "geodata", MINIMAL)
    hostile = '=HYPERLINK("http://example.org/x","click")'
    rows = csv_rows(root / "sources.csv")
    rows[0]["title"] = hostile
    write_rows(root / "sources.csv", rows)
    dataset = load_dataset(root).dataset
    assert dataset is not None and hostile in set(dataset.sources["title"])
    target = tmp_path / "package"
    unpack(data_package_zip(dataset), target)
    titles = {r["title"] for r in csv_rows(target / "sources.csv")}
    assert "'" + hostile in titles and hostile not in titles
    assert validate(target / "datapackage.json")["valid"]


def test_frictionless_catches_a_broken_reference_so_the_keys_are_checked(shipped_package, tmp_path):
    source, _ = shipped_package
    target = tmp_path / "broken"
    target.mkdir()
    for path in source.rglob("*"):
        if path.is_file():
            (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            (target / path.relative_to(source)).write_bytes(path.read_bytes())
    desc = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    figures = target / "figures" / "context.csv"
    text = figures.read_text(encoding="utf-8-sig")
    first = csv_rows(figures)[0]["source_id"]
    figures.write_text(text.replace(f",{first},", ",no-such-source,", 1), encoding="utf-8-sig")
    for resource in desc["resources"]:  # the checksum would fail first; drop it for this check
        if resource["path"] == "figures/context.csv":
            resource.pop("hash")
            resource.pop("bytes")
    (target / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    report = validate(target / "datapackage.json")
    assert not report["valid"]
    assert {e["type"] for e in errors(report)} == {"foreign-key"}


def test_files_changed_after_loading_are_refused(tmp_path):
    root = copy_geodata(tmp_path / "geodata", MINIMAL)
    dataset = load_dataset(root).dataset
    with (root / "sources.csv").open("a", encoding="utf-8") as f:
        f.write("late,Publisher,Title,https://example.org/late,2024-01-01,en,\n")
    with pytest.raises(PackageError, match="changed after they were loaded"):
        data_package_zip(dataset)


def test_the_same_data_gives_the_same_zip(dataset):
    assert data_package_zip(dataset) == data_package_zip(dataset)


REFERENCES = [(s.path, c.name) for s in declared_tables() for c in s.columns if c.references]


@pytest.mark.parametrize(("file", "name"), REFERENCES)
def test_every_declared_reference_is_also_enforced_by_the_loader(tmp_path, file, name):
    """The package's foreign keys and the loader's checks say the same thing."""
    root = copy_geodata(tmp_path / "geodata", GEODATA)
    path = root / file
    rows = csv_rows(path)
    row = next(r for r in rows if r[name])
    row[name] = "no-such-key"
    write_rows(path, rows)
    result = load_dataset(root)
    assert result.dataset is None
    assert any(e.file == file and e.column == name for e in result.report.errors), result.report.to_text()
