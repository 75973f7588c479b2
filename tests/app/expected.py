"""Expected figures computed straight from the CSV files, without the app's code.

The rules are the ones documented for readers (README, "How the figures are chosen"),
written again here in the plainest way so that a bug in the app's version shows up.
"""

from __future__ import annotations

import calendar
import csv
from pathlib import Path

from paths import GEODATA


def rows(topic: str, root: Path = GEODATA) -> list[dict[str, str]]:
    with (root / "figures" / f"{topic}.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def last_day(text: str) -> str:
    parts = text.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        return f"{text}-{calendar.monthrange(y, m)[1]:02d}"
    return text


def published(root: Path = GEODATA) -> dict[str, str]:
    with (root / "sources.csv").open(encoding="utf-8-sig", newline="") as f:
        return {r["source_id"]: r["published"] for r in csv.DictReader(f)}


def best(candidates: list[dict[str, str]], root: Path = GEODATA) -> dict[str, str] | None:
    """Unflagged first, then latest as-of, then exact (no qualifier, then more significant
    digits), then day precision, then newest source."""
    if not candidates:
        return None
    pub = published(root)
    precision = {3: 0, 2: 1, 1: 2}

    def key(r: dict[str, str]) -> tuple:
        return (
            r["flag"] != "",
            [-int(x) for x in last_day(r["period_end"]).split("-")],
            r["qualifier"] != "",
            -len(r["value"].replace(".", "").strip("0"))
            if "." not in r["value"]
            else -len(r["value"].replace(".", "").lstrip("0")),
            precision[len(r["period_end"].split("-"))],
            [-int(x) for x in (pub.get(r["source_id"]) or "0").split("-")],
            r["figure_id"],
        )

    return sorted(candidates, key=key)[0]


def national_year(topic: str, metric: str, year: int) -> dict[str, str] | None:
    found = [
        r
        for r in rows(topic)
        if r["metric"] == metric
        and r["area"] == "AZ"
        and r["subset"] == ""
        and r["period_type"] == "year"
        and r["period_start"].startswith(str(year))
        and r["period_end"].startswith(str(year))
    ]
    return best(found)


def latest_cumulative(topic: str, metric: str, area: str = "AZ", as_of: str = "9999-12-31") -> dict[str, str] | None:
    found = [
        r
        for r in rows(topic)
        if r["metric"] == metric
        and r["area"] == area
        and r["subset"] == ""
        and r["period_type"] == "cumulative"
        and (r["period_start"] == "" or int(r["period_start"][:4]) >= 2020)
        and last_day(r["period_end"]) <= as_of
    ]
    return best(found)


def district_year(metric: str, code: str, year: int) -> dict[str, str] | None:
    found = [
        r
        for r in rows("clearance")
        if r["metric"] == metric
        and r["area"] == code
        and r["subset"] == ""
        and r["period_type"] == "year"
        and r["period_end"].startswith(str(year))
    ]
    return best(found)


def en_number(value: str) -> str:
    number = float(value)
    return f"{number:,.2f}".rstrip("0").rstrip(".")
