"""Claims checked against the record: a verdict for every figure quoted in public.

A claim (a row of claims.csv) is compared with the dashboard's own figures of the same
kind: the same metric, area and subset, and the same kind of period (a *series*):
running totals since the 2020 war; running totals since an earlier year (say 1991),
with the same start year; standing estimates; or one fixed period (a calendar year,
a month, ...). Within a series the figures are taken date by date; where several
figures share a date, the picking rules of ``dashboard.analysis.figures`` choose one.

The rules, fixed and written for readers in README ("The claim check"):

Tolerance. Every figure, claimed or recorded, stands for a range of values. Its
rounding unit is the place of its last non-zero digit (200,000: 100,000; 1.5 million:
100,000; 62,023.9: 0.1; "about 70": 10), except that a plain whole number whose zeros
are fewer than three is a count, exact to the unit (70 killed, 380 victims, 185,707 ha:
1). A plain figure covers half a unit either side, "about" one unit either side, both at
most 5 % of the value; "over" and "at least" cover up to one unit above (at most 10 %),
"up to" one unit below (at most 10 %), "nearly" one unit below (at most 5 %). A record
figure confirms a claim when their ranges overlap and it is at least as precise as the
claim (a unit no larger): a rounded figure cannot confirm a precise one.

Time. A claim's date is a day, a month, a year, or (with ``as_of_from``) a span; it
refers to every day of it. *Before* is the series' latest figure dated before the
span, *during* every figure dated within it, *after* the first figure dated after
it, *earlier* every figure older than *before*. A series for one fixed period has
no dates to walk: all its figures are *during*.

Verdict, in this order:
1. cannot be checked: the record does not carry the claim's metric (``no_metric``),
   has no figure of its series (``no_figures``), or only figures dated after the
   claim (``none_at_time``);
2. matches the record at the time: it agrees with *before* or a *during* figure;
3. was the record at an earlier date: it agrees with an *earlier* figure (the latest
   such is named);
4. differs from the record: the difference is taken against the figure of the time
   (*before* or *during*) closest in value; ``between`` says whether the claim lies
   between the record's figures around it (some below its range, some above).
A figure dated after the claim is shown but never confirms it.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard.analysis.engine import FIRST_YEAR, FigureIndex, figure_index
from dashboard.data.dataset import Dataset

VERDICTS = ("matches", "earlier", "differs", "cannot_check")
CANNOT_REASONS = ("no_metric", "no_figures", "none_at_time")
ROLES = ("earlier", "before", "during", "after")
TIMED = ("cumulative", "estimate")  # series walked by date; any other kind is one fixed period
PLAIN_SHARE = 0.05  # plain and "about" figures: at most 5 % either side
ABOUT_SHARE = 0.05
NEARLY_SHARE = 0.05
OPEN_SHARE = 0.10  # "over", "at least", "up to": at most 10 % on their open side


ROUNDED_FROM = 1000  # a plain whole number is read as rounded from this unit up


def rounding_unit(value: float, qualifier: str = "") -> float:
    """The place of a figure's last non-zero digit (200000 -> 100000, 62023.9 -> 0.1,
    "about" 70 -> 10); a plain whole number with fewer than three zeros is exact (70 -> 1)."""
    text = f"{abs(value):.6f}".rstrip("0").rstrip(".")
    if "." in text:
        return 10.0 ** -len(text.split(".")[1])
    if value == 0:
        return 1.0
    unit = 10.0 ** (len(text) - len(text.rstrip("0")))
    return 1.0 if not qualifier and unit < ROUNDED_FROM else unit


def value_range(value: float, qualifier: str = "") -> tuple[float, float]:
    """The values a figure stands for, given its qualifier (see the module docstring)."""
    unit = rounding_unit(value, qualifier)
    size = abs(value)
    if qualifier in ("over", "at least"):
        return value, value + min(unit, OPEN_SHARE * size)
    if qualifier == "up to":
        return value - min(unit, OPEN_SHARE * size), value
    if qualifier == "nearly":
        return value - min(unit, NEARLY_SHARE * size), value
    if qualifier == "about":
        half = min(unit, ABOUT_SHARE * size)
    else:
        half = min(unit / 2, PLAIN_SHARE * size) if value else unit / 2
    return value - half, value + half


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two ranges share more than an end point."""
    return max(a[0], b[0]) < min(a[1], b[1])


def confirms(figure: dict, claim: dict) -> bool:
    """A record figure confirms a claim: their ranges overlap and the figure is at least
    as precise as the claim (both are dicts with ``value`` and ``qualifier``)."""
    ranges = (value_range(f["value"], f["qualifier"]) for f in (figure, claim))
    precise = rounding_unit(figure["value"], figure["qualifier"]) <= rounding_unit(claim["value"], claim["qualifier"])
    return precise and overlap(*ranges)


