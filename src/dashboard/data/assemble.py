"""Checked rows and boundaries -> the Dataset: one frame per table, with the columns the
analysis derives from them (dates as Timestamps, area kinds, topics, points).

Runs only on files that passed every check (``loader``), so nothing here reports.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from dashboard.data import schema
from dashboard.data.claimsfile import claims_frame
from dashboard.data.csvfile import Row, date_precision, parse_partial_date
from dashboard.data.dataset import Dataset
from dashboard.data.files import data_version


def _frame(rows: list[Row], spec: schema.TableSpec) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["_line", *spec.names]).rename(columns={"_line": "line"})
    return frame


def assemble(
    root: Path,
    display: gpd.GeoDataFrame,
    background: gpd.GeoDataFrame,
    tables: dict[str, list[Row]],
    codes: set[str],
    unit_ids: set[str],
) -> Dataset:
    """The Dataset of checked files: each table as a frame with its derived columns
    (dates, kinds, topics), the boundaries and the settlements' points."""
    metrics = _frame(tables[schema.METRICS.path], schema.METRICS).drop(columns="line")
    metrics["monotonic"] = metrics["monotonic"] == "yes"
    topic_of = dict(zip(metrics["metric"], metrics["topic"], strict=True))

    parts = []
    for spec in schema.FIGURE_FILES:
        part = _frame(tables[spec.path], spec)
        part.insert(0, "file", spec.path)
        parts.append(part)
    figures = pd.concat(parts, ignore_index=True)
    figures["value"] = figures["value"].astype(float)
    figures["topic"] = figures["metric"].map(topic_of)
    figures["area_kind"] = figures["area"].map(
        lambda a: (
            "national"
            if a == schema.NATIONAL
            else "district"
            if a in codes
            else "unit"
            if a in unit_ids
            else "settlement"
        )
    )
    figures["start_date"] = pd.to_datetime(
        figures["period_start"].map(lambda t: parse_partial_date(t)[0] if t else None)  # type: ignore[index]
    )
    figures["end_date"] = pd.to_datetime(figures["period_end"].map(lambda t: parse_partial_date(t)[1]))  # type: ignore[index]
    figures["end_precision"] = figures["period_end"].map(date_precision)
    figures = figures.sort_values(["topic", "metric", "area", "end_date"], kind="stable").reset_index(drop=True)

    units = _frame(tables[schema.UNITS_TABLE.path], schema.UNITS_TABLE).drop(columns="line")
    units["members"] = units["members"].map(lambda m: tuple(str(m).split()))

    settlements = _frame(tables[schema.SETTLEMENTS.path], schema.SETTLEMENTS).drop(columns="line")
    settlements["mappable"] = settlements["latitude"].notna()
    settlements["first_return_date"] = pd.to_datetime(
        settlements["first_return"].map(lambda t: parse_partial_date(t)[0] if t else None)  # type: ignore[index]
    )
    geometry = [
        Point(lon, lat) if ok else None
        for lat, lon, ok in zip(settlements["latitude"], settlements["longitude"], settlements["mappable"], strict=True)
    ]
    settlements_gdf = gpd.GeoDataFrame(settlements, geometry=geometry, crs="EPSG:4326")

    sources = _frame(tables[schema.SOURCES.path], schema.SOURCES).drop(columns="line")
    views = _frame(tables[schema.PRESENTATION.path], schema.PRESENTATION).drop(columns="line")
    views = views.sort_values("order", kind="stable").reset_index(drop=True)
    issuers = _frame(tables[schema.ISSUERS.path], schema.ISSUERS).drop(columns="line")
    claims = claims_frame(tables[schema.CLAIMS.path])
    districts = display[["code", "name_en", "name_az", "kind", "economic_region", "geometry"]].copy()
    return Dataset(
        root=root,
        version=data_version(root),
        _districts=districts.reset_index(drop=True),
        _background=background[["name", "geometry"]].reset_index(drop=True),
        _figures=figures,
        _sources=sources,
        _metrics=metrics,
        _units=units,
        _settlements=settlements_gdf,
        _views=views,
        _issuers=issuers,
        _claims=claims,
    )
