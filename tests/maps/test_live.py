"""What the live map's label engine is told after each layer update (maps.live)."""

from __future__ import annotations

import json
import math

from shapely.geometry import Point, box

from dashboard.maps.live import focus_bounds, names_view, update_script

PAYLOAD = "<img src=x onerror=alert(1)>"


def rows() -> list[dict]:
    return [
        {"code": "SMALL", "name": "Small", "in_focus": False, "geometry": box(0, 0, 1, 1)},
        {"code": "BIG", "name": "Big", "in_focus": False, "geometry": box(2, 0, 5, 3)},
        {"code": "PICKED", "name": PAYLOAD, "in_focus": True, "geometry": box(0, 2, 0.5, 2.5)},
        {"code": "ALSO", "name": "Also", "in_focus": True, "geometry": box(-1, -2, 0, -1)},
    ]


def points() -> list[dict]:
    return [
        {"settlement_id": "few", "name": "Few", "people": 10.0, "geometry": Point(0.5, 0.5)},
        {"settlement_id": "unknown", "name": "Unknown", "people": math.nan, "geometry": Point(3, 1)},
        {"settlement_id": "many", "name": "Many & more", "people": 900.0, "geometry": Point(3, 2)},
    ]


def test_names_in_focus_first_then_larger_and_escaped():
    view = names_view(rows(), points(), "az")
    assert view["lang"] == "az"
    assert [d[0] for d in view["districts"]] == ["ALSO", "PICKED", "BIG", "SMALL"]
    assert [d[2] for d in view["districts"]] == [True, True, False, False]
    picked = view["districts"][1]
    assert picked[1] == "&lt;img src=x onerror=alert(1)&gt;"
    lat, lon = picked[3][0]  # [lat, lon]: the middle of the square
    assert abs(lat - 2.25) < 0.01 and abs(lon - 0.25) < 0.01
    assert view["settlements"] == [["many", "Many &amp; more"], ["few", "Few"], ["unknown", "Unknown"]]


def test_the_fit_is_keyed_by_the_focus_and_covers_it():
    view = names_view(rows(), points(), "en")
    assert view["fit"] == {"key": "ALSO PICKED", "bounds": [[-2.0, -1.0], [2.5, 0.5]]}
    nothing = [r | {"in_focus": False} for r in rows()]
    assert focus_bounds(nothing) is None
    assert names_view(nothing, [], "en")["fit"] is None


def test_the_update_call_carries_no_raw_markup():
    script = update_script("map_div", names_view(rows(), points(), "en"))
    assert script.strip().startswith("map_div.dashboardLabels.update({")
    assert "<" not in script and "&lt;" not in script  # JSON escapes even the escaped text's "&"
    arg = script.strip()[len("map_div.dashboardLabels.update(") : -2]
    assert json.loads(arg)["districts"][1][1] == "&lt;img src=x onerror=alert(1)&gt;"
