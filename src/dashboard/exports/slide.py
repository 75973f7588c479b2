"""A 1920 × 1080 slide of a view, drawn with matplotlib (Agg, no browser): the map on
the left (``slide_map``), the headline cards and the legend on the right
(``slide_cards``, ``slide_legend``), the issuing bodies and dates underneath.

Sizes are given in pixels of the 1920 × 1080 image (see ``drawing``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import matplotlib

from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.exports.content import ViewContent, view_content
from dashboard.exports.drawing import (
    BODY_PX,
    MUTED,
    RC,
    SMALL_PX,
    SUBTITLE_PX,
    TITLE_PX,
    draw_text,
    new_figure,
    png_bytes,
)
from dashboard.exports.slide_cards import cards_bottom, draw_cards, draw_footer, slide_cards
from dashboard.exports.slide_legend import draw_legend
from dashboard.exports.slide_map import MapFrame, draw_map

WIDTH, HEIGHT = 1920, 1080


@dataclass(frozen=True)
class Slide:
    """A rendered slide: the PNG and where its map is."""

    png: bytes
    frame: MapFrame
    width: int
    height: int


def slide_png(
    dataset: Dataset,
    selection: Selection,
    lang: str,
    title: str | None = None,
    caption: str | None = None,
    card_keys: tuple[str, ...] | None = None,
    today: date | None = None,
) -> bytes:
    """A 1920 × 1080 PNG of the view: map, legend, title, headline cards, the dates of
    the figures shown and the bodies that issued them. ``card_keys`` picks the cards
    (keys of ``text.cards.cards``); by default the view's metric and its neighbours.
    ``today``: the day the slide is made (see ``content.view_content``)."""
    return render_slide(view_content(dataset, selection, lang, today), title, caption, card_keys).png


def render_slide(
    content: ViewContent,
    title: str | None = None,
    caption: str | None = None,
    card_keys: tuple[str, ...] | None = None,
) -> Slide:
    """The slide of a computed view, with its map frame (see ``slide_png``)."""
    with matplotlib.rc_context(RC):
        fig, canvas = new_figure(WIDTH, HEIGHT)
        margin, top = 40, 22
        draw_text(
            fig, margin, top, title or content.default_title, TITLE_PX, WIDTH - 2 * margin, bold=True, min_size=40
        )
        subtitle = " · ".join(p for p in (content.period_label, content.map_dates()) if p)
        draw_text(fig, margin, top + 76, subtitle, SUBTITLE_PX, WIDTH - 2 * margin, colour=MUTED, min_size=BODY_PX)
        map_top = top + 128
        if caption:
            draw_text(fig, margin, map_top - 6, caption, BODY_PX, WIDTH - 2 * margin, min_size=SMALL_PX)
            map_top += 38
        footer_top = HEIGHT - 76
        column_left, column_right, column_bottom = 1200, WIDTH - margin, footer_top - 16
        frame = draw_map(fig, content, (margin, map_top, column_left - 30, column_bottom))
        # the legend goes under the cards; the cards get the room the legend leaves
        legend_box = (column_left, map_top, column_right, column_bottom)
        probe_top = draw_legend(fig, content, legend_box, anchor="bottom", probe=True)
        card_box = (column_left, map_top, column_right, probe_top - 24)
        shown = draw_cards(fig, slide_cards(content, card_keys), content, card_box)
        below_cards = cards_bottom(fig, shown, content, map_top, column_right - column_left)
        draw_legend(fig, content, (column_left, below_cards + 10, column_right, column_bottom))
        draw_footer(fig, content, shown, margin, footer_top)
        return Slide(png_bytes(fig, canvas), frame, WIDTH, HEIGHT)


def map_image(content: ViewContent, width: int = 1100, height: int = 1060) -> Slide:
    """The map of a view with its legend below, without title or cards (for the
    handout; the type keeps the slide's pixel sizes, so a smaller image prints larger)."""
    with matplotlib.rc_context(RC):
        fig, canvas = new_figure(width, height)
        legend_height = 250
        frame = draw_map(fig, content, (0, 0, width, height - legend_height))
        draw_legend(fig, content, (10, height - legend_height + 24, width - 10, height - 6), columns=2)
        return Slide(png_bytes(fig, canvas), frame, width, height)
