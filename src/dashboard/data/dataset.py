"""The loaded, validated data: one immutable object the whole app shares.

Tables are handed out as copy-on-write views (pandas 3), so a caller that changes
what it got never changes the dataset other sessions see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd


def issuing_bodies(cell: str) -> list[str]:
    """The bodies named in one issuing_body cell ("A; B" names two)."""
    return [b.strip() for b in str(cell).split(";") if b.strip()]


@dataclass(frozen=True, eq=False)
class Dataset:
    """Everything in geodata/, validated.

    Tables and their columns:

    ``districts`` (GeoDataFrame, one row per rayon or city, display geometry, WGS 84):
        code, name_en, name_az, kind ("rayon" | "city"), economic_region, geometry.
    ``background`` (GeoDataFrame): name, geometry: country outlines for maps without tiles.
    ``figures`` (DataFrame, one row per figure as one source states it):
        figure_id, metric, topic, area, area_kind ("national" | "district" | "unit" |
        "settlement"), subset, period_type, period_start, period_end (ISO text as in the
        file), start_date, end_date (Timestamps: first and last day covered; start_date
        NaT when open), end_precision ("day" | "month" | "year"), value (float), qualifier,
        unit, issuing_body, source_id, flag, note, file, line.
    ``sources``: source_id, publisher, title, url, published, language, note.
    ``metrics``: metric, topic, unit, label_en, label_az, monotonic (bool), definition.
    ``units``: unit_id, name_en, name_az, kind, members (tuple of district codes),
        economic_region, note.
    ``settlements`` (GeoDataFrame, point geometry or None when coordinates are unknown):
        settlement_id, name_en, name_az, kind, district, latitude, longitude,
        coord_source_id, first_return, first_return_date (Timestamp or NaT),
        first_return_source_id, flag, note, mappable (bool), geometry.

    ``views`` (prepared views for presentation mode, in order): view_id, order, title_en,
        title_az, caption_en, caption_az, region, districts, metric, period, cards; empty
        when geodata/presentation.csv is absent.

    ``issuers``: issuing_body (as figures name it, in English), issuer_az, note; empty
        when geodata/issuers.csv is absent. ``issuer_name(body, lang)`` looks a name up.

    ``claims`` (figures quoted in public, checked against the record; empty when
        geodata/claims.csv is absent): the columns of claims.csv (value as float), plus
        from_date, to_date (Timestamps: first and last day the claim's date may be),
        to_precision ("day" | "month" | "year" of as_of) and start_date (first day of
        period_start, NaT when empty).

    ``version`` is a digest of every file's bytes: equal versions, equal data.
    """

    root: Path
    version: str
    _districts: gpd.GeoDataFrame
    _background: gpd.GeoDataFrame
    _figures: pd.DataFrame
    _sources: pd.DataFrame
    _metrics: pd.DataFrame
    _units: pd.DataFrame
    _settlements: gpd.GeoDataFrame
    _views: pd.DataFrame = field(default_factory=pd.DataFrame)
    _issuers: pd.DataFrame = field(default_factory=pd.DataFrame)
    _claims: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def districts(self) -> gpd.GeoDataFrame:
        return self._districts.copy(deep=False)

    @property
    def background(self) -> gpd.GeoDataFrame:
        return self._background.copy(deep=False)

    @property
    def figures(self) -> pd.DataFrame:
        return self._figures.copy(deep=False)

    @property
    def sources(self) -> pd.DataFrame:
        return self._sources.copy(deep=False)

    @property
    def metrics(self) -> pd.DataFrame:
        return self._metrics.copy(deep=False)

    @property
    def units(self) -> pd.DataFrame:
        return self._units.copy(deep=False)

    @property
    def settlements(self) -> gpd.GeoDataFrame:
        return self._settlements.copy(deep=False)

    @property
    def views(self) -> pd.DataFrame:
        return self._views.copy(deep=False)

    @property
    def issuers(self) -> pd.DataFrame:
        return self._issuers.copy(deep=False)

    @property
    def claims(self) -> pd.DataFrame:
        return self._claims.copy(deep=False)

    @cached_property
    def _issuer_az(self) -> dict[str, str]:
        if self._issuers.empty:
            return {}
        return dict(zip(self._issuers["issuing_body"].str.strip(), self._issuers["issuer_az"], strict=True))

    def issuer_name(self, body: str, lang: str = "en") -> str:
        """An issuing body's name in a language.

        ``body`` is an issuing_body cell as figures hold it (English; "A; B" names two
        bodies). English returns it as it is; Azerbaijani gives each body's issuer_az,
        or its English name when issuers.csv has none.
        """
        if lang != "az":
            return body
        return "; ".join(self._issuer_az.get(b, b) for b in issuing_bodies(body))

    @cached_property
    def _source_records(self) -> dict[str, dict[str, str]]:
        return {str(r["source_id"]): {k: str(v) for k, v in r.items()} for r in self._sources.to_dict("records")}

    def source(self, source_id: str) -> dict[str, str]:
        """One source record as a dict (a copy)."""
        return dict(self._source_records.get(source_id, {}))

    @cached_property
    def _area_names(self) -> dict[str, dict[str, str]]:
        """Name of every district, unit and settlement by code, per language column
        (the first table that knows a code wins: districts, then units, then settlements)."""
        names: dict[str, dict[str, str]] = {"name_en": {}, "name_az": {}}
        for table, key in (
            (self._settlements, "settlement_id"),
            (self._units, "unit_id"),
            (self._districts, "code"),
        ):
            for col, found in names.items():
                found.update({str(k): str(v) for k, v in zip(table[key], table[col], strict=True)})
        return names

    def area_name(self, area: str, lang: str = "en") -> str:
        """Display name of a figure's area (national, district, unit or settlement)."""
        if area == "AZ":
            return "Azərbaycan" if lang == "az" else "Azerbaijan"
        return self._area_names["name_az" if lang == "az" else "name_en"].get(area, area)
