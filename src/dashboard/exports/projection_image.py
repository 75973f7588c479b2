"""The projection as images (matplotlib, no browser): its chart for the handout, and a
1920 × 1080 slide with the chart, the year and every assumption beside it.

The words come from ``dashboard.text.projection``; the slide never cuts them: when they
do not fit at the body size they are set smaller, down to ``MIN_TEXT_PX``, and the
layout is checked by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.exports.drawing import (
    BODY_PX,
    MUTED,
    RC,
    SMALL_PX,
    TITLE_PX,
    draw_text,
    figure_xy,
    font,
    new_figure,
    png_bytes,
    px,
    wrap,
)
from dashboard.i18n.format import fmt_date, fmt_number
from dashboard.i18n.messages import t
from dashboard.text.figures import figure_value_text
from dashboard.text.projection import ProjectionText, projection_line, projection_text
from dashboard.text.trends import cumulative_points

WIDTH, HEIGHT = 1920, 1080
TOTAL_COLOUR, PROJECTION_COLOUR, ESTIMATE_COLOUR = "#0072B2", "#D55E00", "#555555"
MIN_TEXT_PX = SMALL_PX  # the slides' smallest body type, readable on a projector
LINE = 1.15 * 1.17  # line height as a multiple of the type size (as drawing.draw_text sets it)


def draw_chart(fig: Figure, dataset: Dataset, selection: Selection, lang: str, box: tuple[float, ...]) -> None:
    """The running total (every sourced point, flagged ones hollow) and the projection's
    dashed line to the estimate, in a pixel box of the figure."""
    left, top, right, bottom = box
    x0, y1 = figure_xy(fig, left, top)
    x1, y0 = figure_xy(fig, right, bottom)
    ax = fig.add_axes((x0, y0, x1 - x0, y1 - y0))
    points = cumulative_points(dataset, ("area_cleared",), lang)
    solid = points[~points["flagged"].astype(bool)]
    ax.plot(solid["end_date"], solid["value"], color=TOTAL_COLOUR, linewidth=px(3), zorder=3)
    for flagged, face in ((False, TOTAL_COLOUR), (True, "white")):
        part = points[points["flagged"].astype(bool) == flagged]
        ax.scatter(part["end_date"], part["value"], s=px(9) ** 2, facecolor=face, edgecolor=TOTAL_COLOUR, zorder=4)
    text = projection_text(dataset, selection.pace, selection.estimate, lang)
    line = projection_line(dataset, selection.pace, selection.estimate, lang)
    if text is not None:
        estimate = float(text.figures[0]["value"])
        ax.axhline(estimate, color=ESTIMATE_COLOUR, linestyle=(0, (2, 2)), linewidth=px(2))
        ax.annotate(
            f"{t('proj_line_estimate', lang)}: {figure_value_text(text.figures[0], lang)}",
            (0.01, estimate),
            xycoords=("axes fraction", "data"),
            xytext=(0, px(6)),
            textcoords="offset points",
            fontproperties=font(SMALL_PX),
            color=ESTIMATE_COLOUR,
        )
    if not line.empty:
        ax.plot(line["end_date"], line["value"], color=PROJECTION_COLOUR, linewidth=px(4), linestyle=(0, (5, 3)))
        end = line.iloc[-1]
        ax.scatter([end["end_date"]], [end["value"]], marker="D", s=px(16) ** 2, color=PROJECTION_COLOUR, zorder=5)
        ax.annotate(
            str(end["when"]),
            (end["end_date"], end["value"]),
            xytext=(-px(10), -px(34)),
            textcoords="offset points",
            ha="right",
            fontproperties=font(BODY_PX, bold=True),
            color=PROJECTION_COLOUR,
        )
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang)))
    ax.set_ylim(bottom=0)
    for label in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        label.set_fontproperties(font(SMALL_PX))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=px(1))
    ax.set_ylabel(t("proj_line_total", lang), fontproperties=font(SMALL_PX), color=MUTED)


def chart_png(dataset: Dataset, selection: Selection, lang: str, width: int = 1600, height: int = 900) -> bytes:
    """The chart alone (for the handout)."""
    with matplotlib.rc_context(RC):
        fig, canvas = new_figure(width, height)
        draw_chart(fig, dataset, selection, lang, (110, 20, width - 30, height - 60))
        return png_bytes(fig, canvas)


@dataclass(frozen=True)
class TextBlock:
    """A paragraph as laid out on the slide: its lines and type size."""

    lines: tuple[str, ...]
    size: float
    bold: bool = False
    colour: str = "#1a1a1a"
    gap: float = 10.0  # space after it, in pixels

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LINE + self.gap


def text_blocks(fig: Figure, text: ProjectionText, width: float, height: float) -> list[TextBlock]:
    """The statement and caveats in lines that fit ``width`` × ``height`` pixels: never
    cut, set smaller (down to ``MIN_TEXT_PX``) when needed."""
    paragraphs = [(text.statement, True), *((f"• {c}", False) for c in text.caveats)]
    for body in range(BODY_PX, MIN_TEXT_PX - 1, -1):
        small = min(body, SMALL_PX)
        blocks = [
            TextBlock(tuple(wrap(fig, p, body if first else small, width, 99)), body if first else small)
            for p, first in paragraphs
        ]
        if sum(b.height for b in blocks) <= height:
            return blocks
    return blocks


@dataclass(frozen=True)
class Layout:
    """Where the slide's parts go, in pixels: the chart's box, and the text column's left
    edge, width, top (of the statement) and bottom."""

    top: float
    chart: tuple[float, float, float, float]
    text_left: float
    text_top: float
    text_width: float
    text_bottom: float


def layout(caption: bool) -> Layout:
    """The slide's layout, with or without a caption line under the title."""
    margin, split, footer = 40, 860, HEIGHT - 60
    top = 110 + (36 if caption else 0)
    chart = (margin + 150, top + 20, split - 40, footer - 50)
    return Layout(top, chart, split, top + 136, WIDTH - split - margin, footer - 10)


