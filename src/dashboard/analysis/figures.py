"""Choosing figures: the rules, and the tables that cards, charts and exports ask for.

Conflicting figures coexist in the data; where one number must be shown, one figure is
picked by fixed, documented rules, and the reason is kept:

1. a figure that is not flagged (inferred date, uncertain, contradicted, garbled) wins;
2. for running totals, the latest "as of" date wins;
3. an exact figure wins over a rounded one: first a figure without "over", "about",
   ...; then the figure with more significant digits (53,081 before 53,100);
4. a figure dated to the day wins over one dated to a month or a year;
5. the most recently published source wins.

The rules are applied once per dataset by ``dashboard.analysis.engine``; the functions
here hand its choices out as tables. Nothing here sums a national figure down to
districts or moves a figure between areas.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.analysis.engine import FIRST_YEAR, REASONS, Choice, figure_index, significant_digits
from dashboard.analysis.selection import Period
from dashboard.data.dataset import Dataset

__all__ = [
    "FIRST_YEAR",
    "REASONS",
    "Headline",
    "annual",
    "district_sum",
    "headline",
    "pick",
    "series",
    "significant_digits",
    "years_with_figures",
]

_ALL_KINDS = ("national", "district", "unit", "settlement")


def _table(dataset: Dataset, choices: list[Choice]) -> pd.DataFrame:
    """Chosen figures as rows of the figure table, with ``reason`` and ``alternatives``."""
    positions = [c.position for c in choices]
    rows = dataset.figures.iloc[positions]
    return rows.assign(
        reason=pd.Series([c.reason for c in choices], index=rows.index, dtype=object),
        alternatives=pd.Series([c.alternatives for c in choices], index=rows.index, dtype=int),
    ).reset_index(drop=True)


def pick(
    dataset: Dataset,
    metric: str,
    period: Period,
    area_kinds: tuple[str, ...] = ("national",),
    subset: str = "",
    areas: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """One chosen figure per area for a metric and period, in area order, with ``reason``
    and ``alternatives`` (figures set aside) columns. Areas without a figure are absent.
    ``areas`` limits the result to some areas (each area's choice is its own)."""
    chosen = figure_index(dataset).choices(metric, period, area_kinds, subset, areas)
    return _table(dataset, list(chosen.values()))


@dataclass(frozen=True)
class Headline:
    """A figure for a metric card: the chosen figure and the one before it."""

    figure: dict
    previous: dict | None
    reason: str
    alternatives: int

    @property
    def change(self) -> float | None:
        """Change against the previous figure, only when both are exact and unflagged."""
        prev = self.previous
        if prev is None:
            return None
        clean = all(not f["qualifier"] and not f["flag"] for f in (self.figure, prev))
        return self.figure["value"] - prev["value"] if clean else None


def headline(dataset: Dataset, metric: str, period: Period, area: str = "AZ", subset: str = "") -> Headline | None:
    """The chosen figure for one area (national by default) and its predecessor."""
    index = figure_index(dataset)
    choice = index.choose(metric, period, area, subset)
    if choice is None:
        return None
    before = index.previous(metric, period, choice.figure, subset)
    return Headline(choice.figure, before.figure if before else None, choice.reason, choice.alternatives)


def district_sum(chosen: dict[str, Choice], codes: list[str]) -> tuple[float, list[str], list[str]]:
    """Sum of the chosen figures of some districts: (total, codes with a figure, codes without)."""
    with_fig = sorted(c for c in codes if c in chosen)
    without = sorted(set(codes) - set(with_fig))
    return float(sum(chosen[c].figure["value"] for c in with_fig)), with_fig, without


def years_with_figures(dataset: Dataset, metric: str) -> list[int]:
    """Calendar years that have a full-year figure for a metric, newest first."""
    figs = dataset.figures
    years = figs.loc[figs["metric"].eq(metric) & figs["period_type"].eq("year"), "start_date"].dt.year
    return sorted({int(y) for y in years.dropna()}, reverse=True)


def series(dataset: Dataset, metric: str, area: str = "AZ", subset: str = "") -> pd.DataFrame:
    """Every running-total figure (since the war) for one area, oldest first, flagged ones
    included (the caller marks them)."""
    positions = figure_index(dataset).running_totals(metric, area, subset)
    return dataset.figures.iloc[positions].reset_index(drop=True)


def annual(dataset: Dataset, metric: str, area_kinds: tuple[str, ...] = ("national",)) -> pd.DataFrame:
    """The chosen full-year figure per area and year."""
    parts = [
        pick(dataset, metric, Period(year=y), area_kinds).assign(year=y) for y in years_with_figures(dataset, metric)
    ]
    parts = [p for p in parts if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
