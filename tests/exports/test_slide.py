"""The slide: 1920 × 1080, not blank, and each district in the map's colour for its
figure (classes computed here from the figures in geodata/)."""

from __future__ import annotations

import io
from collections import Counter
from itertools import combinations

import numpy as np
import raw
from PIL import Image
from shapely.geometry import Point, shape

from dashboard.analysis.selection import Period, Selection
from dashboard.exports import slide_png
from dashboard.exports.content import view_content
from dashboard.exports.slide import render_slide
from dashboard.maps.palette import CLASS_COLOURS, NO_DATA_FILL, class_of, classify, colour


def pixels(png: bytes) -> np.ndarray:
    image = Image.open(io.BytesIO(png))
    assert image.size == (1920, 1080)
    return np.asarray(image.convert("RGB")).astype(int)


def rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])


def interior_samples(geometry, n: int = 9) -> list[Point]:
    """Points on a grid well inside a district (away from its outline)."""
    inner = geometry.buffer(-0.02)
    if inner.is_empty:
        return [geometry.representative_point()]
    x0, y0, x1, y1 = inner.bounds
    grid = [Point(x, y) for x in np.linspace(x0, x1, n) for y in np.linspace(y0, y1, n)]
    return [p for p in grid if inner.contains(p)] + [geometry.representative_point()]


def sampled_colours(image: np.ndarray, frame, geometry, tolerance: int = 12) -> list[str]:
    """The palette colour (or "other") at each sample point of a district."""
    palette = [*CLASS_COLOURS, NO_DATA_FILL]
    out = []
    for p in interior_samples(geometry):
        x, y = frame.to_pixel(p.x, p.y)
        if not (0 <= x < image.shape[1] and 0 <= y < image.shape[0]):
            continue
        pixel = image[int(y), int(x)]
        near = [c for c in palette if np.abs(pixel - rgb(c)).max() <= tolerance]
        out.append(near[0] if near else "other")
    assert out, "district outside the map"
    return out


def assert_mostly(samples: list[str], expected: str, share: float, label: str) -> None:
    """The expected colour is the commonest palette colour and covers ``share``."""
    counts = Counter(c for c in samples if c != "other")
    assert counts, (label, samples)
    assert counts.most_common(1)[0][0] == expected, (label, counts)
    assert counts[expected] / len(samples) >= share, (label, counts)


def test_slide_is_full_hd_and_not_blank(dataset):
    image = pixels(slide_png(dataset, Selection(), "en"))
    colours = {tuple(c) for c in image.reshape(-1, 3)[::7]}
    assert len(colours) > 500


def test_districts_have_the_palette_colour_of_their_figure(dataset):
    selection = Selection(period=Period(year=2023))
    slide = render_slide(view_content(dataset, selection, "en"))
    image = pixels(slide.png)
    districts = raw.districts()
    values = {}
    for code in raw.focus_codes():
        cands = raw.year_candidates("area_cleared", code, 2023)
        values[code] = float(cands[0]["value"]) if cands else float("nan")
    breaks = classify([v for v in values.values() if v == v])
    assert len(breaks) == 5
    checked = 0
    for code, value in values.items():
        geometry = shape(districts[code]["geometry"])
        if geometry.area < 0.02 or value != value:
            continue  # cities are too small to sample; no-data is checked below
        expected = colour(class_of(value, breaks), len(breaks))
        assert_mostly(sampled_colours(image, slide.frame, geometry), expected, 0.35, code)
        checked += 1
    assert checked >= 8
    # a district without a figure is pale grey (hatched), not a colour of the scale
    barda = shape(districts["AZ-BAR"]["geometry"])
    assert values["AZ-BAR"] != values["AZ-BAR"]
    assert_mostly(sampled_colours(image, slide.frame, barda, tolerance=40), NO_DATA_FILL, 0.4, "AZ-BAR")


def test_one_district_slide_in_azerbaijani(dataset):
    selection = Selection(districts=("AZ-CAB",), period=Period(year=2023))
    slide = render_slide(view_content(dataset, selection, "az"), title="Cəbrayıl: ğ ı ş ə")
    image = pixels(slide.png)
    geometry = shape(raw.districts()["AZ-CAB"]["geometry"])
    expected = colour(0, 1)  # one district in focus: one class
    assert_mostly(sampled_colours(image, slide.frame, geometry), expected, 0.6, "AZ-CAB")


def test_a_national_figure_on_a_region_slide_says_it_is_for_the_whole_country(dataset):
    from dashboard.exports.slide_cards import card_note

    content = view_content(dataset, Selection(regions=("East Zangezur",)), "en")
    victims = next(c for c in content.cards if c.key == "victims")
    assert card_note(victims, "en").startswith("Whole country, not only the selected area · as of ")
    whole = next(c for c in view_content(dataset, Selection(), "en").cards if c.key == "victims")
    assert not card_note(whole, "en").startswith("Whole country")


def test_slide_names_the_districts_and_covers_no_settlement(dataset):
    """East Zangezur's returns: every rayon of the region named (names from the boundary
    file), no two names on each other, no name over a settlement's centre."""
    slide = render_slide(view_content(dataset, Selection(regions=("East Zangezur",), metric="returns"), "en"))
    names = slide.frame.names
    texts = [text for text, _ in names]
    rayons = [p for p in raw.districts().values() if p["economic_region"] == "East Zangezur" and p["kind"] == "rayon"]
    assert len(rayons) == 5
    for rayon in rayons:
        assert rayon["name_en"] in texts, rayon["name_en"]
    for (a, box_a), (b, box_b) in combinations(names, 2):
        assert not box_a.overlaps(box_b), (a, b)
    codes = {p["code"] for p in rayons}
    places = [s for s in raw.rows("settlements.csv") if s["district"] in codes and s["latitude"] and s["first_return"]]
    assert len(places) >= 5
    centres = [slide.frame.to_pixel(float(s["longitude"]), float(s["latitude"])) for s in places]
    for text, box in names:
        for x, y in centres:
            assert not (box.left <= x <= box.right and box.top <= y <= box.bottom), text
    settlement_names = {s["name_en"] for s in places} - {p["name_en"] for p in rayons}
    assert set(texts) & settlement_names  # settlements are named beside their circles


def test_slide_text_never_breaks_inside_an_azerbaijani_number():
    from dashboard.exports.drawing import SMALL_PX, measure, new_figure, wrap
    from dashboard.i18n.format import fmt_value

    fig, _ = new_figure(1920, 1080)
    number = fmt_value(1_500_000, "mines", "about", "az")  # "təxminən 1 500 000 mina", no-break spaces
    assert "\u00a0" in number
    text = f"Zərərsizləşdirilmiş {number} 2024-cü ildə"
    # narrower than the number, wider than any word around it: a plain-space wrap would split it
    width = measure(fig, "1\u00a0500\u00a0000", SMALL_PX) - 5
    lines = wrap(fig, text, SMALL_PX, width, max_lines=10)
    assert any("1\u00a0500\u00a0000" in line for line in lines), lines
    assert not any(line.endswith(("1", "500")) for line in lines), lines
