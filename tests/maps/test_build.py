"""Map builders: colours, classes, escaping, marker sizes and local assets."""

from __future__ import annotations

import math

import folium
import geopandas as gpd
from shapely.geometry import Point, box

from dashboard.maps.assets import LEAFLET_JS, localise_folium_assets, remote_links
from dashboard.maps.build import base_geojson, base_map, district_layer, legend_html, marker_radius, settlement_layer
from dashboard.maps.palette import CLASS_COLOURS, NO_DATA_FILL, class_of, classify, colour, legend_items

PAYLOAD = "<img src=x onerror=alert(1)>"
LABELS = {k: k.replace("_", " ") for k in ("source", "issued_by", "no_data", "first_return", "families", "people")}
LABELS |= {"figure": "Figure", "value": "Value", "district": "District"}


def districts() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "code": ["AZ-CAB", "AZ-LAC"],
            "name_en": [PAYLOAD, "Lachin"],
            "name_az": ["Cəbrayıl", "Laçın"],
            "in_focus": [True, True],
            "value": [14016.7, float("nan")],
            "value_text": ["14,016.7 ha", "no data"],
            "period_text": ["in 2023", ""],
            "issuing_body": ["Cabinet of Ministers", ""],
            "source_text": ["Trend: report", ""],
            "popup_rows": [
                [
                    {
                        "metric": "Hectares cleared",
                        "value_text": "14,016.7 ha",
                        "period_text": "in 2023",
                        "issuing_body": "Cabinet",
                        "source_title": PAYLOAD,
                        "source_url": "javascript:alert(1)",
                    }
                ],
                [],
            ],
        },
        geometry=[box(46.9, 39.3, 47.1, 39.5), box(46.3, 39.5, 46.6, 39.8)],
        crs="EPSG:4326",
    )


def points() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "settlement_id": ["lachin-city", "sus"],
            "name": [PAYLOAD, "Sus"],
            "district_name": ["Lachin", "Lachin"],
            "people": [1971.0, float("nan")],
            "people_text": ["1,971 people", "not known"],
            "families_text": ["570 families", "not known"],
            "as_of_text": ["28 June 2024", ""],
            "first_return_text": ["May 2023", "9 May 2024"],
            "source_text": ["Report", ""],
        },
        geometry=[Point(46.546, 39.638), Point(46.6, 39.7)],
        crs="EPSG:4326",
    )


def rendered() -> str:
    localise_folium_assets()
    back = gpd.GeoDataFrame({"name": ["Armenia"]}, geometry=[box(44, 39, 46, 41)], crs="EPSG:4326")
    m = base_map(*base_geojson(back, districts()), (39.7, 46.7), 8)
    breaks = classify([14016.7])
    district_layer(districts(), breaks, LABELS).add_to(m)
    settlement_layer(points(), LABELS).add_to(m)
    return m.get_root().render()


def unjson(html: str) -> str:
    """The page with folium's JSON string escapes undone, as the browser will read them."""
    for code, char in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0026", "&"), ("\\u0027", "'"), ("\\u002f", "/")):
        html = html.replace(code, char)
    return html


def test_text_from_data_is_escaped_everywhere():
    html = unjson(rendered())
    # district tooltip, popup title and source link text; settlement tooltip and popup
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") == 5
    assert PAYLOAD not in html
    assert "javascript:alert" not in html  # a source link must be http(s) to become a link


def test_the_map_loads_nothing_remote():
    html = rendered()
    assert remote_links(html) == []
    assert LEAFLET_JS in html


def test_no_data_is_not_a_colour_of_the_scale():
    breaks = classify([1.0, 2.0, 3.0, 10.0, 50.0, 80.0, 90.0])
    assert len(breaks) == 5
    assert class_of(float("nan"), breaks) == -1
    assert colour(-1, 5) == NO_DATA_FILL not in CLASS_COLOURS
    assert class_of(0.0, breaks) == 0
    assert class_of(90.0, breaks) == 4
    assert breaks[-1] >= 90.0


def test_classes_of_few_values_and_legend_entries():
    assert classify([]) == []
    assert classify([5.0, 5.0]) == [5.0]
    breaks = classify([100.0, 2500.0, 14016.7])
    assert breaks == [100.0, 2500.0, 14016.7]
    items = legend_items(breaks, "ha", "No figure", lambda v: f"{v:,.1f}")
    assert len(items) == len(breaks) + 1
    assert items[0] == (CLASS_COLOURS[0], "≤ 100.0 ha")
    assert items[1][1] == "100.0 – 2,500.0 ha"
    assert items[-1] == (NO_DATA_FILL, "No figure")


def test_marker_area_grows_with_people_and_unknown_is_smallest():
    assert marker_radius(float("nan")) == 5.0
    assert 5.0 < marker_radius(100) < marker_radius(2000) <= 18.0
    assert math.isclose(marker_radius(10_000_000), 18.0)


def test_legend_html_escapes_labels():
    html = legend_html([("#fde725", PAYLOAD)], "Hectares")
    assert "&lt;img" in html and PAYLOAD not in html


def test_folium_is_left_with_leaflet_only():
    localise_folium_assets()
    assert [src for _, src in folium.Map.default_js] == [LEAFLET_JS]
