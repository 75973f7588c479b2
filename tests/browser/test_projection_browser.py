"""The projection on Trends in a real browser: a dashed line that continues the running
total (checked in the drawing and in its pixels), the assumptions beside it, and a year
that follows the chosen pace and estimate, checked against the arithmetic of
tests/projection_expected.py."""

from __future__ import annotations

import io
import itertools
import re

from PIL import Image
from playwright.sync_api import expect
from projection_expected import estimate_rows, expected_year

DASHED = "g.projection_marks path"
VERMILLION = (0xD5, 0x5E, 0x00)  # the projection's colour (Okabe-Ito)


def default_estimate() -> dict[str, str]:
    return max((r for r in estimate_rows() if r["metric"] == "hazardous_area"), key=lambda r: r["period_end"])


def open_trends(w, query: str = ""):
    w.page.goto(f"{w.base}/trends{query}")
    expect(w.page.locator(".projection-year")).to_be_visible(timeout=60_000)
    return w.page


def dash_runs(png: bytes) -> tuple[int, int]:
    """(columns with the projection's colour, gaps between such columns) in an image of
    the line: a dashed line leaves gaps, a solid one none."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    pixels = image.load()

    def coloured(x: int) -> bool:
        return any(all(abs(c - v) < 40 for c, v in zip(pixels[x, y], VERMILLION, strict=True)) for y in range(height))

    columns = [coloured(x) for x in range(int(width * 0.8))]  # leave out the end marker and its label
    gaps = sum(1 for a, b in itertools.pairwise(columns) if a and not b)
    return sum(columns), gaps


def test_the_projection_is_a_dashed_line_with_its_assumptions_beside_it(watched):
    page = watched.page
    page.goto(watched.base)  # from the map page by the menu (a deep link asks for /trends/_stcore/..., a 404)
    page.get_by_role("link", name="Trends").click()
    expect(page.locator(".projection-year")).to_be_visible(timeout=60_000)
    estimate = default_estimate()
    year = expected_year("last_year", estimate["figure_id"])
    expect(page.locator(".projection-year")).to_have_text(str(year))
    line = page.locator(DASHED)
    expect(line).to_have_count(1)
    expect(line).to_have_attribute("stroke-dasharray", "10,6")
    expect(line).to_have_attribute("stroke", "#D55E00")
    line.scroll_into_view_if_needed()
    coloured, gaps = dash_runs(line.screenshot())
    assert coloured > 100 and gaps >= 10, (coloured, gaps)
    statement = page.locator(".projection-statement")
    expect(statement).to_contain_text(
        "If the hazardous area is nearly 1,167,000 ha, as ANAMA estimated (16 October 2024)"
    )
    expect(statement).to_contain_text(f"that area would be cleared in {year}.")
    caveats = page.locator(".projection-caveats")
    expect(caveats).to_contain_text("not a forecast")
    expect(caveats).to_contain_text("Survey can shrink or grow the estimate")
    expect(caveats).to_contain_text("may not be the same kind of area")
    assert watched.errors == []


def test_pace_and_estimate_move_the_year_and_the_line(watched):
    page = open_trends(watched)
    default = default_estimate()["figure_id"]
    before = page.locator(DASHED).get_attribute("d")
    page.get_by_text("Average of the last three years").click()
    expect(page.locator(".projection-year")).to_have_text(str(expected_year("three_years", default)))
    expect(page).to_have_url(re.compile(r"pace=three_years"))
    expect(page.locator(DASHED)).not_to_have_attribute("d", before or "")
    page.get_by_text("The current plan").click()
    expect(page.locator(".projection-year")).to_have_text(str(expected_year("plan", default)))
    smallest = min(estimate_rows(), key=lambda r: float(r["value"]))
    page.get_by_role("combobox", name="Estimated area to clear").click()
    page.get_by_role("option").filter(has_text="800,000 ha").click()
    expect(page.locator(".projection-year")).to_have_text(str(expected_year("plan", smallest["figure_id"])))
    expect(page).to_have_url(re.compile(f"estimate={re.escape(smallest['figure_id'])}"))
    expect(page.locator(".projection-statement")).to_contain_text("about 800,000 ha, as AzCBL estimated")
    # the link opens the same projection
    page.goto(page.url)
    expect(page.locator(".projection-year")).to_have_text(str(expected_year("plan", smallest["figure_id"])))


def test_the_projection_in_azerbaijani(watched):
    page = open_trends(watched, "?lang=az")
    year = expected_year("last_year", default_estimate()["figure_id"])
    expect(page.locator(".projection-year")).to_have_text(str(year))
    expect(page.locator(".projection-statement")).to_contain_text("Fərz edək ki, təhlükəli ərazi")
    expect(page.locator(".projection-caveats")).to_contain_text("proqnoz deyil")
    expect(page.locator(DASHED)).to_have_count(1)
