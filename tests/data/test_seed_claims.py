"""Every figure about Azerbaijan in the two articles this project started from is a claim
in geodata/claims.csv, with the value and qualifier the article gives.

SEED_NUMBERS lists every number printed in the two articles, in the order they appear,
each with the words around it and either the claim that holds it or why it is not a
figure about Azerbaijan (a date, an ordinal, an age, a figure about other countries, or a
repetition of a figure already listed). The articles are third-party text and are not part
of the repository: where they are present (``DASHBOARD_SEEDS``, by default
``../shared/seeds`` beside the repository, as in CI) the list is checked against them,
number by number and word by word.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from pathlib import Path

import pytest
from paths import GEODATA, REPO

# CI runs with the project's shared folder beside the clone (../shared/seeds).
SEEDS = Path(os.environ.get("DASHBOARD_SEEDS", REPO.parent / "shared" / "seeds"))
NATION = "000_1dc747fd959291a3.txt"  # AZE.Media's report of Tazeen Akhtar's column in The Nation, 11 June 2025
ENVOY = "003_3c22f2c1738fce00.txt"  # Envoy's feature with the interview of the MFA spokesperson
SOURCES = {NATION: "aze-media-peace-with-land-mines", ENVOY: "envoy-buried-danger"}
SHA256 = {
    NATION: "605e8ba2891fc5f741e267cffa5cd2da05ffbcc17e30a62714f12740c9edaee3",
    ENVOY: "f1396b1ddc37a023aeba92218aeddfb5228f6c68bff6cd6b73abe6026770cac8",
}

DATE = "a date or a year"
ORDINAL = "an ordinal or a name (18th goal, 15th meeting, COP29)"
DURATION = "a length of time, not a figure of the record"
AGE = "a person's age"
ABROAD = "a figure about other countries (Landmine Monitor's world totals)"
REPEATED = "the same figure again, already listed above"
HEADING = "a heading that announces a figure listed below"

# (article, number as printed, words around it, claim id | why it is not a claim, qualifier)
SEED_NUMBERS: list[tuple[str, str, str, str, str]] = [
    (NATION, "11", "On June 11, 2025", DATE, ""),
    (NATION, "2025", "On June 11, 2025", DATE, ""),
    (NATION, "2020", "Five years after the 2020 ceasefire", DATE, ""),
    (NATION, "361", "In total, 361 people have fallen victim to mines", "nation-victims-361", ""),
    (NATION, "68", "including 68 fatalities", "nation-killed-68", ""),
    (NATION, "200,000", "clearing over 200,000 hectares of land", "nation-area-200000", "over"),
    (NATION, "120,000", "nearly 120,000 mines and unexploded ordnances", "nation-devices-120000", "nearly"),
    (NATION, "29", "At the COP29 climate summit", ORDINAL, ""),
    (NATION, "18", "its 18th National Sustainable Development Goal", ORDINAL, ""),
    (NATION, "18", "the 18th Global SDG", ORDINAL, ""),
    (NATION, "2023", "under the Non-Aligned Movement in 2023", DATE, ""),
    (NATION, "15", "the 15th meeting of states parties", ORDINAL, ""),
    (NATION, "1954", "the 1954 Hague Convention", ORDINAL, ""),
    (NATION, "2025", "held in Aghdam in May 2025", DATE, ""),
    (ENVOY, "30", "after 30 years of displacement", DURATION, ""),
    (ENVOY, "53", "Landmine Victims in 53 Countries", ABROAD, ""),
    (ENVOY, "2024", "According to the Landmine Monitor 2024", ORDINAL, ""),
    (ENVOY, "2023", "landmine casualties in 2023", DATE, ""),
    (ENVOY, "5,757", "with 5,757 new victims recorded", ABROAD, ""),
    (ENVOY, "53", "across 53 countries and two other areas", ABROAD, ""),
    (ENVOY, "1,983", "including 1,983 deaths", ABROAD, ""),
    (ENVOY, "84", "Civilians made up 84% of these casualties", ABROAD, ""),
    (ENVOY, "37", "children accounted for 37%", ABROAD, ""),
    (
        ENVOY,
        "1.5",
        "with an estimated 1.5 million landmines",
        "envoy-mines-estimated-landmine-monitor",
        "",
    ),
    (ENVOY, "13", "a threat to over 13% of its territory", "envoy-territory-13", "over"),
    (ENVOY, "1991", "Since 1991, Armenian military forces", DATE, ""),
    (ENVOY, "30", "the 30-year-long military occupation", DURATION, ""),
    (ENVOY, "3,400", "more than 3,400 Azerbaijanis fell victim to landmines", "envoy-victims-since-1991", "over"),
    (ENVOY, "359", "including 359 children", "envoy-children-since-1991", ""),
    (ENVOY, "38", "and 38 women", "envoy-women-since-1991", ""),
    (ENVOY, "44", "the end of the 44-day Patriotic War", DURATION, ""),
    (ENVOY, "2020", "the end of the conflict in 2020", DATE, ""),
    (ENVOY, "2023", "local anti-terror measures in September 2023", DATE, ""),
    (ENVOY, "2022", "In 2022, it was revealed", DATE, ""),
    (
        ENVOY,
        "2,700",
        "more than 2,700 anti-personnel landmines",
        "envoy-ap-mines-kalbajar-lachin-2022",
        "over",
    ),
    (ENVOY, "2021", "produced in Armenia in 2021", DATE, ""),
    (ENVOY, "2023", "following the anti-terror measures in September 2023", DATE, ""),
    (
        ENVOY,
        "500,000",
        "more than 500,000 landmines were discovered",
        "envoy-mines-found-after-september-2023",
        "over",
    ),
    (ENVOY, "2020", "Since the end of the war in November 2020", DATE, ""),
    (ENVOY, "383", "383 Azerbaijanis have become victims of landmine explosions", "envoy-victims-383", ""),
    (ENVOY, "95", "95% Funded by the Government", HEADING, ""),
    (ENVOY, "185,707", "approximately 185,707 hectares of land have been cleared", "envoy-area-185707", "about"),
    (ENVOY, "181,148", "181,148 explosive devices have been successfully", "envoy-devices-181148", ""),
    (ENVOY, "36,103", "36,103 anti-personnel mines", "envoy-ap-mines-36103", ""),
    (ENVOY, "21,457", "21,457 anti-tank mines", "envoy-at-mines-21457", ""),
    (ENVOY, "123,376", "123,376 unexploded ordnances", "envoy-uxo-123376", ""),
    (ENVOY, "95", "funds approximately 95% of the demining operations", "envoy-state-funding-95", "about"),
    (ENVOY, "44", "before the 44-day Patriotic War", DURATION, ""),
    (ENVOY, "25", "were only 25% accurate", "envoy-map-accuracy-25", ""),
    (
        ENVOY,
        "55",
        "Over 55% of recent landmine cases have occurred outside",
        "envoy-incidents-outside-maps-55",
        "over",
    ),
    (ENVOY, "400,000", "approximately 400,000 landmines were planted", "envoy-mines-on-maps-400000", "about"),
    (ENVOY, "1.5", "the actual number is closer to 1.5 million", "envoy-mines-estimated-hajizada", "about"),
    (ENVOY, "2022", "since 2022, over 10,000 former IDPs", DATE, ""),
    (ENVOY, "10,000", "over 10,000 former IDPs have returned", "envoy-people-returned-10000", "over"),
    (ENVOY, "10", "have returned to 10 settlements", "envoy-settlements-10", ""),
    (ENVOY, "30,000", "Approximately 30,000 people now live and work", "envoy-population-30000", "about"),
    (ENVOY, "2025", "By the end of 2025, 30 settlements", DATE, ""),
    (ENVOY, "30", "30 settlements will accommodate former IDPs", "envoy-settlements-plan-2025", ""),
    (ENVOY, "44", "the end of the 44-day Patriotic War in 2020", DURATION, ""),
    (ENVOY, "2020", "Patriotic War in 2020, Azerbaijan has invested", DATE, ""),
    (ENVOY, "270", "with 270 megawatts of hydroelectric power", "envoy-hydro-270", ""),
    (ENVOY, "2023", "In 2023, humanitarian demining was formally recognized", DATE, ""),
    (ENVOY, "18", "as the 18th National Sustainable Development Goal", ORDINAL, ""),
    (ENVOY, "18", "as the 18th Global Sustainable Development Goal", ORDINAL, ""),
    (ENVOY, "2023", "which became operational in September 2023", DATE, ""),
    (ENVOY, "2023", "In 2023, Azerbaijan also led a resolution", DATE, ""),
    (ENVOY, "15", "at the 15th meeting of the states-parties", ORDINAL, ""),
    (ENVOY, "1954", "“1954 Hague Convention", ORDINAL, ""),
    (ENVOY, "2024", "In May 2024, Azerbaijan will host", DATE, ""),
    (ENVOY, "21", "At the age of 21", AGE, ""),
    (ENVOY, "48", "Tamam Jafarova’s (48)", AGE, ""),
    (ENVOY, "3", "born on July 3, 1976", DATE, ""),
    (ENVOY, "1976", "born on July 3, 1976", DATE, ""),
    (ENVOY, "1997", "In July 1997, while tending to livestock", DATE, ""),
    (ENVOY, "48", "Now 48, Tamam has dedicated", AGE, ""),
    (ENVOY, "6", "(November 6, 2024)", DATE, ""),
    (ENVOY, "2024", "(November 6, 2024)", DATE, ""),
    (ENVOY, "25", "have proven to be only 25% accurate", REPEATED, ""),
    (ENVOY, "1994", "from 1994 to 2020", DATE, ""),
    (ENVOY, "2020", "from 1994 to 2020", DATE, ""),
    (ENVOY, "2020", "after November 2020, making prior demining", DATE, ""),
]

_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def _claims() -> dict[str, dict[str, str]]:
    with (GEODATA / "claims.csv").open(encoding="utf-8-sig", newline="") as f:
        return {r["claim_id"]: r for r in csv.DictReader(f)}


def _value(number: str, context: str) -> float:
    value = float(number.replace(",", ""))
    return value * 1_000_000 if f"{number} million" in context else value


def _is_claim(entry: tuple[str, str, str, str, str]) -> bool:
    return entry[3].startswith(("nation-", "envoy-"))


def test_every_seed_figure_about_azerbaijan_is_a_claim_with_its_value_and_qualifier():
    claims = _claims()
    listed = [e for e in SEED_NUMBERS if _is_claim(e)]
    assert len(listed) == 27
    for article, number, context, claim_id, qualifier in listed:
        assert claim_id in claims, f"{number} ({context!r}) is not in claims.csv"
        row = claims[claim_id]
        assert row["source_id"] == SOURCES[article], claim_id
        assert row["seed"] == "yes", claim_id
        assert float(row["value"]) == _value(number, context), claim_id
        assert row["qualifier"] == qualifier, claim_id


def test_every_seed_claim_is_one_of_the_listed_figures():
    seed_claims = {k for k, r in _claims().items() if r["seed"] == "yes"}
    listed = [e[3] for e in SEED_NUMBERS if _is_claim(e)]
    assert len(listed) == len(set(listed))  # one claim per figure
    assert seed_claims == set(listed)


@pytest.fixture(scope="module")
def seed_texts() -> dict[str, bytes]:
    if not all((SEEDS / name).is_file() for name in SOURCES):
        pytest.skip(f"the seed articles are third-party text, not in the repository; set DASHBOARD_SEEDS (now {SEEDS})")
    return {name: (SEEDS / name).read_bytes() for name in SOURCES}


def test_the_list_is_the_seed_text_number_by_number(seed_texts):
    for name, data in seed_texts.items():
        assert hashlib.sha256(data).hexdigest() == SHA256[name], f"{name} is not the listed text"
        printed = [m.group() for m in _NUMBER.finditer(data.decode("utf-8"))]
        listed = [e[1] for e in SEED_NUMBERS if e[0] == name]
        assert printed == listed, name


def test_every_context_is_the_seed_texts_own_words(seed_texts):
    for article, number, context, _, _ in SEED_NUMBERS:
        assert number in context
        assert context in seed_texts[article].decode("utf-8"), (article, context)
