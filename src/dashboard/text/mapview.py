"""The map of a selection in words: ``analysis.mapview.map_view`` as the tables the map,
its legend and tables, and the exports draw."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

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


@dataclass(frozen=True)
class MapData:
    """Everything the map page draws for one selection."""

    districts: gpd.GeoDataFrame  # the districts of the selected regions with their figure in words
    mappable: gpd.GeoDataFrame  # settlements with coordinates
    hidden: pd.DataFrame  # settlements without coordinates, listed beside the map
    breaks: list[float]  # colour classes over the districts in focus
    unit: str  # unit of the coloured figure
    table: pd.DataFrame  # the districts' figures as text, headed in the chosen language
    hidden_table: pd.DataFrame  # the settlements without coordinates, likewise


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
    districts = _districts(dataset, selection, view, lang)
    points = settlement_points(dataset, view, lang)
    hidden = pd.DataFrame(points[~points["mappable"]].drop(columns="geometry"))
    name = "name_az" if lang == "az" else "name_en"
    return MapData(
        districts=districts,
        mappable=points[points["mappable"]].reset_index(drop=True),
        hidden=hidden,
        breaks=list(view.breaks),
        unit=view.unit,
        table=_headed(
            districts,
            {
                name: "district",
                "value_text": "value",
                "period_text": "period",
                "issuing_body": "issued_by",
                "source_text": "source",
            },
            lang,
        ),
        hidden_table=_headed(
            hidden,
            {
                "name": "settlement",
                "district_name": "district",
                "first_return_text": "first_return",
                "families_text": "families",
                "people_text": "people",
            },
            lang,
        ),
    )


def _districts(dataset: Dataset, selection: Selection, view: MapView, lang: str) -> gpd.GeoDataFrame:
    """The districts of the selected regions with the selected figure, ready for the map
    (with the figure's ``FIGURE_FIELDS``; empty where there is none)."""
    base = _district_rows(dataset)
    rows = []
    no_data = t("no_data", lang)
    for d in view.districts:
        row = dict(base[d.code]) | {"in_focus": d.in_focus, "value": d.value}
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
                "issuing_body": f["issuing_body"],
                "source_text": source_text(dataset, f["source_id"], lang),
            }
            row |= {col: str(f[col]) for col in FIGURE_FIELDS}
        else:
            row |= {"value_text": no_data, "period_text": "", "issuing_body": "", "source_text": ""}
            row |= {col: view.unit if col == "unit" else "" for col in FIGURE_FIELDS}
        row["popup_rows"] = popup_rows(dataset, d.code, lang)
        rows.append(row)
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=dataset.districts.crs)
    if frame.empty:
        return gpd.GeoDataFrame(
            columns=[*dataset.districts.columns, "in_focus", "value"], geometry="geometry", crs=dataset.districts.crs
        )
    return frame


def _returned_text(value: float, unit: str, qualifier: object, kind: object, lang: str) -> str:
    text = fmt_value(value, unit, qualifier if isinstance(qualifier, str) else "", lang)
    return t("first_group", lang, value=text) if kind == "event" else text


_POINT_TEXT = (
    "name",
    "district_name",
    "people_text",
    "families_text",
    "as_of_text",
    "first_return_text",
    "source_text",
)


def settlement_points(dataset: Dataset, view: MapView, lang: str) -> gpd.GeoDataFrame:
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
            known = v is not None and not (isinstance(v, float) and math.isnan(v))
            row[f"{col}_text"] = (
                _returned_text(v, unit, s[f"{col}_qualifier"], s[f"{col}_period_type"], lang) if known else unknown
            )
        people_known = s["people"] is not None
        as_of = s["people_period_end"] if people_known else s["families_period_end"]
        row["as_of_text"] = fmt_date(as_of, lang) if isinstance(as_of, str) and as_of else ""
        row["first_return_text"] = fmt_date(s["first_return"], lang) if s["first_return"] else unknown
        src = s["people_source_id"] if people_known else s["families_source_id"]
        row["source_text"] = source_text(dataset, src, lang) if isinstance(src, str) and src else ""
        row["people"] = float("nan") if s["people"] is None else float(s["people"])
        rows.append(row)
    if not rows:
        figure_columns = [f"{col}{f}" for _, col in RETURN_METRICS for f in ("", *(f"_{n}" for n in FIGURE_FIELDS_OF))]
        columns = [*dataset.settlements.columns, "status", *figure_columns, *_POINT_TEXT]
        empty = gpd.GeoDataFrame(columns=columns, geometry="geometry", crs=dataset.settlements.crs)
        return empty.assign(mappable=pd.Series(dtype=bool))
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=dataset.settlements.crs)


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
                "issuing_body": f["issuing_body"],
                "source": source_text(dataset, f["source_id"], lang),
                "area": area,
                "value": float(f["value"]),
                "figure_unit": str(f["unit"]),
                **{col: str(f[col]) for col in _UNIT_FIELDS},
            }
        )
    return pd.DataFrame(records, columns=_UNIT_COLUMNS)


def _headed(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    """Some columns of ``frame`` under translated headings (message keys), indexed by
    the first."""
    table = pd.DataFrame({t(key, lang): frame[col].to_numpy() for col, key in columns.items()})
    return table.set_index(t(next(iter(columns.values())), lang))
