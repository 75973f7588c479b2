"""The claim check page as Streamlit runs it, against verdicts and compared figures computed
straight from the CSV files (tests/app/expected_claims.py); and the contradictions list
on the Sources page against groups counted from the CSV files."""

from __future__ import annotations

from decimal import Decimal

import pytest
from expected import best, en_number
from expected_claims import claims, figures, verdict
from paths import REPO
from streamlit.testing.v1 import AppTest
from test_pages import run_app

ROLES = {
    "earlier": "earlier figure it agrees with",
    "before": "last before the claim's date",
    "during": "at the claim's date",
    "after": "first after the claim's date",
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def en_date(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


@pytest.fixture(scope="module")
def page() -> AppTest:
    at = run_app()
    at.switch_page("src/dashboard/ui/pages/claims_page.py").run()
    assert not at.exception, at.exception
    return at


def tables(at: AppTest):
    listed, compared = (d.value for d in at.dataframe)
    return listed.set_index("claim_id"), compared


def test_every_claim_is_listed_with_the_verdict_the_rules_give(page):
    listed, _ = tables(page)
    rows = claims()
    assert list(listed.index) == [c["claim_id"] for c in rows]
    expected = {c["claim_id"]: verdict(c) for c in rows}
    assert {k: listed.loc[k, "verdict"] for k in listed.index} == {k: e.verdict for k, e in expected.items()}
    # the shipped claims exercise every verdict
    assert {e.verdict for e in expected.values()} == {"matches", "earlier", "differs", "cannot_check"}
    assert {e.reason for e in expected.values()} >= {"no_metric", "no_figures", "none_at_time"}


def test_every_claim_shows_the_figures_it_was_compared_with_and_whether_it_agrees(page):
    _, compared = tables(page)
    shown = {}
    for r in compared.itertuples():
        shown.setdefault(r.claim_id, []).append((r.role, r.figure_id, r.agrees == "yes"))
    checked = 0
    for c in claims():
        expected = [(ROLES[role], fid, agrees) for role, fid, agrees in verdict(c).compared]
        assert shown.get(c["claim_id"], []) == expected, c["claim_id"]
        checked += bool(expected)
    assert checked >= 15


def test_the_compared_figures_carry_their_value_date_and_source(page):
    _, compared = tables(page)
    by_id = {f["figure_id"]: f for f in figures()}
    units = {"ha": "ha", "items": "items", "mines": "mines", "people": "people", "percent": "%"}
    for r in compared.itertuples():
        f = by_id[r.figure_id]
        number = en_number(f["value"])
        assert number in r.record_figure and units.get(f["unit"], "") in r.record_figure, r.figure_id
        assert r.source_url.startswith("https://"), r.figure_id


@pytest.mark.parametrize(
    "claim_id",
    ["nation-victims-361", "nation-killed-68", "nation-devices-120000"],
)
def test_a_repeated_old_figure_is_named_with_its_date(page, claim_id):
    listed, _ = tables(page)
    (claim,) = [c for c in claims() if c["claim_id"] == claim_id]
    expected = verdict(claim)
    assert expected.verdict == "earlier"
    assert listed.loc[claim_id, "verdict_text"] == f"Was the record as of {en_date(expected.matched['period_end'])}"


def test_a_differing_claim_says_by_how_much(page):
    listed, _ = tables(page)
    differing = [c for c in claims() if verdict(c).verdict == "differs"]
    assert len(differing) >= 5
    for c in differing:
        ref = verdict(c).reference
        difference = Decimal(c["value"]) - Decimal(ref["value"])
        sign = "+" if difference >= 0 else "−"
        detail = listed.loc[c["claim_id"], "detail"]
        assert f"{sign}{en_number(str(abs(difference)))}" in detail, (c["claim_id"], detail)
        assert en_number(ref["value"]) in detail and en_date(ref["period_end"]) in detail, (c["claim_id"], detail)


def test_the_seed_articles_are_marked_and_can_be_shown_alone(page):
    listed, _ = tables(page)
    seed = {c["claim_id"] for c in claims() if c["seed"] == "yes"}
    assert set(listed.index[listed["seed"] == "★"]) == seed
    page.checkbox(key="claims-seed").check().run()
    only, _ = tables(page)
    assert set(only.index) == seed
    page.checkbox(key="claims-seed").uncheck().run()


def test_filtering_by_verdict_narrows_both_tables(page):
    page.multiselect(key="claims-verdicts").set_value(["cannot_check"]).run()
    listed, compared = tables(page)
    expected = {c["claim_id"] for c in claims() if verdict(c).verdict == "cannot_check"}
    assert set(listed.index) == expected
    assert set(compared["claim_id"]) <= expected
    page.multiselect(key="claims-verdicts").set_value([]).run()


def test_the_page_in_azerbaijani():
    at = run_app(lang="az")
    at.switch_page("src/dashboard/ui/pages/claims_page.py").run()
    assert not at.exception
    listed, _ = tables(at)
    assert listed.loc["nation-area-200000", "verdict_text"] == "Həmin vaxtkı məlumatlara uyğundur"
    assert listed.loc["nation-area-200000", "as_stated"] == "200\u00a0000 ha-dan çox"
    assert listed.loc["nation-victims-361", "verdict_text"] == "30 may 2024 tarixinə olan məlumatdır"


# Contradictions: the groups counted from the CSV files, with their own grouping code.


def quantity(f: dict[str, str]) -> tuple:
    """Same metric, area, subset and period: a year is its year; a running total is its
    date as written, since the war or since an earlier year; an estimate or event its
    date as written; any other period its start and end."""
    base = (f["metric"], f["area"], f["subset"], f["period_type"])
    if f["period_type"] == "year":
        return (*base, f["period_end"][:4])
    if f["period_type"] == "cumulative":
        start = f["period_start"]
        since = "" if not start or int(start[:4]) >= 2020 else start[:4]
        return (*base, since, f["period_end"])
    if f["period_type"] in ("estimate", "event"):
        return (*base, f["period_end"])
    return (*base, f["period_start"], f["period_end"])


def disagreeing_groups() -> list[set[str]]:
    groups: dict[tuple, list[dict[str, str]]] = {}
    for f in figures():
        groups.setdefault(quantity(f), []).append(f)
    return [{f["figure_id"] for f in g} for g in groups.values() if len({Decimal(f["value"]) for f in g}) > 1]


def test_the_contradictions_list_every_group_with_all_its_figures():
    at = run_app()
    at.switch_page("src/dashboard/ui/pages/sources_page.py").run()
    assert not at.exception
    (table,) = [d.value for d in at.dataframe if "group" in d.value.columns]
    shown = [set(g["figure_id"]) for _, g in table.groupby("group")]
    expected = disagreeing_groups()
    assert len(shown) == len(expected) >= 9
    assert sorted(map(sorted, shown)) == sorted(map(sorted, expected))
    by_id = {f["figure_id"]: f for f in figures()}
    for _, g in table.groupby("group"):
        used = g[g["used"] == "✓"]
        assert len(used) == 1 and used.iloc[0]["rule"], g
        assert (g[g["used"] == ""]["rule"] == "").all()
        # the one used is the one the picking rules choose among the group
        assert used.iloc[0]["figure_id"] == best([by_id[i] for i in g["figure_id"]])["figure_id"]
        for r in g.itertuples():
            assert en_number(by_id[r.figure_id]["value"]) in r.value
            assert en_date(by_id[r.figure_id]["period_end"]) in r.period or r.period == (
                f"in {by_id[r.figure_id]['period_end'][:4]}"
            )


def test_without_claims_the_page_says_so(minimal, monkeypatch):
    monkeypatch.setenv("DASHBOARD_GEODATA", str(minimal))
    monkeypatch.setenv("DASHBOARD_STORE", str(minimal.parent / "store"))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("src/dashboard/ui/pages/claims_page.py").run()
    assert not at.exception, at.exception
    assert [i.value for i in at.info] == ["No claims are recorded (geodata/claims.csv)."]
    assert not at.dataframe


def test_the_downloads_carry_every_claim_with_its_verdict():
    import csv
    import io

    from dashboard.data.loader import load_dataset
    from dashboard.exports.spreadsheet import csv_bytes
    from dashboard.text.claims import claims_export
    from dashboard.text.provenance import all_figures_table

    data = load_dataset(REPO / "geodata").dataset
    expected = {c["claim_id"]: verdict(c).verdict for c in claims()}
    every = list(csv.DictReader(io.StringIO(csv_bytes(all_figures_table(data, "en")).decode("utf-8-sig"))))
    assert len([r for r in every if r["kind"] == "figure"]) == len(figures())
    assert {r["figure_id"]: r["claim_verdict"] for r in every if r["kind"] == "claim"} == expected
    own = list(csv.DictReader(io.StringIO(csv_bytes(claims_export(data, "en")).decode("utf-8-sig"))))
    assert {r["claim_id"]: r["verdict"] for r in own} == expected
    assert all(r["source_url"].startswith("https://") and r["claim"] for r in own)
