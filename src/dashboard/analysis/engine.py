"""The figure index: every choice a selection can ask for, prepared once per dataset.

``figure_index(dataset)`` ranks every figure once, by the rules of
``dashboard.analysis.figures`` (the rank does not depend on the period asked for), and
files each figure under its slot: running totals since the war per (metric, subset,
area), full calendar years per (metric, subset, area, year). A choice is then a walk
down one short ranked list:

- a year: the first figure of the slot wins, the second is the runner-up;
- running totals as of a date: the first figures of the slot dated on or before that
  date win and run up, and a binary search over the slot's sorted end dates counts the
  candidates. Any "as of" date costs the same few steps, so nothing needs a cache.

Every result is a plain value (the figure row as a dict, the rule that decided, how
many figures were set aside): no text, no language, no pandas on the request path.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd

from dashboard.analysis.selection import Period
from dashboard.data.dataset import Dataset

# Running totals counted since the 2020 war (a start in 2020 or later, or none stated);
# "since 1991" totals are another quantity.
FIRST_YEAR = 2020
REASONS = ("only", "unflagged", "latest", "exact", "precise_date", "latest_published")
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
# Position in a rank key of the rules that name a reason; the key's last two places
# (publication date, figure id) are "latest_published".
_RULE_CODES = ("unflagged", "latest", "exact", "exact", "precise_date")
_NO_LIMIT = math.inf


def significant_digits(value: float) -> int:
    """Digits that carry information: 53081 has 5, 53100 has 3, 62023.9 has 6."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    digits = text.replace(".", "").lstrip("0")
    return len(digits if "." in text else digits.rstrip("0")) or 1


def rank_key(figure: dict, published: int) -> tuple:
    """A figure's place among the candidates for one slot (smaller wins), one element per
    rule: flagged last; latest "as of" first; unqualified, then more significant digits
    first; day before month before year; newest source first; then the figure id."""
    return (
        figure["flag"] != "",
        -figure["end_date"].toordinal(),
        figure["qualifier"] != "",
        -significant_digits(figure["value"]),
        _PRECISION_RANK[figure["end_precision"]],
        -published,
        figure["figure_id"],
    )


def reason_between(best: tuple, runner: tuple | None) -> str:
    """The rule that put ``best`` before ``runner`` (two rank keys); "only" without a runner-up."""
    if runner is None:
        return "only"
    for position, code in enumerate(_RULE_CODES):
        if best[position] != runner[position]:
            return code
    return "latest_published"


@dataclass(frozen=True)
class Choice:
    """The figure shown for one slot, why it won, and how many figures it was chosen over."""

    figure: dict
    reason: str
    alternatives: int
    position: int  # the figure's row in Dataset.figures


@dataclass(frozen=True)
class _Slot:
    """The candidates of one slot: figure positions in rank order, their rank keys and end
    dates (as ordinals) in the same order, and the end dates sorted for counting."""

    ranked: tuple[int, ...]
    keys: tuple[tuple, ...]
    ends: tuple[int, ...]
    sorted_ends: tuple[int, ...]

    def choose(self, figures: list[dict], limit: float = _NO_LIMIT) -> Choice | None:
        count = bisect.bisect_right(self.sorted_ends, limit)
        if count == 0:
            return None
        found: list[int] = []
        for place, end in enumerate(self.ends):
            if end <= limit:
                found.append(place)
                if len(found) == 2:
                    break
        best = found[0]
        runner = self.keys[found[1]] if len(found) > 1 else None
        position = self.ranked[best]
        return Choice(figures[position], reason_between(self.keys[best], runner), count - 1, position)


def _slot(positions: list[int], keys: list[tuple], ends: list[int]) -> _Slot:
    order = sorted(range(len(positions)), key=keys.__getitem__)
    return _Slot(
        ranked=tuple(positions[i] for i in order),
        keys=tuple(keys[i] for i in order),
        ends=tuple(ends[i] for i in order),
        sorted_ends=tuple(sorted(ends)),
    )


def _since_the_war(figure: dict) -> bool:
    start = figure["start_date"]
    return figure["period_type"] == "cumulative" and (pd.isna(start) or start.year >= FIRST_YEAR)


def _full_year(figure: dict) -> int | None:
    start = figure["start_date"]
    if figure["period_type"] != "year" or pd.isna(start) or start.year != figure["end_date"].year:
        return None
    return int(start.year)


