"""An A4 handout of a view (fpdf2): the map, the headline cards, the district figures
and every source of every figure shown.

Text from the data files is written as plain text (no markdown, no HTML), in DejaVu
Sans so that Azerbaijani letters print.
"""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.exports.content import ViewContent, view_content
from dashboard.exports.fonts import font_file
from dashboard.exports.handout_projection import PROJECTION, projection_section, wants_projection
from dashboard.exports.slide import map_image
from dashboard.i18n.format import fmt_date
from dashboard.i18n.messages import t

FONT = "DejaVu"
GREY = (90, 90, 90)
HEADING_FILL = (232, 236, 240)


def handout_pdf(dataset: Dataset, selection: Selection, lang: str, today: date | None = None) -> bytes:
    """An A4 PDF of the view: title and dates, the map with its legend, the headline
    cards (label, value, as of, qualifier, issuing body), the district figures, the
    units not on the map, the settlements shown and the list of sources. ``today``:
    the day it is made (see ``content.view_content``)."""
    return render_handout(view_content(dataset, selection, lang, today))


class _Handout(FPDF):
    """A4 portrait with a page-number footer."""

    lang = "en"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 6, t("export_page", self.lang, n=self.page_no(), total="{nb}"), align="R")


def render_handout(content: ViewContent, on: date | None = None) -> bytes:
    """The handout of a computed view (see ``handout_pdf``)."""
    lang = content.lang
    pdf = _Handout(orientation="portrait", unit="mm", format="A4")
    pdf.lang = lang
    pdf.add_font(FONT, "", str(font_file()))
    pdf.add_font(FONT, "B", str(font_file(bold=True)))
    pdf.set_margins(15, 14, 15)
    pdf.set_auto_page_break(True, margin=16)
    title = content.default_title
    pdf.set_title(title)
    pdf.set_creator("Karabakh demining dashboard")
    pdf.add_page()

    pdf.set_font(FONT, "B", 17)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.set_text_color(*GREY)
    dates = " · ".join(p for p in (content.period_label, content.map_dates()) if p)
    exported = t("export_exported_on", lang, date=fmt_date((on or content.today).isoformat(), lang))
    pdf.multi_cell(0, 5, f"{dates}\n{exported}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)

    image = map_image(content, 1100, 1060)
    width = pdf.epw * 0.8
    pdf.image(io.BytesIO(image.png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width)
    pdf.set_font(FONT, "", 7.5)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 3.6, t("boundaries_note", lang), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)

    _heading(pdf, t("export_headline", lang))
    _card_table(pdf, content)
    if wants_projection(content):
        _heading(pdf, t("proj_title", lang))
        projection_section(pdf, content, FONT)
    _heading(pdf, t("export_district_table", lang))
    _district_table(pdf, content)
    units = content.section("unit")
    if len(units):
        _heading(pdf, t("off_map_title", lang))
        _figure_table(pdf, lang, units, t("district", lang))
    settlements = content.section("settlement")
    if len(settlements):
        _heading(pdf, t("export_settlement_table", lang))
        _settlement_table(pdf, content, settlements)
    _sources(pdf, content)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    if pdf.will_page_break(20):
        pdf.add_page()
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 8.5)


def _table(pdf: FPDF, widths: tuple[float, ...], header: list[str], rows: list[list[str]]) -> None:
    """A table of plain text with a shaded heading row, repeated on each page."""
    pdf.set_font(FONT, "", 8.5)
    heading = FontFace(emphasis="BOLD", fill_color=HEADING_FILL)
    with pdf.table(
        col_widths=widths,
        width=pdf.epw,
        line_height=4.4,
        text_align="LEFT",
        headings_style=heading,
        borders_layout="HORIZONTAL_LINES",
        padding=1,
        markdown=False,
    ) as table:
        table.row(header)
        for values in rows:
            table.row([str(v) for v in values])


