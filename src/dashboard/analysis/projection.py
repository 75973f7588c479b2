"""A projection: the year the estimated hazardous area would be cleared at a chosen pace.

Arithmetic on stated assumptions, never a forecast. ``projection(dataset, pace, estimate)``
is the one function that computes it; it returns every figure it rests on, so that the
words beside it (``dashboard.text.projection``) can state each assumption with its
source. The assumptions, as the README states them:

- the estimate (``hazardous_area`` or ``contaminated_area``, national, a standing
  estimate) is the whole area to clear, and includes the land cleared before it was made
  (ANAMA counts its cleared hectares as a share of its hazardous-area estimate);
- every hectare in the running total of hectares cleared counts against it, although
  reported hectares may include battle-area clearance and land released by survey;
- clearance goes on from the latest running total at a constant pace: the last full
  year's figure, the average of the last three full years, or the latest year's plan.

The year is the calendar year in which the running total, rising at the pace from its
latest "as of" date, reaches the estimate. Computed with exact fractions, so that a
total reached on the last day of a year counts for that year.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from dashboard.analysis.engine import figure_index
from dashboard.analysis.figures import headline
from dashboard.analysis.selection import Period
from dashboard.data.dataset import Dataset
from dashboard.data.schema import NATIONAL, PACES

DEFAULT_PACE = PACES[0]
# Estimates a projection can start from, the first kind preferred as the default: the
# hazardous area is the issuing body's own denominator of progress.
ESTIMATE_METRICS = ("hazardous_area", "contaminated_area")
CLEARED = "area_cleared"
PLANNED = "area_planned"
AVERAGE_YEARS = 3


@dataclass(frozen=True)
class Reach:
    """When a running total rising at a constant pace reaches a target.

    ``remaining`` is the target less the total (negative when the total is past it);
    ``years`` the remaining divided by the pace; ``year`` the calendar year in which the
    target is reached and ``end`` the day, both None when it is reached already."""

    remaining: float
    years: float
    year: int | None
    end: date | None

    @property
    def reached(self) -> bool:
        return self.year is None


def _exact(value: float) -> Fraction:
    """A figure as the decimal it was written as (62023.9 is 620239/10, not a binary float)."""
    return Fraction(repr(float(value)))


def _days(year: int) -> int:
    return 366 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 365


def reach(total: float, on: date, target: float, pace: float) -> Reach:
    """When ``total`` (as of the end of day ``on``), growing by ``pace`` a year, reaches
    ``target``. Time is counted in years of the calendar: a year's pace is spread evenly
    over its days (365 or 366)."""
    if pace <= 0:
        raise ValueError("the pace must be positive")
    remaining = _exact(target) - _exact(total)
    years = remaining / _exact(pace)
    if remaining <= 0:
        return Reach(float(remaining), float(years), None, None)
    # the position on the time line in years: the end of 31 December 2025 is 2026
    start = on.year + Fraction(on.timetuple().tm_yday, _days(on.year))
    finish = start + years
    year = math.ceil(finish) - 1  # a target reached at the very end of a year is reached in that year
    day = math.ceil((finish - year) * _days(year))
    return Reach(float(remaining), float(years), year, date(year, 1, 1) + timedelta(days=day - 1))


@dataclass(frozen=True)
class Pace:
    """A pace of clearance in hectares a year and the figures it comes from (one year's
    result, three years' results, or one year's plan), oldest first."""

    key: str
    value: float
    figures: tuple[dict, ...]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(int(f["end_date"].year) for f in self.figures)


def _year_figure(dataset: Dataset, metric: str, year: int) -> dict | None:
    """The chosen national full-year figure of a metric, if it is not flagged."""
    choice = figure_index(dataset).choose(metric, Period(year=year), NATIONAL)
    return choice.figure if choice is not None and not choice.figure["flag"] else None


def paces(dataset: Dataset) -> dict[str, Pace]:
    """The paces the data allows, by key (``PACES``); a pace without figures is absent.

    - ``last_year``: the latest full year with an unflagged national figure of hectares
      cleared;
    - ``three_years``: the average of that year and the two before it, when all three
      have one (never an average over a gap);
    - ``plan``: the latest year with a national plan (its stated figure: for "over 65,000"
      the pace is 65,000)."""
    index = figure_index(dataset)
    out: dict[str, Pace] = {}
    results = [(y, _year_figure(dataset, CLEARED, y)) for y in index.years_by_metric.get(CLEARED, ())]
    results = [(y, f) for y, f in results if f is not None]
    if results:
        last_year, last = results[0]
        out["last_year"] = Pace("last_year", float(last["value"]), (last,))
        wanted = [_year_figure(dataset, CLEARED, last_year - n) for n in range(AVERAGE_YEARS)]
        if all(f is not None for f in wanted):
            figures = tuple(reversed([f for f in wanted if f is not None]))
            mean = sum(_exact(f["value"]) for f in figures) / len(figures)
            out["three_years"] = Pace("three_years", float(mean), figures)
    for year in index.years_by_metric.get(PLANNED, ()):
        plan = _year_figure(dataset, PLANNED, year)
        if plan is not None and plan["value"] > 0:
            out["plan"] = Pace("plan", float(plan["value"]), (plan,))
            break
    return {key: out[key] for key in PACES if key in out}


def estimates(dataset: Dataset) -> tuple[dict, ...]:
    """The national estimates a projection can use: the default first (the newest
    hazardous-area estimate, else the newest contaminated-area one), then the others,
    newest first."""
    figures = [
        f
        for f in figure_index(dataset).figures
        if f["metric"] in ESTIMATE_METRICS
        and f["area"] == NATIONAL
        and f["subset"] == ""
        and f["period_type"] == "estimate"
        and f["value"] > 0
    ]
    default = min(figures, key=lambda f: (ESTIMATE_METRICS.index(f["metric"]), _newest(f)), default=None)
    if default is None:
        return ()
    others = sorted((f for f in figures if f is not default), key=lambda f: (_newest(f), f["metric"]))
    return (default, *others)


def _newest(figure: dict) -> tuple[int, str]:
    """Sort key: the newest "as of" date first, then by figure id."""
    return (-figure["end_date"].toordinal(), figure["figure_id"])


@dataclass(frozen=True)
class Projection:
    """A projection and everything it rests on: the running total it starts from, the
    estimate, the pace, and when the total would reach the estimate."""

    start: dict
    estimate: dict
    pace: Pace
    reach: Reach


def projection(dataset: Dataset, pace: str = DEFAULT_PACE, estimate: str = "") -> Projection | None:
    """The projection for a pace (a key of ``PACES``) and an estimate (a figure id;
    empty or unknown: the default estimate). None when the data lacks the running total,
    an estimate, or a figure for the pace."""
    chosen = paces(dataset).get(pace)
    options = estimates(dataset)
    start = headline(dataset, CLEARED, Period())
    if chosen is None or not options or start is None:
        return None
    target = next((f for f in options if f["figure_id"] == estimate), options[0])
    total = start.figure
    on = total["end_date"].date()
    return Projection(total, target, chosen, reach(total["value"], on, target["value"], chosen.value))