class FigureIndex:
    """Every figure of a dataset filed by slot and ranked (see the module docstring).

    ``figures`` are the rows of ``Dataset.figures`` as dicts, in the table's order;
    callers must not change them (they are shared by every session).
    """

    def __init__(self, dataset: Dataset) -> None:
        table = dataset.figures
        self.figures: list[dict] = table.to_dict("records")
        src = dataset.sources.set_index("source_id")["published"]
        published = {s: (pd.Timestamp(p).toordinal() if p else 0) for s, p in src.items()}
        self.keys: list[tuple] = [rank_key(f, published.get(f["source_id"], 0)) for f in self.figures]
        self.kind_of: dict[str, str] = {}
        cumulative: dict[tuple, tuple[list, list, list]] = {}
        years: dict[tuple, tuple[list, list, list]] = {}
        for position, f in enumerate(self.figures):
            self.kind_of.setdefault(f["area"], f["area_kind"])
            year = _full_year(f)
            if _since_the_war(f):
                slot = cumulative.setdefault((f["metric"], f["subset"], f["area"]), ([], [], []))
            elif year is not None:
                slot = years.setdefault((f["metric"], f["subset"], f["area"], year), ([], [], []))
            else:
                continue
            slot[0].append(position)
            slot[1].append(self.keys[position])
            slot[2].append(f["end_date"].toordinal())
        self._cumulative = {k: _slot(*v) for k, v in cumulative.items()}
        self._years = {k: _slot(*v) for k, v in years.items()}
        self._areas: dict[tuple[str, str], list[str]] = {}
        for metric, subset, area in sorted({(k[0], k[1], k[2]) for k in (*cumulative, *years)}):
            self._areas.setdefault((metric, subset), []).append(area)
        self.years_by_metric: dict[str, tuple[int, ...]] = {
            m: tuple(sorted({k[3] for k in years if k[0] == m}, reverse=True)) for m in {k[0] for k in years}
        }

    def rank(self, positions: Iterable[int]) -> Choice:
        """The winner among any figures (by position), by the same rules."""
        ordered = sorted(positions, key=self.keys.__getitem__)
        runner = self.keys[ordered[1]] if len(ordered) > 1 else None
        best = ordered[0]
        return Choice(self.figures[best], reason_between(self.keys[best], runner), len(ordered) - 1, best)

    def choose(self, metric: str, period: Period, area: str, subset: str = "") -> Choice | None:
        """The figure shown for one area, metric and period; None when there is none."""
        if period.year is not None:
            slot = self._years.get((metric, subset, area, period.year))
            return slot.choose(self.figures) if slot else None
        slot = self._cumulative.get((metric, subset, area))
        if slot is None:
            return None
        limit = period.as_of.toordinal() if period.as_of is not None else _NO_LIMIT
        return slot.choose(self.figures, limit)

    def choices(
        self,
        metric: str,
        period: Period,
        area_kinds: Iterable[str] = ("national",),
        subset: str = "",
        areas: Iterable[str] | None = None,
    ) -> dict[str, Choice]:
        """One choice per area of some kinds (or of the given areas) that has a figure,
        in area order."""
        kinds = set(area_kinds)
        wanted = None if areas is None else set(areas)
        out: dict[str, Choice] = {}
        for area in self._areas.get((metric, subset), ()):
            if self.kind_of[area] in kinds and (wanted is None or area in wanted):
                choice = self.choose(metric, period, area, subset)
                if choice is not None:
                    out[area] = choice
        return out

    def previous(self, metric: str, period: Period, figure: dict, subset: str = "") -> Choice | None:
        """The figure a card compares with: the year before, or the running total chosen
        as of the day before this one's date."""
        if period.year is not None:
            before = Period(year=period.year - 1)
        else:
            before = Period(as_of=date.fromordinal(figure["end_date"].toordinal() - 1))
        return self.choose(metric, before, figure["area"], subset)

    def running_totals(self, metric: str, area: str, subset: str = "") -> list[int]:
        """The positions of every running total since the war for one area, oldest first
        (ties by id), flagged ones included."""
        slot = self._cumulative.get((metric, subset, area))
        if slot is None:
            return []
        return sorted(slot.ranked, key=lambda p: (self.figures[p]["end_date"], self.figures[p]["figure_id"]))


@lru_cache(maxsize=8)
def figure_index(dataset: Dataset) -> FigureIndex:
    """The index of a dataset, built on first use and shared by every session (a Dataset
    never changes and is hashed by identity; a new data version is a new Dataset)."""
    return FigureIndex(dataset)
