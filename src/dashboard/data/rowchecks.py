"""Checks on one row's references and dates, shared by the figure files, claims.csv and
the checks across files (``consistency``).

Each check reports what it finds (file, line, column, the value and what was expected)
and returns nothing; a row can fail several checks at once.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from dashboard.data import schema
from dashboard.data.csvfile import Row, parse_partial_date
from dashboard.data.report import Report

_SUBSET = re.compile(r"^(operator|use|group):\S.*$")


def check_unit(row: Row, file: str, metrics: dict[str, Row], report: Report) -> None:
    """A row of a metric listed in metrics.csv is in that metric's unit."""
    metric, unit = row.get("metric"), row.get("unit")
    if metric not in metrics or not unit:
        return
    expected = metrics[str(metric)]["unit"]
    if unit != expected:
        report.error(
            file,
            f"found '{unit}'; metric '{metric}' is measured in '{expected}'",
            line=row["_line"],
            column="unit",
            value=str(unit),
        )


def unexpected(report: Report, file: str, row: Row, column: str, value: object, expected: str) -> None:
    """Report ``value`` of ``column`` in ``row`` as "found '...'; expected ..."."""
    report.error(file, f"found '{value}'; expected {expected}", line=row["_line"], column=column, value=str(value))


def check_listed(row: Row, file: str, column: str, known: Collection[str], expected: str, report: Report) -> None:
    """The value in ``column``, when there is one, is one of ``known`` (``expected`` says
    what that is, for the message)."""
    value = row.get(column)
    if value and value not in known:
        unexpected(report, file, row, column, value, expected)


def check_each_listed(row: Row, file: str, column: str, known: Collection[str], expected: str, report: Report) -> None:
    """Each of the values in ``column``, separated by spaces, is one of ``known``."""
    for value in str(row.get(column) or "").split():
        if value not in known:
            unexpected(report, file, row, column, value, expected)


def check_place(row: Row, file: str, places: set[str], report: Report, also: str = "") -> None:
    """``area`` names the country, a district, a unit (or what ``also`` adds)."""
    expected = f"AZ (national), a district code such as AZ-CAB, a unit id from units.csv{also}"
    check_listed(row, file, "area", places, expected, report)


def check_source(row: Row, file: str, sources: set[str], report: Report, column: str = "source_id") -> None:
    """``source_id`` (or another ``column`` naming a source) is listed in sources.csv."""
    check_listed(row, file, column, sources, "a source_id listed in sources.csv", report)


def check_subset_and_flag(row: Row, file: str, report: Report) -> None:
    """``subset`` is kind:value, and a ``flag`` comes with a ``note``."""
    subset = row.get("subset")
    if subset and not _SUBSET.match(str(subset)):
        report.error(
            file,
            f"found '{subset}'; expected kind:value with kind operator, use or group "
            "(e.g. group:civilian), or an empty cell",
            line=row["_line"],
            column="subset",
            value=str(subset),
        )
    if row.get("flag") and not row.get("note"):
        report.error(file, f"flag '{row['flag']}' needs a note saying why", line=row["_line"], column="note")


def check_order(row: Row, file: str, first: str, last: str, report: Report) -> None:
    """The date in column ``first`` does not lie after the one in column ``last``."""
    start, end = row.get(first), row.get(last)
    if not (start and end):
        return
    s, e = parse_partial_date(str(start)), parse_partial_date(str(end))
    if s and e and s[0] > e[1]:
        report.error(
            file,
            f"the period ends ({end}) before it starts ({start}); expected {last} on or after {first}",
            line=row["_line"],
            column=last,
            value=str(end),
        )


def check_period(row: Row, file: str, report: Report, end_column: str = "period_end") -> None:
    """A period that needs its first day has one, and it does not end before it starts."""
    ptype = row.get("period_type")
    if ptype in schema.PERIOD_TYPES_WITH_START and row.get("period_start") == "":
        report.error(
            file, f"a '{ptype}' figure needs the first day it covers", line=row["_line"], column="period_start"
        )
    check_order(row, file, "period_start", end_column, report)
