"""The map widget: a base map built once per data version, layers swapped in place.

The base map (background outlines, every district faintly) is built once per data
version and copied for each rerun; the district and settlement layers change with the filters and reach
the same iframe through ``feature_group_to_add``, so the map does not blink and keeps
its zoom. ``returned_objects=[]`` stops panning and zooming from causing reruns.
"""

from __future__ import annotations

import copy
import os

import folium
import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.data.dataset import Dataset
from dashboard.maps.assets import localise_folium_assets
from dashboard.maps.build import base_geojson, base_map, district_layer, settlement_layer

MAP_KEY = "district-map"
CENTER = (39.75, 46.75)
ZOOM = 8


@st.cache_resource(show_spinner=False, max_entries=4)
def _base(_dataset: Dataset, version: str, tiles: str | None) -> folium.Map:
    localise_folium_assets()
    return base_map(*base_geojson(_dataset.background, _dataset.districts), CENTER, ZOOM, tiles=tiles)


def show_map(
    dataset: Dataset,
    view: gpd.GeoDataFrame,
    points: gpd.GeoDataFrame,
    breaks: list[float],
    labels: dict[str, str],
    height: int = 560,
) -> None:
    """Draw the map for a selection."""
    tiles = os.environ.get("DASHBOARD_TILES") or None
    # st_folium renders into the Map object it gets, so each rerun gets its own copy of
    # the cached one; the copy keeps the element ids, so the browser keeps its iframe.
    base = copy.deepcopy(_base(dataset, dataset.version, tiles))
    layers = [district_layer(view, breaks, labels), settlement_layer(points, labels)]
    st_folium(
        base,
        feature_group_to_add=layers,
        key=MAP_KEY,
        returned_objects=[],
        height=height,
        width="stretch",
    )