def projection_slide_png(
    dataset: Dataset,
    selection: Selection,
    lang: str,
    title: str | None = None,
    caption: str | None = None,
    today: date | None = None,
) -> bytes:
    """A 1920 × 1080 slide: title, the chart, the year, and every assumption; ``today``
    is the day it is made (the clock's when not given)."""
    text = projection_text(dataset, selection.pace, selection.estimate, lang)
    place = layout(bool(caption))
    margin, footer = 40, HEIGHT - 60
    with matplotlib.rc_context(RC):
        fig, canvas = new_figure(WIDTH, HEIGHT)
        draw_text(fig, margin, 22, title or t("proj_title", lang), TITLE_PX, WIDTH - 2 * margin, bold=True, min_size=40)
        if caption:
            draw_text(fig, margin, 104, caption, BODY_PX, WIDTH - 2 * margin, colour=MUTED)
        draw_chart(fig, dataset, selection, lang, place.chart)
        left, width = place.text_left, place.text_width
        if text is None:
            draw_text(fig, left, place.top + 20, t("proj_none", lang), BODY_PX, width, max_lines=4)
        else:
            draw_text(fig, left, place.top + 4, text.label, SMALL_PX, width, colour=MUTED, max_lines=2)
            draw_text(fig, left, place.top + 42, text.value, 72, width, bold=True, colour=PROJECTION_COLOUR)
            y = place.text_top
            for block in text_blocks(fig, text, width, place.text_bottom - y):
                fig.text(
                    *figure_xy(fig, left, y),
                    "\n".join(block.lines),
                    fontproperties=font(block.size, block.bold),
                    color=block.colour,
                    va="top",
                    linespacing=1.15,
                    parse_math=False,
                )
                y += block.height
            bodies = ", ".join(dict.fromkeys(dataset.issuer_name(f["issuing_body"], lang) for f in text.figures))
            issued = t("export_issued_by_line", lang, bodies=bodies)
            draw_text(fig, margin, footer + 14, issued, SMALL_PX, WIDTH - 2 * margin - 640, colour=MUTED, max_lines=2)
        exported = t("export_exported_on", lang, date=fmt_date((today or date.today()).isoformat(), lang))
        draw_text(fig, WIDTH - margin, footer + 14, exported, SMALL_PX, 600, colour=MUTED, align="right")
        return png_bytes(fig, canvas)
