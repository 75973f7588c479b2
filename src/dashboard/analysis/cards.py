"""The metric cards of a selection, as plain values (``dashboard.text.cards`` words them).

With both regions the clearance cards show the national figure (and say how the
district figures relate to it); with one region or chosen districts they show the sum
of the district figures and name the districts without one: a national figure is never
shown as if it were an area's own. Casualties are mostly reported for the whole
country: a narrowed view keeps the national figure, marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from dashboard.analysis.areas import focus_codes, focus_units
from dashboard.analysis.engine import figure_index
from dashboard.analysis.figures import Headline, district_sum, headline
from dashboard.analysis.plans import PlanCard, plan_card
from dashboard.analysis.projection import Projection, projection
from dashboard.analysis.selection import Period, Selection
from dashboard.analysis.settlements import cutoff, latest_return, settlement_rows
from dashboard.data.dataset import Dataset

CLEARANCE_CARDS = (("area", "area_cleared"), ("ap", "ap_mines"), ("at", "at_mines"), ("uxo", "uxo"))
# the card that gives the figure a view's metric colours the map with
METRIC_CARDS = dict((metric, key) for key, metric in CLEARANCE_CARDS) | {"returns": "settlements", "victims": "victims"}


@dataclass(frozen=True)
class Gap:
    """How the district figures of a period relate to the national one.

    ``kind`` "years_only": there are no district figures for the period, only for the
    full ``years``; "vs_national": the district figures of ``year`` add up to ``total``,
    which differs from the national ``figure`` by ``gap``.
    """

    kind: str
    years: tuple[int, ...] = ()
    year: int | None = None
    total: float = 0.0
    figure: dict | None = field(default=None, compare=False)
    gap: float = 0.0


@dataclass(frozen=True)
class CardData:
    """One card's values.

    ``kind``: "figure" (one chosen figure, in ``figures``), "sum" (the district figures
    in ``figures`` added up to ``number``), "count" (settlements counted, ``number``),
    or "none" (no data). ``previous`` is the figure a "figure" card compares with, and
    ``change`` the difference when both are exact and unflagged. ``narrowed`` marks a
    sum over the districts in focus, and ``missing`` names those without a figure.
    ``national_scope`` marks a national figure shown for a narrowed view; ``as_of``
    dates a count by the data it counts (ISO text, or None).
    """

    key: str
    metric: str
    kind: str
    figures: tuple[dict, ...] = field(default=(), compare=False)
    previous: dict | None = field(default=None, compare=False)
    change: float | None = None
    number: float | None = None
    missing: tuple[str, ...] = ()
    narrowed: bool = False  # summed over the districts in focus (one region or chosen districts)
    qualified: bool = False
    national_scope: bool = False
    gap: Gap | None = None
    as_of: str | None = None
    plan: PlanCard | None = field(default=None, compare=False)  # the "plan" card's years
    projection: Projection | None = field(default=None, compare=False)  # the "projection" card's


def _from_headline(key: str, metric: str, h: Headline | None) -> CardData:
    if h is None:
        return CardData(key, metric, "none")
    return CardData(key, metric, "figure", (h.figure,), h.previous, h.change, float(h.figure["value"]))


def card_data(dataset: Dataset, selection: Selection, today: date | None = None) -> tuple[CardData, ...]:
    """The cards for a selection: clearance, devices, returns and casualties. ``today``
    caps the settlements counted (returns dated later are not yet counted)."""
    focus = focus_codes(dataset, selection)
    out = [_clearance(dataset, selection, key, metric, focus) for key, metric in CLEARANCE_CARDS]
    out.extend(_returns(dataset, selection, focus, today))
    victims = _from_headline("victims", "victims", headline(dataset, "victims", selection.period))
    if selection.narrowed and victims.figures:
        victims = replace(victims, national_scope=True)
    out.append(victims)
    out.extend(_extra(dataset, selection, key) for key in selection.extras)
    return tuple(out)


def _extra(dataset: Dataset, selection: Selection, key: str) -> CardData:
    """A card shown only when asked for: the year against its plan, or the projection.
    Both are national: a narrowed view marks them so."""
    scope = selection.narrowed
    if key == "plan":
        found = plan_card(dataset, selection.period)
        compared = found.compared
        if compared is None or compared.plan is None:
            return CardData("plan", "area_planned", "none", plan=found)
        parts = (compared.result, compared.plan, found.upcoming.plan if found.upcoming else None)
        figures = tuple(f for f in parts if f is not None)
        number = float(compared.result["value"]) if compared.result is not None else None
        change = compared.difference
        return CardData("plan", "area_planned", "plan", figures, None, change, number, national_scope=scope, plan=found)
    result = projection(dataset, selection.pace, selection.estimate)
    if result is None:
        return CardData("projection", "area_cleared", "none")
    figures = (result.estimate, result.start, *result.pace.figures)
    year = result.reach.year
    number = float(year) if year is not None else None
    return CardData(
        "projection", "area_cleared", "projection", figures, number=number, national_scope=scope, projection=result
    )


def _clearance(dataset: Dataset, selection: Selection, key: str, metric: str, focus: list[str]) -> CardData:
    period = selection.period
    if selection.narrowed:
        chosen = figure_index(dataset).choices(metric, period, ("district",))
        total, have, missing = district_sum(chosen, focus)
        if not have:
            return CardData(key, metric, "none", missing=tuple(missing), narrowed=True)
        figures = tuple(chosen[c].figure for c in have)
        qualified = any(f["qualifier"] for f in figures)
        return CardData(
            key, metric, "sum", figures, number=total, missing=tuple(missing), narrowed=True, qualified=qualified
        )
    card = _from_headline(key, metric, headline(dataset, metric, period))
    gap = _district_gap(dataset, period, metric, card)
    return replace(card, gap=gap) if gap else card


def _district_gap(dataset: Dataset, period: Period, metric: str, card: CardData) -> Gap | None:
    """How district figures relate to the national one, instead of summing blindly."""
    index = figure_index(dataset)
    chosen = index.choices(metric, period, ("district",))
    if not chosen:
        years = sorted(
            {
                f["start_date"].year
                for f in index.figures
                if f["metric"] == metric and f["area_kind"] == "district" and f["period_type"] == "year"
            }
        )
        return Gap("years_only", years=tuple(years)) if years else None
    if period.year is None or card.kind != "figure":
        return None
    total = float(sum(c.figure["value"] for c in chosen.values()))
    national = card.figures[0]
    if abs(total - national["value"]) < 0.5:
        return None
    return Gap("vs_national", year=period.year, total=total, figure=national, gap=abs(national["value"] - total))


def _returns(dataset: Dataset, selection: Selection, focus: list[str], today: date | None) -> list[CardData]:
    end = cutoff(selection.period, today)
    codes = set(focus) | set(focus_units(dataset, selection))
    rows = settlement_rows(dataset, end, selection.statuses, codes)
    count = CardData("settlements", "", "count", number=float(len(rows)), as_of=latest_return(dataset, rows, end))
    if selection.narrowed:
        return [count]
    as_of = Period(as_of=end)
    families = _from_headline("families", "families_returned", headline(dataset, "families_returned", as_of))
    people = _from_headline("people", "people_returned", headline(dataset, "people_returned", as_of))
    return [count, families, people]
