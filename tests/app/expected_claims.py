"""The claim check's verdicts computed straight from the CSV files, without the app's code.

The rules are README's ("The claim check"), written again here in the plainest way: the
values are read as printed in the files (their digits give the rounding), the figures of
each date are chosen by ``expected.best`` (the picking rules as readers know them).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal

from expected import best, last_day
from paths import GEODATA

TOPICS = ("clearance", "casualties", "returns", "context")


def _read(name: str) -> list[dict[str, str]]:
    with (GEODATA / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def claims() -> list[dict[str, str]]:
    return _read("claims.csv")


def figures() -> list[dict[str, str]]:
    return [r for topic in TOPICS for r in _read(f"figures/{topic}.csv")]


def metrics() -> set[str]:
    return {r["metric"] for r in _read("metrics.csv")}


def unit_of(value: str, qualifier: str) -> Decimal:
    """The rounding unit of a value as printed: "62023.9" -> 0.1, "200000" -> 100000;
    a plain whole number with fewer than three zeros is exact."""
    if "." in value:
        return Decimal(1).scaleb(-len(value.split(".")[1].rstrip("0") or "0"))
    zeros = len(value) - len(value.rstrip("0"))
    if value.strip("0") == "":
        return Decimal(1)
    if not qualifier and zeros < 3:
        return Decimal(1)
    return Decimal(10) ** zeros


def span(value: str, qualifier: str) -> tuple[Decimal, Decimal]:
    v, u = Decimal(value), unit_of(value, qualifier)
    if qualifier in ("over", "at least"):
        return v, v + min(u, v / 10)
    if qualifier == "up to":
        return v - min(u, v / 10), v
    if qualifier == "nearly":
        return v - min(u, v / 20), v
    half = min(u, v / 20) if qualifier == "about" else (min(u / 2, v / 20) if v else u / 2)
    return v - half, v + half


def confirms(figure: dict[str, str], claim: dict[str, str]) -> bool:
    a, b = span(figure["value"], figure["qualifier"]), span(claim["value"], claim["qualifier"])
    precise = unit_of(figure["value"], figure["qualifier"]) <= unit_of(claim["value"], claim["qualifier"])
    return precise and max(a[0], b[0]) < min(a[1], b[1])


def first_day(text: str) -> str:
    parts = text.split("-")
    return text if len(parts) == 3 else "-".join([*parts, *["01"] * (3 - len(parts))])


def _since(row: dict[str, str]) -> str:
    start = row["period_start"]
    return "war" if not start or int(start[:4]) >= 2020 else start[:4]


def same_series(figure: dict[str, str], claim: dict[str, str]) -> bool:
    if any(figure[k] != claim[k] for k in ("metric", "area", "subset", "period_type")):
        return False
    kind = claim["period_type"]
    if kind == "cumulative":
        return _since(figure) == _since(claim)
    if kind == "estimate":
        return True
    if kind == "year":
        return figure["period_end"][:4] == claim["as_of"][:4]
    return figure["period_start"] == claim["period_start"] and last_day(figure["period_end"]) == last_day(
        claim["as_of"]
    )


@dataclass
class Expected:
    verdict: str
    reason: str = ""
    compared: list[tuple[str, str, bool]] = field(default_factory=list)  # (role, figure id, agrees)
    matched: dict[str, str] | None = None
    reference: dict[str, str] | None = None


def verdict(claim: dict[str, str]) -> Expected:
    if claim["metric"] not in metrics():
        return Expected("cannot_check", "no_metric")
    series = [f for f in figures() if same_series(f, claim)]
    if not series:
        return Expected("cannot_check", "no_figures")
    by_date: dict[str, list[dict[str, str]]] = {}
    for f in series:
        by_date.setdefault(last_day(f["period_end"]), []).append(f)
    dates = sorted(by_date)
    chosen = {d: best(by_date[d]) for d in dates}
    if claim["period_type"] in ("cumulative", "estimate"):
        start, end = first_day(claim["as_of_from"] or claim["as_of"]), last_day(claim["as_of"])
        older = [d for d in dates if d < start]
        before, earlier = older[-1:], older[:-1]
        during = [d for d in dates if start <= d <= end]
        after = [d for d in dates if d > end][:1]
    else:
        before, earlier, during, after = [], [], dates, []
    row = lambda role, d: (role, chosen[d]["figure_id"], confirms(chosen[d], claim))  # noqa: E731
    if not before + during:
        return Expected("cannot_check", "none_at_time", [row("after", d) for d in after])
    compared = [row("before", d) for d in before] + [row("during", d) for d in during]
    compared += [row("after", d) for d in after]
    hits = [d for d in before + during if confirms(chosen[d], claim)]
    if hits:
        return Expected("matches", compared=compared, matched=chosen[hits[-1]])
    old = [d for d in earlier if confirms(chosen[d], claim)]
    if old:
        return Expected("earlier", compared=[row("earlier", old[-1]), *compared], matched=chosen[old[-1]])
    value = Decimal(claim["value"])
    nearest = min(reversed(before + during), key=lambda d: abs(Decimal(chosen[d]["value"]) - value))
    return Expected("differs", compared=compared, reference=chosen[nearest])
