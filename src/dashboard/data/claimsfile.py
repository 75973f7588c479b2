"""claims.csv: the checks that span files, and the claims table the Dataset holds.

A claim is a figure quoted in public, not a figure of the record. Its metric may be one
the record does not carry (the claim check then says it cannot be checked), but a
metric id that is one slip away from a listed metric is taken for a typo.
"""

from __future__ import annotations

import difflib

import pandas as pd

from dashboard.data import schema
from dashboard.data.csvfile import Row, date_precision, parse_partial_date
from dashboard.data.report import Report
from dashboard.data.rowchecks import (
    check_order,
    check_period,
    check_place,
    check_source,
    check_subset_and_flag,
    check_unit,
)

FILE = schema.CLAIMS.path
_TYPO_CUTOFF = 0.85  # difflib ratio above which an unknown metric id looks like a listed one


def check_claims(rows: list[Row], metrics: dict[str, Row], places: set[str], sources: set[str], report: Report) -> None:
    """Report every claim row whose references or dates do not hold."""
    for row in rows:
        _check_metric(row, metrics, report)
        check_place(row, FILE, places, report)
        check_source(row, FILE, sources, report)
        check_subset_and_flag(row, FILE, report)
        check_period(row, FILE, report, end_column="as_of")
        check_order(row, FILE, "as_of_from", "as_of", report)


def _check_metric(row: Row, metrics: dict[str, Row], report: Report) -> None:
    metric, line = row.get("metric"), row["_line"]
    if not metric:
        return
    if metric in metrics:
        check_unit(row, FILE, metrics, report)
        return
    near = difflib.get_close_matches(str(metric), list(metrics), n=1, cutoff=_TYPO_CUTOFF)
    if near:
        report.error(
            FILE,
            f"found '{metric}'; expected a metric listed in metrics.csv, such as '{near[0]}' (a misspelling?). "
            "A metric the dashboard does not record needs an id of its own that is not this close to a listed one",
            line=line,
            column="metric",
            value=str(metric),
        )


def claims_frame(rows: list[Row]) -> pd.DataFrame:
    """The claims as a table: the file's columns (without ``line``), plus ``from_date`` and
    ``to_date`` (Timestamps: the first and last day the claim's date may be),
    ``to_precision`` ("day" | "month" | "year" of ``as_of``) and ``start_date`` (first day
    of ``period_start``, NaT when empty)."""
    frame = pd.DataFrame(rows, columns=["_line", *schema.CLAIMS.names]).drop(columns="_line")
    if frame.empty:
        return frame.assign(from_date=pd.Series(dtype="datetime64[ns]"), to_date=pd.Series(dtype="datetime64[ns]"))

    def first_day(text: object) -> object:
        span = parse_partial_date(str(text)) if text else None
        return span[0] if span else None

    frame["value"] = frame["value"].astype(float)
    frame["from_date"] = pd.to_datetime(
        [first_day(f or a) for f, a in zip(frame["as_of_from"], frame["as_of"], strict=True)]
    )
    frame["to_date"] = pd.to_datetime(frame["as_of"].map(lambda t: parse_partial_date(str(t))[1]))  # type: ignore[index]
    frame["to_precision"] = frame["as_of"].map(date_precision)
    frame["start_date"] = pd.to_datetime(frame["period_start"].map(first_day))
    return frame
