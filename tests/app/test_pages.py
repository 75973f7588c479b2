"""The pages as Streamlit runs them (AppTest, no browser), checked against figures
computed independently from the geodata files (tests/app/expected.py)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
from expected import district_year, en_number, latest_cumulative, national_year, rows
from paths import GEODATA, REPO
from settlements_expected import returns_known_by
from streamlit.testing.v1 import AppTest


def run_app(**query: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def filter_panel(at: AppTest) -> dict:
    """What the sidebar's filter panel was given to draw: labels, options, values."""
    (panel,) = at.get("bidi_component")
    return json.loads(panel.proto.json)


def choose(at: AppTest, **values: object) -> AppTest:
    """What the panel does on a change: the new values go to session state, then a rerun."""
    for key, value in values.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


@dataclass(frozen=True)
class ShownCard:
    label: str
    value: str
    caption: str
    source: str


def cards_shown(at: AppTest) -> list[ShownCard]:
    """The metric cards as the page drew them (one HTML block, parsed as XML)."""
    blocks = [h.proto.body for h in at.get("html") if h.proto.body.startswith("<div class='cards")]
    assert len(blocks) <= 1, "one block of cards per page"
    out = []
    for block in blocks:
        for section in ET.fromstring(block).iter("section"):
            text = {el.get("class"): "".join(el.itertext()) for el in section}
            source = "".join(section.find("details/p").itertext()) if section.find("details/p") is not None else ""
            out.append(ShownCard(text["card-label"], text["card-value"], text["card-caption"], source))
    return out


def card(at: AppTest, label: str) -> ShownCard:
    found = [c for c in cards_shown(at) if c.label == label]
    assert found, f"no card {label!r}; cards: {[c.label for c in cards_shown(at)]}"
    return found[0]


def shown(row: dict[str, str], unit: str) -> str:
    words = {
        "": "",
        "over": "over ",
        "about": "about ",
        "nearly": "nearly ",
        "at least": "at least ",
        "up to": "up to ",
    }
    return f"{words[row['qualifier']]}{en_number(row['value'])} {unit}"


@pytest.fixture(scope="module")
def default_app() -> AppTest:
    return run_app()


def test_default_view_shows_latest_national_running_totals(default_app):
    ha = latest_cumulative("clearance", "area_cleared")
    assert card(default_app, "Hectares cleared").value == shown(ha, "ha")
    victims = latest_cumulative("casualties", "victims")
    assert card(default_app, "Mine victims since Nov 2020").value == shown(victims, "people")
    ap = latest_cumulative("clearance", "ap_mines")
    assert card(default_app, "Anti-personnel mines").value == shown(ap, "mines")


def test_year_view_shows_the_years_national_figure_and_its_issuer():
    at = run_app(period="2023")
    expected = national_year("clearance", "area_cleared", 2023)
    assert expected["value"] == "53081" and expected["issuing_body"] == "Cabinet of Ministers"
    c = card(at, "Hectares cleared")
    assert c.value == "53,081 ha"
    assert "Cabinet of Ministers" in c.caption


def test_district_filter_shows_the_district_figure():
    at = run_app(period="2023", district="AZ-CAB")
    expected = district_year("area_cleared", "AZ-CAB", 2023)
    assert expected is not None
    assert card(at, "Hectares cleared").value == shown(expected, "ha")
    assert card(at, "Hectares cleared").value == "14,016.7 ha"


def test_several_districts_are_summed_and_say_so():
    at = run_app(period="2023", district=["AZ-CAB", "AZ-FUZ"])
    parts = [district_year("area_cleared", c, 2023) for c in ("AZ-CAB", "AZ-FUZ")]
    total = sum(float(p["value"]) for p in parts)
    assert card(at, "Hectares cleared").value.endswith(f"{en_number(str(total))} ha")
    assert "Sum of 2 district figures" in card(at, "Hectares cleared").caption


