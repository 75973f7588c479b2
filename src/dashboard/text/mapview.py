"""The map of a selection in words: ``analysis.mapview.map_view`` as the tables the map,
its legend and tables, and the exports draw."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

import geopandas as gpd
import pandas as pd

from dashboard.analysis.mapview import MapView, map_view, unit_choices
from dashboard.analysis.selection import Selection
from dashboard.analysis.settlements import FIGURE_FIELDS as FIGURE_FIELDS_OF
from dashboard.analysis.settlements import RETURN_METRICS
from dashboard.data.dataset import Dataset
from dashboard.i18n.format import fmt_date, fmt_value
from dashboard.i18n.messages import t
from dashboard.text.figures import figure_period_text, figure_value_text, popup_rows, source_text

# Fields of the chosen figure that views carry besides its formatted text, so that
# exports can name each figure's source and keep its raw value.
FIGURE_FIELDS = (
    "figure_id", "source_id", "qualifier", "unit", "period_type", "period_start", "period_end", "flag", "note",
)  # fmt: skip
# "unit" is the unit's name here; the figure's unit code is "figure_unit".
_UNIT_FIELDS = [f for f in FIGURE_FIELDS if f != "unit"]
_UNIT_COLUMNS = ["unit", "value_text", "period_text", "issuing_body", "source", "area", "value", "figure_unit"]
_UNIT_COLUMNS += _UNIT_FIELDS


# The map's two tables: (row field, heading message key), the first heading the rows'.
TABLE_COLUMNS = (
    ("name", "district"),
    ("value_text", "value"),
    ("period_text", "period"),
    ("issuing_body", "issued_by"),
    ("source_text", "source"),
)
HIDDEN_COLUMNS = (
    ("name", "settlement"),
    ("district_name", "district"),
    ("first_return_text", "first_return"),
    ("families_text", "families"),
    ("people_text", "people"),
)


@dataclass(frozen=True)
class MapData:
    """Everything the map page draws for one selection, as plain rows.

    ``district_rows`` are the districts of the selected regions (boundary columns with
    the display geometry, ``in_focus``, ``value``, the figure in words and its
    ``FIGURE_FIELDS``, ``popup_rows``); ``settlement_rows`` the settlements of the focus
    (``mappable`` says whether they have coordinates). The page draws from the rows; the
    tables (``districts``, ``mappable``, ``hidden``, ``table``, ``hidden_table``) are
    made on first use, for the exports.
    """

    district_rows: tuple[dict, ...]
    settlement_rows: tuple[dict, ...]
    breaks: list[float]  # colour classes over the districts in focus
    unit: str  # unit of the coloured figure
    lang: str
    district_columns: tuple[str, ...] = field(repr=False)
    settlement_columns: tuple[str, ...] = field(repr=False)
    crs: object = field(default=None, repr=False)

    @property
    def mappable_rows(self) -> list[dict]:
        return [r for r in self.settlement_rows if r["mappable"]]

    @property
    def hidden_rows(self) -> list[dict]:
        return [r for r in self.settlement_rows if not r["mappable"]]

    @cached_property
    def districts(self) -> gpd.GeoDataFrame:
        """The district rows as a GeoDataFrame."""
        return _geoframe(self.district_rows, self.district_columns, self.crs)

    @cached_property
    def mappable(self) -> gpd.GeoDataFrame:
        """The settlements with coordinates as a GeoDataFrame."""
        return _geoframe(self.mappable_rows, self.settlement_columns, self.crs)

    @cached_property
    def hidden(self) -> pd.DataFrame:
        """The settlements without coordinates, listed beside the map."""
        columns = [c for c in self.settlement_columns if c != "geometry"]
        return pd.DataFrame([{c: r.get(c) for c in columns} for r in self.hidden_rows], columns=columns)

    def table_rows(self, hidden: bool = False) -> tuple[list[str], list[list[str]]]:
        """Headings and cells of the districts' figures table (or of the settlements
        without coordinates), in the selection's language."""
        columns = HIDDEN_COLUMNS if hidden else TABLE_COLUMNS
        rows = self.hidden_rows if hidden else self.district_rows
        headings = [t(key, self.lang) for _, key in columns]
        return headings, [["" if r.get(col) is None else str(r.get(col)) for col, _ in columns] for r in rows]

    @cached_property
    def table(self) -> pd.DataFrame:
        """The districts' figures as text, headed in the chosen language."""
        return _headed(*self.table_rows())

    @cached_property
    def hidden_table(self) -> pd.DataFrame:
        """The settlements without coordinates, likewise."""
        return _headed(*self.table_rows(hidden=True))


def _geoframe(rows: list[dict] | tuple[dict, ...], columns: tuple[str, ...], crs: object) -> gpd.GeoDataFrame:
    frame = pd.DataFrame(list(rows), columns=list(columns))
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=crs)


def _headed(headings: list[str], rows: list[list[str]]) -> pd.DataFrame:
    """A table of text under headings, indexed by the first column."""
    return pd.DataFrame(rows, columns=headings).set_index(headings[0])


def district_options(dataset: Dataset, regions: tuple[str, ...], lang: str) -> dict[str, str]:
    """Code to name of the districts of some economic regions, in name order."""
    d = dataset.districts
    d = d[d["economic_region"].isin(regions)]
    names = dict(zip(d["code"], d["name_az" if lang == "az" else "name_en"], strict=True))
    return dict(sorted(names.items(), key=lambda item: item[1]))


@lru_cache(maxsize=8)
def _district_rows(dataset: Dataset) -> dict[str, dict]:
    """Every district's row of the boundary table (with its display geometry), by code."""
    return {row["code"]: row for row in dataset.districts.to_dict("records")}


