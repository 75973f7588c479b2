"""The map widget: a base map built once per data version, layers swapped in place.

The base map (background outlines, every district faintly) is cached and shared by
all sessions; the district and settlement layers change with the filters and reach
the same iframe through ``feature_group_to_add``, so the map does not blink and keeps
its zoom. ``returned_objects=[]`` stops panning and zooming from causing reruns.
"""

from __future__ import annotations

import os

import folium
import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.data.dataset import Dataset
from dashboard.maps.assets import localise_folium_assets
from dashboard.maps.build import base_map, district_layer, settlement_layer

MAP_KEY = "district-map"
CENTER = (39.75, 46.75)
ZOOM = 8


@st.cache_resource(show_spinner=False, max_entries=4)
def _base(_dataset: Dataset, version: str, tiles: str | None) -> folium.Map:
    localise_folium_assets()
    return base_map(_dataset.background, _dataset.districts, CENTER, ZOOM, tiles=tiles)


@st.cache_resource(show_spinner=False, max_entries=256)
def _layers(
    _view: gpd.GeoDataFrame,
    _points: gpd.GeoDataFrame,
    breaks: tuple[float, ...],
    labels: tuple[tuple[str, str], ...],
    cache_key: str,
) -> list[folium.FeatureGroup]:
    words = dict(labels)
    return [district_layer(_view, list(breaks), words), settlement_layer(_points, words)]


def show_map(
    dataset: Dataset,
    view: gpd.GeoDataFrame,
    points: gpd.GeoDataFrame,
    breaks: list[float],
    labels: dict[str, str],
    cache_key: str,
    height: int = 560,
) -> None:
    """Draw the map for a selection (``cache_key`` names the selection and language)."""
    tiles = os.environ.get("DASHBOARD_TILES") or None
    base = _base(dataset, dataset.version, tiles)
    layers = _layers(view, points, tuple(breaks), tuple(sorted(labels.items())), f"{dataset.version}:{cache_key}")
    st_folium(
        base,
        feature_group_to_add=layers,
        key=MAP_KEY,
        returned_objects=[],
        height=height,
        width="stretch",
    )
