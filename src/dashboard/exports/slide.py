"""A 1920 × 1080 slide of a view, drawn with matplotlib (Agg, no browser).

The districts use the map's colours and styles (``maps.build.district_fill`` and
``district_style``): the districts in focus are drawn opaque, so that on a projector
their colour is exactly the legend's; "no data" is pale grey, hatched, with a dashed
outline, and has its own legend entry. The rest of Azerbaijan and its neighbours are
drawn faintly from the dataset's background, as on the map without tiles.

Sizes are given in pixels of the 1920 × 1080 image (``px``); matplotlib's points are
derived from them at ``DPI``.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date

import matplotlib
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.exports.content import ViewContent, view_content
from dashboard.exports.fonts import font_file
from dashboard.i18n.format import fmt_date
from dashboard.i18n.messages import t
from dashboard.maps.build import (
    BACKGROUND_STYLE,
    CONTEXT_STYLE,
    FOCUS_BOUNDS,
    SEA,
    district_fill,
    district_style,
    legend_for,
    marker_radius,
    settlement_style,
)
from dashboard.maps.palette import NO_DATA_DASH, NO_DATA_FILL, OUTLINE
from dashboard.text.cards import Card
from dashboard.text.figures import figure_period_text

WIDTH, HEIGHT, DPI = 1920, 1080, 100
SCALE = 1.5  # map line widths and marker sizes: the browser map's pixels × SCALE
TEXT = "#1a1a1a"
MUTED = "#4a4a4a"
CARD_FILL = "#f3f5f7"
HATCH = "#8a8a8a"
MAX_LABELLED_SETTLEMENTS = 8
CARD_GAP, CARD_PAD = 14, 18
MARKER_ENTRY_PX = 70  # the settlement marker's legend entry, under the colours

# Type sizes in pixels of the image (title ≥ 40 px, body ≥ 22 px, for projection).
TITLE_PX, SUBTITLE_PX, BODY_PX, SMALL_PX = 54, 28, 24, 22
CARD_LABEL_PX, CARD_VALUE_PX = 26, 50

# Cards a slide shows for each view metric: the metric's own card first.
SLIDE_CARDS = {
    "area_cleared": ("area", "ap", "at", "uxo"),
    "ap_mines": ("ap", "at", "uxo", "area"),
    "at_mines": ("at", "ap", "uxo", "area"),
    "uxo": ("uxo", "ap", "at", "area"),
    "victims": ("victims", "area", "ap", "people"),
    "returns": ("settlements", "families", "people", "area"),
}
MAX_CARDS = 4


def px(size: float) -> float:
    """Image pixels as matplotlib points."""
    return size * 72 / DPI


def font(size: float, bold: bool = False) -> FontProperties:
    """DejaVu Sans (matplotlib's own file) at a size in image pixels."""
    return FontProperties(fname=font_file(bold), size=px(size))


# Text from data files is drawn as it is written: no mathtext ("$...$"), no TeX.
_RC = {"text.parse_math": False, "text.usetex": False, "svg.fonttype": "none"}


@dataclass(frozen=True)
class MapFrame:
    """Where the map lies in an image: its box in image pixels (left, top, right,
    bottom; y grows downwards) and the longitudes and latitudes at its edges. Longitude
    and latitude map linearly to pixels (plate carrée, stretched for the mid latitude)."""

    box: tuple[float, float, float, float]
    extent: tuple[float, float, float, float]  # lon_min, lon_max, lat_min, lat_max

    def to_pixel(self, lon: float, lat: float) -> tuple[float, float]:
        """Image pixel (x from the left, y from the top) of a longitude and latitude."""
        left, top, right, bottom = self.box
        lon0, lon1, lat0, lat1 = self.extent
        return left + (lon - lon0) / (lon1 - lon0) * (right - left), top + (lat1 - lat) / (lat1 - lat0) * (bottom - top)


@dataclass(frozen=True)
class Slide:
    """A rendered slide: the PNG and where its map is."""

    png: bytes
    frame: MapFrame
    width: int
    height: int


def slide_png(
    dataset: Dataset,
    selection: Selection,
    lang: str,
    title: str | None = None,
    caption: str | None = None,
    card_keys: tuple[str, ...] | None = None,
    today: date | None = None,
) -> bytes:
    """A 1920 × 1080 PNG of the view: map, legend, title, headline cards, the dates of
    the figures shown and the bodies that issued them. ``card_keys`` picks the cards
    (keys of ``text.cards.cards``); by default the view's metric and its neighbours.
    ``today``: the day the slide is made (see ``content.view_content``)."""
    return render_slide(view_content(dataset, selection, lang, today), title, caption, card_keys).png


def render_slide(
    content: ViewContent,
    title: str | None = None,
    caption: str | None = None,
    card_keys: tuple[str, ...] | None = None,
) -> Slide:
    """The slide of a computed view, with its map frame (see ``slide_png``)."""
    with matplotlib.rc_context(_RC):
        fig, canvas = _figure(WIDTH, HEIGHT)
        margin, top = 40, 22
        _text(fig, margin, top, title or content.default_title, TITLE_PX, WIDTH - 2 * margin, bold=True, min_size=40)
        subtitle = " · ".join(p for p in (content.period_label, content.map_dates()) if p)
        _text(fig, margin, top + 76, subtitle, SUBTITLE_PX, WIDTH - 2 * margin, colour=MUTED, min_size=BODY_PX)
        map_top = top + 128
        if caption:
            _text(fig, margin, map_top - 6, caption, BODY_PX, WIDTH - 2 * margin, min_size=SMALL_PX)
            map_top += 38
        footer_top = HEIGHT - 76
        column_left, column_right, column_bottom = 1200, WIDTH - margin, footer_top - 16
        frame = _draw_map(fig, content, (margin, map_top, column_left - 30, column_bottom), labels=True)
        # the legend goes under the cards; the cards get the room the legend leaves
        legend_box = (column_left, map_top, column_right, column_bottom)
        probe_top = _draw_legend(fig, content, legend_box, anchor="bottom", probe=True)
        card_box = (column_left, map_top, column_right, probe_top - 24)
        shown = _draw_cards(fig, _slide_cards(content, card_keys), content, card_box)
        cards_bottom = _cards_bottom(fig, shown, content, map_top, column_right - column_left)
        _draw_legend(fig, content, (column_left, cards_bottom + 10, column_right, column_bottom))
        _footer(fig, content, shown, margin, footer_top)
        return Slide(_png(fig, canvas), frame, WIDTH, HEIGHT)


def map_image(content: ViewContent, width: int = 1100, height: int = 1060) -> Slide:
    """The map of a view with its legend below, without title or cards (for the
    handout; the type keeps the slide's pixel sizes, so a smaller image prints larger)."""
    with matplotlib.rc_context(_RC):
        fig, canvas = _figure(width, height)
        legend_height = 250
        frame = _draw_map(fig, content, (0, 0, width, height - legend_height), labels=True)
        _draw_legend(fig, content, (10, height - legend_height + 24, width - 10, height - 6), columns=2)
        return Slide(_png(fig, canvas), frame, width, height)


# --- figure and text ------------------------------------------------------------------


def _figure(width: int, height: int) -> tuple[Figure, FigureCanvasAgg]:
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    return fig, canvas


def _png(fig: Figure, canvas: FigureCanvasAgg) -> bytes:
    buffer = io.BytesIO()
    canvas.print_png(buffer, metadata={"Software": "Karabakh demining dashboard"})
    return buffer.getvalue()


def _xy(fig: Figure, x: float, y: float) -> tuple[float, float]:
    """Figure fraction of an image pixel (x from the left, y from the top)."""
    width, height = fig.get_size_inches() * DPI
    return x / width, 1 - y / height


def _measure(fig: Figure, text: str, size: float, bold: bool = False) -> float:
    """Width in pixels of one line of text."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    width, _, _ = renderer.get_text_width_height_descent(text, font(size, bold), ismath=False)
    return float(width)


def _wrap(fig: Figure, text: str, size: float, width: float, max_lines: int, bold: bool = False) -> list[str]:
    """Words in lines of at most ``width`` pixels; at most ``max_lines`` lines, the last
    cut with an ellipsis when the text is longer. Lines break at plain spaces only: a
    no-break space (inside an Azerbaijani number) holds its word together."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}".strip()
        if current and _measure(fig, candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    last = lines[-1]
    if _measure(fig, last, size, bold) > width:
        while len(last) > 1 and _measure(fig, last + "…", size, bold) > width:
            last = last[:-1]
        lines[-1] = last.rstrip(" ,;·") + "…"
    return lines


def _text(
    fig: Figure,
    x: float,
    y: float,
    text: str,
    size: float,
    width: float,
    *,
    bold: bool = False,
    colour: str = TEXT,
    max_lines: int = 1,
    min_size: float | None = None,
    align: str = "left",
) -> float:
    """Write text from its top-left corner (top-right when ``align`` is "right") within
    ``width`` pixels: wrapped to ``max_lines``, shrunk down to ``min_size`` if it still
    does not fit, then cut with an ellipsis. Returns the height used in pixels."""
    size = _fitting_size(fig, text, size, min_size or size, width, max_lines, bold)
    lines = _wrap(fig, text, size, width, max_lines, bold)
    fig.text(
        *_xy(fig, x, y),
        "\n".join(lines),
        fontproperties=font(size, bold),
        color=colour,
        va="top",
        ha=align,
        linespacing=1.15,
        parse_math=False,
    )
    return len(lines) * size * 1.15 * 1.17


def _fitting_size(
    fig: Figure, text: str, size: float, min_size: float, width: float, max_lines: int, bold: bool
) -> float:
    """The largest size from ``size`` down to ``min_size`` at which the text fits."""
    while size > min_size:
        lines = _wrap(fig, text, size, width, max_lines, bold)
        if not lines[-1].endswith("…") or text.endswith("…"):
            return size
        size = max(min_size, size - 2)
    return min_size


# --- the map --------------------------------------------------------------------------


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


def _dashes(pattern: str, linewidth_px: float) -> tuple[int, tuple[float, ...]]:
    """A Leaflet dash array ("4 3", in pixels) as a matplotlib dash pattern."""
    return 0, tuple(float(v) * SCALE / linewidth_px for v in pattern.split())


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


def _draw_map(
    fig: Figure, content: ViewContent, box: tuple[float, float, float, float], labels: bool = True
) -> MapFrame:
    """The map in a pixel box (left, top, right, bottom); returns where it is."""
    left, top, right, bottom = box
    fig_w, fig_h = fig.get_size_inches() * DPI
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
    window = shapely.box(lon0 - 0.5, lat0 - 0.5, lon1 + 0.5, lat1 + 0.5)

    dataset = content.dataset
    for geometry in dataset.background.geometry:
        if geometry is not None and geometry.intersects(window):
            ax.add_patch(_patch(geometry, BACKGROUND_STYLE, zorder=1))
    drawn = set(content.data.districts["code"])
    for code, geometry in zip(dataset.districts["code"], dataset.districts.geometry, strict=True):
        if code not in drawn and geometry.intersects(window):
            ax.add_patch(_patch(geometry, CONTEXT_STYLE, zorder=2))

    view = content.data.districts
    for row in view.to_dict("records"):
        fill, nodata = district_fill(row["value"], content.data.breaks)
        focus = bool(row["in_focus"])
        style = district_style(fill, nodata, focus)
        if focus and not nodata:
            style = style | {"fillOpacity": 1.0}  # opaque: exactly the legend's colour
        ax.add_patch(_patch(row["geometry"], style, zorder=4 if focus else 3, hatch=nodata))

    names = _district_labels(ax, content) if labels else []
    markers, settlement_names = _settlements(ax, content)
    _declutter(fig, names, markers, settlement_names)
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    x0, y0, x1, y1 = ax.get_window_extent().extents
    return MapFrame((float(x0), float(fig_h - y1), float(x1), float(fig_h - y0)), (lon0, lon1, lat0, lat1))


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
        linestyle=_dashes(str(dash), weight) if dash else "solid",
        hatch="//" if hatch else None,
        hatchcolor=HATCH if hatch else None,
        zorder=zorder,
        joinstyle="round",
    )


_HALO = [patheffects.withStroke(linewidth=px(6), foreground="white")]


def _district_labels(ax: object, content: ViewContent) -> list[Text]:
    """Names of the districts in focus (rayons; a city only when it alone is in focus)."""
    view = content.data.districts
    focus = view[view["in_focus"]]
    if len(focus) > 1:
        focus = focus[focus["kind"].eq("rayon")]
    name_col = "name_az" if content.lang == "az" else "name_en"
    texts = []
    for row in focus.to_dict("records"):
        # a point well inside, away from the representative point the colour sits on
        centre = shapely.maximum_inscribed_circle(row["geometry"], 0.002)
        point = shapely.get_point(centre, 0)
        text = ax.text(  # type: ignore[attr-defined]
            point.x,
            point.y,
            row[name_col],
            fontproperties=font(SMALL_PX, bold=True),
            parse_math=False,
            color=TEXT,
            ha="center",
            va="center",
            zorder=7,
            path_effects=_HALO,
            clip_on=True,
        )
        texts.append(text)
    return texts


def _settlements(ax: object, content: ViewContent) -> tuple[list[Bbox], list[tuple[Text, Bbox]]]:
    """Settlement circles, sized by people returned like the map's (hollow: unknown);
    returns the circles' boxes (in pixels), and each name with its own circle's box,
    most people first."""
    points = content.data.mappable
    if points.empty:
        return [], []
    xs = [g.x for g in points.geometry]
    ys = [g.y for g in points.geometry]
    known = [not (p is None or math.isnan(p)) for p in points["people"]]
    styles = [settlement_style(k) for k in known]
    radii = [marker_radius(p) * SCALE for p in points["people"]]
    ax.scatter(  # type: ignore[attr-defined]
        xs,
        ys,
        s=[px(2 * r) ** 2 for r in radii],
        facecolors=[to_rgba(str(s["fillColor"]), float(s["fillOpacity"])) for s in styles],  # type: ignore[arg-type]
        edgecolors=[str(s["color"]) for s in styles],
        linewidths=[px(float(s["weight"]) * SCALE) for s in styles],  # type: ignore[arg-type]
        zorder=6,
    )
    circles = []
    for x, y, r in zip(xs, ys, radii, strict=True):
        cx, cy = ax.transData.transform((x, y))  # type: ignore[attr-defined]
        circles.append(Bbox.from_extents(cx - px(r), cy - px(r), cx + px(r), cy + px(r)))
    names: list[tuple[float, Text, Bbox]] = []
    if len(points) <= MAX_LABELLED_SETTLEMENTS:
        rows = zip(xs, ys, radii, points["name"], points["people"], circles, strict=True)
        for x, y, r, name, people, circle in rows:
            text = ax.annotate(  # type: ignore[attr-defined]
                str(name),
                (x, y),
                xytext=(px(r + 6), 0),
                textcoords="offset points",
                fontproperties=font(SMALL_PX),
                parse_math=False,
                color=TEXT,
                va="center",
                zorder=7,
                path_effects=_HALO,
                annotation_clip=True,
            )
            names.append((-1.0 if people is None or math.isnan(people) else float(people), text, circle))
    names.sort(key=lambda item: -item[0])
    return circles, [(text, circle) for _, text, circle in names]


def _declutter(fig: Figure, districts: list[Text], circles: list[Bbox], settlements: list[tuple[Text, Bbox]]) -> None:
    """Hide each settlement name that would cover a district name, another settlement's
    circle or a name kept before it (the names come most people first); the hidden
    names are still in the handout and the CSV."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    kept = [d.get_window_extent(renderer) for d in districts]
    for text, own in settlements:
        box = text.get_window_extent(renderer)
        if any(box.overlaps(k) for k in kept) or any(box.overlaps(c) for c in circles if c is not own):
            text.set_visible(False)
        else:
            kept.append(box)


# --- legend, cards, footer ------------------------------------------------------------


def legend_entries(content: ViewContent) -> list[tuple[str, str, bool]]:
    """(colour, label, is "no data") for each class of the map, then "no data"."""
    lang = content.lang
    items = legend_for(content.data.breaks, content.data.unit, lang)
    return [(c, label, c == NO_DATA_FILL and i == len(items) - 1) for i, (c, label) in enumerate(items)]


def _draw_legend(
    fig: Figure,
    content: ViewContent,
    box: tuple[float, float, float, float],
    columns: int | None = None,
    anchor: str = "top",
    probe: bool = False,
) -> float:
    """The colour legend with its "no data" entry and the settlement marker entry, at
    the top (or the bottom) of a pixel box; returns the pixel y of its top edge.
    ``probe`` only measures: nothing stays drawn."""
    left, top, right, bottom = box
    handles: list[object] = []
    labels: list[str] = []
    edge = px(1.4 * SCALE)
    for fill, label, nodata in legend_entries(content):
        if nodata:
            handles.append(
                Patch(
                    facecolor=NO_DATA_FILL,
                    edgecolor=OUTLINE,
                    hatch="//",
                    hatchcolor=HATCH,
                    linestyle=_dashes(NO_DATA_DASH, 1.4 * SCALE),
                    linewidth=edge,
                )
            )
        else:
            handles.append(Patch(facecolor=fill, edgecolor=OUTLINE, linewidth=edge))
        labels.append(label)
    n_cols = columns or (2 if len(handles) > 3 else 1)
    width = right - left
    label_width = width / n_cols - 80
    labels = ["\n".join(_wrap(fig, label, SMALL_PX, label_width, 2)) for label in labels]
    fig_w, fig_h = fig.get_size_inches() * DPI
    marker_height = MARKER_ENTRY_PX if len(content.data.mappable) else 0
    y_anchor = top if anchor == "top" else bottom - marker_height
    legend = fig.legend(
        handles,
        labels,
        loc="upper left" if anchor == "top" else "lower left",
        bbox_to_anchor=(left / fig_w, 1 - y_anchor / fig_h),
        ncols=n_cols,
        title="\n".join(_wrap(fig, legend_title(content), BODY_PX, width, 2, bold=True)),
        title_fontproperties=font(BODY_PX, bold=True),
        prop=font(SMALL_PX),
        frameon=False,
        alignment="left",
        handlelength=2.0,
        handleheight=1.2,
        borderaxespad=0,
        borderpad=0,
        columnspacing=1.2,
        labelspacing=0.55,
    )
    for text in legend.get_texts():
        text.set_parse_math(False)
    legend.get_title().set_parse_math(False)
    extent = legend.get_window_extent(fig.canvas.get_renderer())  # type: ignore[attr-defined]
    if probe:
        legend.remove()
    elif marker_height:
        _marker_entry(fig, content, left, fig_h - extent.y0 + 12, width)
    return float(fig_h - extent.y1)


def _marker_entry(fig: Figure, content: ViewContent, left: float, top: float, width: float) -> None:
    """A settlement circle and what its size means, under the colour legend."""
    style = settlement_style(True)
    radius = marker_radius(2000) * SCALE
    fig_w, fig_h = fig.get_size_inches() * DPI
    fig.lines.append(
        Line2D(
            [(left + 20) / fig_w],
            [1 - (top + 16) / fig_h],
            transform=fig.transFigure,
            linestyle="none",
            marker="o",
            markersize=px(2 * radius),
            markerfacecolor=to_rgba(str(style["fillColor"]), float(style["fillOpacity"])),  # type: ignore[arg-type]
            markeredgecolor=str(style["color"]),
            markeredgewidth=px(float(style["weight"]) * SCALE),  # type: ignore[arg-type]
            figure=fig,
        )
    )
    _text(fig, left + 56, top, t("settlement_marker_legend", content.lang), SMALL_PX, width - 56, max_lines=2)


def legend_title(content: ViewContent) -> str:
    """The legend's title: the metric, as over the app's legend (classes carry the unit)."""
    return content.metric_label


def _slide_cards(content: ViewContent, keys: tuple[str, ...] | None) -> list[Card]:
    """The cards a slide shows: the given keys, or the metric's card and up to three
    neighbours that have a figure."""
    by_key = {c.key: c for c in content.cards}
    if keys:
        return [by_key[k] for k in keys if k in by_key][:MAX_CARDS]
    preferred = SLIDE_CARDS.get(content.selection.metric, SLIDE_CARDS["area_cleared"])
    chosen = [by_key[k] for k in preferred[:1] if k in by_key]
    for key in preferred[1:]:
        card = by_key.get(key)
        if card is not None and card.number is not None and len(chosen) < MAX_CARDS:
            chosen.append(card)
    for card in content.cards:  # at least two cards
        if len(chosen) >= 2:
            break
        if card not in chosen and card.number is not None:
            chosen.append(card)
    return chosen


def card_note(card: Card, lang: str) -> str:
    """The line under a card's value: what it covers when more than the view, when,
    and who issued it."""
    if len(card.figures) == 1:
        f = card.figures[0]
        when = figure_period_text(f, lang)
        return " · ".join(p for p in (card.scope, when, f"{t('issued_by', lang)}: {card.issuer}") if p)
    return card.caption


def _draw_cards(
    fig: Figure, cards_: list[Card], content: ViewContent, box: tuple[float, float, float, float]
) -> list[Card]:
    """Headline cards stacked in a pixel box, as many as fit (at least two); returns the
    cards drawn."""
    left, top, right, bottom = box
    gap, pad = CARD_GAP, CARD_PAD
    inner = right - left - 2 * pad
    fig_w, fig_h = fig.get_size_inches() * DPI
    shown: list[Card] = []
    y = top
    for card in cards_:
        note = card_note(card, content.lang)
        height = _card_height(fig, card, content, inner)
        if y + height > bottom and len(shown) >= 2:
            break
        fig.patches.append(
            FancyBboxPatch(
                (left / fig_w, 1 - (y + height) / fig_h),
                (right - left) / fig_w,
                height / fig_h,
                boxstyle="round,pad=0,rounding_size=0.006",
                transform=fig.transFigure,
                facecolor=CARD_FILL,
                edgecolor="#d0d5da",
                linewidth=px(1.5),
                figure=fig,
            )
        )
        _text(fig, left + pad, y + 12, card.label, CARD_LABEL_PX, inner, colour=MUTED, min_size=BODY_PX)
        _text(fig, left + pad, y + 46, card.value, CARD_VALUE_PX, inner, bold=True, min_size=36)
        _text(fig, left + pad, y + 110, note, SMALL_PX, inner, colour=MUTED, max_lines=2)
        shown.append(card)
        y += height + gap
    return shown


def _card_height(fig: Figure, card: Card, content: ViewContent, inner: float) -> float:
    """A card's height in pixels: label, value and one or two lines of note."""
    return 118 + len(_wrap(fig, card_note(card, content.lang), SMALL_PX, inner, 2)) * 27


def _cards_bottom(fig: Figure, shown: list[Card], content: ViewContent, top: float, width: float) -> float:
    """The pixel y under the last card drawn by ``_draw_cards`` from ``top``."""
    inner = width - 2 * CARD_PAD
    return top + sum(_card_height(fig, c, content, inner) + CARD_GAP for c in shown)


def _footer(fig: Figure, content: ViewContent, shown: list[Card], left: float, top: float) -> None:
    """The issuing bodies of the figures shown, the export date and the boundaries note."""
    lang = content.lang
    right_width = 600
    exported = t("export_exported_on", lang, date=fmt_date(content.today.isoformat(), lang))
    for i, note in enumerate((t("export_boundaries_short", lang), exported)):
        _text(fig, WIDTH - left, top + 27 * i, note, SMALL_PX, right_width, colour=MUTED, align="right")
    line = issuing_line(content, shown)
    _text(fig, left, top, line, SMALL_PX, WIDTH - 2 * left - right_width - 40, max_lines=2)


def issuing_line(content: ViewContent, shown: list[Card], max_chars: int = 190) -> str:
    """ "Figures issued by: …" for the slide's cards, districts and settlements, cut
    after about ``max_chars`` with how many more there are."""
    lang = content.lang
    bodies: list[str] = []
    for card in shown:
        bodies.extend(content.dataset.issuer_name(str(f["issuing_body"]), lang) for f in card.figures)
    bodies.extend(content.issuing_bodies(("district", "settlement")))
    bodies = [b for b in dict.fromkeys(bodies) if b]
    if not bodies:
        return ""
    for n in range(len(bodies), 0, -1):
        text = ", ".join(bodies[:n])
        if n < len(bodies):
            text += " " + t("export_issued_by_more", lang, n=len(bodies) - n)
        line = t("export_issued_by_line", lang, bodies=text)
        if len(line) <= max_chars or n == 1:
            return line
    return ""
