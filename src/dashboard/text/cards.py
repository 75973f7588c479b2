"""The metric cards in words: ``analysis.cards.card_data`` worded for one language."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from dashboard.analysis.cards import CardData, Gap, card_data
from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.i18n.format import fmt_date, fmt_number, fmt_value
from dashboard.i18n.messages import t
from dashboard.text.figures import figure_period_text, figure_value_text, source_text
from dashboard.text.plans import plan_card_text
from dashboard.text.projection import projection_words

_LABELS = {
    "area": "card_area",
    "ap": "card_ap",
    "at": "card_at",
    "uxo": "card_uxo",
    "settlements": "card_settlements",
    "families": "card_families",
    "people": "card_people",
    "plan": "card_plan",
    "projection": "card_projection",
}


@dataclass(frozen=True)
class Card:
    """One metric card: label, value, the line under it, and help text with the source.

    ``figures`` are the figure rows (as dicts) behind the value: one chosen figure, or
    the district figures a sum is made of; none for "no data" and for counts.
    ``previous`` is the figure the delta line compares with; ``number`` the value as a
    number (None for "no data"); ``scope``, when set, begins the caption too.
    """

    key: str
    label: str
    value: str
    delta: str | None
    caption: str
    source: str
    figures: tuple[dict, ...] = field(default=(), compare=False, repr=False)
    previous: dict | None = field(default=None, compare=False, repr=False)
    number: float | None = field(default=None, compare=False, repr=False)
    scope: str = ""  # said first when the figure covers more than the view (the whole country)
    issuer: str = ""  # the body (or bodies) that issued the figures, in the card's language


def cards(dataset: Dataset, selection: Selection, lang: str, today: date | None = None) -> list[Card]:
    """The metric cards for a selection in a language (see ``analysis.cards``)."""
    return [card_text(dataset, selection, data, lang) for data in card_data(dataset, selection, today)]


def card_label(key: str, selection: Selection, lang: str) -> str:
    """A card's label; the casualties card says whether it counts a year or since the war."""
    if key == "victims":
        return t("card_victims_year" if selection.period.year else "card_victims", lang)
    return t(_LABELS[key], lang)


def card_text(dataset: Dataset, selection: Selection, data: CardData, lang: str) -> Card:
    """One card's values in words."""
    label = card_label(data.key, selection, lang)
    if data.key in ("plan", "projection"):
        return _extra_card(dataset, data, label, lang)
    if data.kind == "count":
        return _count_card(data, label, lang)
    if data.kind == "sum":
        return _sum_card(dataset, data, label, lang)
    if data.kind == "none":
        if data.narrowed:
            names = ", ".join(dataset.area_name(c, lang) for c in data.missing)
            return Card(data.key, label, t("no_data", lang), None, t("missing_districts", lang, names=names), "")
        return Card(data.key, label, t("no_data", lang), None, t("no_national", lang), "")
    card = _figure_card(dataset, data, label, lang)
    note = _gap_text(data.gap, lang) if data.gap else ""
    caption = f"{card.caption}. {note}" if note else card.caption
    if data.national_scope:
        scope = t("national_only", lang)
        return replace(card, caption=f"{scope} · {caption}", scope=scope)
    return replace(card, caption=caption)


def _figure_card(dataset: Dataset, data: CardData, label: str, lang: str) -> Card:
    f = data.figures[0]
    delta = None
    if data.previous is not None:
        prev = data.previous
        prev_when = prev["period_end"][:4] if prev["period_type"] == "year" else fmt_date(prev["period_end"], lang)
        if data.change is not None:
            sign = "+" if data.change >= 0 else "−"
            delta = t("change_vs", lang, change=sign + fmt_number(abs(data.change), lang), period=prev_when)
        else:
            delta = t("previous_was", lang, value=figure_value_text(prev, lang), period=prev_when)
    issuer = dataset.issuer_name(f["issuing_body"], lang)
    caption = f"{figure_period_text(f, lang)} · {t('issued_by', lang)}: {issuer}"
    if f["flag"]:
        caption += " · " + t("flagged", lang, note=f["note"])
    source = source_text(dataset, f["source_id"], lang)
    value = figure_value_text(f, lang)
    return Card(data.key, label, value, delta, caption, source, data.figures, data.previous, data.number, issuer=issuer)


def _sum_card(dataset: Dataset, data: CardData, label: str, lang: str) -> Card:
    figures = data.figures
    bodies = ", ".join(sorted({dataset.issuer_name(f["issuing_body"], lang) for f in figures}))
    if len(figures) == 1:
        caption = f"{figure_period_text(figures[0], lang)} · {t('issued_by', lang)}: {bodies}"
    else:
        caption = t("sum_of_districts", lang, n=len(figures), body=bodies)
        if data.missing:
            names = ", ".join(dataset.area_name(c, lang) for c in data.missing)
            caption += " " + t("missing_districts", lang, names=names)
    sources = "; ".join(source_text(dataset, s, lang) for s in sorted({f["source_id"] for f in figures}))
    value = fmt_value(data.number, figures[0]["unit"], "about" if data.qualified else "", lang)
    return Card(data.key, label, value, None, caption, sources, figures, None, data.number, issuer=bodies)


def _extra_card(dataset: Dataset, data: CardData, label: str, lang: str) -> Card:
    """The "plan" and "projection" cards: national, and marked so in a narrowed view.
    The projection's caption is its whole statement with every assumption."""
    scope = t("national_only", lang) if data.national_scope else ""
    if data.key == "plan" and data.plan is not None:
        words = plan_card_text(dataset, data.plan, lang)
        if words is not None:
            caption = f"{scope} · {words.caption}" if scope else words.caption
            return Card(
                data.key, label, words.value, words.delta, caption, words.source, data.figures, None, data.number
            )
    if data.key == "projection" and data.projection is not None:
        text = projection_words(dataset, data.projection, lang)
        caption = f"{scope} · {text.full_text}" if scope else text.full_text
        source = "; ".join(text.sources)
        return Card(data.key, label, text.value, None, caption, source, data.figures, None, data.number, scope)
    none = "card_plan_none" if data.key == "plan" else "proj_none"
    return Card(data.key, label, t("no_data", lang), None, t(none, lang), "")


def _count_card(data: CardData, label: str, lang: str) -> Card:
    note = t("settlement_count_note", lang)
    caption = f"{t('as_of_short', lang, date=fmt_date(data.as_of, lang))} · {note}" if data.as_of else note
    return Card(data.key, label, fmt_number(data.number, lang), None, caption, "", number=data.number)


def _gap_text(gap: Gap, lang: str) -> str:
    """How the district figures relate to the national one, in words."""
    if gap.kind == "years_only":
        return t("district_years_only", lang, years=", ".join(map(str, gap.years)))
    national = gap.figure or {}
    unit = national["unit"]
    return t(
        "districts_vs_national",
        lang,
        period=gap.year,
        sum=fmt_value(gap.total, unit, "", lang),
        national=fmt_value(national["value"], unit, national["qualifier"], lang),
        gap=fmt_value(gap.gap, unit, "", lang),
    )


def headline_cards(
    dataset: Dataset, selection: Selection, keys: tuple[str, ...], lang: str, today: date | None = None
) -> list[Card]:
    """The selection's cards named by ``keys``, in that order (a presentation step's)."""
    by_key = {c.key: c for c in cards(dataset, selection, lang, today)}
    return [by_key[k] for k in keys if k in by_key]
