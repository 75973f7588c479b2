"""The slide's headline cards and its footer (issuing bodies, export date), drawn with
matplotlib."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from dashboard.exports.content import ViewContent
from dashboard.exports.drawing import BODY_PX, MUTED, SMALL_PX, draw_text, px, size_px, wrap
from dashboard.i18n.format import fmt_date
from dashboard.i18n.messages import t
from dashboard.text.cards import Card
from dashboard.text.figures import figure_period_text

CARD_FILL = "#f3f5f7"
CARD_GAP, CARD_PAD = 14, 18
CARD_LABEL_PX, CARD_VALUE_PX = 26, 50

# Cards a slide shows for each view metric: the metric's own card first.
SLIDE_CARDS = {
    "area_cleared": ("area", "ap", "at", "uxo"),
    "ap_mines": ("ap", "at", "uxo", "area"),
    "at_mines": ("at", "ap", "uxo", "area"),
    "uxo": ("uxo", "ap", "at", "area"),
    "victims": ("victims", "area", "ap", "people"),
    "returns": ("settlements", "families", "people", "area"),
}
MAX_CARDS = 4


def slide_cards(content: ViewContent, keys: tuple[str, ...] | None) -> list[Card]:
    """The cards a slide shows: the given keys, or the metric's card and up to three
    neighbours that have a figure."""
    by_key = {c.key: c for c in content.cards}
    if keys:
        return [by_key[k] for k in keys if k in by_key][:MAX_CARDS]
    preferred = SLIDE_CARDS.get(content.selection.metric, SLIDE_CARDS["area_cleared"])
    chosen = [by_key[k] for k in preferred[:1] if k in by_key]
    for key in preferred[1:]:
        card = by_key.get(key)
        if card is not None and card.number is not None and len(chosen) < MAX_CARDS:
            chosen.append(card)
    for card in content.cards:  # at least two cards
        if len(chosen) >= 2:
            break
        if card not in chosen and card.number is not None:
            chosen.append(card)
    return chosen


def card_note(card: Card, lang: str) -> str:
    """The line under a card's value: what it covers when more than the view, when,
    and who issued it."""
    if len(card.figures) == 1:
        f = card.figures[0]
        when = figure_period_text(f, lang)
        return " · ".join(p for p in (card.scope, when, f"{t('issued_by', lang)}: {card.issuer}") if p)
    return card.caption


def draw_cards(
    fig: Figure, cards_: list[Card], content: ViewContent, box: tuple[float, float, float, float]
) -> list[Card]:
    """Headline cards stacked in a pixel box, as many as fit (at least two); returns the
    cards drawn."""
    left, top, right, bottom = box
    gap, pad = CARD_GAP, CARD_PAD
    inner = right - left - 2 * pad
    fig_w, fig_h = size_px(fig)
    shown: list[Card] = []
    y = top
    for card in cards_:
        note = card_note(card, content.lang)
        height = _card_height(fig, card, content, inner)
        if y + height > bottom and len(shown) >= 2:
            break
        fig.patches.append(
            FancyBboxPatch(
                (left / fig_w, 1 - (y + height) / fig_h),
                (right - left) / fig_w,
                height / fig_h,
                boxstyle="round,pad=0,rounding_size=0.006",
                transform=fig.transFigure,
                facecolor=CARD_FILL,
                edgecolor="#d0d5da",
                linewidth=px(1.5),
                figure=fig,
            )
        )
        draw_text(fig, left + pad, y + 12, card.label, CARD_LABEL_PX, inner, colour=MUTED, min_size=BODY_PX)
        draw_text(fig, left + pad, y + 46, card.value, CARD_VALUE_PX, inner, bold=True, min_size=36)
        draw_text(fig, left + pad, y + 110, note, SMALL_PX, inner, colour=MUTED, max_lines=2)
        shown.append(card)
        y += height + gap
    return shown


def _card_height(fig: Figure, card: Card, content: ViewContent, inner: float) -> float:
    """A card's height in pixels: label, value and one or two lines of note."""
    return 118 + len(wrap(fig, card_note(card, content.lang), SMALL_PX, inner, 2)) * 27


def cards_bottom(fig: Figure, shown: list[Card], content: ViewContent, top: float, width: float) -> float:
    """The pixel y under the last card drawn by ``draw_cards`` from ``top``."""
    inner = width - 2 * CARD_PAD
    return top + sum(_card_height(fig, c, content, inner) + CARD_GAP for c in shown)


def draw_footer(fig: Figure, content: ViewContent, shown: list[Card], left: float, top: float) -> None:
    """The issuing bodies of the figures shown, the export date and the boundaries note."""
    lang = content.lang
    width, _ = size_px(fig)
    right_width = 600
    exported = t("export_exported_on", lang, date=fmt_date(content.today.isoformat(), lang))
    for i, note in enumerate((t("export_boundaries_short", lang), exported)):
        draw_text(fig, width - left, top + 27 * i, note, SMALL_PX, right_width, colour=MUTED, align="right")
    line = issuing_line(content, shown)
    draw_text(fig, left, top, line, SMALL_PX, width - 2 * left - right_width - 40, max_lines=2)


def issuing_line(content: ViewContent, shown: list[Card], max_chars: int = 190) -> str:
    """ "Figures issued by: …" for the slide's cards, districts and settlements, cut
    after about ``max_chars`` with how many more there are."""
    lang = content.lang
    bodies: list[str] = []
    for card in shown:
        bodies.extend(content.dataset.issuer_name(str(f["issuing_body"]), lang) for f in card.figures)
    bodies.extend(content.issuing_bodies(("district", "settlement")))
    bodies = [b for b in dict.fromkeys(bodies) if b]
    if not bodies:
        return ""
    for n in range(len(bodies), 0, -1):
        text = ", ".join(bodies[:n])
        if n < len(bodies):
            text += " " + t("export_issued_by_more", lang, n=len(bodies) - n)
        line = t("export_issued_by_line", lang, bodies=text)
        if len(line) <= max_chars or n == 1:
            return line
    return ""