def map_data(dataset: Dataset, selection: Selection, lang: str, today: date | None = None) -> MapData:
    """The districts, settlements and colour classes of a selection, in words."""
    view = map_view(dataset, selection, today)
    points = settlement_points(dataset, view, lang)
    district_columns = (*dataset.districts.columns, "in_focus", "value", *_DISTRICT_TEXT, *FIGURE_FIELDS, "popup_rows")
    return MapData(
        district_rows=tuple(_districts(dataset, selection, view, lang)),
        settlement_rows=tuple(points),
        breaks=list(view.breaks),
        unit=view.unit,
        lang=lang,
        district_columns=tuple(dict.fromkeys(district_columns)),
        settlement_columns=tuple(dict.fromkeys([*dataset.settlements.columns, *_POINT_COLUMNS])),
        crs=dataset.districts.crs,
    )


_DISTRICT_TEXT = ("name", "value_text", "period_text", "issuing_body", "source_text")


def _districts(dataset: Dataset, selection: Selection, view: MapView, lang: str) -> list[dict]:
    """The districts of the selected regions with the selected figure, ready for the map
    (with the figure's ``FIGURE_FIELDS``; empty where there is none)."""
    base = _district_rows(dataset)
    rows = []
    no_data = t("no_data", lang)
    name = "name_az" if lang == "az" else "name_en"
    for d in view.districts:
        row = dict(base[d.code]) | {"in_focus": d.in_focus, "value": d.value, "name": base[d.code][name]}
        if selection.metric == "returns":
            row |= {
                "value_text": fmt_value(d.value, "settlements", "", lang),
                "period_text": t("as_of_short", lang, date=fmt_date(d.as_of, lang)) if d.as_of else "",
                "issuing_body": "",
                "source_text": t("settlement_count_note", lang),
            }
            row |= {col: "settlements" if col == "unit" else "" for col in FIGURE_FIELDS}
        elif d.choice is not None:
            f = d.choice.figure
            row |= {
                "value_text": figure_value_text(f, lang),
                "period_text": figure_period_text(f, lang),
                "issuing_body": dataset.issuer_name(f["issuing_body"], lang),
                "source_text": source_text(dataset, f["source_id"], lang),
            }
            row |= {col: str(f[col]) for col in FIGURE_FIELDS}
        else:
            row |= {"value_text": no_data, "period_text": "", "issuing_body": "", "source_text": ""}
            row |= {col: view.unit if col == "unit" else "" for col in FIGURE_FIELDS}
        row["popup_rows"] = popup_rows(dataset, d.code, lang)
        rows.append(row)
    return rows


def _returned_text(value: float, unit: str, qualifier: object, kind: object, lang: str) -> str:
    text = fmt_value(value, unit, qualifier if isinstance(qualifier, str) else "", lang)
    return t("first_group", lang, value=text) if kind == "event" else text


_POINT_TEXT = ("name", "district_name", "people_text", "families_text", "as_of_text", "first_return_text")
_POINT_TEXT += ("source_text",)
_POINT_COLUMNS = (
    "status",
    *(f"{col}{f}" for _, col in RETURN_METRICS for f in ("", *(f"_{n}" for n in FIGURE_FIELDS_OF))),
    *_POINT_TEXT,
)


def settlement_points(dataset: Dataset, view: MapView, lang: str) -> list[dict]:
    """Settlements of a map view with their latest families and people figures in words."""
    name_col = "name_az" if lang == "az" else "name_en"
    unknown = t("unknown", lang)
    rows = []
    for s in view.settlements:
        row = dict(s)
        row["name"] = s[name_col]
        row["district_name"] = dataset.area_name(s["district"], lang)
        for col, unit in (("people", "people"), ("families", "families")):
            v = s[col]
            row[f"{col}_text"] = (
                _returned_text(v, unit, s[f"{col}_qualifier"], s[f"{col}_period_type"], lang)
                if v is not None
                else unknown
            )
        people_known = s["people"] is not None
        as_of = s["people_period_end"] if people_known else s["families_period_end"]
        row["as_of_text"] = fmt_date(as_of, lang) if isinstance(as_of, str) and as_of else ""
        row["first_return_text"] = fmt_date(s["first_return"], lang) if s["first_return"] else unknown
        src = s["people_source_id"] if people_known else s["families_source_id"]
        row["source_text"] = source_text(dataset, src, lang) if isinstance(src, str) and src else ""
        row["people"] = math.nan if s["people"] is None else float(s["people"])
        rows.append(row)
    return rows


def unit_figures(dataset: Dataset, selection: Selection, lang: str) -> pd.DataFrame:
    """Figures for units that are not on the map (Aghdara, groups of districts, ...),
    by the unit's name (``unit``) and id (``area``), with the raw ``value`` and the
    figure's ``FIGURE_FIELDS`` (its unit code as ``figure_unit``)."""
    records = []
    for area, choice in unit_choices(dataset, selection):
        f = choice.figure
        records.append(
            {
                "unit": dataset.area_name(area, lang),
                "value_text": figure_value_text(f, lang),
                "period_text": figure_period_text(f, lang),
                "issuing_body": dataset.issuer_name(f["issuing_body"], lang),
                "source": source_text(dataset, f["source_id"], lang),
                "area": area,
                "value": float(f["value"]),
                "figure_unit": str(f["unit"]),
                **{col: str(f[col]) for col in _UNIT_FIELDS},
            }
        )
    return pd.DataFrame(records, columns=_UNIT_COLUMNS)