def test_one_region_sums_its_districts_and_never_shows_a_national_figure_as_its_own():
    at = run_app(period="2023", region="East Zangezur")
    doc = json.loads((GEODATA / "boundaries" / "districts.geojson").read_text(encoding="utf-8"))
    codes = [f["properties"]["code"] for f in doc["features"] if f["properties"]["economic_region"] == "East Zangezur"]
    parts = [district_year("area_cleared", c, 2023) for c in codes]
    assert all(parts), "every East Zangezur district has a 2023 figure"
    total = sum(float(p["value"]) for p in parts)
    assert total != float(national_year("clearance", "area_cleared", 2023)["value"])
    area = card(at, "Hectares cleared")
    assert area.value == f"{en_number(str(total))} ha"
    assert f"Sum of {len(codes)} district figures" in area.caption
    labels = [c.label for c in cards_shown(at)]
    assert "Families returned" not in labels and "People returned" not in labels
    assert card(at, "Mine victims").caption.startswith("Whole country, not only the selected area")


def test_no_region_ticked_means_both_and_the_panel_says_so(default_app):
    assert filter_panel(default_app)["region"]["help"] is None
    at = choose(run_app(period="2023"), region=[])
    assert filter_panel(at)["region"]["help"] == "None ticked: both regions."
    national = national_year("clearance", "area_cleared", 2023)["value"]
    assert card(at, "Hectares cleared").value == f"{en_number(national)} ha"


def test_a_district_without_figures_shows_no_data_not_zero():
    at = run_app(metric="ap_mines", period="cumulative", district="AZ-LAC")
    assert not [r for r in rows("clearance") if r["metric"] == "ap_mines" and r["area"] == "AZ-LAC"]
    assert card(at, "Anti-personnel mines").value == "no data"


def test_azerbaijani_labels_and_number_format():
    at = run_app(lang="az", period="2023")
    assert card(at, "Təmizlənmiş ərazi").value == "53\u00a0081 ha"


def test_filters_read_and_write_the_url():
    at = run_app(metric="uxo", period="2024", region="East Zangezur")
    panel = filter_panel(at)
    assert (panel["metric"]["value"], panel["period"]["value"]) == ("uxo", "2024")
    assert panel["region"]["value"] == ["East Zangezur"]
    doc = json.loads((GEODATA / "boundaries" / "districts.geojson").read_text(encoding="utf-8"))
    east = {f["properties"]["code"] for f in doc["features"] if f["properties"]["economic_region"] == "East Zangezur"}
    assert {code for code, _ in panel["district"]["options"]} == east
    choose(at, metric="victims")
    assert at.query_params["metric"] == "victims"
    assert filter_panel(at)["metric"]["value"] == "victims"


def test_reset_is_offered_only_away_from_the_default_view(default_app):
    assert filter_panel(default_app)["reset"] is None
    at = run_app(metric="uxo", district="AZ-CAB")
    reset = filter_panel(at)["reset"]
    assert reset["label"] == "Reset filters"
    assert reset["value"] == {
        "region": ["Karabakh", "East Zangezur"],
        "district": [],
        "metric": "area_cleared",
        "period": "cumulative",
        "as_of": None,
        "status": ["dated", "undated"],
    }


def test_a_crafted_link_or_message_cannot_set_an_unknown_value():
    at = run_app(metric="<script>", period="1999", region="Nowhere", status="lost")
    panel = filter_panel(at)
    assert (panel["metric"]["value"], panel["period"]["value"]) == ("area_cleared", "cumulative")
    assert set(panel["region"]["value"]) <= {"Karabakh", "East Zangezur"}
    assert set(panel["status"]["value"]) <= {"dated", "undated"}
    choose(at, metric="not-a-metric", district=["AZ-XXX", "AZ-CAB"])
    panel = filter_panel(at)
    assert panel["metric"]["value"] == "area_cleared" and panel["district"]["value"] == ["AZ-CAB"]


def test_running_total_on_a_chosen_date_uses_the_latest_figure_by_then(default_app):
    assert filter_panel(default_app)["as_of"]["value"] is None
    expected = latest_cumulative("clearance", "area_cleared", as_of="2023-06-30")
    assert expected is not None
    assert expected["value"] != latest_cumulative("clearance", "area_cleared")["value"]
    at = run_app(period="as_of", as_of="2023-06-30")
    assert filter_panel(at)["as_of"]["value"] == "2023-06-30"
    assert card(at, "Hectares cleared").value == shown(expected, "ha")
    # Links made before the date option existed still open on the same view.
    old = run_app(period="cumulative", as_of="2023-06-30")
    assert filter_panel(old)["period"]["value"] == "as_of"
    assert card(old, "Hectares cleared").value == shown(expected, "ha")
    # Leaving the date option drops the date from the URL.
    choose(at, period="cumulative")
    assert "as_of" not in at.query_params and "period" not in at.query_params
    assert card(at, "Hectares cleared").value == shown(latest_cumulative("clearance", "area_cleared"), "ha")


