"""Great Return settlements of a selection with their latest returns figures.

Per settlement and metric (families, people returned), the figure shown is the chosen
running total as of the date asked for; where there is none, the first group that
arrived (a figure of period type "event"), which the text layer labels as such. The
settlements and their event figures are filed once per dataset; a request filters a few
dozen plain records.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd

from dashboard.analysis.engine import FigureIndex, figure_index
from dashboard.analysis.selection import Period
from dashboard.data.csvfile import parse_partial_date
from dashboard.data.dataset import Dataset

RETURN_METRICS = (("families_returned", "families"), ("people_returned", "people"))
# Fields of the chosen figure carried per metric, as "<column>_<field>" ("people_source_id").
FIGURE_FIELDS = ("qualifier", "period_type", "period_end", "source_id", "issuing_body", "flag")


def settlement_status(first_return: str) -> str:
    """'dated' when the first-return date is known, else 'undated'."""
    return "dated" if first_return else "undated"


@dataclass(frozen=True)
class _Settlements:
    # the settlements table's rows, with "status" and "_started": the ordinal of the day
    # returns are known by (first return, else first returns figure), or -inf (no date)
    records: tuple[dict, ...]
    first_groups: dict[tuple[str, str], tuple[dict, ...]]  # (metric, settlement) -> event figures, oldest first
    # settlement -> (last day covered as an ordinal, ISO text as the file gives it) of every
    # date its returns are known by: its first return and its returns figures, oldest first
    return_dates: dict[str, tuple[tuple[int, str], ...]]


@lru_cache(maxsize=8)
def _settlements(dataset: Dataset) -> _Settlements:
    records = []
    for row in dataset.settlements.to_dict("records"):
        started = row["first_return_date"]
        row["status"] = settlement_status(row["first_return"])
        row["_started"] = None if pd.isna(started) else started.toordinal()
        records.append(row)
    groups: dict[tuple[str, str], list[dict]] = {}
    dates: dict[str, list[tuple[int, str]]] = {}
    for row in records:
        span = parse_partial_date(row["first_return"]) if row["first_return"] else None
        if span:
            dates.setdefault(row["settlement_id"], []).append((span[1].toordinal(), row["first_return"]))
    returned = {metric for metric, _ in RETURN_METRICS}
    for f in figure_index(dataset).figures:
        if f["area_kind"] != "settlement":
            continue
        if f["period_type"] == "event" and f["subset"] == "":
            groups.setdefault((f["metric"], f["area"]), []).append(f)
        if f["metric"] in returned:
            dates.setdefault(f["area"], []).append((f["end_date"].toordinal(), f["period_end"]))
    ordered = {k: tuple(sorted(v, key=lambda f: (f["end_date"], f["figure_id"]))) for k, v in groups.items()}
    for row in records:
        if row["_started"] is None:
            # first return not known: returns are known from the settlement's first
            # returns figure on; with no dated figure at all, in every period
            known = dates.get(row["settlement_id"])
            row["_started"] = min(known)[0] if known else -math.inf
    return _Settlements(tuple(records), ordered, {k: tuple(sorted(v)) for k, v in dates.items()})


def cutoff(period: Period, today: date | None) -> date:
    """The last day a selection's settlement figures may date from: the period's end, and
    never after ``today`` when it is given."""
    return min(period.end, today) if today is not None else period.end


def settlement_rows(dataset: Dataset, as_of: date, statuses: tuple[str, ...], codes: set[str]) -> list[dict]:
    """Settlements in some districts (or units) whose returns began by ``as_of``: by their
    first-return date, or where that is not known, by their first returns figure (a
    settlement with no date at all counts in every period). Each a new dict: the
    settlement's columns, ``status``, and per metric its value (``families``, ``people``;
    None when unknown) with ``FIGURE_FIELDS``."""
    data = _settlements(dataset)
    index = figure_index(dataset)
    limit = as_of.toordinal()
    period = Period(as_of=as_of)
    out = []
    for row in data.records:
        if row["status"] not in statuses or row["district"] not in codes or row["_started"] > limit:
            continue
        item = {k: v for k, v in row.items() if k != "_started"}
        for metric, col in RETURN_METRICS:
            figure = _shown_figure(index, data, metric, period, row["settlement_id"], limit)
            item[col] = figure["value"] if figure else None
            for name in FIGURE_FIELDS:
                item[f"{col}_{name}"] = figure[name] if figure else None
        out.append(item)
    return out


def _shown_figure(
    index: FigureIndex, data: _Settlements, metric: str, period: Period, sid: str, limit: int
) -> dict | None:
    choice = index.choose(metric, period, sid)
    if choice is not None:
        return choice.figure
    first = data.first_groups.get((metric, sid))
    if first and first[0]["end_date"].toordinal() <= limit:
        return first[0]
    return None


def latest_return(dataset: Dataset, rows: list[dict], as_of: date) -> str | None:
    """The date a count of some settlement rows is known by: the latest of their
    first-return dates and the dates of their families- and people-returned figures,
    up to ``as_of``, as the file gives it (ISO text, perhaps only a month or a year);
    None when none is dated. Never a date the data does not state, such as today's."""
    known = _settlements(dataset).return_dates
    limit = as_of.toordinal()
    dated = [d for r in rows for d in known.get(r["settlement_id"], ()) if d[0] <= limit]
    return max(dated)[1] if dated else None
