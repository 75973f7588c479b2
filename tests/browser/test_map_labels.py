"""Names on the live map and the map kept on the focus, in a real browser at the map's
real size. Names, outlines and areas are read from the geodata files here, never from
the code under test; the map's view is read from the Leaflet map in the iframe."""

from __future__ import annotations

import csv
import json
import re
from itertools import combinations

import geopandas as gpd
import pytest
from paths import GEODATA
from playwright.sync_api import expect
from shapely.geometry import shape
from test_dashboard import MAP, REGIONS, choose

with (GEODATA / "presentation.csv").open(encoding="utf-8", newline="") as _f:
    STEPS = list(csv.DictReader(_f))
_DOC = json.loads((GEODATA / "boundaries" / "districts_display.geojson").read_text(encoding="utf-8"))
DISTRICTS = {f["properties"]["code"]: f for f in _DOC["features"] if f["properties"]["economic_region"] in REGIONS}


def bounds(codes) -> tuple[float, float, float, float]:
    """(south, west, north, east) around some districts, from the boundary file."""
    boxes = [shape(DISTRICTS[c]["geometry"]).bounds for c in codes]
    return min(b[1] for b in boxes), min(b[0] for b in boxes), max(b[3] for b in boxes), max(b[2] for b in boxes)


def main_districts() -> set[str]:
    """The districts that have their own presentation step, and the five largest rayons
    (areas on an equal-area projection)."""
    stepped = {c for s in STEPS for c in s["districts"].split()}
    frame = gpd.GeoDataFrame.from_features(list(DISTRICTS.values()), crs="EPSG:4326")
    rayons = frame[frame["kind"] == "rayon"].to_crs("EPSG:6933")
    largest = set(rayons.assign(area=rayons.area).nlargest(5, "area")["code"])
    return stepped | largest


# The map's view, and every shown name's box and every settlement circle's box, in the
# iframe's pixels (getBoundingClientRect).
VIEW = """() => { const b = window.map.getBounds(), c = window.map.getCenter();
  return {south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast(),
          zoom: window.map.getZoom(), lat: c.lat, lng: c.lng}; }"""
BOXES = """() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const names = Array.from(document.querySelectorAll('.map-label'))
    .filter((e) => getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden')
    .map((e) => ({text: e.textContent, box: box(e), kind: e.className,
                  weight: getComputedStyle(e).fontWeight}));
  const circles = Array.from(document.querySelectorAll('path.settlement-marker'), box);
  return {names, circles};
}"""


def open_view(watched, query: str):
    watched.page.goto(f"{watched.base}/{query}")
    locator = watched.page.frame_locator(MAP)
    expect(locator.locator(".map-label").first).to_be_attached()
    return watched.page.locator(MAP).element_handle().content_frame()


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_nothing_covered(drawn: dict) -> None:
    names = drawn["names"]
    for a, b in combinations(names, 2):
        assert not overlap(a["box"], b["box"]), (a, b)
    for name in names:
        for circle in drawn["circles"]:
            assert not overlap(name["box"], circle), (name, circle)


def wait_for_fit(frame, codes, tolerance: float = 2.0) -> dict:
    """Wait until the map shows the districts whole, at no more than ``tolerance``
    times their extent (in the direction the map's shape makes tight); the view."""
    south, west, north, east = bounds(codes)
    frame.wait_for_function(
        f"""([s, w, n, e, k]) => {{ const v = ({VIEW})();
          return v.south <= s && v.west <= w && v.north >= n && v.east >= e
            && Math.min((v.north - v.south) / (n - s), (v.east - v.west) / (e - w)) <= k; }}""",
        arg=[south, west, north, east, tolerance],
        timeout=30_000,
    )
    return frame.evaluate(VIEW)


def zoom_in(page, frame) -> None:
    """Press the map's own zoom-in button, as a viewer would; wait for the zoom's end."""
    frame.evaluate("() => { window.__zoomed = false; window.map.once('zoomend', () => { window.__zoomed = true; }); }")
    page.frame_locator(MAP).get_by_role("button", name="Zoom in").click()
    frame.wait_for_function("() => window.__zoomed")


