"""The issuing body in the viewer's language wherever it is shown: cards, map tooltips
and popups, units off the map, trend tooltips, conflicts, slides, handouts and the CSV.

Expected names come from geodata/issuers.csv and the figure files, read with the csv
module (``raw``), never through the dashboard's own look-up.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
import raw

from dashboard.analysis.selection import Period, Selection
from dashboard.exports.content import view_content
from dashboard.exports.slide_cards import card_note, issuing_line
from dashboard.exports.tables import figures_csv
from dashboard.maps.build import district_layer, map_labels
from dashboard.text.cards import cards
from dashboard.text.mapview import map_data, unit_figures
from dashboard.text.provenance import conflicts_table
from dashboard.text.trends import annual_rows

JABRAYIL_2023 = Selection(districts=("AZ-CAB",), period=Period(year=2023))


def _body() -> str:
    """The body that issued Jabrayil's 2023 hectares (one figure in the files)."""
    (fig,) = raw.year_candidates("area_cleared", "AZ-CAB", 2023)
    return fig["issuing_body"]


def _names(lang: str) -> tuple[str, str]:
    """(the name expected in ``lang``, the name that must not appear)."""
    body = _body()
    az = raw.issuer_az(body)
    assert az != body  # the case proves something only when the names differ
    return (az, body) if lang == "az" else (body, az)


@pytest.mark.parametrize("lang", ["en", "az"])
def test_cards_name_the_issuing_body_in_the_language(dataset, lang):
    shown, other = _names(lang)
    area = next(c for c in cards(dataset, JABRAYIL_2023, lang) if c.key == "area")
    assert shown in area.caption and other not in area.caption
    assert area.issuer == shown


@pytest.mark.parametrize("lang", ["en", "az"])
def test_the_national_card_names_its_body_in_the_language(dataset, lang):
    fig = raw.latest_running_total("area_cleared", "AZ")
    assert fig is not None
    expected = raw.issuer_az(fig["issuing_body"]) if lang == "az" else fig["issuing_body"]
    area = next(c for c in cards(dataset, Selection(), lang) if c.key == "area")
    assert f": {expected}" in area.caption, area.caption


@pytest.mark.parametrize("lang", ["en", "az"])
def test_map_tooltip_popup_and_table_name_the_body_in_the_language(dataset, lang):
    shown, other = _names(lang)
    data = map_data(dataset, JABRAYIL_2023, lang)
    row = next(r for r in data.district_rows if r["code"] == "AZ-CAB")
    assert row["issuing_body"] == shown
    labels = map_labels(lang)
    layer = district_layer(data.district_rows, data.breaks, labels)
    features = json.loads(next(iter(layer._children.values())).data)["features"]
    tip = next(f["properties"]["tip"] for f in features if f["properties"]["code"] == "AZ-CAB")
    # (the source's own title may quote the English name: only the "issued by" line counts)
    assert f"{labels['issued_by']}: {shown}<" in tip and f"{labels['issued_by']}: {other}<" not in tip
    popup_bodies = {p["issuing_body"] for p in row["popup_rows"]}
    assert shown in popup_bodies and other not in popup_bodies


def test_units_off_the_map_name_their_bodies_in_azerbaijani(dataset):
    units = unit_figures(dataset, Selection(), "az")
    assert len(units) >= 2
    area_figures = [f for f in raw.figures() if f["metric"] == "area_cleared"]
    for row in units.to_dict("records"):
        bodies = {f["issuing_body"] for f in area_figures if f["area"] == row["area"]}
        assert row["issuing_body"] in {raw.issuer_az(b) for b in bodies}, row


def test_trend_tooltips_and_conflicts_name_bodies_in_azerbaijani(dataset):
    az_names = {r["issuer_az"] for r in raw.rows("issuers.csv")}
    english_only = {r["issuing_body"] for r in raw.rows("issuers.csv")} - az_names
    bars = annual_rows(dataset, "area_cleared", "az")
    assert set(bars["issuing_body"]) <= az_names
    table = conflicts_table(dataset, "az")
    text = " ".join(table.astype(str).to_numpy().ravel())
    assert not [b for b in english_only if f"({b})" in text]


@pytest.mark.parametrize("lang", ["en", "az"])
def test_slide_and_csv_name_the_body_in_the_language(dataset, lang):
    shown, other = _names(lang)
    content = view_content(dataset, JABRAYIL_2023, lang)
    area = next(c for c in content.cards if c.key == "area")
    note = card_note(area, lang)
    assert shown in note and other not in note
    line = issuing_line(content, [area])
    assert shown in line and other not in line
    rows = list(csv.DictReader(io.StringIO(figures_csv(dataset, JABRAYIL_2023, lang).decode("utf-8-sig"))))
    district = next(r for r in rows if r["section"] == "district" and r["area"] == "AZ-CAB")
    assert district["issuing_body"] == shown
    card_row = next(r for r in rows if r["section"] == "card" and r["key"] == "area")
    assert card_row["issuing_body"] == shown