def series_key(row: dict, end: pd.Timestamp) -> tuple:
    """The series a figure or claim belongs to; ``end`` is its last day (a figure's
    ``end_date``, a claim's ``to_date``)."""
    base = (row["metric"], row["area"], row["subset"])
    kind = row["period_type"]
    if kind == "cumulative":
        start = row["start_date"]
        since = "war" if pd.isna(start) or start.year >= FIRST_YEAR else str(start.year)
        return (*base, kind, since)
    if kind == "estimate":
        return (*base, kind)
    if kind == "year":
        return (*base, kind, end.year)
    return (*base, kind, row["period_start"], end.date().isoformat())


@dataclass(frozen=True)
class Compared:
    """A figure of the record a claim was compared with: its role (``ROLES``), the
    figure (a row of ``Dataset.figures`` as a dict) and whether the claim agrees with it."""

    role: str
    figure: dict
    agrees: bool


@dataclass(frozen=True)
class ClaimCheck:
    """A claim (a row of ``Dataset.claims`` as a dict) and its verdict.

    ``reason`` is one of ``CANNOT_REASONS`` for "cannot_check", else empty. ``matched``
    is the figure a "matches" or "earlier" claim agrees with; ``reference`` the figure a
    "differs" claim is measured against, ``difference`` the claim's value minus its
    value; ``between`` whether the claim lies between the figures around it."""

    claim: dict
    verdict: str
    reason: str
    compared: tuple[Compared, ...]
    matched: dict | None = None
    reference: dict | None = None
    difference: float | None = None
    between: bool = False


class Record:
    """The record's figures by series, each series as dates (ordinals, oldest first)
    with the figure the picking rules choose on each date."""

    def __init__(self, index: FigureIndex) -> None:
        grouped: dict[tuple, dict[int, list[int]]] = {}
        for position, f in enumerate(index.figures):
            key = series_key(f, f["end_date"])
            grouped.setdefault(key, {}).setdefault(f["end_date"].toordinal(), []).append(position)
        self._series: dict[tuple, tuple[tuple[int, ...], tuple[dict, ...]]] = {}
        for key, by_date in grouped.items():
            days = tuple(sorted(by_date))
            self._series[key] = (days, tuple(index.rank(by_date[d]).figure for d in days))

    def series(self, key: tuple) -> tuple[tuple[int, ...], tuple[dict, ...]]:
        """(dates, chosen figures) of a series; empty tuples when it has none."""
        return self._series.get(key, ((), ()))


def check_claim(claim: dict, record: Record, metrics: frozenset[str]) -> ClaimCheck:
    """The verdict on one claim (see the module docstring for the rules)."""
    if claim["metric"] not in metrics:
        return ClaimCheck(claim, "cannot_check", "no_metric", ())
    key = series_key(claim, claim["to_date"])
    days, figures = record.series(key)
    if not days:
        return ClaimCheck(claim, "cannot_check", "no_figures", ())
    if claim["period_type"] in TIMED:
        first = bisect.bisect_left(days, claim["from_date"].toordinal())
        last = bisect.bisect_right(days, claim["to_date"].toordinal())
        before = [first - 1] if first > 0 else []
        earlier = list(range(first - 1))
        during, after = list(range(first, last)), ([last] if last < len(days) else [])
    else:
        before, earlier, during, after = [], [], list(range(len(days))), []
    span = value_range(claim["value"], claim["qualifier"])
    agree = [confirms(f, claim) for f in figures]
    shown = lambda role, places: [Compared(role, figures[p], agree[p]) for p in places]  # noqa: E731
    at_time = before + during
    if not at_time:
        return ClaimCheck(claim, "cannot_check", "none_at_time", tuple(shown("after", after)))
    compared = tuple(shown("before", before) + shown("during", during) + shown("after", after))
    hits = [p for p in at_time if agree[p]]
    if hits:
        return ClaimCheck(claim, "matches", "", compared, matched=figures[hits[-1]])
    old = [p for p in earlier if agree[p]]
    if old:
        return ClaimCheck(claim, "earlier", "", (*shown("earlier", old[-1:]), *compared), matched=figures[old[-1]])
    nearest = min(reversed(at_time), key=lambda p: abs(figures[p]["value"] - claim["value"]))
    around = [figures[p]["value"] for p in at_time + after]
    between = any(v < span[0] for v in around) and any(v > span[1] for v in around)
    reference = figures[nearest]
    return ClaimCheck(
        claim,
        "differs",
        "",
        compared,
        reference=reference,
        difference=claim["value"] - reference["value"],
        between=between,
    )


@lru_cache(maxsize=8)
def check_claims(dataset: Dataset) -> tuple[ClaimCheck, ...]:
    """Every claim of a dataset with its verdict, in the file's order; computed once per
    dataset and shared (callers must not change the results)."""
    claims = dataset.claims
    if claims.empty:
        return ()
    record = Record(figure_index(dataset))
    metrics = frozenset(dataset.metrics["metric"])
    return tuple(check_claim(c, record, metrics) for c in claims.to_dict("records"))


def relative(check: ClaimCheck) -> float | None:
    """A "differs" claim's difference as a share of the figure it is measured against."""
    if check.difference is None or check.reference is None or not check.reference["value"]:
        return None
    share = check.difference / check.reference["value"]
    return share if math.isfinite(share) else None
