"""The projection's year for the shipped data, computed straight from the CSV files and
without the app's code: for the AppTest and browser tests of the Trends page.

Figures are picked by the plain rules the README gives (unflagged first; the latest
"as of" date for running totals; an exact figure before a rounded one, more significant
digits first; the newest source), written again here; the year is found by adding one
year's pace at a time to a running total dated 31 December.
"""

from __future__ import annotations

import csv
from decimal import Decimal

from paths import GEODATA


def _rows(name: str) -> list[dict[str, str]]:
    with (GEODATA / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _published() -> dict[str, str]:
    return {r["source_id"]: r["published"] for r in _rows("sources.csv")}


def _digits(value: str) -> int:
    text = value.rstrip("0").rstrip(".") if "." in value else value.rstrip("0")
    return len(text.replace(".", "").lstrip("0"))


def _best(rows: list[dict[str, str]]) -> dict[str, str]:
    published = _published()
    return min(
        rows,
        key=lambda r: (
            r["flag"] != "",
            r["qualifier"] != "",
            -_digits(r["value"]),
            tuple(-int(p) for p in (published.get(r["source_id"]) or "0").split("-")),
        ),
    )


def _national(metric: str, period_type: str) -> list[dict[str, str]]:
    return [
        r
        for r in _rows("figures/clearance.csv")
        if r["metric"] == metric and r["area"] == "AZ" and r["subset"] == "" and r["period_type"] == period_type
    ]


def year_figure(metric: str, year: int) -> dict[str, str]:
    return _best([r for r in _national(metric, "year") if r["period_end"].startswith(str(year))])


def latest_year(metric: str) -> int:
    return max(int(r["period_end"][:4]) for r in _national(metric, "year"))


def start_total() -> dict[str, str]:
    """The latest running total since the war (unflagged first)."""
    rows = [
        r
        for r in _national("area_cleared", "cumulative")
        if r["period_start"] == "" or int(r["period_start"][:4]) >= 2020
    ]
    unflagged = [r for r in rows if not r["flag"]] or rows
    latest = max(r["period_end"] for r in unflagged)
    return _best([r for r in unflagged if r["period_end"] == latest])


def paces() -> dict[str, Decimal]:
    """Hectares a year for each pace: last full year, three-year average, current plan."""
    last = latest_year("area_cleared")
    three = [year_figure("area_cleared", last - n) for n in range(3)]
    plan = year_figure("area_planned", latest_year("area_planned"))
    return {
        "last_year": Decimal(three[0]["value"]),
        "three_years": sum(Decimal(f["value"]) for f in three) / 3,
        "plan": Decimal(plan["value"]),
    }


def estimate_rows() -> list[dict[str, str]]:
    """The national hazardous- and contaminated-area estimates of context.csv."""
    return [
        r
        for r in _rows("figures/context.csv")
        if r["metric"] in ("hazardous_area", "contaminated_area")
        and r["area"] == "AZ"
        and r["subset"] == ""
        and r["period_type"] == "estimate"
    ]


def year_by_addition(total: Decimal, total_year: int, target: Decimal, pace: Decimal) -> int:
    """Add a year's pace to a total dated 31 December until it reaches the target."""
    y = total_year
    while total < target:
        y += 1
        total += pace
    return y


def expected_year(pace: str, estimate_id: str) -> int:
    """The year for a pace and an estimate (by figure id) of the shipped data."""
    start = start_total()
    assert start["period_end"].endswith("-12-31"), "this arithmetic assumes a running total dated 31 December"
    estimate = next(r for r in estimate_rows() if r["figure_id"] == estimate_id)
    total, year = Decimal(start["value"]), int(start["period_end"][:4])
    return year_by_addition(total, year, Decimal(estimate["value"]), paces()[pace])
