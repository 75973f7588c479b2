"""The shipped geodata as the loader returns it: real figures, with their sources."""

from __future__ import annotations

import csv

from paths import GEODATA

from dashboard.data.loader import load_dataset

DATA = load_dataset(GEODATA)


def figure(**match: str) -> dict:
    figs = DATA.dataset.figures
    for key, value in match.items():
        figs = figs[figs[key] == value]
    assert len(figs) == 1, f"{len(figs)} figures match {match}"
    return figs.iloc[0].to_dict()


def test_shipped_data_has_no_errors_and_no_warnings():
    assert DATA.report.findings == []


def test_jabrayil_2023_hectares_from_the_cabinet_report():
    f = figure(metric="area_cleared", area="AZ-CAB", period_type="year", period_end="2023-12-31")
    assert f["value"] == 14016.7
    assert f["issuing_body"] == "Cabinet of Ministers"
    assert f["unit"] == "ha" and f["qualifier"] == "" and f["flag"] == ""
    source = DATA.dataset.source(f["source_id"])
    assert source["url"].startswith("https://") and source["publisher"]


def test_national_2023_hectares_and_the_figures_that_differ_from_it():
    cabinet = figure(
        metric="area_cleared",
        area="AZ",
        period_type="year",
        period_end="2023-12-31",
        issuing_body="Cabinet of Ministers",
        subset="",
    )
    assert cabinet["value"] == 53081
    figs = DATA.dataset.figures
    others = figs[
        (figs.metric == "area_cleared")
        & (figs.area == "AZ")
        & (figs.period_type == "year")
        & (figs.period_end == "2023-12-31")
        & (figs.subset == "")
    ]
    assert sorted(others["value"]) == [53081, 53082, 53100]  # Cabinet, AzVision ("about"), Prime Minister


def test_every_settlement_of_the_dossier_summary_is_kept_mappable_or_not():
    with (GEODATA / "settlements.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    settlements = DATA.dataset.settlements
    assert len(settlements) == len(rows) == 37
    assert int(settlements["mappable"].sum()) == sum(1 for r in rows if r["latitude"]) == 21
    lachin = settlements.set_index("settlement_id").loc["lachin-city"]
    assert lachin["district"] == "AZ-LAC" and lachin["first_return"] == "2023-05"


def test_aghdara_keeps_its_own_figures_off_the_map():
    figs = DATA.dataset.figures
    aghdara = figs[figs["area"] == "aghdara"]
    assert aghdara["area_kind"].eq("unit").all()
    f = figure(metric="area_cleared", area="aghdara", period_type="year", period_end="2025-12-31")
    assert f["value"] == 7893.3 and f["issuing_body"] == "Cabinet of Ministers"
