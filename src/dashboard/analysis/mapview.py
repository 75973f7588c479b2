"""What the map of a selection shows, as plain values (``dashboard.text.mapview`` words them).

Every district of the selected regions is drawn; the districts in focus carry the
colour classes. A district's value is its chosen figure for the metric and period, or
for "returns" the number of settlements with returns by the period's end; a district
without a figure has none (shown as "no data", never as 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from dashboard.analysis.areas import all_unit_ids, focus_codes, focus_units, region_codes
from dashboard.analysis.classes import classify
from dashboard.analysis.engine import Choice, figure_index
from dashboard.analysis.selection import Selection
from dashboard.analysis.settlements import cutoff, latest_return, settlement_rows
from dashboard.data.dataset import Dataset


@dataclass(frozen=True)
class DistrictValue:
    """One district on the map: its code, whether it is in focus, and its value.

    For a figure metric ``choice`` is the chosen figure (None: no data); for "returns"
    ``count`` is the settlements counted and ``as_of`` the latest date their returns
    are known by (``settlements.latest_return``: ISO text, None when none is dated).
    """

    code: str
    in_focus: bool
    value: float  # NaN for no data
    choice: Choice | None = field(default=None, compare=False)
    count: int | None = None
    as_of: str | None = None


@dataclass(frozen=True)
class MapView:
    """Everything a map of one selection shows, before any words.

    ``districts`` follow the boundary file's order; ``settlements`` are settlement rows
    (``analysis.settlements.settlement_rows``) of the focus; ``units`` the chosen
    figures of units not on the map, in area order; ``breaks`` the colour classes over
    the values in focus; ``unit`` the coloured figure's unit code.
    """

    districts: tuple[DistrictValue, ...]
    settlements: tuple[dict, ...] = field(compare=False)
    units: tuple[tuple[str, Choice], ...] = field(compare=False)
    breaks: tuple[float, ...]
    unit: str


@lru_cache(maxsize=8)
def metric_units(dataset: Dataset) -> dict[str, str]:
    """The unit code of every metric of metrics.csv, and "settlements" for "returns"."""
    return dict(zip(dataset.metrics["metric"], dataset.metrics["unit"], strict=True)) | {"returns": "settlements"}


def map_view(dataset: Dataset, selection: Selection, today: date | None = None) -> MapView:
    """The districts, settlements, units off the map and colour classes of a selection.
    ``today`` caps the settlement figures (nothing dated later is counted)."""
    end = cutoff(selection.period, today)
    focus = set(focus_codes(dataset, selection))
    codes = region_codes(dataset, selection)
    if selection.metric == "returns":
        counted = settlement_rows(dataset, end, selection.statuses, set(codes) | all_unit_ids(dataset))
        by_district: dict[str, list[dict]] = {}
        for row in counted:
            by_district.setdefault(row["district"], []).append(row)
        districts = tuple(
            DistrictValue(
                c,
                c in focus,
                float(len(by_district[c])) if c in by_district else math.nan,
                count=len(by_district[c]) if c in by_district else None,
                as_of=latest_return(dataset, by_district.get(c, []), end),
            )
            for c in codes
        )
    else:
        index = figure_index(dataset)
        chosen = index.choices(selection.metric, selection.period, ("district",))
        districts = tuple(
            DistrictValue(c, c in focus, float(chosen[c].figure["value"]) if c in chosen else math.nan, chosen.get(c))
            for c in codes
        )
    points = settlement_rows(dataset, end, selection.statuses, focus | set(focus_units(dataset, selection)))
    values = [d.value for d in districts if d.in_focus and not math.isnan(d.value)]
    unit = metric_units(dataset)[selection.metric]
    return MapView(districts, tuple(points), unit_choices(dataset, selection), tuple(classify(values)), unit)


def unit_choices(dataset: Dataset, selection: Selection) -> tuple[tuple[str, Choice], ...]:
    """The chosen figures of the selection's units that are not on the map, in area
    order (none for "returns", which counts settlements on the map)."""
    if selection.metric == "returns":
        return ()
    chosen = figure_index(dataset).choices(
        selection.metric, selection.period, ("unit",), areas=focus_units(dataset, selection)
    )
    return tuple(chosen.items())
