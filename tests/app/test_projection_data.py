"""The projection's years for the shipped data, computed by this test from the CSV files
on its own: the figures picked by the plain rules of expected.py, the year found by adding
a year's pace at a time to the running total."""

from __future__ import annotations

from decimal import Decimal

import pytest
from expected import best, latest_cumulative, national_year, rows
from paths import GEODATA

from dashboard.analysis.projection import estimates, projection
from dashboard.data.loader import load_dataset


def _latest_year(metric: str) -> int:
    years = [
        int(r["period_end"][:4])
        for r in rows("clearance")
        if r["metric"] == metric and r["area"] == "AZ" and r["subset"] == "" and r["period_type"] == "year"
    ]
    return max(years)


def _expected_paces() -> dict[str, Decimal]:
    last = _latest_year("area_cleared")
    figures = [national_year("clearance", "area_cleared", last - n) for n in range(3)]
    assert all(f is not None and f["flag"] == "" for f in figures)
    plan = national_year("clearance", "area_planned", _latest_year("area_planned"))
    assert plan is not None and plan["flag"] == ""
    return {
        "last_year": Decimal(figures[0]["value"]),
        "three_years": sum(Decimal(f["value"]) for f in figures) / 3,
        "plan": Decimal(plan["value"]),
    }


def _expected_estimates() -> list[dict[str, str]]:
    return [
        r
        for r in rows("context")
        if r["metric"] in ("hazardous_area", "contaminated_area")
        and r["area"] == "AZ"
        and r["period_type"] == "estimate"
    ]


def year_by_addition(total: Decimal, total_year: int, target: Decimal, pace: Decimal) -> int:
    """Add a year's pace to a total dated 31 December until it reaches the target."""
    y = total_year
    while total < target:
        y += 1
        total += pace
    return y


def test_the_shipped_projection_years_match_the_arithmetic():
    data = load_dataset(GEODATA).dataset
    start = latest_cumulative("clearance", "area_cleared")
    assert start is not None and start["period_end"].endswith("-12-31")  # a year-end start, as this test assumes
    expected_paces = _expected_paces()
    shipped = _expected_estimates()
    assert len(shipped) >= 3
    hazardous = best([r for r in shipped if r["metric"] == "hazardous_area"])
    assert estimates(data)[0]["figure_id"] == hazardous["figure_id"]
    compared = 0
    for pace, per_year in expected_paces.items():
        for estimate in shipped:
            result = projection(data, pace, estimate["figure_id"])
            assert result is not None
            assert result.start["figure_id"] == start["figure_id"]
            assert result.estimate["figure_id"] == estimate["figure_id"]
            expected = year_by_addition(
                Decimal(start["value"]), int(start["period_end"][:4]), Decimal(estimate["value"]), per_year
            )
            assert result.reach.year == expected, (pace, estimate["figure_id"])
            assert result.pace.value == pytest.approx(float(per_year))
            compared += 1
    assert compared == 3 * len(shipped)
