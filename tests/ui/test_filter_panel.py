"""What the browser's filter panel sends is checked before it reaches session state."""

from __future__ import annotations

from datetime import date

from dashboard.ui.components.filter_panel import checked_pick


def test_a_well_formed_choice_passes_with_its_date_read():
    pick = {
        "region": ["Karabakh"],
        "district": ["AZ-CAB", "AZ-FUZ"],
        "metric": "uxo",
        "period": "as_of",
        "as_of": "2023-06-30",
        "status": ["dated"],
    }
    assert checked_pick(pick) == pick | {"as_of": date(2023, 6, 30)}


def test_wrong_types_are_dropped_not_passed_on():
    pick = {"region": "Karabakh", "district": [1, "AZ-CAB", None], "metric": 5, "as_of": "2023-02-30"}
    assert checked_pick(pick) == {"region": [], "district": ["AZ-CAB"], "status": [], "as_of": None}


def test_anything_but_a_mapping_changes_nothing():
    assert checked_pick(None) == {}
    assert checked_pick(["uxo"]) == {}
