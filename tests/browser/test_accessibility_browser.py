"""Accessibility in the real browser: axe-core (WCAG 2.1 A and AA rules) on every page in
both languages, chart text contrast (which axe cannot judge inside SVG charts), and the
keyboard path through the map page.

axe-core comes from npm (package.json, installed by scripts/dev.sh like Leaflet) and is
injected into the page and into the map's frame, so the map is checked too. A serious or
critical violation fails the test. Streamlit's own markup that cannot be changed would
be listed in ``STREAMLIT_OWN`` by rule and selector (and in README, "Accessibility"),
never by switching a rule off for the whole page; today nothing needs to be.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from test_dashboard import MAP

from dashboard.devtools.server import REPO, streamlit_server
from dashboard.staff.auth import HASH_ENV, hash_password

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# (rule id, CSS selector) of violations in Streamlit's own markup that the app cannot change
STREAMLIT_OWN: set[tuple[str, str]] = set()
PAGES = {  # page: (address, what shows that it is drawn)
    "map": ("/", "iframe[title*='st_folium']"),
    "trends": ("/trends", "[data-testid='stVegaLiteChart'] svg"),
    "claim check": ("/claims", "[data-testid='stMain'] h1"),
    "sources": ("/sources", "[data-testid='stDataFrame']"),
    "staff sign-in": ("/staff", "input[type='password']"),
    "presentation": ("/?present=1", "iframe[title*='st_folium']"),
}

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" >> "), html: n.html.slice(0, 200)})),
  }));
}"""


def _axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: scripts/dev.sh installs axe-core from npm (package.json)")
    return AXE.read_text(encoding="utf-8")


def _serious(page: Page) -> list[str]:
    """The serious and critical axe violations of the page (and its frames), one line each."""
    source = _axe_source()
    for frame in page.frames:
        frame.evaluate(source)
    found = []
    for v in page.evaluate(RUN_AXE, WCAG_21_AA):
        if v["impact"] not in ("serious", "critical"):
            continue
        nodes = [n for n in v["nodes"] if (v["id"], n["target"]) not in STREAMLIT_OWN]
        found.extend(f"{v['id']} ({v['impact']}: {v['help']}) at {n['target']}: {n['html']}" for n in nodes)
    return found


def _open(browser: Browser, url: str, ready: str, width: int = 1366, height: int = 900) -> tuple[Page, object]:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(url)
    expect(page.locator(ready).first).to_be_attached()
    if "st_folium" in ready:
        expect(page.frame_locator(MAP).locator("path.district").first).to_be_attached()
    # nothing left to draw: the script has finished and no element is stale (faded), for
    # a second on end (a first run may set the address and run again)
    page.wait_for_function(
        """() => { const idle = !document.querySelector("[data-testid='stStatusWidget'], [data-stale='true']");
                   window.__idleSince = idle ? (window.__idleSince || Date.now()) : 0;
                   return idle && Date.now() - window.__idleSince >= 1000; }""",
        polling=100,
    )
    return page, context


