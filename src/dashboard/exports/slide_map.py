"""The map of a view drawn with matplotlib, for the slide and the handout.

The districts use the map's colours and styles (``maps.build.district_fill`` and
``district_style``): the districts in focus are drawn opaque, so that on a projector
their colour is exactly the legend's; "no data" is pale grey, hatched, with a dashed
outline. The rest of Azerbaijan and its neighbours are drawn faintly from the dataset's
background, as on the map without tiles. Names are placed by the rules the browser's
map follows (``maps.labels``), with the boxes matplotlib measures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text

from dashboard.exports.content import ViewContent
from dashboard.exports.drawing import MUTED, SMALL_PX, TEXT, font, px, size_px
from dashboard.maps.build import (
    BACKGROUND_STYLE,
    CONTEXT_STYLE,
    FOCUS_BOUNDS,
    SEA,
    district_fill,
    district_style,
    marker_radius,
    settlement_style,
)
from dashboard.maps.labels import (
    GAP,
    SIDES,
    Box,
    anchors,
    beside,
    circle_box,
    district_boxes,
    district_order,
    ground_area,
    place,
    settlement_order,
)

SCALE = 1.5  # map line widths and marker sizes: the browser map's pixels × SCALE
HATCH = "#8a8a8a"
MAX_LABELLED_SETTLEMENTS = 8
HALO_PX = 6  # the white outline around names


@dataclass(frozen=True)
class MapFrame:
    """Where the map lies in an image: its box in image pixels (left, top, right,
    bottom; y grows downwards) and the longitudes and latitudes at its edges. Longitude
    and latitude map linearly to pixels (plate carrée, stretched for the mid latitude)."""

    box: tuple[float, float, float, float]
    extent: tuple[float, float, float, float]  # lon_min, lon_max, lat_min, lat_max
    names: tuple[tuple[str, Box], ...] = ()  # the names drawn on the map, and where (image pixels)

    def to_pixel(self, lon: float, lat: float) -> tuple[float, float]:
        """Image pixel (x from the left, y from the top) of a longitude and latitude."""
        left, top, right, bottom = self.box
        lon0, lon1, lat0, lat1 = self.extent
        return left + (lon - lon0) / (lon1 - lon0) * (right - left), top + (lat1 - lat) / (lat1 - lat0) * (bottom - top)


def dashes(pattern: str, linewidth_px: float) -> tuple[int, tuple[float, ...]]:
    """A Leaflet dash array ("4 3", in pixels) as a matplotlib dash pattern."""
    return 0, tuple(float(v) * SCALE / linewidth_px for v in pattern.split())


def draw_map(fig: Figure, content: ViewContent, box: tuple[float, float, float, float]) -> MapFrame:
    """The map in a pixel box (left, top, right, bottom); returns where it is."""
    left, top, right, bottom = box
    fig_w, fig_h = size_px(fig)
    ax = fig.add_axes((left / fig_w, 1 - bottom / fig_h, (right - left) / fig_w, (bottom - top) / fig_h))
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#b0b0b0")
    lon0, lon1, lat0, lat1 = _extent(content, right - left, bottom - top)
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect("auto")
    ax.set_autoscale_on(False)  # the circles must not widen the extent
    window = shapely.box(lon0 - 0.5, lat0 - 0.5, lon1 + 0.5, lat1 + 0.5)

    dataset = content.dataset
    for geometry in dataset.background.geometry:
        if geometry is not None and geometry.intersects(window):
            ax.add_patch(_patch(geometry, BACKGROUND_STYLE, zorder=1))
    drawn = set(content.data.districts["code"])
    for code, geometry in zip(dataset.districts["code"], dataset.districts.geometry, strict=True):
        if code not in drawn and geometry.intersects(window):
            ax.add_patch(_patch(geometry, CONTEXT_STYLE, zorder=2))

    for row in content.data.districts.to_dict("records"):
        fill, nodata = district_fill(row["value"], content.data.breaks)
        focus = bool(row["in_focus"])
        style = district_style(fill, nodata, focus)
        if focus and not nodata:
            style = style | {"fillOpacity": 1.0}  # opaque: exactly the legend's colour
        ax.add_patch(_patch(row["geometry"], style, zorder=4 if focus else 3, hatch=nodata))

    circles = _settlements(ax, content)
    names = _names(fig, ax, content, circles)
    x0, y0, x1, y1 = ax.get_window_extent().extents
    box = (float(x0), float(fig_h - y1), float(x1), float(fig_h - y0))
    return MapFrame(box, (lon0, lon1, lat0, lat1), tuple(names))


def _extent(content: ViewContent, box_w: float, box_h: float) -> tuple[float, float, float, float]:
    """Longitudes and latitudes shown: the focus region, or the districts in focus with
    some room around them; widened to the box's shape."""
    if content.selection.districts:
        focus = content.data.districts[content.data.districts["in_focus"]]
        lon0, lat0, lon1, lat1 = focus.total_bounds
        pad = max(lon1 - lon0, lat1 - lat0) * 0.35 + 0.08
        lon0, lon1, lat0, lat1 = lon0 - pad, lon1 + pad, lat0 - pad, lat1 + pad
    else:
        (lat0, lon0), (lat1, lon1) = FOCUS_BOUNDS
    stretch = math.cos(math.radians((lat0 + lat1) / 2))  # ground width of a degree of longitude
    aspect = box_w / box_h
    width, height = (lon1 - lon0) * stretch, lat1 - lat0
    if width / height < aspect:
        grow = (height * aspect / stretch - (lon1 - lon0)) / 2
        lon0, lon1 = lon0 - grow, lon1 + grow
    else:
        grow = (width / aspect - height) / 2
        lat0, lat1 = lat0 - grow, lat1 + grow
    return float(lon0), float(lon1), float(lat0), float(lat1)


