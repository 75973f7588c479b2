"""Where each figure comes from: the conflicts between sources, as plain values."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.analysis.engine import Choice, figure_index
from dashboard.data.dataset import Dataset


@dataclass(frozen=True)
class Conflict:
    """A quantity stated by several figures with different values: the one the app uses
    (with the rule that chose it) and the others, in the figure table's order."""

    used: Choice
    others: tuple[dict, ...]


def _slot(figure: dict) -> str:
    """What makes two figures state the same quantity, besides metric, area and subset."""
    if figure["period_type"] == "year":
        return figure["period_end"][:4]
    if figure["period_type"] in ("cumulative", "estimate", "event"):
        return figure["period_end"]
    return f"{figure['period_start']}/{figure['period_end']}"


def conflicts(dataset: Dataset) -> list[Conflict]:
    """Every quantity stated by more than one figure with different values, ordered by
    metric, area, subset, period type, start and slot."""
    index = figure_index(dataset)
    groups: dict[tuple, list[int]] = {}
    for position, f in enumerate(index.figures):
        key = (f["metric"], f["area"], f["subset"], f["period_type"], f["period_start"], _slot(f))
        groups.setdefault(key, []).append(position)
    out = []
    for key in sorted(groups):
        positions = groups[key]
        if len({index.figures[p]["value"] for p in positions}) < 2:
            continue
        used = index.rank(positions)
        out.append(Conflict(used, tuple(index.figures[p] for p in positions if p != used.position)))
    return out
