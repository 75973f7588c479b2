"""The shipped figures read straight from geodata/ with the csv module, independently of
the dashboard's loader and analysis, for checking what the exports write."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta

from paths import GEODATA

FOCUS_REGIONS = ("Karabakh", "East Zangezur")


def rows(name: str) -> list[dict[str, str]]:
    with (GEODATA / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def issuer_az(body: str) -> str:
    """An issuing body's Azerbaijani name, as geodata/issuers.csv gives it."""
    return {r["issuing_body"]: r["issuer_az"] for r in rows("issuers.csv")}[body]


def figures() -> list[dict[str, str]]:
    out = []
    for name in ("clearance", "casualties", "returns", "context"):
        out.extend(rows(f"figures/{name}.csv"))
    return out


def districts() -> dict[str, dict]:
    """code -> properties of the display boundaries."""
    data = json.loads((GEODATA / "boundaries" / "districts_display.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["code"]: f["properties"] | {"geometry": f["geometry"]} for f in data["features"]}


def focus_codes(region_only: tuple[str, ...] = FOCUS_REGIONS) -> list[str]:
    return sorted(c for c, p in districts().items() if p["economic_region"] in region_only)


def year_candidates(metric: str, area: str, year: int) -> list[dict[str, str]]:
    """Full-year figures of a metric for an area (no subset)."""
    return [
        f
        for f in figures()
        if f["metric"] == metric
        and f["area"] == area
        and f["subset"] == ""
        and f["period_type"] == "year"
        and f["period_start"].startswith(str(year))
        and f["period_end"].startswith(str(year))
    ]


def latest_running_total(metric: str, area: str) -> dict[str, str] | None:
    """The running total (since 2020) with the latest as-of date among unflagged figures
    (flagged ones only when there is nothing else); None when there is none."""
    cands = [
        f
        for f in figures()
        if f["metric"] == metric
        and f["area"] == area
        and f["subset"] == ""
        and f["period_type"] == "cumulative"
        and (not f["period_start"] or int(f["period_start"][:4]) >= 2020)
    ]
    if not cands:
        return None
    clean = [f for f in cands if not f["flag"]] or cands
    latest = max(_end(f) for f in clean)
    at_latest = [f for f in clean if _end(f) == latest]
    assert len({f["value"] for f in at_latest}) == 1, at_latest  # the tests pick unambiguous cases
    return at_latest[0]


def _end(f: dict[str, str]) -> date:
    text = f["period_end"]
    if len(text) == 4:
        return date(int(text), 12, 31)
    if len(text) == 7:
        y, m = int(text[:4]), int(text[5:7])
        return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
    return date.fromisoformat(text)


def sources() -> dict[str, dict[str, str]]:
    return {s["source_id"]: s for s in rows("sources.csv")}