def test_the_map_gets_the_selected_districts_and_settlements(default_app):
    maps = [c for c in default_app.get("component_instance")]
    assert len(maps) == 1
    args = json.loads(maps[0].proto.json_args)
    assert args["returned_objects"] == []
    script = args["script"] + json.dumps(args.get("feature_group", ""))
    assert "Jabrayil" in script


def map_table(at: AppTest) -> dict[str, list[str]]:
    """The map's figures table as the page drew it: district name -> its cells."""
    blocks = [h.proto.body for h in at.get("html") if "figures-table" in h.proto.body]
    assert blocks, "no figures table on the map page"
    table = ET.fromstring(blocks[0]).find("table")
    return {
        "".join(tr.find("th").itertext()): ["".join(td.itertext()) for td in tr.findall("td")]
        for tr in table.find("tbody")
    }


def test_the_map_table_gives_each_districts_figure_as_text():
    at = run_app(period="2023")
    table = map_table(at)
    features = json.loads((GEODATA / "boundaries" / "districts.geojson").read_text(encoding="utf-8"))["features"]
    names = {f["properties"]["code"]: f["properties"]["name_en"] for f in features}
    with_figure = 0
    for code, name in names.items():
        expected = district_year("area_cleared", code, 2023)
        if name not in table:
            continue
        value, period = table[name][0], table[name][1]
        if expected is None:
            assert value == "no data" and period == "", name
        else:
            with_figure += 1
            assert value == shown(expected, "ha"), name
            assert period == "in 2023", name
    assert with_figure >= 5
    assert table["Jabrayil"][0] == "14,016.7 ha"


def test_trends_page_plots_every_sourced_running_total():
    import pyarrow as pa

    at = run_app()
    at.switch_page("src/dashboard/ui/pages/trends_page.py").run()
    assert not at.exception
    charts = at.get("vega_lite_chart")
    assert len(charts) == 9  # with plans against results and the projection
    tables = [pa.ipc.open_stream(d.data.data).read_all() for d in charts[0].proto.datasets]
    # the running total's points (the State Programme's target is a layer of its own)
    plotted = sum(t.num_rows for t in tables if "end_date" in t.column_names)
    expected = [
        r
        for r in rows("clearance")
        if r["metric"] == "area_cleared"
        and r["area"] == "AZ"
        and r["subset"] == ""
        and r["period_type"] == "cumulative"
        and (r["period_start"] == "" or int(r["period_start"][:4]) >= 2020)
    ]
    assert plotted == len(expected) > 20


def test_sources_page_lists_every_source():
    at = run_app()
    at.switch_page("src/dashboard/ui/pages/sources_page.py").run()
    assert not at.exception
    import csv

    from paths import GEODATA

    with (GEODATA / "sources.csv").open(encoding="utf-8") as f:
        n_sources = sum(1 for _ in csv.DictReader(f))
    tables = at.dataframe
    assert any(len(t.value) == n_sources for t in tables)


def test_settlement_status_filter_counts_only_dated_returns():
    import csv
    from datetime import date

    from paths import GEODATA

    with (GEODATA / "units.csv").open(encoding="utf-8") as f:
        units = {u["unit_id"] for u in csv.DictReader(f)}
    doc = json.loads((GEODATA / "boundaries" / "districts_display.geojson").read_text(encoding="utf-8"))
    places = units | {
        x["properties"]["code"]
        for x in doc["features"]
        if x["properties"]["economic_region"] in ("Karabakh", "East Zangezur")
    }
    with (GEODATA / "settlements.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["district"] in places]
    today = date.today().isoformat()
    dated = sum(1 for r in rows if r["first_return"] and r["first_return"] <= today)
    at = run_app(status="dated")
    assert card(at, "Settlements with returns").value == str(dated)
    at_all = run_app()
    assert card(at_all, "Settlements with returns").value == str(len(rows))
    assert dated < len(rows)


def _settlements_of(codes: set[str]) -> list[dict[str, str]]:
    import csv

    with (GEODATA / "settlements.csv").open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["district"] in codes]


