"""Plans against results on constructed data: the years compared, the card's year, and
where a programme's target lies on the running total."""

from __future__ import annotations

from datetime import date

import pytest
from plan_fixture import build, figure, year

from dashboard.analysis.plans import plan_card, plan_years, programme_target
from dashboard.analysis.selection import Period

ROWS = [
    year("r2022", "area_cleared", 2022, "20000"),
    year("r2023", "area_cleared", 2023, "30000"),
    year("r2024", "area_cleared", 2024, "45000"),
    year("p2022", "area_planned", 2022, "25000"),
    year("p2024", "area_planned", 2024, "40000", "over"),
    year("p2024-older", "area_planned", 2024, "39000", flag="uncertain"),
    figure("p2026", "area_planned", "year", "2026-01-01", "2026", "60000", "over"),
    figure("c2021-06", "area_cleared", "cumulative", "", "2021-06-30", "4000"),
    figure("c2021-12", "area_cleared", "cumulative", "", "2021-12-12", "9000", "about"),
    figure("c2022-01", "area_cleared", "cumulative", "", "2022-01-15", "11000"),
    figure("programme-short", "area_planned", "period", "2022", "2025", "150000"),
    figure("programme", "area_planned", "period", "2022", "2026", "200000"),
]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return build(tmp_path_factory.mktemp("plans") / "geodata", ROWS, [])


def test_every_year_with_a_plan_or_a_result_in_order(data):
    found = [(y.year, y.plan and y.plan["figure_id"], y.result and y.result["figure_id"]) for y in plan_years(data)]
    assert found == [
        (2022, "p2022", "r2022"),
        (2023, None, "r2023"),
        (2024, "p2024", "r2024"),  # the unflagged plan
        (2026, "p2026", None),
    ]
    by_year = {y.year: y for y in plan_years(data)}
    assert by_year[2022].difference == -5_000
    assert by_year[2024].difference == 5_000
    assert by_year[2023].difference is None and by_year[2026].difference is None


def test_the_card_compares_the_latest_year_with_plan_and_result_and_names_the_next_plan(data):
    card = plan_card(data, Period())
    assert card.compared is not None and card.compared.year == 2024
    assert card.upcoming is not None and card.upcoming.year == 2026


def test_the_card_of_a_year_is_that_year_or_nothing(data):
    assert plan_card(data, Period(year=2022)).compared.year == 2022
    assert plan_card(data, Period(year=2023)).compared is None  # no plan that year
    assert plan_card(data, Period(year=2026)).compared.result is None  # plan, no result yet


def test_the_card_as_of_a_date_uses_only_years_ended_by_then(data):
    card = plan_card(data, Period(as_of=date(2024, 6, 30)))
    assert card.compared.year == 2022 and card.upcoming is None
    assert plan_card(data, Period(as_of=date(2022, 6, 30))).compared is None


def test_the_programme_target_sits_on_the_running_total_before_the_programme(data):
    target = programme_target(data)
    assert target is not None
    assert target.figure["figure_id"] == "programme"  # the programme that ends last
    # the running total chosen as of 31 December 2021: the latest by then (12 December)
    assert target.baseline["figure_id"] == "c2021-12"
    assert target.level == 200_000 + 9_000
    assert (target.first_day, target.last_day) == (date(2022, 1, 1), date(2026, 12, 31))


def test_no_programme_no_target(tmp_path):
    data = build(tmp_path / "geodata", [r for r in ROWS if not r.startswith("programme")], [])
    assert programme_target(data) is None