def _path(geometry: shapely.Geometry) -> MplPath:
    """A matplotlib path of a (multi)polygon; holes stay holes (rings oriented)."""
    geometry = shapely.orient_polygons(geometry)
    vertices: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=MplPath.code_type)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    if not vertices:
        return MplPath(np.zeros((1, 2)), [MplPath.MOVETO])
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def _patch(geometry: shapely.Geometry, style: dict, zorder: int, hatch: bool = False) -> PathPatch:
    """A polygon drawn in a Leaflet path style (fillColor, fillOpacity, color, weight,
    dashArray)."""
    weight = float(style["weight"]) * SCALE  # type: ignore[arg-type]
    dash = style.get("dashArray")
    return PathPatch(
        _path(geometry),
        facecolor=to_rgba(str(style["fillColor"]), float(style["fillOpacity"])),  # type: ignore[arg-type]
        edgecolor=str(style["color"]),
        linewidth=px(weight),
        linestyle=dashes(str(dash), weight) if dash else "solid",
        hatch="//" if hatch else None,
        hatchcolor=HATCH if hatch else None,
        zorder=zorder,
        joinstyle="round",
    )


@dataclass(frozen=True)
class _Circle:
    """A settlement circle in image pixels (centre, radius with its outline), its name
    and people returned (NaN: not known)."""

    x: float
    y: float
    radius: float
    name: str
    people: float


