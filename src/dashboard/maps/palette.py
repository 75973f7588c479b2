"""Colours for the district map: five classes, safe for colour-blind readers.

The classes use five steps of the viridis scale (dark purple → yellow, reversed so
that more is darker). Viridis was designed to stay ordered and distinguishable under
deuteranopia, protanopia and tritanopia and in greyscale print; its light end is
given a dark outline on the map so it keeps contrast against the pale background.
"No data" is not a colour of the scale: a pale grey with a dashed outline.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from dashboard.analysis.classes import CLASS_COUNT, classify

__all__ = ["CLASS_COLOURS", "NO_DATA_DASH", "NO_DATA_FILL", "OUTLINE", "class_of", "classify", "colour", "legend_items"]

CLASS_COLOURS = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
NO_DATA_FILL = "#eeeeee"
NO_DATA_DASH = "4 3"
OUTLINE = "#333333"
assert len(CLASS_COLOURS) == CLASS_COUNT


def class_of(value: float | None, breaks: Sequence[float]) -> int:
    """Index of the value's class, or -1 for a missing value (no data)."""
    if value is None or math.isnan(value) or not breaks:
        return -1
    for i, bound in enumerate(breaks):
        if value <= bound:
            return i
    return len(breaks) - 1


def colour(index: int, n_classes: int) -> str:
    """Fill colour of a class; spread over the scale when there are fewer than five."""
    if index < 0:
        return NO_DATA_FILL
    if n_classes <= 1:
        return CLASS_COLOURS[2]
    step = (len(CLASS_COLOURS) - 1) / (n_classes - 1)
    return CLASS_COLOURS[round(index * step)]


def legend_items(
    breaks: Sequence[float], unit_label: str, no_data_label: str, fmt: Callable[[float], str]
) -> list[tuple[str, str]]:
    """(colour, label) for each class, then the no-data entry."""
    items = []
    lower: float | None = None
    for i, bound in enumerate(breaks):
        span = f"≤ {fmt(bound)}" if lower is None else f"{fmt(lower)} – {fmt(bound)}"
        items.append((colour(i, len(breaks)), f"{span} {unit_label}"))
        lower = bound
    items.append((NO_DATA_FILL, no_data_label))
    return items