def _card_table(pdf: FPDF, content: ViewContent) -> None:
    lang = content.lang
    rows = []
    for row in content.section("card").to_dict("records"):
        if row["key"] == PROJECTION:  # its own section, with every assumption
            continue
        when = row["period_text"] or row["caption"]
        rows.append([row["label"], row["value_text"], when, row["qualifier"], row["issuing_body"]])
    header = [t("figure", lang), t("value", lang), t("as_of", lang), t("export_qualifier", lang), t("issued_by", lang)]
    _table(pdf, (25, 20, 28, 13, 26), header, rows)
    # what a card's caption says beyond its date and issuer (flags, district totals)
    cards = content.section("card").to_dict("records")
    plain = [f"{r['period_text']} · {t('issued_by', lang)}: {r['issuing_body']}" for r in cards]
    notes = [
        f"{r['label']}: {r['caption']}"
        for r, p in zip(cards, plain, strict=True)
        if r["period_text"] and r["caption"] != p
    ]
    if notes:
        pdf.ln(1)
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(*GREY)
        for note in notes:
            pdf.multi_cell(0, 3.6, note, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)


def _district_table(pdf: FPDF, content: ViewContent) -> None:
    _figure_table(pdf, content.lang, content.section("district"), t("district", content.lang))


def _figure_table(pdf: FPDF, lang: str, rows: pd.DataFrame, first: str) -> None:
    header = [first, t("value", lang), t("period", lang), t("issued_by", lang), t("source", lang)]
    body = [
        [r["name"], r["value_text"], r["period_text"], r["issuing_body"], _source_short(r, lang)]
        for r in rows.to_dict("records")
    ]
    _table(pdf, (24, 20, 20, 28, 38), header, body)


def _source_short(row: dict, lang: str) -> str:
    if not row["source_id"]:
        return row["caption"]
    published = f", {fmt_date(row['source_published'], lang)}" if row["source_published"] else ""
    return f"{row['source_publisher']}{published}"


def _settlement_table(pdf: FPDF, content: ViewContent, rows: pd.DataFrame) -> None:
    lang = content.lang
    body = []
    for _key, group in rows.groupby("key", sort=False):
        by_metric = {r["metric"]: r for r in group.to_dict("records")}
        first = group.iloc[0]
        families, people = by_metric.get("families_returned", {}), by_metric.get("people_returned", {})
        first_return = fmt_date(first["first_return"], lang) if first["first_return"] else t("unknown", lang)
        body.append(
            [
                first["name"],
                content.dataset.area_name(first["area"], lang),
                families.get("value_text", ""),
                people.get("value_text", ""),
                first_return,
            ]
        )
    header = [t("settlement", lang), t("district", lang), t("families", lang), t("people", lang)]
    _table(pdf, (26, 24, 22, 22, 18), [*header, t("first_return", lang)], body)


def _sources(pdf: FPDF, content: ViewContent) -> None:
    """Every source of every figure shown: publisher, title, date, issuing body, URL."""
    lang = content.lang
    _heading(pdf, t("export_sources", lang))
    sources = content.sources()
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 4, t("export_sources_intro", lang), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)
    if sources.empty:
        pdf.multi_cell(0, 4.5, t("export_no_sources", lang), new_x="LMARGIN", new_y="NEXT")
        return
    for i, src in enumerate(sources.to_dict("records"), start=1):
        when = t("export_published", lang, date=fmt_date(src["published"], lang)) if src["published"] else ""
        when = when or t("export_undated", lang)
        pdf.set_font(FONT, "B", 8.5)
        pdf.multi_cell(0, 4.3, f"{i}. {src['publisher']}: {src['title']}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 8)
        details = f"{t('issued_by', lang)}: {src['issuing_body']} · {when}"
        if src.get("used_for"):
            details += f" · {t('export_used_for', lang, what=src['used_for'])}"
        pdf.multi_cell(0, 4, details, new_x="LMARGIN", new_y="NEXT")
        url = str(src["url"])
        pdf.set_text_color(20, 60, 140)
        link = url if url.startswith(("http://", "https://")) else ""
        pdf.multi_cell(0, 4, url, new_x="LMARGIN", new_y="NEXT", link=link)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(1.2)
