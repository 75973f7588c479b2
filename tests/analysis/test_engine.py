"""The figure index chooses exactly what the app chose before it (pandas over the whole
table per request), for every metric, subset, period and kind of area of the shipped data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from paths import GEODATA
from reference_choice import ranked_table, reference_choices

from dashboard.analysis.engine import figure_index
from dashboard.analysis.figures import headline, pick
from dashboard.analysis.selection import Period
from dashboard.data.dataset import Dataset
from dashboard.data.loader import load_dataset

KINDS = (("national",), ("district",), ("unit",), ("settlement",), ("national", "district", "unit", "settlement"))


@pytest.fixture(scope="module")
def data() -> Dataset:
    dataset = load_dataset(GEODATA).dataset
    assert dataset is not None
    return dataset


def periods(data: Dataset) -> list[Period]:
    """The latest figures, every year with a full-year figure, and "as of" every date a
    running total ends on, the day before it, and dates before and after all of them."""
    figs = data.figures
    years = sorted({int(y) for y in figs.loc[figs["period_type"].eq("year"), "start_date"].dt.year})
    ends = sorted({d.date() for d in figs.loc[figs["period_type"].eq("cumulative"), "end_date"]})
    dates = {d for e in ends for d in (e, e - timedelta(days=1))} | {ends[0] - timedelta(days=400)}
    return [Period(), *(Period(year=y) for y in years), *(Period(as_of=d) for d in sorted(dates))]


def test_every_choice_matches_the_reference(data):
    table = ranked_table(data.figures, data.sources)
    kind_of = dict(zip(data.figures["area"], data.figures["area_kind"], strict=False))
    index = figure_index(data)
    slots = list(data.figures[["metric", "subset"]].drop_duplicates().itertuples(index=False))
    compared = 0
    for period in periods(data):
        reference = reference_choices(table, period)
        for metric, subset in slots:
            for kinds in KINDS:
                expected = {
                    a: c for (m, s, a), c in reference.items() if (m, s) == (metric, subset) and kind_of[a] in kinds
                }
                got = {
                    area: (c.figure["figure_id"], c.reason, c.alternatives)
                    for area, c in index.choices(metric, period, kinds, subset).items()
                }
                assert got == expected, (metric, subset, period, kinds)
                compared += len(expected)
    assert compared > 20_000  # the comparison covered the data, not an empty set


def test_pick_and_headline_give_the_reference_choice(data):
    table = ranked_table(data.figures, data.sources)
    district = set(data.figures.loc[data.figures["area_kind"].eq("district"), "area"])
    for period in (Period(), Period(year=2023), Period(as_of=Period(year=2024).end)):
        reference = reference_choices(table, period)
        expected = sorted(
            (a, *c) for (m, s, a), c in reference.items() if m == "area_cleared" and not s and a in district
        )
        frame = pick(data, "area_cleared", period, ("district",))
        assert (
            list(zip(frame["area"], frame["figure_id"], frame["reason"], frame["alternatives"], strict=True))
            == expected
        )
        h = headline(data, "area_cleared", period)
        assert (h.figure["figure_id"], h.reason, h.alternatives) == reference[("area_cleared", "", "AZ")]
