"""Choices are remembered per dataset and arguments; what a caller does with its copy
never changes what the next caller gets."""

from __future__ import annotations

import pytest
from paths import GEODATA

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
