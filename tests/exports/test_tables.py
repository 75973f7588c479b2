"""figures.csv and figures.geojson: the view's figures, each with its source, checked
against the figures read straight from geodata/*.csv."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
import raw
from settlements_expected import returns_known_by

from dashboard.analysis.selection import Period, Selection
from dashboard.exports import figures_csv, figures_geojson
from dashboard.i18n.format import fmt_value

YEAR_2023 = Selection(period=Period(year=2023))
JABRAYIL_2023 = Selection(districts=("AZ-CAB",), period=Period(year=2023))
JABRAYIL_LATEST = Selection(districts=("AZ-CAB",))


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark first, for Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def by_section(rows: list[dict[str, str]], section: str) -> dict[str, dict[str, str]]:
    return {r["key"]: r for r in rows if r["section"] == section}


def expected_year(codes: list[str], metric: str, year: int) -> dict[str, dict | None]:
    out = {}
    for code in codes:
        cands = raw.year_candidates(metric, code, year)
        assert len(cands) <= 1, cands  # one figure per district and year in the shipped data
        out[code] = cands[0] if cands else None
    return out


def assert_district_rows(rows: dict[str, dict[str, str]], expected: dict[str, dict | None]) -> None:
    assert set(rows) == set(expected)
    sources = raw.sources()
    for code, fig in expected.items():
        row = rows[code]
        if fig is None:
            assert row["value"] == "", code  # missing is empty, never 0
            assert row["status"] == "no data"
            assert row["source_id"] == "" and row["issuing_body"] == ""
            continue
        assert float(row["value"]) == float(fig["value"]), code
        assert row["status"] == "ok"
        assert row["qualifier"] == fig["qualifier"]
        assert row["unit"] == fig["unit"]
        assert row["period_type"] == fig["period_type"] and row["period_end"] == fig["period_end"]
        assert row["issuing_body"] == fig["issuing_body"]
        assert row["source_id"] == fig["source_id"]
        src = sources[fig["source_id"]]
        assert row["source_title"] == src["title"] and row["source_url"] == src["url"]
        assert row["source_published"] == src["published"]
        assert row["value_text"] == fmt_value(float(fig["value"]), fig["unit"], fig["qualifier"], "en")


def test_csv_all_districts_in_one_year(dataset):
    rows = read_csv(figures_csv(dataset, YEAR_2023, "en"))
    codes = raw.focus_codes()
    assert len(codes) == 15
    expected = expected_year(codes, "area_cleared", 2023)
    assert sum(v is None for v in expected.values()) >= 2  # the check covers "no data" too
    assert_district_rows(by_section(rows, "district"), expected)


def test_csv_all_districts_latest_running_totals(dataset):
    rows = read_csv(figures_csv(dataset, Selection(), "en"))
    codes = raw.focus_codes()
    expected = {c: raw.latest_running_total("area_cleared", c) for c in codes}
    assert expected["AZ-AGM"]["value"] == "17597"  # a newer flagged figure (8,200) is set aside
    assert_district_rows(by_section(rows, "district"), expected)


def test_csv_one_district(dataset):
    rows = read_csv(figures_csv(dataset, JABRAYIL_2023, "en"))
    assert_district_rows(by_section(rows, "district"), expected_year(["AZ-CAB"], "area_cleared", 2023))
    latest = read_csv(figures_csv(dataset, JABRAYIL_LATEST, "en"))
    assert_district_rows(by_section(latest, "district"), {"AZ-CAB": None})
    cards = by_section(latest, "card")
    assert cards["area"]["value"] == "" and cards["area"]["status"] == "no data"


def test_csv_cards_carry_the_national_figure_and_its_source(dataset):
    rows = read_csv(figures_csv(dataset, Selection(), "en"))
    card = by_section(rows, "card")["area"]
    fig = raw.latest_running_total("area_cleared", "AZ")
    assert card["area"] == "AZ"
    assert float(card["value"]) == float(fig["value"])
    assert card["qualifier"] == fig["qualifier"] and card["period_end"] == fig["period_end"]
    assert card["issuing_body"] == fig["issuing_body"] and card["source_id"] == fig["source_id"]
    assert card["source_url"] == raw.sources()[fig["source_id"]]["url"]
    assert card["value_text"] == fmt_value(float(fig["value"]), fig["unit"], fig["qualifier"], "en")


def test_csv_units_not_on_the_map(dataset):
    rows = read_csv(figures_csv(dataset, Selection(), "en"))
    units = by_section(rows, "unit")
    focus_units = {u["unit_id"] for u in raw.rows("units.csv") if u["economic_region"] in raw.FOCUS_REGIONS}
    expected = {u for u in focus_units if raw.latest_running_total("area_cleared", u) is not None}
    assert set(units) == expected
    for unit_id, row in units.items():
        fig = raw.latest_running_total("area_cleared", unit_id)
        assert float(row["value"]) == float(fig["value"]) and row["source_id"] == fig["source_id"]


def expected_settlements(selection: Selection, codes: set[str], end: date) -> dict[str, dict[str, str]]:
    """Settlements in the districts in focus or in units of the regions (sharing a
    district in focus when districts are picked) whose returns began by ``end``."""
    units = {
        u["unit_id"]
        for u in raw.rows("units.csv")
        if u["economic_region"] in raw.FOCUS_REGIONS and (not selection.districts or set(u["members"].split()) & codes)
    }
    out = {}
    for s in raw.rows("settlements.csv"):
        if s["district"] in codes | units and returns_known_by(s, end.isoformat()):
            out[s["settlement_id"]] = s
    return out


@pytest.mark.parametrize(
    ("selection", "codes"),
    [(YEAR_2023, set(raw.focus_codes())), (JABRAYIL_LATEST, {"AZ-CAB"})],
    ids=["all-2023", "jabrayil"],
)
def test_csv_settlements_shown(dataset, selection, codes):
    rows = [r for r in read_csv(figures_csv(dataset, selection, "en")) if r["section"] == "settlement"]
    end = min(selection.period.end, date.today())
    expected = expected_settlements(selection, codes, end)
    assert {r["key"] for r in rows} == set(expected)
    for r in rows:
        s = expected[r["key"]]
        assert r["on_map"] == str(bool(s["latitude"]))
        if s["latitude"]:
            assert float(r["latitude"]) == float(s["latitude"])
        if r["status"] == "no data":
            assert r["value"] == ""
        else:
            assert float(r["value"]) > 0 and r["source_id"] in raw.sources()


@pytest.mark.parametrize("selection", [YEAR_2023, JABRAYIL_2023], ids=["all-2023", "jabrayil-2023"])
def test_geojson_districts_and_settlements(dataset, selection):
    data = json.loads(figures_geojson(dataset, selection, "en"))
    assert data["type"] == "FeatureCollection"
    districts = {f["properties"]["code"]: f for f in data["features"] if f["properties"]["kind"] == "district"}
    codes = list(selection.districts) or raw.focus_codes()
    expected = expected_year(codes, "area_cleared", 2023)
    assert set(districts) == set(expected)
    for code, fig in expected.items():
        props = districts[code]["properties"]
        assert districts[code]["geometry"]["type"] in ("Polygon", "MultiPolygon")
        if fig is None:
            assert props["value"] is None and props["status"] == "no data"
        else:
            assert props["value"] == float(fig["value"])
            assert props["issuing_body"] == fig["issuing_body"] and props["source_id"] == fig["source_id"]
    points = {f["properties"]["settlement_id"]: f for f in data["features"] if f["properties"]["kind"] == "settlement"}
    settlements = expected_settlements(selection, set(codes), selection.period.end)
    assert set(points) == {k for k, s in settlements.items() if s["latitude"]}
    for key, feature in points.items():
        lon, lat = feature["geometry"]["coordinates"]
        assert (lat, lon) == (float(settlements[key]["latitude"]), float(settlements[key]["longitude"]))
        assert "people_value" in feature["properties"] and "families_source_id" in feature["properties"]


def test_csv_in_azerbaijani_keeps_raw_numbers(dataset):
    rows = read_csv(figures_csv(dataset, JABRAYIL_2023, "az"))
    row = by_section(rows, "district")["AZ-CAB"]
    assert row["name"] == "Cəbrayıl"
    assert row["value"] == "14016.7"  # the number, not "14 016,7"
    assert row["value_text"] == "14\u00a0016,7 ha"
