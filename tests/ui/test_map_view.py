"""The map widget hands streamlit-folium's component what st_folium itself would."""

from __future__ import annotations

import copy

import streamlit_folium as sf
from paths import GEODATA

from dashboard.analysis.selection import Period, Selection
from dashboard.data.loader import load_dataset
from dashboard.maps.build import dataset_base_map, view_layers
from dashboard.text.mapview import map_data
from dashboard.ui.components.map_view import component_args, render_base, render_layers

LABELS = {k: k for k in ("source", "issued_by", "no_data", "first_return", "families", "people", "figure", "value")}


def test_component_arguments_match_st_folium(monkeypatch):
    dataset = load_dataset(GEODATA).dataset
    data = map_data(dataset, Selection(period=Period(year=2023)), "en")
    m = dataset_base_map(dataset)
    twin = copy.deepcopy(m)

    def layers():
        return view_layers(data.districts, data.mappable, data.breaks, LABELS)

    captured = {}
    monkeypatch.setattr(sf, "_component_func", lambda **kw: captured.update(kw))
    sf.st_folium(m, key="k", height=560, returned_objects=[], feature_group_to_add=layers(), use_container_width=True)

    base = render_base(twin) | {"elements": [twin]}
    ours = component_args(base, render_layers(layers()), "k", 560)

    assert set(ours) == set(captured) - {"on_change"}
    for name in ours:
        assert ours[name] == captured[name], name
    assert ours["js_links"] == ["/app/static/vendor/leaflet/leaflet.js"]
    assert "Jabrayil" in ours["feature_group"] or "Cəbrayıl" in ours["feature_group"]
