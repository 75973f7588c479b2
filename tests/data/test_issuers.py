"""Issuing bodies in both languages: every body a figure names has its Azerbaijani name
in geodata/issuers.csv, and Dataset.issuer_name gives it.

Expected names are read from the CSV files with the csv module, not with the loader.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from paths import GEODATA, MINIMAL, copy_geodata

from dashboard.data.loader import load_dataset


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


ISSUERS = {r["issuing_body"]: r["issuer_az"] for r in _rows(GEODATA / "issuers.csv")}
BODIES = sorted({r["issuing_body"] for p in (GEODATA / "figures").glob("*.csv") for r in _rows(p)})


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(GEODATA).dataset


def test_every_shipped_issuing_body_has_an_azerbaijani_name():
    assert BODIES, "no figures read"
    assert [b for b in BODIES if not ISSUERS.get(b, "").strip()] == []


@pytest.mark.parametrize("body", BODIES)
def test_issuer_name_in_both_languages(dataset, body: str):
    assert dataset.issuer_name(body, "en") == body
    assert dataset.issuer_name(body, "az") == ISSUERS[body]


@pytest.mark.parametrize(
    ("body", "az"),
    [
        ("Prosecutor General's Office", "Baş Prokurorluq"),
        ("Ministry of Foreign Affairs", "Xarici İşlər Nazirliyi"),
        ("Cabinet of Ministers", "Nazirlər Kabineti"),
        ("State Committee for Refugees and IDPs", "Qaçqınların və Məcburi Köçkünlərin İşləri üzrə Dövlət Komitəsi"),
        ("Trend News Agency", "Trend İnformasiya Agentliyi"),
        ("ANAMA", "ANAMA"),
    ],
)
def test_government_bodies_get_their_official_azerbaijani_names(dataset, body: str, az: str):
    assert dataset.issuer_name(body, "az") == az


def test_a_cell_naming_two_bodies_translates_each(dataset):
    assert dataset.issuer_name("Cabinet of Ministers; Prime Minister", "az") == "Nazirlər Kabineti; Baş nazir"


def test_an_unlisted_body_keeps_its_english_name(dataset):
    assert dataset.issuer_name("Some New Body", "az") == "Some New Body"


def test_without_issuers_csv_the_data_loads_with_a_warning(tmp_path: Path):
    root = copy_geodata(tmp_path / "geodata", MINIMAL)
    (root / "issuers.csv").unlink()
    result = load_dataset(root)
    assert result.report.errors == []
    assert [w.file for w in result.report.warnings] == ["issuers.csv"]
    assert "English name" in result.report.warnings[0].message
    assert result.dataset.issuer_name("Cabinet of Ministers", "az") == "Cabinet of Ministers"