@pytest.mark.parametrize("query", ["?present=1&view=jabrayil", "?district=AZ-CAB&period=2025"], ids=["step", "chosen"])
def test_jabrayil_fills_the_map(watched, query):
    (code,) = next(s for s in STEPS if s["view_id"] == "jabrayil")["districts"].split()
    frame = open_view(watched, query)
    view = wait_for_fit(frame, [code])
    south, west, north, east = bounds([code])
    assert view["north"] - view["south"] <= 2 * (north - south)
    assert view["east"] - view["west"] <= 2 * (east - west)
    drawn = frame.evaluate(BOXES)
    focus = [n for n in drawn["names"] if n["text"] == DISTRICTS[code]["properties"]["name_en"]]
    assert focus and focus[0]["weight"] == "700" and "in-focus" in focus[0]["kind"]
    assert all(n["weight"] == "400" for n in drawn["names"] if "context" in n["kind"])
    assert_nothing_covered(drawn)
    for height in (300, 900):  # whatever height the page gives the map, it fits again
        # (presentation mode sizes the map's frame and the map fills it; the map page
        # sizes the map itself: set both)
        watched.page.locator(MAP).evaluate(f"(f) => f.style.setProperty('height', '{height}px', 'important')")
        frame.evaluate(f"() => {{ window.map.getContainer().style.height = '{height}px'; }}")
        frame.wait_for_function(f"() => window.map.getSize().y === {height}")
        wait_for_fit(frame, [code])
    assert watched.errors == []


def test_both_regions_fit_the_map_on_first_open(watched):
    frame = open_view(watched, "")
    wait_for_fit(frame, list(DISTRICTS), tolerance=1.6)


@pytest.mark.parametrize("lang", ["en", "az"])
def test_district_names_are_drawn_and_cover_neither_each_other_nor_circles(watched, lang):
    frame = open_view(watched, f"?lang={lang}")
    wait_for_fit(frame, list(DISTRICTS), tolerance=1.6)
    drawn = frame.evaluate(BOXES)
    texts = {n["text"] for n in drawn["names"]}
    for code in main_districts():
        assert DISTRICTS[code]["properties"][f"name_{lang}"] in texts, code
    other = "az" if lang == "en" else "en"
    different = [f["properties"][f"name_{other}"] for f in DISTRICTS.values()]
    different = [n for n in different if n not in {f["properties"][f"name_{lang}"] for f in DISTRICTS.values()}]
    assert not texts & set(different)  # names in one language only
    assert len(drawn["circles"]) > 10
    assert_nothing_covered(drawn)
    assert watched.errors == []


def test_settlement_names_appear_when_zoomed_in_and_still_cover_nothing(watched):
    frame = open_view(watched, "?metric=returns")
    wait_for_fit(frame, list(DISTRICTS), tolerance=1.6)
    with open(GEODATA / "settlements.csv", encoding="utf-8") as f:
        settlement_names = {s["name_en"] for s in csv.DictReader(f)}
    district_names = {f["properties"]["name_en"] for f in DISTRICTS.values()}
    only_settlements = settlement_names - district_names
    drawn = frame.evaluate(BOXES)
    assert not {n["text"] for n in drawn["names"]} & only_settlements  # the whole regions: no settlement names
    zoom = frame.evaluate("() => window.map.getZoom()")
    zoom_in(watched.page, frame)
    zoom_in(watched.page, frame)
    assert frame.evaluate("() => window.map.getZoom()") == zoom + 2
    drawn = frame.evaluate(BOXES)
    assert {n["text"] for n in drawn["names"]} & only_settlements
    assert_nothing_covered(drawn)
    assert watched.errors == []


def test_a_filter_change_that_keeps_the_focus_keeps_zoom_and_pan(watched):
    page = watched.page
    frame = open_view(watched, "")
    wait_for_fit(frame, list(DISTRICTS), tolerance=1.6)
    zoom_in(page, frame)
    frame.evaluate("() => { window.__moved = false; window.map.once('moveend', () => { window.__moved = true; }); }")
    box = page.locator(MAP).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 120, y - 60, steps=8)
    page.mouse.up()
    frame.wait_for_function("() => window.__moved")  # after any glide
    moved = frame.evaluate(VIEW)
    fills = frame.evaluate(
        "() => Array.from(document.querySelectorAll('path.district'), (p) => p.getAttribute('fill'))"
    )
    choose(page, "Period", "Year 2023")
    frame.wait_for_function(
        "(before) => Array.from(document.querySelectorAll('path.district'), (p) => p.getAttribute('fill'))"
        ".join() !== before.join()",
        arg=fills,
    )
    page.get_by_text("Azərbaycanca").click()  # the language too keeps the view
    expect(page).to_have_url(re.compile(r"lang=az"))
    expect(page.frame_locator(MAP).locator(".district-label", has_text="Kəlbəcər")).to_be_attached()
    kept = frame.evaluate(VIEW)
    assert kept["zoom"] == moved["zoom"]
    assert abs(kept["lat"] - moved["lat"]) < 1e-9 and abs(kept["lng"] - moved["lng"]) < 1e-9
    # a new focus moves the map to it
    page.get_by_text("Rayonlar: hamısı").click()
    page.get_by_role("checkbox", name=DISTRICTS["AZ-LAC"]["properties"]["name_az"]).check()
    wait_for_fit(frame, ["AZ-LAC"])
    assert page.locator(MAP).element_handle().content_frame() == frame  # the same map, not a new one
    assert watched.errors == []
