"""Plans against results, the State Programme's target and the projection as the pages
draw them (AppTest), checked against figures and years computed from the CSV files
without the app's code (expected.py, projection_expected.py)."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import pyarrow as pa
import pytest
from expected import en_number, latest_cumulative, national_year, rows
from paths import GEODATA
from projection_expected import estimate_rows, expected_year
from streamlit.testing.v1 import AppTest
from test_pages import card, cards_shown, choose, run_app, shown

TRENDS = "src/dashboard/ui/pages/trends_page.py"


def trends(**query: str) -> AppTest:
    at = run_app(**query)
    at.switch_page(TRENDS).run()
    assert not at.exception, at.exception
    return at


def chart_tables(at: AppTest, column: str) -> list[pa.Table]:
    """The data of every chart layer that has a column."""
    out = []
    for chart in at.get("vega_lite_chart"):
        for d in chart.proto.datasets:
            table = pa.ipc.open_stream(d.data.data).read_all()
            if column in table.column_names:
                out.append(table)
    return out


def projection_block(at: AppTest) -> dict[str, object]:
    """The projection's words as the page drew them (one HTML block, parsed as XML)."""
    blocks = [h.proto.body for h in at.get("html") if h.proto.body.startswith("<section class='projection")]
    assert len(blocks) == 1
    root = ET.fromstring(blocks[0])
    text = {el.get("class"): "".join(el.itertext()) for el in root if el.get("class")}
    caveats = ["".join(li.itertext()) for li in root.find("ul[@class='projection-caveats']")]
    return {"year": text["projection-year"], "statement": text["projection-statement"], "caveats": caveats}


def default_estimate() -> dict[str, str]:
    hazardous = [r for r in estimate_rows() if r["metric"] == "hazardous_area"]
    return max(hazardous, key=lambda r: r["period_end"])


@pytest.fixture(scope="module")
def default_trends() -> AppTest:
    return trends()


def test_each_years_plan_is_drawn_beside_its_result(default_trends):
    (table,) = chart_tables(default_trends, "kind")
    drawn = {(r["year"], r["kind"]): r for r in table.to_pylist()}
    planned_years = {
        int(r["period_end"][:4])
        for r in rows("clearance")
        if r["metric"] == "area_planned" and r["area"] == "AZ" and r["period_type"] == "year"
    }
    assert planned_years >= {2022, 2024, 2025, 2026}
    for year in planned_years:
        plan = national_year("clearance", "area_planned", year)
        assert drawn[(year, "plan")]["value"] == float(plan["value"])
        assert drawn[(year, "plan")]["value_text"] == shown(plan, "ha")
        result = national_year("clearance", "area_cleared", year)
        if result is None:
            assert (year, "result") not in drawn
            continue
        assert drawn[(year, "result")]["value"] == float(result["value"])
        difference = float(result["value"]) - float(plan["value"])
        assert drawn[(year, "result")]["vs_plan"] == f"{en_number(str(abs(difference)))} ha more than planned"
    # both kinds of bar carry their issuer and source for the tooltip
    assert all(r["issuing_body"] and r["source"] for r in drawn.values())


def test_the_state_programme_target_lies_on_the_running_total(default_trends):
    (target,) = chart_tables(default_trends, "level")
    programme = [
        r
        for r in rows("clearance")
        if r["metric"] == "area_planned" and r["area"] == "AZ" and r["period_type"] == "period"
    ]
    last = max(programme, key=lambda r: r["period_end"])
    baseline = latest_cumulative("clearance", "area_cleared", as_of=f"{int(last['period_start'][:4]) - 1}-12-31")
    assert target.column("level").to_pylist() == [float(last["value"]) + float(baseline["value"])]
    text = target.column("text").to_pylist()[0]
    assert f"{shown(last, 'ha')} in {last['period_start'][:4]}–{last['period_end'][:4]}" in text
    assert f"({last['issuing_body']}, " in text  # who set the target, as the file names it
    assert f"{en_number(baseline['value'])} ha" in text  # the baseline is said, not hidden