@pytest.fixture(scope="module")
def staff_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server whose staff area asks for a password (a store of its own)."""
    store = tmp_path_factory.mktemp("store")
    env = {HASH_ENV: hash_password("correct horse battery staple"), "DASHBOARD_STORE": str(store)}
    with streamlit_server(env=env) as base:
        yield base


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_axe_violation_in_either_language(browser, request, name):
    path, ready = PAGES[name]
    base = request.getfixturevalue("staff_url" if name == "staff sign-in" else "app_url")
    for lang in ("en", "az"):
        sep = "&" if "?" in path else "?"
        page, context = _open(browser, f"{base}{path}{sep}lang={lang}", ready)
        problems = _serious(page)
        assert problems == [], f"{name} ({lang}):\n" + "\n".join(problems)
        context.close()


def test_the_map_page_with_its_menus_and_lists_open_has_no_serious_violation(browser, app_url):
    page, context = _open(browser, f"{app_url}/?lang=az", PAGES["map"][1])
    page.locator(".card-source summary").first.click()
    page.get_by_text("Rayonlar: hamısı").click()
    page.get_by_text("Bu görünüşü yüklə", exact=True).click()
    expect(page.get_by_role("button", name="Paylama materialı (PDF)")).to_be_visible()
    problems = _serious(page)
    assert problems == [], "\n".join(problems)
    context.close()


# WCAG relative luminance and contrast (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio)
CHART_TEXT = """() => [...document.querySelectorAll("[data-testid='stVegaLiteChart'] svg text")]
  .filter((t) => t.textContent.trim() && getComputedStyle(t).opacity !== "0")
  .map((t) => [t.textContent.trim(), getComputedStyle(t).fill])"""


def _luminance(rgb: tuple[int, ...]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast_on_white(css_rgb: str) -> float:
    rgb = tuple(int(float(v)) for v in css_rgb[css_rgb.index("(") + 1 : -1].split(",")[:3])
    return 1.05 / (_luminance(rgb) + 0.05)


@pytest.mark.parametrize("lang", ["en", "az"])
def test_chart_text_on_the_trends_page_meets_aa_contrast(browser, app_url, lang):
    page, context = _open(browser, f"{app_url}/trends?lang={lang}", PAGES["trends"][1])
    page.wait_for_function(  # every chart drawn
        """() => { const charts = document.querySelectorAll("[data-testid='stVegaLiteChart']");
                   return charts.length >= 8 && [...charts].every((c) => c.querySelector("svg text")); }"""
    )
    texts = page.evaluate(CHART_TEXT)
    assert len(texts) > 50
    low = [(text, fill, round(_contrast_on_white(fill), 2)) for text, fill in texts if _contrast_on_white(fill) < 4.5]
    assert low == [], low[:10]
    if lang == "az":  # axis numbers as Azerbaijani writes them: 50 000, not 50,000
        labels = {text for text, _ in texts}
        assert "50\u00a0000" in labels and "50,000" not in labels
    context.close()


# The focused element, looking into frames: [frame title, tag, class, name], the name being
# its aria-label, its label's text, or its own text without icon ligatures (aria-hidden).
FOCUSED = """() => {
  let doc = document, el = doc.activeElement, where = "";
  while (el && el.tagName === "IFRAME") { where = el.title; doc = el.contentDocument; el = doc.activeElement; }
  const shown = el.cloneNode(true);
  shown.querySelectorAll?.("[aria-hidden='true']").forEach((n) => n.remove());
  const name = el.getAttribute("aria-label") || (el.labels && el.labels[0] && el.labels[0].textContent)
    || shown.textContent || "";
  return [where, el.tagName.toLowerCase(), String(el.className.baseVal ?? el.className), name.trim().slice(0, 60)];
}"""


def test_tab_reaches_the_filters_then_the_download_menu_then_the_map_which_zooms_with_plus_and_minus(browser, app_url):
    page, context = _open(browser, f"{app_url}/", PAGES["map"][1])
    seen: list[list[str]] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED))
        if "leaflet-container" in seen[-1][2]:
            break

    def first(match) -> int:
        hits = [i for i, f in enumerate(seen) if match(f)]
        assert hits, f"never focused; the Tab order was: {seen}"
        return hits[0]

    region = first(lambda f: f[1] == "input" and f[3] == "Karabakh")
    metric = first(lambda f: f[1] == "select" and f[3] == "Metric")
    download = first(lambda f: f[1] == "summary" and "Download this view" in f[3])
    the_map = first(lambda f: "st_folium" in f[0] and "leaflet-container" in f[2])
    assert region < metric < download < the_map, seen

    # the map has the focus: + and - zoom it (Leaflet's keyboard handler)
    frame = page.locator(MAP).element_handle().content_frame()
    zoom = frame.evaluate("window.map.getZoom()")
    page.keyboard.press("+")
    frame.wait_for_function(f"window.map.getZoom() > {zoom} && !window.map._animatingZoom")
    page.keyboard.press("-")
    frame.wait_for_function(f"window.map.getZoom() === {zoom} && !window.map._animatingZoom")

    # back to the download menu: Enter opens it, Tab walks its downloads in order
    for _ in range(the_map - download):
        page.keyboard.press("Shift+Tab")
    assert "Download this view" in page.evaluate(FOCUSED)[3]
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Slide image (PNG, 1920×1080)")).to_be_visible()
    walked = []
    for _ in range(6):
        page.keyboard.press("Tab")
        walked.append(page.evaluate(FOCUSED)[3])
    expected = (
        "Add the projection",  # the option for the handout and the slide, then the five downloads
        "Slide image (PNG",
        "Handout (PDF)",
        "Figures with sources",
        "Figures on the map",
        "Interactive map",
    )
    assert [w.startswith(e) for w, e in zip(walked, expected, strict=True)] == [True] * 6, walked
    context.close()
