"""The A4 handout: its text (read back with pypdf) has the title, the figures computed
here from geodata/ and the bodies that issued them."""

from __future__ import annotations

import io
import re

import raw
from pypdf import PdfReader

from dashboard.analysis.selection import Period, Selection
from dashboard.exports import handout_pdf
from dashboard.i18n.format import fmt_value


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def squeeze(text: str) -> str:
    """Text without whitespace: table cells wrap words onto new lines."""
    return re.sub(r"\s+", "", text)


def test_handout_overview(dataset):
    reader, text = pdf_text(handout_pdf(dataset, Selection(), "en"))
    page = reader.pages[0].mediabox
    assert (round(float(page.width)), round(float(page.height))) == (595, 842)  # A4 in points
    assert "Hectares cleared: Karabakh and East Zangezur" in text
    national = raw.latest_running_total("area_cleared", "AZ")
    assert fmt_value(float(national["value"]), "ha", national["qualifier"], "en") in text
    aghdam = raw.latest_running_total("area_cleared", "AZ-AGM")
    assert fmt_value(float(aghdam["value"]), "ha", "", "en") in text
    flat = squeeze(text)
    for body in (national["issuing_body"], aghdam["issuing_body"]):
        assert squeeze(body) in flat, body
    # every source of the district figures is listed with its title and address
    sources = raw.sources()
    assert "Sources" in text
    for code in raw.focus_codes():
        fig = raw.latest_running_total("area_cleared", code)
        if fig:
            assert squeeze(sources[fig["source_id"]]["url"]) in flat
            assert squeeze(sources[fig["source_id"]]["title"]) in flat


def test_handout_one_district_in_azerbaijani(dataset):
    _, text = pdf_text(handout_pdf(dataset, Selection(districts=("AZ-CAB",), period=Period(year=2023)), "az"))
    fig = raw.year_candidates("area_cleared", "AZ-CAB", 2023)[0]
    assert "Cəbrayıl" in text  # Azerbaijani letters survive
    # PDF text extraction does not keep the no-break property of the thousands space
    assert fmt_value(float(fig["value"]), "ha", "", "az").replace("\xa0", " ") in text.replace("\xa0", " ")
    assert raw.issuer_az(fig["issuing_body"]) in text  # the issuing body's Azerbaijani name
    assert fig["issuing_body"] not in text
    assert "Mənbələr" in text
    assert "məlumat yoxdur" in text  # the cards without a figure say so
