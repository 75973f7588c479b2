"""The projection's page section of the handout, when the view asks for it: the chart,
the year, the statement with every assumption, the caveats and the figures used."""

from __future__ import annotations

import io

from fpdf import FPDF

from dashboard.exports.content import ViewContent
from dashboard.exports.projection_image import chart_png
from dashboard.text.projection import projection_text

PROJECTION = "projection"
_GREY = (90, 90, 90)
_ORANGE = (166, 69, 0)


def wants_projection(content: ViewContent) -> bool:
    """Whether the view asks for the projection (its "projection" card)."""
    return PROJECTION in content.selection.extras


def projection_section(pdf: FPDF, content: ViewContent, font: str) -> None:
    """Draw the section below the current position (the caller writes its heading)."""
    selection, lang = content.selection, content.lang
    text = projection_text(content.dataset, selection.pace, selection.estimate, lang)
    if text is None:
        return
    image = chart_png(content.dataset, selection, lang, 1600, 820)
    pdf.image(io.BytesIO(image), x=pdf.l_margin, w=pdf.epw)
    pdf.set_font(font, "", 9)
    pdf.set_text_color(*_GREY)
    pdf.multi_cell(0, 4.5, text.label, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "B", 20)
    pdf.set_text_color(*_ORANGE)
    pdf.multi_cell(0, 9, text.value, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(font, "", 10)
    pdf.multi_cell(0, 5, text.statement, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    pdf.set_font(font, "", 8.5)
    for caveat in text.caveats:
        pdf.multi_cell(0, 4.2, f"• {caveat}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.6)
    pdf.set_font(font, "", 7.5)
    pdf.set_text_color(*_GREY)
    for line in text.sources:
        pdf.multi_cell(0, 3.6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
