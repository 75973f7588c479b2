"""The layout at common screen sizes, measured in the real browser: presentation mode
fits every step on one screen with the map taking at least 45 % of its height; the map
page shows the map's top in the first screen of a 1366x768 laptop; a phone shows the
map right after the map's own card.

The steps and their cards are read from geodata/presentation.csv here, not from the app.
A step whose cards name the projection shows the projection's chart and words in place
of the map (geodata/README.md); it too must fit without the page scrolling.
"""

from __future__ import annotations

import csv

import pytest
from paths import GEODATA
from playwright.sync_api import Browser, Page, expect
from test_dashboard import MAP

PROJECTOR_SIZES = [(1280, 720), (1366, 768), (1440, 900), (1920, 1080)]
with (GEODATA / "presentation.csv").open(encoding="utf-8", newline="") as _f:
    STEPS = sorted(csv.DictReader(_f), key=lambda r: float(r["order"]))
# metric -> the label of the card that gives the metric's figure (the map's own card)
LEAD_CARD = {"area_cleared": "Hectares cleared", "returns": "Settlements with returns"}

# Where the map frame is, whether the page scrolls, and the smallest type on the page
# (visible text outside the map frame; a closed disclosure's hidden text and icon
# ligatures, which are aria-hidden, left out).
MEASURE = """() => {
  const map = document.querySelector("iframe[title*='st_folium']");
  const frame = map ? map.getBoundingClientRect() : {top: null, bottom: null, height: null};
  const main = document.querySelector("[data-testid='stMain']");
  let smallest = Infinity, where = "";
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest("details:not([open]) > :not(summary), [aria-hidden='true']")) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < smallest) { smallest = size; where = node.textContent.trim().slice(0, 40); }
  }
  return {
    top: frame.top, bottom: frame.bottom, height: frame.height,
    viewport: window.innerHeight,
    overflow: Math.max(main.scrollHeight - main.clientHeight,
                       document.documentElement.scrollHeight - window.innerHeight),
    smallest, where,
  };
}"""


def _open(browser: Browser, base: str, width: int, height: int, query: str) -> tuple[Page, object]:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{base}/{query}")
    expect(page.frame_locator(MAP).locator("path.district").first).to_be_attached()
    return page, context


def _has_map(step: dict[str, str]) -> bool:
    return "projection" not in step["cards"].split()


def _step_shown(page: Page, step: dict[str, str], lang: str) -> None:
    """Wait until a step's title and its cards are on the page and its map (or the
    projection's chart) has its final size."""
    expect(page.locator("[data-testid='stMain'] h1")).to_have_text(step[f"title_{lang}"])
    expect(page.locator(".card")).to_have_count(len([c for c in step["cards"].split() if c != "projection"]))
    shown = "iframe[title*='st_folium']" if _has_map(step) else "[data-testid='stVegaLiteChart'] svg"
    page.wait_for_function(
        """(shown) => { const f = document.querySelector(shown);
                   const h = f ? f.getBoundingClientRect().height : 0;
                   const same = window.__h === h; window.__h = h; return same && h > 0; }""",
        arg=shown,
        polling=200,
    )


@pytest.mark.parametrize(("width", "height"), PROJECTOR_SIZES, ids=[f"{w}x{h}" for w, h in PROJECTOR_SIZES])
def test_every_presentation_step_fits_the_screen_with_a_large_map(browser, app_url, width, height):
    langs = ("en", "az") if (width, height) == (1280, 720) else ("en",)
    for lang in langs:
        page, context = _open(browser, app_url, width, height, f"?present=1&lang={lang}")
        for i, step in enumerate(STEPS):
            if i:
                page.locator("body").press("ArrowRight")
            _step_shown(page, step, lang)
            m = page.evaluate(MEASURE)
            where = f"{lang} {width}x{height} step {step['view_id']}: {m}"
            assert m["overflow"] <= 0, f"the page scrolls: {where}"
            if _has_map(step):
                assert m["top"] >= 0 and m["bottom"] <= height, f"the map is not wholly on the screen: {where}"
                assert m["height"] >= 0.45 * height, f"the map is under 45 % of the height: {where}"
            if (width, height) == (1280, 720):
                assert m["smallest"] >= 18, f"type under 18 px: {where}"
        context.close()


@pytest.mark.parametrize("lang", ["en", "az"])
def test_the_map_page_shows_the_maps_top_in_the_first_laptop_screen(browser, app_url, lang):
    page, context = _open(browser, app_url, 1366, 768, f"?lang={lang}")
    expect(page.locator(".card")).to_have_count(8)
    m = page.evaluate(MEASURE)
    # the top edge in the first screen, with a good part of the map under it
    assert 0 < m["top"] <= 768 - 200, m
    context.close()


@pytest.mark.parametrize(("metric", "query"), [("area_cleared", ""), ("returns", "?metric=returns&lang=en")])
def test_a_phone_shows_the_maps_card_then_the_map_then_the_other_cards(browser, app_url, metric, query):
    page, context = _open(browser, app_url, 390, 844, query)
    lead = page.locator(".card").filter(has=page.get_by_role("heading", name=LEAD_CARD[metric], exact=True))
    expect(lead).to_have_count(1)
    frame = page.locator(MAP).bounding_box()
    lead_box = lead.bounding_box()
    assert frame and lead_box
    assert lead_box["y"] + lead_box["height"] <= frame["y"] < 844, (lead_box, frame)
    others = page.locator(".card").filter(has_not=page.get_by_role("heading", name=LEAD_CARD[metric], exact=True))
    expect(others).to_have_count(7)
    tops = [b["y"] for b in (others.nth(i).bounding_box() for i in range(7)) if b]
    assert len(tops) == 7 and min(tops) >= frame["y"] + frame["height"], (tops, frame)
    context.close()