def test_the_projection_states_its_year_and_every_assumption(default_trends):
    block = projection_block(default_trends)
    estimate = default_estimate()
    assert block["year"] == str(expected_year("last_year", estimate["figure_id"]))
    statement = block["statement"]
    assert f"the hazardous area is {shown(estimate, 'ha')}, as ANAMA estimated (16 October 2024)" in statement
    last = national_year("clearance", "area_cleared", 2025)
    assert f"continues at {en_number(last['value'])} ha a year, as in 2025 (ANAMA)" in statement
    assert statement.endswith(f"that area would be cleared in {block['year']}.")
    caveats = " ".join(block["caveats"])
    assert "not a forecast" in caveats
    assert "Survey can shrink or grow the estimate" in caveats
    assert "may not be the same kind of area" in caveats


def test_the_projection_in_azerbaijani():
    block = projection_block(trends(lang="az"))
    year = expected_year("last_year", default_estimate()["figure_id"])
    assert block["year"] == str(year)
    assert block["statement"].startswith("Fərz edək ki, təhlükəli ərazi")
    assert f"{year}-cu ildə təmizlənərdi" in block["statement"]  # 2039: doqquz -> -cu
    assert "proqnoz deyil" in " ".join(block["caveats"])


def test_pace_and_estimate_change_the_year_and_live_in_the_url():
    at = trends()
    default = default_estimate()["figure_id"]
    assert "pace" not in at.query_params and "estimate" not in at.query_params
    seen = set()
    for pace in ("three_years", "plan", "last_year"):
        choose(at, pace=pace)
        assert projection_block(at)["year"] == str(expected_year(pace, default))
        assert at.query_params.get("pace") == (None if pace == "last_year" else pace)
        seen.add(projection_block(at)["year"])
    smallest = min(estimate_rows(), key=lambda r: float(r["value"]))
    choose(at, estimate=smallest["figure_id"])
    assert at.query_params["estimate"] == smallest["figure_id"]
    assert projection_block(at)["year"] == str(expected_year("last_year", smallest["figure_id"]))
    seen.add(projection_block(at)["year"])
    assert len(seen) >= 2  # the choices do move the year


def test_a_link_opens_on_its_pace_and_estimate_and_a_crafted_one_on_the_default():
    smallest = min(estimate_rows(), key=lambda r: float(r["value"]))
    at = trends(pace="plan", estimate=smallest["figure_id"])
    assert projection_block(at)["year"] == str(expected_year("plan", smallest["figure_id"]))
    crafted = trends(pace="<script>", estimate="../../etc/passwd")
    assert projection_block(crafted)["year"] == str(expected_year("last_year", default_estimate()["figure_id"]))


def card_delta(at: AppTest, label: str) -> str:
    blocks = [h.proto.body for h in at.get("html") if h.proto.body.startswith("<div class='cards")]
    for section in ET.fromstring(blocks[0]).iter("section"):
        if "".join(section.find("h3").itertext()) == label:
            return "".join(section.find("p[@class='card-delta']").itertext())
    raise AssertionError(f"no card {label!r}")


def source_line(source_id: str) -> str:
    with (GEODATA / "sources.csv").open(encoding="utf-8") as f:
        src = next(r for r in csv.DictReader(f) if r["source_id"] == source_id)
    return f"{src['publisher']}: {src['title']}"


def test_the_against_the_plan_card_on_the_map_page():
    at = run_app()
    toggle = at.toggle(key="card_plan")
    assert toggle.label == "Card: against the plan" and toggle.value is False
    assert "Against the plan" not in [c.label for c in cards_shown(at)]
    toggle.set_value(True).run()
    assert at.query_params["cards"] == "plan"
    plan_card = card(at, "Against the plan")
    result = national_year("clearance", "area_cleared", 2025)
    plan = national_year("clearance", "area_planned", 2025)
    later = national_year("clearance", "area_planned", 2026)
    assert plan_card.value == shown(result, "ha")
    assert plan_card.caption == f"2025: planned {shown(plan, 'ha')} (Prime Minister); cleared: ANAMA"
    difference = en_number(str(float(result["value"]) - float(plan["value"])))
    assert card_delta(at, "Against the plan") == (
        f"{difference} ha more than planned · Plan for 2026: {shown(later, 'ha')}"
    )
    for figure in (result, plan, later):  # every figure's source, one click away
        assert source_line(figure["source_id"]) in plan_card.source
    # a link keeps the card; a year view compares that year's plan and result
    year_view = run_app(cards="plan", period="2024")
    assert year_view.toggle(key="card_plan").value is True
    assert card(year_view, "Against the plan").value == shown(national_year("clearance", "area_cleared", 2024), "ha")
    assert card(run_app(cards="plan", period="2023"), "Against the plan").value == "no data"  # no plan for 2023
