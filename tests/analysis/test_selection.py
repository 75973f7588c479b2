from datetime import date

from dashboard.analysis.selection import Period


def test_period_round_trips_through_its_url_key():
    for period in (Period(), Period(year=2023), Period(as_of=date(2024, 12, 31))):
        assert Period.parse(period.key()) == period


def test_untrusted_period_values_fall_back_to_latest():
    for junk in (None, "", "2023; drop", "cumulative:2024-02-30", "cumulative:tomorrow", "99999"):
        assert Period.parse(junk) == Period()
    assert Period(year=2024).end == date(2024, 12, 31)
