"""Presentation mode and printing in a real browser: keyboard navigation through the
prepared views, and a print layout without controls."""

from __future__ import annotations

import csv
import io

from paths import GEODATA
from playwright.sync_api import expect
from pypdf import PdfReader
from test_dashboard import MAP, card_value, open_map

with (GEODATA / "presentation.csv").open(encoding="utf-8", newline="") as _f:
    VIEWS = sorted(csv.DictReader(_f), key=lambda r: float(r["order"]))


def _title(page):
    return page.locator("[data-testid='stMain'] h1")


def test_arrow_keys_walk_through_the_prepared_views_and_escape_leaves(watched):
    page = watched.page
    open_map(watched, "?present=1")
    expect(_title(page)).to_have_text(VIEWS[0]["title_en"])
    expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()
    for view in VIEWS[1:3]:
        page.locator("body").press("ArrowRight")
        expect(_title(page)).to_have_text(view["title_en"])
        assert page.url.endswith(f"view={view['view_id']}")
    page.locator("body").press("ArrowLeft")
    expect(_title(page)).to_have_text(VIEWS[1]["title_en"])
    # the same map recoloured in place: the district view draws its district strong, the rest pale
    frame = page.frame_locator(MAP)
    (code,) = VIEWS[1]["districts"].split()
    expect(frame.locator(f"path.district-{code}")).to_have_attribute("fill-opacity", "0.85")
    expect(frame.locator("path.district-AZ-SUS")).to_have_attribute("fill-opacity", "0.35")
    page.locator("body").press("Escape")
    expect(page.locator("[data-testid='stSidebar']")).to_be_visible()
    assert "present" not in page.url
    assert watched.errors == []


def test_a_link_opens_presentation_mode_on_its_view(watched):
    view = [v for v in VIEWS if "projection" not in v["cards"].split()][-1]  # the last step with a map
    open_map(watched, f"?present=1&view={view['view_id']}&lang=az")
    expect(_title(watched.page)).to_have_text(view["title_az"])
    expect(watched.page.get_by_text(view["caption_az"])).to_be_visible()


def test_the_projection_step_shows_its_chart_and_assumptions_instead_of_the_map(watched):
    (view,) = [v for v in VIEWS if "projection" in v["cards"].split()]
    page = watched.page
    page.goto(f"{watched.base}/?present=1&view={view['view_id']}")
    expect(_title(page)).to_have_text(view["title_en"])
    expect(page.locator(".projection-large .projection-statement")).to_contain_text("If the hazardous area is")
    expect(page.locator(".projection-caveats")).to_contain_text("not a forecast")
    expect(page.locator("g.projection_marks path")).to_have_attribute("stroke-dasharray", "10,6")
    expect(page.locator(MAP)).to_have_count(0)


def test_printing_gives_one_a4_page_with_cards_and_map_and_no_controls(watched):
    page = watched.page
    page.set_viewport_size({"width": 718, "height": 1047})  # A4 less 10 mm margins, at 96 dpi
    open_map(watched, "?period=2023")
    expect(card_value(page, "Hectares cleared")).to_have_text("53,081 ha")
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    for shown in ("Hectares cleared", "53,081 ha", "Cabinet of Ministers", "Leaflet", "No figure for this"):
        assert shown in text, shown
    for control in ("Filters", "Presentation mode", "Economic region", "Download this view", "Card: against the plan"):
        assert control not in text, control
