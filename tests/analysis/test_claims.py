"""The claim rules (README, "The claim check"), each with a constructed case: tolerance by
qualifier and precision, the figures before, during and after a claim's date, the four
verdicts and the reasons a claim cannot be checked."""

from __future__ import annotations

import pytest
from constructed import build, claim, figure

from dashboard.analysis.claims import check_claims, confirms, rounding_unit, value_range


@pytest.mark.parametrize(
    ("value", "qualifier", "unit"),
    [
        (185707, "", 1),
        (200000, "", 100000),
        (1500000, "", 100000),
        (62000, "", 1000),
        (62023.9, "", 0.1),
        (70, "", 1),  # a plain count: exact
        (3400, "", 1),
        (70, "about", 10),  # a qualified figure is rounded to its last non-zero digit
        (3400, "over", 100),
        (0, "", 1),
    ],
)
def test_rounding_unit(value, qualifier, unit):
    assert rounding_unit(value, qualifier) == pytest.approx(unit)


@pytest.mark.parametrize(
    ("value", "qualifier", "low", "high"),
    [
        (383, "", 382.5, 383.5),  # plain: half a unit either side
        (62000, "", 61500, 62500),
        (200000, "", 190000, 210000),  # half a unit is 50,000: capped at 5 %
        (185707, "about", 185706, 185708),  # about: one unit either side
        (1500000, "about", 1425000, 1575000),  # one unit is 100,000: capped at 5 %
        (3400, "over", 3400, 3500),  # over: up to one unit above
        (200000, "over", 200000, 220000),  # capped at 10 %
        (119000, "at least", 119000, 120000),
        (400, "up to", 360, 400),  # up to: one unit below, at most 10 %
        (120000, "nearly", 114000, 120000),  # nearly: one unit below, at most 5 %
        (1000, "nearly", 950, 1000),
    ],
)
def test_value_range_by_qualifier(value, qualifier, low, high):
    assert value_range(value, qualifier) == (pytest.approx(low), pytest.approx(high))


def fig(value, qualifier=""):
    return {"value": value, "qualifier": qualifier}


def test_ranges_that_only_touch_do_not_agree():
    assert not confirms(fig(382), fig(383))
    assert confirms(fig(383), fig(383))


def test_a_qualified_record_figure_confirms_a_claim_it_overlaps():
    assert confirms(fig(119000, "over"), fig(120000, "nearly"))
    assert confirms(fig(200000, "over"), fig(200000, "over"))
    assert not confirms(fig(12, "over"), fig(13, "over"))


def test_a_rounded_record_figure_cannot_confirm_a_precise_claim():
    assert not confirms(fig(400, "about"), fig(383))  # ranges overlap, but 400 is rounded to hundreds
    assert confirms(fig(383), fig(400, "about"))  # the other way round it can


def check(tmp_path, figures, *claims, published=None):
    data = build(tmp_path / "geodata", figures, published, list(claims))
    return {c.claim["claim_id"]: c for c in check_claims(data)}


def roles(result):
    return [(c.role, c.figure["figure_id"]) for c in result.compared]


SERIES = [
    figure("a-2023-12", 100000, "2023-12-31"),
    figure("b-2024-03", 120000, "2024-03-31"),
    figure("c-2024-06", 150000, "2024-06-30"),
    figure("d-2024-09", 170000, "2024-09-30"),
    figure("e-2025-01", 190000, "2025-01-31"),
]


def test_a_claim_dated_to_a_day_is_compared_with_the_figure_before_it_and_the_one_after(tmp_path):
    (result,) = check(tmp_path, SERIES, claim("c", 150000, "2024-08-15")).values()
    assert roles(result) == [("before", "c-2024-06"), ("after", "d-2024-09")]
    assert result.verdict == "matches" and result.matched["figure_id"] == "c-2024-06"


def test_a_figure_dated_on_the_claims_day_is_during_it(tmp_path):
    (result,) = check(tmp_path, SERIES, claim("c", 170000, "2024-09-30")).values()
    assert roles(result) == [("before", "c-2024-06"), ("during", "d-2024-09"), ("after", "e-2025-01")]
    assert result.verdict == "matches" and result.matched["figure_id"] == "d-2024-09"


def test_a_claim_dated_to_a_month_or_a_span_covers_every_figure_in_it(tmp_path):
    results = check(
        tmp_path,
        SERIES,
        claim("month", 120000, "2024-03"),
        claim("span", 150000, "2024-09", as_of_from="2024-02-01"),
    )
    assert roles(results["month"]) == [("before", "a-2023-12"), ("during", "b-2024-03"), ("after", "c-2024-06")]
    assert roles(results["span"]) == [
        ("before", "a-2023-12"),
        ("during", "b-2024-03"),
        ("during", "c-2024-06"),
        ("during", "d-2024-09"),
        ("after", "e-2025-01"),
    ]
    assert results["span"].verdict == "matches" and results["span"].matched["figure_id"] == "c-2024-06"


def test_a_later_figure_never_confirms_a_claim(tmp_path):
    (result,) = check(tmp_path, SERIES, claim("c", 170000, "2024-08-15")).values()
    assert [c.agrees for c in result.compared] == [False, True]  # it agrees with the figure after it
    assert result.verdict == "differs"
    assert result.reference["figure_id"] == "c-2024-06" and result.difference == 20000


