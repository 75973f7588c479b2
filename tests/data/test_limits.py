"""Bounded work for any input: a file with a mistake on every line gets its messages in
seconds, huge tables and cells are refused with a message, and a running check can be
stopped from outside."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dashboard.data import schema
from dashboard.data.loader import load_dataset
from dashboard.data.progress import watched
from dashboard.data.report import MAX_KEPT, Report

HEADER = ",".join(c.name for c in schema.FIGURE_COLUMNS)
GOOD = "f-{n},area_cleared,AZ-CAB,,month,2025-05-01,2025-05-31,12,,ha,ANAMA,fixture-anama,,"


def _clearance(root: Path, lines: list[str]) -> None:
    (root / "figures" / "clearance.csv").write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")


def test_the_report_keeps_the_first_findings_and_counts_the_rest():
    report = Report()
    report.error("a.csv", "bad", line=2)
    report.error("a.csv", "bad", line=2)  # the same finding again: not a new one
    for n in range(1, MAX_KEPT + 50):
        report.error("a.csv", "bad", line=n + 2)
    report.warning("a.csv", "odd", line=2)
    assert len(report.errors) == MAX_KEPT
    assert report.error_count == MAX_KEPT + 50
    assert report.warning_count == 1 and not report.ok
    assert report.omitted == 50
    lines = report.to_text().splitlines()
    assert lines[-2:] == [
        "... and 50 more finding(s) of the same kinds, not listed.",
        f"{MAX_KEPT + 50} error(s), 1 warning(s).",
    ]


def test_a_table_with_a_bad_value_on_every_line_stops_after_its_first_errors(minimal):
    _clearance(minimal, [f"x{n}" for n in range(200_000)])
    start = time.process_time()
    report = load_dataset(minimal).report
    assert time.process_time() - start < 10
    mine = [f for f in report.errors if f.file == "figures/clearance.csv"]
    assert mine[0].message.startswith("found 1 values, but the header has 14 columns")
    assert mine[0].line == 2
    stop = mine[-1]
    assert stop.message == (
        f"checking stopped at line {stop.line} after 1,000 errors in this file; "
        "fix the first ones (they often have one cause) and check again"
    )
    assert report.error_count >= schema.MAX_FILE_ERRORS


def test_more_rows_than_a_table_can_hold_are_refused(minimal):
    _clearance(minimal, ["," * 13] * (schema.MAX_ROWS + 1))  # blank lines count too: reading them is work
    errors = [f for f in load_dataset(minimal).report.errors if f.file == "figures/clearance.csv"]
    assert [f.message for f in errors] == [
        "the file has more than 100,000 rows; a table here is far smaller. Was the wrong file saved?"
    ]


def test_a_cell_of_a_megabyte_is_refused_with_its_line(minimal):
    huge = GOOD.format(n=2).replace("fixture-anama,,", "fixture-anama,," + "x" * 2**20)
    _clearance(minimal, [GOOD.format(n=1), huge])
    errors = [f for f in load_dataset(minimal).report.errors if f.file == "figures/clearance.csv"]
    assert [(f.line, f.message) for f in errors] == [
        (
            3,
            "a value is longer than 131,072 characters; a cell here holds at most a few thousand. "
            "Is a quote character missing?",
        )
    ]


def test_a_hook_stops_a_running_check(minimal):
    _clearance(minimal, [GOOD.format(n=n) for n in range(20_000)])
    calls = []

    class Left(BaseException):
        """What the staff page raises when its staff member has gone."""

    def hook() -> None:
        calls.append(1)
        if len(calls) == 3:
            raise Left

    with pytest.raises(Left), watched(hook):
        load_dataset(minimal)
    assert len(calls) == 3