def _settlements(ax: Axes, content: ViewContent) -> list[_Circle]:
    """Settlement circles, sized by people returned like the map's (hollow: unknown);
    returns where each is in image pixels."""
    points = content.data.mappable
    if points.empty:
        return []
    xs = [g.x for g in points.geometry]
    ys = [g.y for g in points.geometry]
    known = [not (p is None or math.isnan(p)) for p in points["people"]]
    styles = [settlement_style(k) for k in known]
    radii = [marker_radius(p) * SCALE for p in points["people"]]
    ax.scatter(
        xs,
        ys,
        s=[px(2 * r) ** 2 for r in radii],
        facecolors=[to_rgba(str(s["fillColor"]), float(s["fillOpacity"])) for s in styles],  # type: ignore[arg-type]
        edgecolors=[str(s["color"]) for s in styles],
        linewidths=[px(float(s["weight"]) * SCALE) for s in styles],  # type: ignore[arg-type]
        zorder=6,
    )
    _, fig_h = size_px(ax.figure)  # type: ignore[arg-type]
    circles = []
    rows = zip(xs, ys, radii, styles, points["name"], points["people"], strict=True)
    for x, y, r, style, name, people in rows:
        cx, cy = ax.transData.transform((x, y))
        edge = float(style["weight"]) * SCALE / 2  # type: ignore[arg-type]
        circles.append(_Circle(float(cx), float(fig_h - cy), r + edge, str(name), float(people)))
    return circles


_HALO = [patheffects.withStroke(linewidth=px(HALO_PX), foreground="white")]


def _label(ax: Axes, text: str, bold: bool, colour: str) -> Text:
    return ax.text(
        0,
        0,
        text,
        fontproperties=font(SMALL_PX, bold=bold),
        parse_math=False,
        color=colour,
        ha="center",
        va="center",
        zorder=7,
        path_effects=_HALO,
        clip_on=True,
    )


def _names(fig: Figure, ax: Axes, content: ViewContent, circles: list[_Circle]) -> list[tuple[str, Box]]:
    """District names (those in focus in bold; larger districts first), then up to
    ``MAX_LABELLED_SETTLEMENTS`` settlement names beside their circles, most people
    first; a name that would cover another, a circle or the map's edge is left out
    (``maps.labels.place``). Left-out settlement names are still in the handout and
    the CSV. Returns the names drawn, each with its box in image pixels."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    _, fig_h = size_px(fig)
    view = content.data.districts
    name_col = "name_az" if content.lang == "az" else "name_en"
    focus = [bool(f) for f in view["in_focus"]]
    geometries = list(view.geometry)
    order = district_order(focus, [ground_area(g) for g in geometries])
    texts: list[Text] = []
    candidates: list[list[Box]] = []

    def add(text: Text, boxes: list[Box]) -> None:
        texts.append(text)
        candidates.append(boxes)

    def size(text: Text) -> tuple[float, float]:
        extent = text.get_window_extent(renderer)
        return extent.width + HALO_PX, extent.height + HALO_PX / 2

    for i in order:
        text = _label(ax, str(view[name_col].iloc[i]), focus[i], TEXT if focus[i] else MUTED)
        w, h = size(text)
        points = [ax.transData.transform(p) for p in anchors(geometries[i])]
        add(text, district_boxes([(float(x), fig_h - float(y)) for x, y in points], w, h))
    if len(circles) <= MAX_LABELLED_SETTLEMENTS:
        for i in settlement_order([c.people for c in circles]):
            c = circles[i]
            text = _label(ax, c.name, False, TEXT)
            w, h = size(text)
            add(text, [beside(c.x, c.y, w, h, side, c.radius + GAP) for side in SIDES])
    x0, y0, x1, y1 = ax.get_window_extent(renderer).extents
    frame = Box(float(x0), float(fig_h - y1), float(x1), float(fig_h - y0))
    obstacles = [circle_box(c.x, c.y, c.radius) for c in circles]
    to_data = ax.transData.inverted()
    placed: list[tuple[str, Box]] = []
    for text, boxes, choice in zip(texts, candidates, place(candidates, obstacles, frame), strict=True):
        if choice is None:
            text.set_visible(False)
            continue
        box = boxes[choice]
        text.set_position(to_data.transform(((box.left + box.right) / 2, fig_h - (box.top + box.bottom) / 2)))
        drawn = text.get_window_extent(renderer)
        left, top, right, bottom = (float(v) for v in (drawn.x0, fig_h - drawn.y1, drawn.x1, fig_h - drawn.y0))
        placed.append((text.get_text(), Box(left, top, right, bottom)))
    return placed
