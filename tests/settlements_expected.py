"""Which settlements count as having returns by a date, decided straight from the CSV
files without the app's code (README, "How the figures are chosen"): by the settlement's
first-return date; where that is not known, by the end date of its first families- or
people-returned figure; a settlement with no date at all counts on every date."""

from __future__ import annotations

import calendar
import csv

from paths import GEODATA


def _last_day(text: str) -> str:
    parts = text.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{text}-{calendar.monthrange(int(parts[0]), int(parts[1]))[1]:02d}"
    return text


def _first_figures() -> dict[str, str]:
    with (GEODATA / "figures" / "returns.csv").open(encoding="utf-8-sig", newline="") as f:
        out: dict[str, str] = {}
        for r in csv.DictReader(f):
            if r["metric"] in ("families_returned", "people_returned"):
                end = _last_day(r["period_end"])
                out[r["area"]] = min(out.get(r["area"], end), end)
    return out


def returns_known_by(settlement: dict[str, str], as_of: str) -> bool:
    """Whether a row of settlements.csv counts as having returns on ``as_of`` (ISO day)."""
    if settlement["first_return"]:
        return settlement["first_return"][:10] <= as_of
    first = _first_figures().get(settlement["settlement_id"])
    return first is None or first <= as_of
