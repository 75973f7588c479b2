"""The projection in the exports: its slide (never cutting an assumption), its handout
section, its row in the figures CSV, its file name, and the presentation step's slide
button. Years are checked against tests/projection_expected.py."""

from __future__ import annotations

import csv
import io
import re
import struct
from datetime import date

import matplotlib
import numpy as np
import pytest
from PIL import Image
from projection_expected import estimate_rows, expected_year
from pypdf import PdfReader

from dashboard.analysis.selection import PACES, Selection
from dashboard.exports import export_filename, handout_pdf
from dashboard.exports.drawing import RC, SMALL_PX, new_figure
from dashboard.exports.projection_image import layout, projection_slide_png, text_blocks
from dashboard.exports.tables import figures_csv
from dashboard.text.projection import projection_text

VERMILLION = (0xD5, 0x5E, 0x00)


def default_estimate() -> str:
    return max((r for r in estimate_rows() if r["metric"] == "hazardous_area"), key=lambda r: r["period_end"])[
        "figure_id"
    ]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\xa0", " "))


@pytest.mark.parametrize("lang", ["en", "az"])
def test_the_slide_sets_every_assumption_whole_and_readable(dataset, lang):
    place = layout(caption=True)  # the tighter layout: a caption line under the title
    with matplotlib.rc_context(RC):
        fig, _ = new_figure(1920, 1080)
        for pace in PACES:
            for estimate in (r["figure_id"] for r in estimate_rows()):
                text = projection_text(dataset, pace, estimate, lang)
                blocks = text_blocks(fig, text, place.text_width, place.text_bottom - place.text_top)
                words = " ".join(" ".join(b.lines) for b in blocks).split()
                assert words == f"{text.statement} {' '.join('• ' + c for c in text.caveats)}".split()
                assert all(b.size >= SMALL_PX for b in blocks), (pace, estimate)
                assert sum(b.height for b in blocks) <= place.text_bottom - place.text_top, (pace, estimate)


def test_the_slide_is_full_hd_with_the_dashed_projection(dataset):
    png = projection_slide_png(dataset, Selection(), "en")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1920, 1080)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    chart = np.asarray(image.crop(layout(False).chart), dtype=int)
    hits = int((np.abs(chart - np.array(VERMILLION)).max(axis=2) < 40).sum())
    assert hits > 500  # the projection's line and its end marker


def test_the_handout_has_the_projection_only_when_asked_and_then_whole(dataset):
    plain = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(handout_pdf(dataset, Selection(), "en"))).pages)
    assert "not a forecast" not in plain
    data = handout_pdf(dataset, Selection(extras=("projection",)), "en")
    text = squeeze(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    words = projection_text(dataset, "last_year", "", "en")
    assert words.value == str(expected_year("last_year", default_estimate()))
    for part in (words.statement, *words.caveats):
        assert squeeze(part) in text


def test_the_figures_csv_carries_the_projection_with_its_assumptions(dataset):
    selection = Selection(extras=("projection",), pace="three_years")
    data = figures_csv(dataset, selection, "en").decode("utf-8-sig")
    rows = [r for r in csv.DictReader(io.StringIO(data)) if r["section"] == "card" and r["key"] == "projection"]
    assert len(rows) == 1
    row = rows[0]
    assert float(row["value"]) == expected_year("three_years", default_estimate())
    assert row["caption"].startswith("If the hazardous area is nearly 1,167,000 ha")
    assert "not a forecast" in row["caption"]
    assert "azernews-232653" in row["source_id"]  # the estimate's source, with the others


def test_the_projection_slide_is_named_after_its_pace(dataset):
    name = export_filename(Selection(pace="plan"), "az", "projection", date(2026, 12, 1), dataset)
    assert name == "karabakh-demining_projection_plan_az_2026-12-01.png"


def test_a_presentation_step_with_the_projection_gets_the_projection_slide(dataset):
    from dashboard.ui.components.exports import _maker

    slide = {"title": "The years ahead", "caption": "A projection", "card_keys": ("area", "plan", "projection")}
    made = _maker("png", dataset, Selection(extras=("plan", "projection")), "en", slide, date.today())()
    assert made == projection_slide_png(
        dataset, Selection(extras=("plan", "projection")), "en", "The years ahead", "A projection"
    )
