"""Where names go (maps.labels), with constructed cases whose answers are known."""

from __future__ import annotations

import math

import pytest
from shapely.geometry import Point, box

from dashboard.maps.labels import (
    SIDES,
    Box,
    anchors,
    beside,
    centred,
    circle_box,
    district_boxes,
    district_order,
    ground_area,
    place,
    settlement_order,
)


def test_boxes_overlap_only_when_they_share_area():
    a = Box(0, 0, 10, 10)
    assert a.overlaps(Box(9, 9, 20, 20))
    assert not a.overlaps(Box(10, 0, 20, 10))  # touching edges
    assert not a.overlaps(Box(0, 11, 10, 20))
    assert Box(2, 2, 3, 3).within(a) and not Box(-1, 2, 3, 3).within(a)


def test_a_name_beside_a_point_on_each_side():
    assert centred(50, 20, 40, 10) == Box(30, 15, 70, 25)
    assert beside(50, 20, 40, 10, "right", 8) == Box(58, 15, 98, 25)
    assert beside(50, 20, 40, 10, "left", 8) == Box(2, 15, 42, 25)
    assert beside(50, 20, 40, 10, "above", 8) == Box(30, 2, 70, 12)
    assert beside(50, 20, 40, 10, "below", 8) == Box(30, 28, 70, 38)
    with pytest.raises(ValueError, match="unknown side"):
        beside(0, 0, 1, 1, "middle", 1)


def test_district_candidates_are_every_anchor_centred_then_moved_up_and_down():
    boxes = district_boxes([(100, 100), (200, 50)], 40, 10)
    assert boxes[:2] == [Box(80, 95, 120, 105), Box(180, 45, 220, 55)]
    assert boxes[2:4] == [Box(80, 85, 120, 95), Box(180, 35, 220, 45)]  # one line up
    assert boxes[4:] == [Box(80, 105, 120, 115), Box(180, 55, 220, 65)]  # one line down


def test_the_first_name_keeps_its_place_and_a_later_one_moves_or_is_left_out():
    big = [Box(0, 0, 100, 20)]
    moved = [Box(50, 10, 150, 30), Box(50, 40, 150, 60)]  # first choice covers "big"
    blocked = [Box(10, 5, 40, 15), Box(60, 45, 90, 55)]  # covers "big", then "moved"
    free = [Box(300, 300, 320, 310)]
    assert place([big, moved, blocked, free], obstacles=[]) == [0, 1, None, 0]


def test_a_name_never_covers_a_circle():
    circle = circle_box(100, 100, 10)
    sides = [beside(100, 100, 40, 12, side, 13) for side in SIDES]
    left_circle = circle_box(60, 100, 10)  # sits where the "left" box would go
    assert place([sides], [circle, left_circle]) == [0]
    right_circle = circle_box(140, 100, 10)
    assert place([sides], [circle, left_circle, right_circle]) == [2]  # above
    centred_on_it = [centred(100, 100, 40, 12)]
    assert place([centred_on_it], [circle]) == [None]


def test_a_name_must_stay_inside_the_frame_when_one_is_given():
    frame = Box(0, 0, 200, 100)
    candidates = [[Box(180, 10, 220, 20), Box(150, 10, 190, 20)]]
    assert place(candidates, [], frame) == [1]
    assert place(candidates, []) == [0]


def test_districts_in_focus_come_first_then_the_larger():
    in_focus = [False, True, False, True]
    areas = [500.0, 10.0, 900.0, 20.0]
    assert district_order(in_focus, areas) == [3, 1, 2, 0]


def test_settlements_with_most_people_first_and_unknown_last():
    assert settlement_order([120.0, None, 5000.0, math.nan, 120.0]) == [2, 0, 4, 1, 3]


def test_the_first_anchor_is_the_middle_of_the_widest_part():
    # a 4 x 4 square with a long thin arm: the name belongs in the square
    shape = box(0, 0, 4, 4).union(box(4, 1.8, 12, 2.2))
    points = anchors(shape)
    x, y = points[0]
    assert abs(x - 2) < 0.05 and abs(y - 2) < 0.05
    assert all(shape.contains(Point(p)) for p in points)
    assert len(points) == len(set(points)) >= 3


def test_anchors_of_an_empty_shape_are_none():
    assert anchors(box(0, 0, 1, 1).intersection(box(2, 2, 3, 3))) == ()


def test_ground_area_shortens_degrees_of_longitude_with_latitude():
    one_degree_at_equator = ground_area(box(0, -0.5, 1, 0.5))
    assert abs(one_degree_at_equator - 111.32**2) < 20
    at_60 = ground_area(box(0, 59.5, 1, 60.5))
    assert abs(at_60 / one_degree_at_equator - 0.5) < 0.01