def _en_date(iso: str) -> str:
    import calendar

    parts = iso.split("-")
    if len(parts) == 1:
        return iso
    if len(parts) == 2:
        return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    y, m, d = parts
    return f"{int(d)} {calendar.month_name[int(m)]} {y}"


def _last_day(iso: str) -> str:
    """The last day a partial ISO date ("2024", "2024-05") covers."""
    import calendar

    parts = iso.split("-")
    if len(parts) == 1:
        return f"{iso}-12-31"
    if len(parts) == 2:
        return f"{iso}-{calendar.monthrange(int(parts[0]), int(parts[1]))[1]:02d}"
    return iso


def _latest_return(settlements: list[dict[str, str]], cutoff: str) -> str | None:
    """The latest date the returns of some settlements are known by, up to ``cutoff``:
    their first returns (settlements.csv) and their families- and people-returned
    figures (figures/returns.csv), as the files write it."""
    import csv

    ids = {s["settlement_id"] for s in settlements}
    dates = [s["first_return"] for s in settlements if s["first_return"]]
    with (GEODATA / "figures" / "returns.csv").open(encoding="utf-8") as f:
        dates += [
            r["period_end"]
            for r in csv.DictReader(f)
            if r["area"] in ids and r["metric"] in ("families_returned", "people_returned")
        ]
    known = [d for d in dates if _last_day(d) <= cutoff]
    return max(known, key=lambda d: (_last_day(d), d)) if known else None


def test_the_settlements_card_is_dated_by_the_latest_return_it_counts_never_today():
    from datetime import date

    # Zangilan alone in 2023: the settlements whose first return came by 31 December 2023,
    # dated by the latest returns figure of 2023 (not by their first return, long before).
    counted = [r for r in _settlements_of({"AZ-ZAN"}) if returns_known_by(r, "2023-12-31")]
    latest = _latest_return(counted, "2023-12-31")
    assert latest and latest > max(r["first_return"] for r in counted if r["first_return"])
    at = run_app(district="AZ-ZAN", period="2023")
    shown_card = card(at, "Settlements with returns")
    assert shown_card.value == str(len(counted))
    assert shown_card.caption.startswith(f"as of {_en_date(latest)} ·"), shown_card.caption
    # Fuzuli: the latest figure is dated to a year only, and the card keeps that precision.
    fuzuli = _settlements_of({"AZ-FUZ"})
    year_only = _latest_return(fuzuli, "9999-12-31")
    assert year_only and len(year_only) == 4
    assert card(run_app(district="AZ-FUZ"), "Settlements with returns").caption.startswith(
        f"as of {_en_date(year_only)} ·"
    )
    # Jabrayil in 2023: returns began after 2023 (Khorovlu's first return is not dated,
    # and its first returns figure is later), so none counts yet, and no date is shown.
    jabrayil_rows = _settlements_of({"AZ-CAB"})
    assert any(not r["first_return"] for r in jabrayil_rows)
    assert jabrayil_rows and not any(returns_known_by(r, "2023-12-31") for r in jabrayil_rows)
    jabrayil = card(run_app(district="AZ-CAB", period="2023"), "Settlements with returns")
    assert jabrayil.value == "0"
    assert jabrayil.caption == "Counted from the settlements in this dashboard's data.", jabrayil.caption
    # ... and in the latest view, all of them, dated by their latest returns figure
    latest_jabrayil = card(run_app(district="AZ-CAB"), "Settlements with returns")
    assert latest_jabrayil.value == str(len(jabrayil_rows))
    # The default view: the latest return date of all settlements counted, not today's date.
    everything = _latest_return(rows_of_settlements(), date.today().isoformat())
    default_caption = card(run_app(), "Settlements with returns").caption
    assert default_caption.startswith(f"as of {_en_date(everything)} ·"), default_caption
    assert _en_date(date.today().isoformat()) not in default_caption or everything == date.today().isoformat()


def rows_of_settlements() -> list[dict[str, str]]:
    import csv

    with (GEODATA / "units.csv").open(encoding="utf-8") as f:
        units = {u["unit_id"] for u in csv.DictReader(f)}
    doc = json.loads((GEODATA / "boundaries" / "districts_display.geojson").read_text(encoding="utf-8"))
    regions = ("Karabakh", "East Zangezur")
    codes = units | {x["properties"]["code"] for x in doc["features"] if x["properties"]["economic_region"] in regions}
    return _settlements_of(codes)
