"""Export file names: ASCII, safe, named after the view and the date."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date

import pytest
from paths import REPO

from dashboard.analysis.selection import Period, Selection
from dashboard.exports import export_filename

DAY = date(2026, 12, 1)
SAFE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def test_file_names_of_views(dataset):
    jabrayil = Selection(districts=("AZ-CAB",))
    assert (
        export_filename(jabrayil, "en", "png", DAY, dataset=dataset)
        == "karabakh-demining_area-cleared_jabrayil_cumulative_2026-12-01.png"
    )
    assert (
        export_filename(jabrayil, "az", "pdf", DAY, dataset=dataset)
        == "karabakh-demining_area-cleared_cebrayil_cumulative_az_2026-12-01.pdf"
    )
    assert (
        export_filename(Selection(), "en", "csv", DAY)
        == "karabakh-demining_area-cleared_all-districts_cumulative_2026-12-01.csv"
    )
    year = Selection(regions=("East Zangezur",), metric="returns", period=Period(year=2023))
    assert (
        export_filename(year, "en", "geojson", DAY) == "karabakh-demining_returns_east-zangezur_2023_2026-12-01.geojson"
    )
    as_of = Selection(districts=("AZ-CAB",), period=Period(as_of=date(2024, 12, 31)))
    assert (
        export_filename(as_of, "en", "html", DAY)
        == "karabakh-demining_area-cleared_az-cab_cumulative-to-2024-12-31_2026-12-01.html"
    )


def test_file_names_are_ascii_and_short(dataset):
    many = Selection(districts=("AZE-5565", "AZ-SUS", "AZ-XCI", "AZ-XA", "AZ-QBI"))
    name = export_filename(many, "az", "png", DAY, dataset=dataset)
    assert SAFE.match(name) and name.isascii(), name
    assert "susa-seheri-susa-xocali-and-2-more" in name
    assert len(name) < 120


class HostileNames:
    """Stands in for a dataset whose district names try to leave the folder."""

    def area_name(self, area: str, lang: str = "en") -> str:
        return "../../etc/<passwd> ğüşıöçə \x00 ~$(rm)"


def test_file_names_from_hostile_names():
    name = export_filename(Selection(districts=("AZ-CAB",)), "en", "pdf", DAY, dataset=HostileNames())
    assert SAFE.match(name) and "/" not in name and ".." not in name, name
    assert "etc-passwd-gusioce-rm" in name


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown export kind"):
        export_filename(Selection(), "en", "exe", DAY)


def test_exports_do_not_import_streamlit():
    code = "import sys, dashboard.exports; print('streamlit' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": ""},
    )
    assert out.stdout.strip() == "False"
