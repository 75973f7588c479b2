"""The projection's years for the shipped data, against the arithmetic of
tests/projection_expected.py (figures picked from the CSV files by its own rules, the
year found by adding a year's pace at a time to the running total)."""

from __future__ import annotations

import pytest
from paths import GEODATA
from projection_expected import estimate_rows, expected_year, paces, start_total

from dashboard.analysis.projection import PACES, estimates, projection
from dashboard.data.loader import load_dataset


def test_the_shipped_projection_years_match_the_arithmetic():
    data = load_dataset(GEODATA).dataset
    start = start_total()
    shipped = estimate_rows()
    assert len(shipped) >= 3
    hazardous = [r for r in shipped if r["metric"] == "hazardous_area"]
    assert estimates(data)[0]["figure_id"] == max(hazardous, key=lambda r: r["period_end"])["figure_id"]
    per_year = paces()
    compared = 0
    for pace in PACES:
        for estimate in shipped:
            result = projection(data, pace, estimate["figure_id"])
            assert result is not None
            assert result.start["figure_id"] == start["figure_id"]
            assert result.estimate["figure_id"] == estimate["figure_id"]
            assert result.pace.value == pytest.approx(float(per_year[pace]))
            assert result.reach.year == expected_year(pace, estimate["figure_id"]), (pace, estimate["figure_id"])
            compared += 1
    assert compared == 3 * len(shipped)
