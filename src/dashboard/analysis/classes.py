"""Colour classes for a map: up to five quantile classes with round bounds (no colours here)."""

from __future__ import annotations

import math
from collections.abc import Sequence

CLASS_COUNT = 5


def _nice(value: float) -> float:
    """Round a break to two significant digits so the legend reads well."""
    if value <= 0:
        return 0.0
    step = 10 ** (math.floor(math.log10(value)) - 1)
    return math.ceil(value / step) * step


def classify(values: Sequence[float]) -> list[float]:
    """Upper bounds of up to five classes over the values (quantiles, rounded).

    Each value falls in the first class whose bound it does not exceed; the last bound
    is at least the maximum. No values give no classes.
    """
    data = sorted(v for v in values if v is not None and not math.isnan(v))
    if not data:
        return []
    distinct = sorted(set(data))
    if len(distinct) <= CLASS_COUNT:
        return [float(v) for v in distinct]
    k = CLASS_COUNT
    bounds = []
    for i in range(1, k + 1):
        q = data[min(len(data) - 1, math.ceil(i * len(data) / k) - 1)]
        bounds.append(_nice(q))
    bounds[-1] = max(bounds[-1], data[-1])
    return sorted(set(bounds))
