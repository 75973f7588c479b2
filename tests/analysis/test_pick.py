"""The picking rules, each with a constructed case, and choices remembered per dataset:
what a caller does with its copy never changes what the next caller gets."""

from __future__ import annotations

from datetime import date

import pytest
from constructed import build, figure
from paths import GEODATA

from dashboard.analysis.engine import figure_index
from dashboard.analysis.figures import pick
from dashboard.analysis.selection import Period
from dashboard.data.dataset import Dataset
from dashboard.data.loader import load_dataset


@pytest.fixture(scope="module")
def data() -> Dataset:
    dataset = load_dataset(GEODATA).dataset
    assert dataset is not None
    return dataset


def test_a_caller_changing_its_result_does_not_change_the_next_choice(data):
    first = pick(data, "area_cleared", Period(), ("district",))
    before = first[["figure_id", "value", "issuing_body"]].to_dict("records")
    assert len(before) >= 5 and all(r["value"] > 0 for r in before)
    first["value"] = 0.0
    first.loc[0, "issuing_body"] = "changed"
    again = pick(data, "area_cleared", Period(), ("district",))
    assert again[["figure_id", "value", "issuing_body"]].to_dict("records") == before


def test_lists_and_tuples_name_the_same_choice(data):
    a = pick(data, "area_cleared", Period(year=2023), ["district"])
    b = pick(data, "area_cleared", Period(year=2023), ("district",))
    assert a["figure_id"].tolist() == b["figure_id"].tolist()
    assert len(a) >= 10


# The picking rules, one constructed case per rule and tie-break (README, "How the figures
# are chosen"): each case holds figures that differ in what the rule looks at and agree on
# everything the rules before it look at; ids are chosen so that the last tie-break (the
# figure id) would pick the other figure, so a rule that stopped working fails its test.


def chosen(tmp_path, figures, period=None, published=None, metric="area_cleared"):
    return choose(build(tmp_path / "geodata", figures, published), period or Period(), metric)


def choose(data, period, metric="area_cleared"):
    choice = figure_index(data).choose(metric, period, "AZ")
    return None if choice is None else (choice.figure["figure_id"], choice.reason, choice.alternatives)


def test_rule_1_an_unflagged_figure_wins_over_a_later_flagged_one(tmp_path):
    figs = [figure("old", 100, "2024-01-31"), figure("late-flagged", 200, "2024-06-30", flag="uncertain")]
    assert chosen(tmp_path, figs) == ("old", "unflagged", 1)


def test_rule_1_holds_as_of_a_date_too(tmp_path):
    figs = [
        figure("old", 100, "2024-01-31"),
        figure("late-flagged", 200, "2024-06-30", flag="date_inferred"),
        figure("later", 300, "2024-12-31"),
    ]
    assert chosen(tmp_path, figs, Period(as_of=date(2024, 7, 31))) == ("old", "unflagged", 1)


def test_rule_2_the_latest_as_of_date_wins_even_over_an_exact_figure(tmp_path):
    figs = [figure("exact-old", 100123, "2024-01-31"), figure("rounded-new", 150000, "2024-06-30", qualifier="about")]
    assert chosen(tmp_path, figs) == ("rounded-new", "latest", 1)


def test_rule_2_figures_after_the_chosen_date_are_not_candidates(tmp_path):
    data = build(tmp_path / "geodata", [figure("jan", 100, "2024-01-31"), figure("jun", 150, "2024-06-30")])
    assert choose(data, Period(as_of=date(2024, 3, 31))) == ("jan", "only", 0)
    assert choose(data, Period(as_of=date(2023, 12, 31))) is None
    assert choose(data, Period()) == ("jun", "latest", 1)


def test_rule_3_a_figure_without_qualifier_wins_over_a_qualified_one(tmp_path):
    figs = [figure("about", 100000, "2024-06-30", qualifier="about"), figure("exact", 99876, "2024-06-30")]
    assert chosen(tmp_path, figs) == ("exact", "exact", 1)


def test_rule_3_more_significant_digits_win_over_fewer(tmp_path):
    figs = [figure("a-rounded", 53100, "2023-12-31"), figure("z-precise", 53081, "2023-12-31")]
    assert chosen(tmp_path, figs) == ("z-precise", "exact", 1)


def test_rule_3_comes_before_rule_4_an_exact_figure_dated_to_the_month_beats_a_rounded_one_dated_to_the_day(tmp_path):
    figs = [figure("a-rounded-day", 1000, "2024-06-30", qualifier="about"), figure("z-exact-month", 990, "2024-06")]
    assert chosen(tmp_path, figs) == ("z-exact-month", "exact", 1)


def test_rule_4_a_figure_dated_to_the_day_wins_over_one_dated_to_the_month(tmp_path):
    figs = [figure("a-month", 101, "2024-06"), figure("z-day", 102, "2024-06-30")]
    assert chosen(tmp_path, figs) == ("z-day", "precise_date", 1)


def test_rule_4_a_month_wins_over_a_year(tmp_path):
    figs = [figure("a-year", 101, "2024"), figure("z-month", 102, "2024-12")]
    assert chosen(tmp_path, figs) == ("z-month", "precise_date", 1)


def test_rule_4_comes_before_rule_5_the_day_beats_a_newer_source_dated_to_the_month(tmp_path):
    figs = [
        figure("z-day-old-source", 101, "2024-06-30"),
        figure("a-month-new-source", 102, "2024-06", source_id="src-new"),
    ]
    assert chosen(tmp_path, figs) == ("z-day-old-source", "precise_date", 1)


def test_rule_5_the_most_recently_published_source_wins(tmp_path):
    figs = [figure("a-old-source", 101, "2024-06-30"), figure("z-new-source", 102, "2024-06-30", source_id="src-new")]
    assert chosen(tmp_path, figs) == ("z-new-source", "latest_published", 1)


def test_rule_5_an_undated_source_counts_as_the_oldest(tmp_path):
    figs = [figure("a-undated", 101, "2024-06-30", source_id="src-undated"), figure("z-dated", 102, "2024-06-30")]
    assert chosen(tmp_path, figs, published={"src-undated": ""}) == ("z-dated", "latest_published", 1)


def test_last_tie_break_is_the_figure_id(tmp_path):
    figs = [figure("zz-second", 101, "2024-06-30"), figure("aa-first", 102, "2024-06-30")]
    assert chosen(tmp_path, figs) == ("aa-first", "latest_published", 1)


def test_a_single_figure_is_chosen_as_the_only_one(tmp_path):
    assert chosen(tmp_path, [figure("one", 100, "2024-06-30")]) == ("one", "only", 0)


def test_running_totals_since_before_the_war_are_another_quantity(tmp_path):
    figs = [figure("since-1991", 3400, "2024-06-30", metric="victims", period_start="1991")]
    assert chosen(tmp_path, figs, metric="victims") is None


def test_a_year_is_chosen_among_that_years_figures_by_the_same_rules(tmp_path):
    figs = [
        figure("a-pm", 62000, "2024-12-31", period_type="year", period_start="2024-01-01"),
        figure("z-anama", 62023.9, "2024-12-31", period_type="year", period_start="2024-01-01"),
        figure("other-year", 41915, "2022-12-31", period_type="year", period_start="2022-01-01"),
    ]
    assert chosen(tmp_path, figs, Period(year=2024)) == ("z-anama", "exact", 1)
