"""Plans against results: each year's planned hectares beside the hectares cleared, and
the State Programme's target on the running total. Plain values, no words.

A plan is a national ``area_planned`` figure for a full calendar year; the result is the
national ``area_cleared`` figure of the same year, both chosen by the usual rules. The
State Programme's target is the national ``area_planned`` figure for a span of years
(period type ``period``) that ends last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from dashboard.analysis.engine import figure_index
from dashboard.analysis.selection import Period
from dashboard.data.dataset import Dataset
from dashboard.data.schema import NATIONAL

CLEARED = "area_cleared"
PLANNED = "area_planned"


@dataclass(frozen=True)
class PlanYear:
    """One calendar year: its plan and its result (the chosen figures, or None)."""

    year: int
    plan: dict | None
    result: dict | None

    @property
    def difference(self) -> float | None:
        """Result less plan, when the year has both (the plan's stated figure: for
        "over 65,000" that is 65,000)."""
        if self.plan is None or self.result is None:
            return None
        return round(float(self.result["value"]) - float(self.plan["value"]), 6)


def plan_years(dataset: Dataset) -> tuple[PlanYear, ...]:
    """Every year with a national plan or a national result, oldest first."""
    index = figure_index(dataset)
    years = set(index.years_by_metric.get(CLEARED, ())) | set(index.years_by_metric.get(PLANNED, ()))
    out = []
    for year in sorted(years):
        plan = index.choose(PLANNED, Period(year=year), NATIONAL)
        result = index.choose(CLEARED, Period(year=year), NATIONAL)
        if plan is not None or result is not None:
            out.append(PlanYear(year, plan.figure if plan else None, result.figure if result else None))
    return tuple(out)


@dataclass(frozen=True)
class PlanCard:
    """The "Against the plan" card: the year compared (plan and result, or the plan
    alone when ``result`` is None) and a plan for a later year without a result yet."""

    compared: PlanYear | None
    upcoming: PlanYear | None


def plan_card(dataset: Dataset, period: Period) -> PlanCard:
    """For a calendar year: that year. Otherwise the latest year with a plan whose result
    is known (and ended by the "as of" date, if one is chosen), plus the latest plan for a
    later year without a result yet."""
    years = plan_years(dataset)
    if period.year is not None:
        found = next((y for y in years if y.year == period.year and y.plan is not None), None)
        return PlanCard(found, None)
    limit = period.as_of or date.max
    ended = [y for y in years if y.plan is not None and y.result is not None and date(y.year, 12, 31) <= limit]
    compared = ended[-1] if ended else None
    after = compared.year if compared else 0
    later = [y for y in years if y.plan is not None and y.result is None and y.year > after]
    upcoming = later[-1] if later and period.as_of is None else None
    return PlanCard(compared, upcoming)


@dataclass(frozen=True)
class Target:
    """A programme's target on the running total of hectares cleared.

    ``figure`` is the target (hectares to clear from the programme's first year to its
    last); ``baseline`` the running total chosen as of the day before the programme's
    first year (None when there is none); ``level`` where the target lies on the running
    total: baseline plus target (the target alone without a baseline)."""

    figure: dict
    baseline: dict | None
    level: float

    @property
    def first_day(self) -> date:
        return self.figure["start_date"].date()

    @property
    def last_day(self) -> date:
        return self.figure["end_date"].date()


def programme_target(dataset: Dataset) -> Target | None:
    """The programme target that ends last (ties: by the figure rules), or None."""
    index = figure_index(dataset)
    positions = [
        p
        for p, f in enumerate(index.figures)
        if f["metric"] == PLANNED
        and f["area"] == NATIONAL
        and f["subset"] == ""
        and f["period_type"] == "period"
        and not pd.isna(f["start_date"])
    ]
    if not positions:
        return None
    last_end = max(index.figures[p]["end_date"] for p in positions)
    target = index.rank(p for p in positions if index.figures[p]["end_date"] == last_end).figure
    before = target["start_date"].date() - timedelta(days=1)
    baseline = index.choose(CLEARED, Period(as_of=before), NATIONAL)
    base = baseline.figure if baseline is not None else None
    level = float(target["value"]) + (float(base["value"]) if base else 0.0)
    return Target(target, base, level)
