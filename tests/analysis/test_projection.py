"""The projection's arithmetic, checked against sums done by hand on constructed cases
(the shipped data's years are checked in tests/app/test_projection_data.py)."""

from __future__ import annotations

from datetime import date

import pytest
from plan_fixture import build, figure, year

from dashboard.analysis.projection import PACES, estimates, paces, projection, reach

# --- reach(): the arithmetic ---------------------------------------------------------


def test_the_year_the_total_passes_the_target():
    # 249,000 at the end of 2025 + 13 x 69,200 = 1,148,600 at the end of 2038 (short of
    # 1,167,000); the 14th year, 2039, passes it.
    r = reach(249_000, date(2025, 12, 31), 1_167_000, 69_200)
    assert r.year == 2039
    assert r.remaining == 918_000
    assert r.years == pytest.approx(918_000 / 69_200)


def test_a_target_reached_on_the_last_day_of_a_year_counts_for_that_year():
    # 100 at the end of 2020, 100 a year: 200, 300, 400 at the ends of 2021, 2022, 2023
    r = reach(100, date(2020, 12, 31), 400, 100)
    assert (r.year, r.end) == (2023, date(2023, 12, 31))


def test_decimal_figures_are_exact():
    # 0.7 + 3 x 0.1 = 1.0 exactly at the end of 2023; in binary floats 1.0 - 0.7 is
    # 0.30000000000000004 and would push the year to 2024
    assert reach(0.7, date(2020, 12, 31), 1.0, 0.1).year == 2023


def test_a_start_within_the_year_counts_the_rest_of_that_year():
    # 2 July 2021 is day 183 of 365: half a year (182.5 days) later is the first hours of 2022
    r = reach(0, date(2021, 7, 2), 100, 200)
    assert (r.year, r.end) == (2022, date(2022, 1, 1))
    # the same pace from 1 July (day 182) ends within 2021
    assert reach(0, date(2021, 7, 1), 100, 200).year == 2021


def test_a_leap_year_has_366_days():
    r = reach(0, date(2023, 12, 31), 366, 366)
    assert (r.year, r.end) == (2024, date(2024, 12, 31))
    assert reach(0, date(2023, 12, 31), 365, 366).end == date(2024, 12, 30)


def test_a_target_already_passed_or_met_has_no_year():
    passed = reach(1_200_000, date(2025, 12, 31), 1_167_000, 69_200)
    assert passed.reached and passed.year is None and passed.remaining == -33_000
    assert reach(500, date(2025, 12, 31), 500, 10).reached


def test_a_pace_must_be_positive():
    with pytest.raises(ValueError, match="positive"):
        reach(0, date(2025, 12, 31), 100, 0)


# --- the choices: paces and estimates on constructed data ---------------------------

RESULTS = [
    year("r2021", "area_cleared", 2021, "10000", flag="uncertain"),
    year("r2022", "area_cleared", 2022, "20000"),
    year("r2023", "area_cleared", 2023, "30000"),
    year("r2023-rounded", "area_cleared", 2023, "30100", "about"),
    year("r2024", "area_cleared", 2024, "45000"),
    year("r2025", "area_cleared", 2025, "50000", flag="uncertain"),
    year("p2024", "area_planned", 2024, "40000"),
    year("p2026", "area_planned", 2026, "60000", "over"),
    figure("c2024", "area_cleared", "cumulative", "", "2024-12-31", "120000"),
    figure("c2025", "area_cleared", "cumulative", "", "2025-06-30", "150000", "about"),
]
ESTIMATES = [
    figure("hazard-2023", "hazardous_area", "estimate", "", "2023-05-01", "500000"),
    figure("contam-2024", "contaminated_area", "estimate", "", "2024-03-01", "900000", "about"),
    figure("contam-2022", "contaminated_area", "estimate", "", "2022", "800000"),
]


@pytest.fixture(scope="module")
def constructed(tmp_path_factory):
    return build(tmp_path_factory.mktemp("plans") / "geodata", RESULTS, ESTIMATES)


def test_the_paces_skip_flagged_years_and_average_three_full_years(constructed):
    found = paces(constructed)
    assert list(found) == list(PACES)
    # 2025 is flagged: the last full year is 2024
    assert (found["last_year"].value, found["last_year"].years) == (45_000, (2024,))
    # 2022-2024, the exact 30,000 for 2023 rather than the rounded 30,100
    assert found["three_years"].years == (2022, 2023, 2024)
    assert found["three_years"].value == pytest.approx((20_000 + 30_000 + 45_000) / 3)
    # the latest plan, at its stated figure ("over 60,000" -> 60,000)
    assert (found["plan"].value, found["plan"].years) == (60_000, (2026,))


def test_no_average_over_a_gap(tmp_path):
    data = build(tmp_path / "geodata", [r for r in RESULTS if not r.startswith("r2023")], ESTIMATES)
    assert "three_years" not in paces(data)
    assert paces(data)["last_year"].years == (2024,)


def test_the_hazardous_area_is_the_default_estimate_then_the_newest(constructed):
    ids = [f["figure_id"] for f in estimates(constructed)]
    assert ids == ["hazard-2023", "contam-2024", "contam-2022"]


@pytest.mark.parametrize(
    ("pace", "estimate", "expected"),
    [
        # 150,000 on 30 June 2025 (day 181), 350,000 to go at 45,000 a year: 172,684.9 at
        # the end of 2025, 487,684.9 at the end of 2032, past 500,000 in 2033
        ("last_year", "", 2033),
        # 31,666.67 a year: 165,963.5 at the end of 2025, 482,630 at the end of 2035
        ("three_years", "hazard-2023", 2036),
        # 60,000 a year: 180,246.6 at the end of 2025, 480,246.6 at the end of 2030
        ("plan", "hazard-2023", 2031),
        # 750,000 to go at 45,000: 172,684.9 + 16 x 45,000 = 892,684.9 at the end of 2041
        ("last_year", "contam-2024", 2042),
        # 650,000 to go: 172,684.9 + 14 x 45,000 = 802,684.9 at the end of 2039
        ("last_year", "contam-2022", 2039),
        # an unknown estimate id falls back to the default
        ("last_year", "not-an-estimate", 2033),
    ],
)
def test_projection_years_by_hand(constructed, pace, estimate, expected):
    result = projection(constructed, pace, estimate)
    assert result is not None
    assert result.start["figure_id"] == "c2025"
    assert result.reach.year == expected


def test_an_unknown_pace_gives_no_projection(constructed):
    assert projection(constructed, "fastest") is None