def test_a_claim_that_repeats_an_older_figure_was_the_record_at_that_date(tmp_path):
    older = [figure("a-twin", 120000, "2023-06-30"), *SERIES]  # two older figures agree: the latest is named
    (result,) = check(tmp_path, older, claim("c", 120000, "2024-12-31")).values()
    assert result.verdict == "earlier"
    assert result.matched["figure_id"] == "b-2024-03"
    assert roles(result) == [("earlier", "b-2024-03"), ("before", "d-2024-09"), ("after", "e-2025-01")]


def test_a_differing_claim_is_measured_against_the_closest_figure_of_its_time(tmp_path):
    results = check(
        tmp_path,
        SERIES,
        claim("between", 160000, "2024-09", as_of_from="2024-04-01"),
        claim("above-all", 250000, "2024-09", as_of_from="2024-04-01"),
    )
    between = results["between"]
    assert between.verdict == "differs" and between.between
    assert between.reference["figure_id"] == "d-2024-09"  # 150,000 and 170,000 are as close: the later one
    assert between.difference == -10000
    above = results["above-all"]
    assert above.verdict == "differs" and not above.between
    assert above.reference["figure_id"] == "d-2024-09" and above.difference == 80000


def test_on_a_date_with_several_figures_the_picking_rules_choose_the_one_compared(tmp_path):
    figs = [
        figure("a-rounded", 150000, "2024-06-30", qualifier="about"),
        figure("z-exact", 149876, "2024-06-30"),
        figure("a-flagged", 151234, "2024-06-30", flag="uncertain"),
    ]
    (result,) = check(tmp_path, figs, claim("c", 150000, "2024-07-15", qualifier="about")).values()
    assert roles(result) == [("before", "z-exact")]
    assert result.verdict == "matches"


def test_a_flagged_figure_is_compared_like_any_other_when_it_stands_alone_on_its_date(tmp_path):
    figs = [figure("a", 100000, "2024-01-31"), figure("b-flagged", 200000, "2024-06-30", flag="date_inferred")]
    (result,) = check(tmp_path, figs, claim("c", 200000, "2024-07-01", qualifier="over")).values()
    assert result.verdict == "matches" and result.matched["figure_id"] == "b-flagged"


def test_cannot_be_checked_when_the_record_has_no_such_metric(tmp_path):
    (result,) = check(tmp_path, SERIES, claim("c", 95, "2024-06-30", metric="funding_share", unit="percent")).values()
    assert (result.verdict, result.reason, result.compared) == ("cannot_check", "no_metric", ())


def test_cannot_be_checked_when_no_figure_has_its_area_subset_or_kind_of_period(tmp_path):
    results = check(
        tmp_path,
        SERIES,
        claim("district", 5000, "2024-06-30", area="AZ-CAB"),
        claim("subset", 5000, "2024-06-30", subset="operator:ANAMA"),
        claim("estimate", 5000, "2024-06-30", period_type="estimate"),
    )
    assert {k: (r.verdict, r.reason) for k, r in results.items()} == dict.fromkeys(
        results, ("cannot_check", "no_figures")
    )


def test_cannot_be_checked_when_the_record_starts_after_the_claim(tmp_path):
    (result,) = check(tmp_path, SERIES, claim("c", 50000, "2023-06-30")).values()
    assert (result.verdict, result.reason) == ("cannot_check", "none_at_time")
    assert roles(result) == [("after", "a-2023-12")]


def test_running_totals_since_1991_and_since_the_war_are_separate_series(tmp_path):
    figs = [
        figure("since-war", 380, "2024-06-30", metric="victims"),
        figure("since-1991", 3435, "2024-04-24", metric="victims", period_start="1991"),
    ]
    results = check(
        tmp_path,
        figs,
        claim("war", 380, "2024-07-01", metric="victims", period_start="2020-11"),
        claim("1991", 3400, "2024-07-01", metric="victims", period_start="1991", qualifier="over"),
    )
    assert roles(results["war"]) == [("before", "since-war")]
    assert roles(results["1991"]) == [("before", "since-1991")]
    assert results["1991"].verdict == "matches"


def test_a_claim_for_one_year_is_compared_with_that_years_figures_only(tmp_path):
    figs = [
        figure("y2023", 53081, "2023-12-31", period_type="year", period_start="2023-01-01"),
        figure("y2022", 41915, "2022-12-31", period_type="year", period_start="2022-01-01"),
    ]
    (result,) = check(
        tmp_path, figs, claim("c", 53000, "2023", period_type="year", period_start="2023", qualifier="over")
    ).values()
    assert roles(result) == [("during", "y2023")]
    assert result.verdict == "matches"


def test_estimates_are_walked_by_date_like_running_totals(tmp_path):
    figs = [
        figure("est-2021", 1050, "2021", metric="district_area", period_type="estimate"),
        figure("est-2024", 1070, "2024-03-01", metric="district_area", period_type="estimate"),
    ]
    (result,) = check(
        tmp_path, figs, claim("c", 1050, "2024-06-30", metric="district_area", period_type="estimate", unit="km2")
    ).values()
    assert result.verdict == "earlier" and result.matched["figure_id"] == "est-2021"
