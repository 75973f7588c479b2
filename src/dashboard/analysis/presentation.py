"""Prepared views for presentation mode: geodata/presentation.csv as selections.

Each row of the file is a saved filter state with a title and a one-line caption in
both languages, and the headline cards to show. Staff edit the file; the loader has
already checked every code in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.analysis.selection import EXTRA_CARDS, FOCUS_REGIONS, Period, Selection
from dashboard.data.dataset import Dataset

# Cards shown when a view does not list its own: the ones that make its metric's point.
DEFAULT_CARDS = {
    "returns": ("settlements", "families", "people"),
    "victims": ("victims", "area"),
}
_CLEARANCE_CARDS = ("area", "ap", "at", "uxo")


@dataclass(frozen=True)
class PreparedView:
    """One step of a presentation."""

    view_id: str
    title_en: str
    title_az: str
    caption_en: str
    caption_az: str
    selection: Selection
    card_keys: tuple[str, ...]

    def title(self, lang: str) -> str:
        return self.title_az if lang == "az" else self.title_en

    def caption(self, lang: str) -> str:
        return self.caption_az if lang == "az" else self.caption_en


def prepared_views(dataset: Dataset) -> list[PreparedView]:
    """The views of geodata/presentation.csv, in their order."""
    out = []
    for row in dataset.views.to_dict("records"):
        region = str(row.get("region") or "")
        metric = str(row["metric"])
        keys = tuple(str(row.get("cards") or "").split()) or DEFAULT_CARDS.get(metric, _CLEARANCE_CARDS)
        selection = Selection(
            regions=(region,) if region else FOCUS_REGIONS,
            districts=tuple(str(row.get("districts") or "").split()),
            metric=metric,
            period=Period.parse(str(row.get("period") or "cumulative")),
            extras=tuple(k for k in keys if k in EXTRA_CARDS),
        )
        out.append(
            PreparedView(
                view_id=str(row["view_id"]),
                title_en=str(row["title_en"]),
                title_az=str(row["title_az"]),
                caption_en=str(row["caption_en"]),
                caption_az=str(row["caption_az"]),
                selection=selection,
                card_keys=keys,
            )
        )
    return out


def view_index(views: list[PreparedView], view_id: str | None) -> int:
    """Position of a view by its id; the first view for an unknown or missing id."""
    for i, v in enumerate(views):
        if v.view_id == view_id:
            return i
    return 0
