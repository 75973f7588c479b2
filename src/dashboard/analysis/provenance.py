"""Where each figure comes from: the groups of figures that disagree, as plain values."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.analysis.engine import FIRST_YEAR, Choice, figure_index
from dashboard.data.dataset import Dataset


@dataclass(frozen=True)
class Conflict:
    """A quantity stated by several figures with different values: the one the app uses
    (with the rule that chose it) and the others, in the figure table's order."""

    used: Choice
    others: tuple[dict, ...]

    @property
    def figures(self) -> tuple[dict, ...]:
        """Every figure of the group, the one used first."""
        return (self.used.figure, *self.others)


def quantity(figure: dict) -> tuple:
    """What makes two figures state the same quantity: metric, area, subset and period.

    A calendar year is its year; a running total is its "as of" date as written, counted
    since the 2020 war (a start in 2020 or later, or none stated) or since an earlier year;
    an estimate or an event is its date as written; any other period is its start and end.
    """
    base = (figure["metric"], figure["area"], figure["subset"], figure["period_type"])
    kind = figure["period_type"]
    if kind == "year":
        return (*base, figure["period_end"][:4])
    if kind == "cumulative":
        start = figure["start_date"]
        since = "" if pd.isna(start) or start.year >= FIRST_YEAR else str(start.year)
        return (*base, since, figure["period_end"])
    if kind in ("estimate", "event"):
        return (*base, figure["period_end"])
    return (*base, figure["period_start"], figure["period_end"])


def conflicts(dataset: Dataset) -> list[Conflict]:
    """Every quantity stated by more than one figure with different values, ordered by
    metric, area, subset, period type and period."""
    index = figure_index(dataset)
    groups: dict[tuple, list[int]] = {}
    for position, f in enumerate(index.figures):
        groups.setdefault(quantity(f), []).append(position)
    out = []
    for key in sorted(groups):
        positions = groups[key]
        if len({index.figures[p]["value"] for p in positions}) < 2:
            continue
        used = index.rank(positions)
        out.append(Conflict(used, tuple(index.figures[p] for p in positions if p != used.position)))
    return out
