"""Downloads as a viewer gets them: every export of the current view from the map page's
download menu, named after the view and the day, and the slide of a presentation step."""

from __future__ import annotations

import csv
import io
import json
import struct
from datetime import date

from playwright.sync_api import expect
from test_dashboard import open_map

TODAY = date.today().isoformat()
BUTTONS = {
    "png": "Slide image (PNG, 1920×1080)",
    "pdf": "Handout (PDF)",
    "csv": "Figures with sources (CSV)",
    "geojson": "Figures on the map (GeoJSON)",
    "html": "Interactive map, works offline (HTML)",
}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def download(page, name: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("button", name=name, exact=True).click()
    d = info.value
    return d.suggested_filename, d.path().read_bytes()


def test_every_export_of_a_district_view_downloads_with_its_name(watched):
    page = watched.page
    open_map(watched, "?district=AZ-CAB&period=2025")
    files = {}
    page.get_by_text("Download this view", exact=True).click()  # the menu stays open
    for kind, label in BUTTONS.items():
        files[kind] = download(page, label)
    for kind, (name, _) in files.items():
        assert name == f"karabakh-demining_area-cleared_jabrayil_2025_{TODAY}.{kind}"
    assert png_size(files["png"][1]) == (1920, 1080)
    assert files["pdf"][1].startswith(b"%PDF-")
    assert files["csv"][1].startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(files["csv"][1].decode("utf-8-sig"))))
    jabrayil = [r for r in rows if "AZ-CAB" in r.values() and r.get("value") == "9110.4"]
    assert jabrayil, "the district's 2025 figure is in the CSV"
    doc = json.loads(files["geojson"][1])
    assert doc["type"] == "FeatureCollection" and doc["features"]
    assert watched.errors == []
    assert watched.remote() == []


def test_the_downloaded_map_works_offline_in_a_browser(watched, tmp_path):
    page = watched.page
    open_map(watched, "?district=AZ-CAB&period=2025")
    page.get_by_text("Download this view", exact=True).click()
    _, html = download(page, BUTTONS["html"])
    path = tmp_path / "map.html"
    path.write_bytes(html)
    offline = page.context.new_page()
    requests: list[str] = []
    offline.on("request", lambda r: requests.append(r.url))
    offline.goto(path.as_uri())
    expect(offline.locator("path.district-AZ-CAB")).to_be_attached()
    assert offline.locator("path.settlement-marker").count() > 0
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []


def test_a_presentation_step_downloads_its_slide(watched):
    page = watched.page
    open_map(watched, "?present=1&view=lachin")
    expect(page.locator("[data-testid='stMain'] h1")).to_have_text("Lachin")
    name, data = download(page, "Slide image")
    assert name == f"karabakh-demining_area-cleared_lachin_2025_{TODAY}.png"
    assert png_size(data) == (1920, 1080)
