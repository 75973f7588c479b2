"""Which districts and units a selection covers: plain look-ups, prepared once per dataset."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset


@dataclass(frozen=True)
class _Areas:
    """Districts in the boundary file's order with their region, units with region and members."""

    districts: tuple[tuple[str, str], ...]  # (code, economic region)
    units: tuple[tuple[str, str, frozenset[str]], ...]  # (unit id, economic region, member codes)


@lru_cache(maxsize=8)
def _areas(dataset: Dataset) -> _Areas:
    d = dataset.districts
    u = dataset.units
    return _Areas(
        districts=tuple(zip(d["code"], d["economic_region"], strict=True)),
        units=tuple(
            (str(i), str(r), frozenset(m))
            for i, r, m in zip(u["unit_id"], u["economic_region"], u["members"], strict=True)
        ),
    )


def region_codes(dataset: Dataset, selection: Selection) -> list[str]:
    """Every district code of the selected regions (drawn on the map, some muted)."""
    regions = set(selection.regions)
    return [code for code, region in _areas(dataset).districts if region in regions]


def focus_codes(dataset: Dataset, selection: Selection) -> list[str]:
    """District codes the selection covers (all of its regions when none is picked)."""
    codes = region_codes(dataset, selection)
    if selection.districts:
        picked = set(selection.districts)
        codes = [c for c in codes if c in picked]
    return codes


def focus_units(dataset: Dataset, selection: Selection) -> list[str]:
    """Units not on the map that belong to the selection: in its regions, and when
    districts are picked, sharing one of them."""
    regions = set(selection.regions)
    focus = set(focus_codes(dataset, selection))
    return [
        unit
        for unit, region, members in _areas(dataset).units
        if region in regions and (not selection.districts or members & focus)
    ]


def all_unit_ids(dataset: Dataset) -> frozenset[str]:
    """Every unit id (settlements may belong to a unit instead of a district)."""
    return frozenset(unit for unit, _, _ in _areas(dataset).units)
