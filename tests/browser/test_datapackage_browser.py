"""The whole dataset as a viewer downloads it from the Sources page: a zip that the
`frictionless validate` command accepts, offline, with every data file in it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from paths import GEODATA
from playwright.sync_api import expect
from test_exports_browser import download

from dashboard.data.files import data_files

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def test_download_all_data_gives_a_package_that_frictionless_validates(watched, tmp_path):
    page = watched.page
    page.goto(watched.base)
    page.get_by_role("link", name="Sources and methods").click()
    expect(page.get_by_role("button", name="Download all data (zip)")).to_be_visible(timeout=60_000)
    name, data = download(page, "Download all data (zip)")
    assert name.startswith("karabakh-demining-data-") and name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(tmp_path)
        names = set(archive.namelist())
    expected = {p.relative_to(GEODATA).as_posix() for p in data_files(GEODATA) if p.exists()}
    assert names == expected | {"datapackage.json"}
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", "datapackage.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-3000:]
    assert {task["place"] for task in report["tasks"]} == expected
    assert watched.errors == []
