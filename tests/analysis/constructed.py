"""Constructed data for rule tests: a copy of the minimal fixture whose figures, sources
and claims are exactly the rows a test writes, loaded by the real loader."""

from __future__ import annotations

import csv
from pathlib import Path

from paths import MINIMAL, copy_geodata

from dashboard.data import schema
from dashboard.data.dataset import Dataset
from dashboard.data.loader import load_dataset

UNITS = {"area_cleared": "ha", "ap_mines": "mines", "victims": "people", "district_area": "km2"}


def figure(figure_id: str, value: float, period_end: str, **fields: str) -> dict[str, str]:
    """One figure row: a national running total of hectares unless ``fields`` say otherwise."""
    row = {
        "figure_id": figure_id,
        "metric": "area_cleared",
        "area": "AZ",
        "subset": "",
        "period_type": "cumulative",
        "period_start": "",
        "period_end": period_end,
        "value": f"{value:g}" if isinstance(value, float) else str(value),
        "qualifier": "",
        "issuing_body": "ANAMA",
        "source_id": "src-old",
        "flag": "",
        "note": "",
    }
    row.update(fields)
    row.setdefault("unit", UNITS[row["metric"]])
    if row["flag"] and not row["note"]:
        row["note"] = "constructed"
    return row


def claim(claim_id: str, value: float, as_of: str, **fields: str) -> dict[str, str]:
    """One claim row: a national running total of hectares unless ``fields`` say otherwise."""
    row = {
        "claim_id": claim_id,
        "said_by": "Someone",
        "said_by_az": "Kimsə",
        "source_id": "src-old",
        "seed": "",
        "as_of_from": "",
        "as_of": as_of,
        "metric": "area_cleared",
        "area": "AZ",
        "subset": "",
        "period_type": "cumulative",
        "period_start": "",
        "value": f"{value:g}" if isinstance(value, float) else str(value),
        "qualifier": "",
        "paraphrase_en": "A constructed claim.",
        "paraphrase_az": "Qurulmuş iddia.",
        "flag": "",
        "note": "",
    }
    row.update(fields)
    row.setdefault("unit", UNITS.get(row["metric"], "ha"))
    return row


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build(
    root: Path,
    figures: list[dict[str, str]],
    published: dict[str, str] | None = None,
    claims: list[dict[str, str]] | None = None,
) -> Dataset:
    """A dataset holding exactly these figures (and claims); ``published`` maps extra
    source ids to their publication dates ("" for undated). Sources ``src-old``
    (2020-01-01) and ``src-new`` (2026-01-01) always exist."""
    copy_geodata(root, MINIMAL)
    for spec in schema.FIGURE_FILES:
        rows = figures if spec.path.endswith("clearance.csv") else []
        _write(root / spec.path, spec.names, rows)
    dates = {"src-old": "2020-01-01", "src-new": "2026-01-01", **(published or {})}
    with (root / schema.SOURCES.path).open(encoding="utf-8", newline="") as f:
        sources = list(csv.DictReader(f))  # the fixture's own, which its settlements cite
    sources += [
        {"source_id": s, "publisher": "Test", "title": f"Test source {s}", "url": "https://example.org/" + s}
        | {"published": d, "language": "en", "note": "test fixture"}
        for s, d in dates.items()
    ]
    _write(root / schema.SOURCES.path, schema.SOURCES.names, sources)
    if claims is not None:
        _write(root / schema.CLAIMS.path, schema.CLAIMS.names, claims)
    result = load_dataset(root)
    assert result.dataset is not None, result.report.to_text()
    return result.dataset
