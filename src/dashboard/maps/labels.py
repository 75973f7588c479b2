"""Where names go on a map, for every renderer: the slide's image and the browser's map.

The rules, in one place:

- A district's name goes on one of a few **anchor points** well inside it (``anchors``):
  the centre of the largest circle that fits in it, then the same for each quarter of
  it around that centre, widest first.
- Names are placed **in order**: the districts in focus first, then larger districts
  before smaller ones (``district_order``); then settlements, most people first
  (``settlement_order``).
- A district's name is centred on the first of those points where it fits; failing
  that, moved up or down by its own height (``SHIFTS``, ``district_boxes``).
- A settlement's name goes **beside its circle**: right, left, above or below
  (``SIDES``, ``beside``).
- Each name takes its first candidate box that covers no box kept before it and no
  obstacle (the settlements' circles), and that stays inside the map's frame when one
  is given; a name with no such box is **left out**, never drawn over another
  (``place``).

Nothing here knows a language or a renderer: points are (longitude, latitude), boxes
are in the renderer's pixels (y grows downwards), and whoever draws measures its own
text. The browser's map follows these rules in ``map_labels.js`` with the boxes it
measures at each zoom; its anchor points and orders come from here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import shapely

SIDES = ("right", "left", "above", "below")  # a settlement's name around its circle, preferred first
# A district's name at each anchor point, then moved up or down by its own height
# (fractions of the name's height, y downwards), when it fits nowhere else.
SHIFTS = (0.0, -1.0, 1.0)
GAP = 3.0  # pixels between a circle and its name
ANCHOR_TOLERANCE = 0.002  # degrees: how closely the largest inscribed circle is sought
KM_PER_DEGREE = 111.32


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels: left, top, right, bottom (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        """Whether the two share any area (touching edges do not count)."""
        return (
            self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom
        )

    def within(self, other: Box) -> bool:
        """Whether this box lies wholly inside ``other``."""
        return (
            self.left >= other.left
            and self.right <= other.right
            and self.top >= other.top
            and self.bottom <= other.bottom
        )

    def grown(self, margin: float) -> Box:
        """The box with ``margin`` pixels added on every side."""
        return Box(self.left - margin, self.top - margin, self.right + margin, self.bottom + margin)


def centred(x: float, y: float, width: float, height: float) -> Box:
    """The box of a name of ``width`` × ``height`` pixels centred on a point."""
    return Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def district_boxes(points: Sequence[tuple[float, float]], width: float, height: float) -> list[Box]:
    """The candidate boxes of a district's name of ``width`` × ``height`` pixels, from
    its anchor points in pixels (``anchors`` projected by the renderer): centred on
    each point, then each moved by ``SHIFTS``."""
    return [centred(x, y + shift * height, width, height) for shift in SHIFTS for x, y in points]


def beside(x: float, y: float, width: float, height: float, side: str, distance: float) -> Box:
    """The box of a name on one ``side`` (of ``SIDES``) of a point, ``distance`` pixels
    away from it (a circle's radius plus ``GAP``)."""
    if side == "right":
        return Box(x + distance, y - height / 2, x + distance + width, y + height / 2)
    if side == "left":
        return Box(x - distance - width, y - height / 2, x - distance, y + height / 2)
    if side == "above":
        return Box(x - width / 2, y - distance - height, x + width / 2, y - distance)
    if side == "below":
        return Box(x - width / 2, y + distance, x + width / 2, y + distance + height)
    raise ValueError(f"unknown side {side!r}; expected one of {SIDES}")


def circle_box(x: float, y: float, radius: float) -> Box:
    """The box around a circle (an obstacle no name may cover)."""
    return Box(x - radius, y - radius, x + radius, y + radius)


def place(candidates: Sequence[Sequence[Box]], obstacles: Sequence[Box], frame: Box | None = None) -> list[int | None]:
    """For each name, in the order given, the index of the first of its candidate boxes
    that overlaps neither an obstacle nor a box kept for an earlier name (and lies
    inside ``frame``, when given); None when no candidate does: that name is left out."""
    kept: list[Box] = []
    chosen: list[int | None] = []
    for boxes in candidates:
        choice = None
        for i, box in enumerate(boxes):
            if frame is not None and not box.within(frame):
                continue
            if any(box.overlaps(o) for o in obstacles) or any(box.overlaps(k) for k in kept):
                continue
            choice = i
            kept.append(box)
            break
        chosen.append(choice)
    return chosen


def ground_area(geometry: shapely.Geometry) -> float:
    """Approximate area in km² of a geometry in longitude and latitude (degrees of
    longitude shortened at the geometry's mid latitude): enough to rank districts."""
    if geometry is None or geometry.is_empty:
        return 0.0
    _, lat0, _, lat1 = geometry.bounds
    return float(geometry.area) * KM_PER_DEGREE**2 * math.cos(math.radians((lat0 + lat1) / 2))


@lru_cache(maxsize=1024)
def anchors(geometry: shapely.Geometry, tolerance: float = ANCHOR_TOLERANCE) -> tuple[tuple[float, float], ...]:
    """Points well inside a (multi)polygon where its name may go, best first: the centre
    of the largest circle inside it, then the centres of the largest circles inside
    each of its quarters around that point (east, west, north, south of it), widest
    first. (lon, lat) pairs; none for an empty geometry."""
    if geometry is None or geometry.is_empty:
        return ()
    centre, radius = _inscribed(geometry, tolerance)
    x0, y0, x1, y1 = geometry.bounds
    cx, cy = centre
    quarters = (
        shapely.box(cx, y0, x1, y1),
        shapely.box(x0, y0, cx, y1),
        shapely.box(x0, cy, x1, y1),
        shapely.box(x0, y0, x1, cy),
    )
    others = []
    for quarter in quarters:
        piece = shapely.intersection(geometry, quarter)
        if piece.is_empty or piece.area == 0:
            continue
        point, r = _inscribed(piece, tolerance)
        if r > 0:
            others.append((r, point))
    others.sort(key=lambda item: -item[0])
    points = [centre]
    for r, (x, y) in others:  # wide enough, and not next to a point already taken
        if r >= radius / 4 and all(math.hypot(x - px, y - py) >= radius / 2 for px, py in points):
            points.append((x, y))
    return tuple((round(x, 5), round(y, 5)) for x, y in points)


def _inscribed(geometry: shapely.Geometry, tolerance: float) -> tuple[tuple[float, float], float]:
    """The centre of the largest circle inside a polygon, and its radius (degrees)."""
    line = shapely.maximum_inscribed_circle(geometry, tolerance)
    (x, y), end = shapely.get_coordinates(line)
    return (float(x), float(y)), float(math.hypot(end[0] - x, end[1] - y))


def district_order(in_focus: Sequence[bool], areas: Sequence[float]) -> list[int]:
    """The order districts' names are placed in: those in focus first, then larger
    before smaller (positions into the given sequences)."""
    return sorted(range(len(areas)), key=lambda i: (not in_focus[i], -areas[i], i))


def settlement_order(people: Sequence[float | None]) -> list[int]:
    """The order settlements' names are placed in: most people returned first, those
    whose people are not known last (positions into ``people``)."""

    def known(value: float | None) -> float:
        return -1.0 if value is None or math.isnan(value) else float(value)

    return sorted(range(len(people)), key=lambda i: (-known(people[i]), i))
