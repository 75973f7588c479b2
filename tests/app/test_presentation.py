"""Presentation mode as Streamlit runs it: every prepared view of geodata/presentation.csv
opens from its link and shows the cards it names, with figures computed independently
from the CSV files."""

from __future__ import annotations

import csv
import html
import json
import re
from datetime import date

import pytest
from expected import district_year, latest_cumulative, national_year
from paths import GEODATA
from projection_expected import expected_year
from settlements_expected import returns_known_by
from test_pages import card, cards_shown, run_app, shown
from test_plans_pages import default_estimate, projection_block

from dashboard.ui.text import WORD_JOINER

CARD_LABELS = {
    "area": "Hectares cleared",
    "ap": "Anti-personnel mines",
    "at": "Anti-tank mines",
    "uxo": "Unexploded ordnance",
    "settlements": "Settlements with returns",
    "families": "Families returned",
    "people": "People returned",
    "plan": "Against the plan",
}
NATIONAL = {
    "area": ("clearance", "area_cleared", "ha"),
    "ap": ("clearance", "ap_mines", "mines"),
    "at": ("clearance", "at_mines", "mines"),
    "uxo": ("clearance", "uxo", "items"),
    "families": ("returns", "families_returned", "families"),
    "people": ("returns", "people_returned", "people"),
}


def plain(markdown: str) -> str:
    """Markdown escaped by ``ui.text.md`` as a reader sees it: no backslash escapes, the
    colon's character reference resolved, no invisible word joiners."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown)).replace(WORD_JOINER, "")


def _csv(name: str) -> list[dict[str, str]]:
    with (GEODATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


VIEWS = sorted(_csv("presentation.csv"), key=lambda r: float(r["order"]))


def settlements_with_returns(codes: set[str], as_of: str) -> int:
    """Settlements with returns known by ``as_of`` (``settlements_expected``), in the given
    districts and units sharing one of them, or with no districts given, anywhere in
    Karabakh and East Zangezur."""
    regions = {"Karabakh", "East Zangezur"}
    if codes:
        units = {u["unit_id"] for u in _csv("units.csv") if set(u["members"].split()) & codes}
    else:
        doc = json.loads((GEODATA / "boundaries" / "districts_display.geojson").read_text(encoding="utf-8"))
        codes = {f["properties"]["code"] for f in doc["features"] if f["properties"]["economic_region"] in regions}
        units = {u["unit_id"] for u in _csv("units.csv") if u["economic_region"] in regions}
    places = codes | units
    return sum(1 for s in _csv("settlements.csv") if s["district"] in places and returns_known_by(s, as_of))


def test_the_file_holds_the_views_the_advocates_asked_for():
    assert [v["view_id"] for v in VIEWS] == [
        "overview",
        "jabrayil",
        "lachin",
        "kalbajar",
        "aghdam",
        "great-return",
        "years-ahead",
    ]


@pytest.mark.parametrize("view", VIEWS, ids=[v["view_id"] for v in VIEWS])
def test_each_prepared_view_shows_its_title_caption_and_cards(view):
    at = run_app(present="1", view=view["view_id"])
    assert [plain(t.value) for t in at.title] == [view["title_en"]]
    assert any(view["caption_en"] in plain(m.value) for m in at.markdown)
    keys = view["cards"].split()
    # the projection is not a card on screen: its chart and words replace the map
    assert [c.label for c in cards_shown(at)] == [CARD_LABELS[k] for k in keys if k != "projection"]
    if "projection" in keys:
        assert projection_block(at)["year"] == str(expected_year("last_year", default_estimate()["figure_id"]))
        assert not at.get("component_instance"), "a projection step shows no map"
    assert not at.get("bidi_component"), "presentation mode draws no filters"
    districts = set(view["districts"].split())
    period = view["period"]
    for key in (k for k in keys if k != "projection"):
        shown_value = card(at, CARD_LABELS[key]).value
        if key == "plan":  # the latest year with a plan and a result
            assert shown_value == shown(national_year("clearance", "area_cleared", 2025), "ha")
        elif key == "settlements":
            end = f"{period}-12-31" if period.isdigit() else date.today().isoformat()
            assert shown_value == str(settlements_with_returns(districts, end))
        elif districts:
            (code,) = districts
            expected = district_year(NATIONAL[key][1], code, int(period))
            assert expected is not None
            assert shown_value == shown(expected, NATIONAL[key][2])
        else:
            topic, metric, unit = NATIONAL[key]
            assert shown_value == shown(latest_cumulative(topic, metric), unit)


def test_azerbaijani_titles_and_captions():
    view = VIEWS[1]
    at = run_app(present="1", view=view["view_id"], lang="az")
    assert [t.value for t in at.title] == [view["title_az"]]
    assert any(view["caption_az"] in m.value.replace("\\", "") for m in at.markdown)


def test_next_and_previous_walk_the_views_in_order_and_exit_restores_the_filters():
    at = run_app(present="1")
    assert at.title[0].value == VIEWS[0]["title_en"]
    at.button(key="present_next").click().run()
    assert at.title[0].value == VIEWS[1]["title_en"]
    assert at.query_params["view"] == VIEWS[1]["view_id"]
    at.button(key="present_previous").click().run()
    assert at.title[0].value == VIEWS[0]["title_en"]
    assert at.button(key="present_previous").disabled
    at.button(key="present_exit").click().run()
    assert "present" not in at.query_params
    (panel,) = at.get("bidi_component")
    assert json.loads(panel.proto.json)["region"]["value"] == ["Karabakh", "East Zangezur"]


def test_an_unknown_view_in_a_link_opens_the_first_view():
    at = run_app(present="1", view="no-such-view")
    assert at.title[0].value == VIEWS[0]["title_en"]
