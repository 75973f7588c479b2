"""Reference page for the benchmark: the same district polygons with a bare st_folium call.

Only what it takes to draw offline is added (local Leaflet, no tiles); no caching, no
layers, no cards.
"""

import folium
from streamlit_folium import st_folium

from dashboard.data.loader import load_dataset
from dashboard.maps.assets import localise_folium_assets
from dashboard.ui.data_access import geodata_root

localise_folium_assets()
districts = load_dataset(geodata_root()).dataset.districts
districts = districts[districts["economic_region"].isin(["Karabakh", "East Zangezur"])]
m = folium.Map(location=[39.75, 46.75], zoom_start=8, tiles=None)
folium.GeoJson(districts.to_json()).add_to(m)
st_folium(m, height=560, use_container_width=True)
