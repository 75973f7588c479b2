"""The colour legend of an exported map, with its "no data" entry and the settlement
marker entry, drawn with matplotlib."""

from __future__ import annotations

from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from dashboard.exports.content import ViewContent
from dashboard.exports.drawing import BODY_PX, SMALL_PX, draw_text, font, px, size_px, wrap
from dashboard.exports.slide_map import HATCH, SCALE, dashes
from dashboard.i18n.messages import t
from dashboard.maps.build import legend_for, marker_radius, settlement_style
from dashboard.maps.palette import NO_DATA_DASH, NO_DATA_FILL, OUTLINE

MARKER_ENTRY_PX = 70  # the settlement marker's legend entry, under the colours


def legend_entries(content: ViewContent) -> list[tuple[str, str, bool]]:
    """(colour, label, is "no data") for each class of the map, then "no data"."""
    lang = content.lang
    items = legend_for(content.data.breaks, content.data.unit, lang)
    return [(c, label, c == NO_DATA_FILL and i == len(items) - 1) for i, (c, label) in enumerate(items)]


def legend_title(content: ViewContent) -> str:
    """The legend's title: the metric, as over the app's legend (classes carry the unit)."""
    return content.metric_label


def draw_legend(
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
                    linestyle=dashes(NO_DATA_DASH, 1.4 * SCALE),
                    linewidth=edge,
                )
            )
        else:
            handles.append(Patch(facecolor=fill, edgecolor=OUTLINE, linewidth=edge))
        labels.append(label)
    n_cols = columns or (2 if len(handles) > 3 else 1)
    width = right - left
    label_width = width / n_cols - 80
    labels = ["\n".join(wrap(fig, label, SMALL_PX, label_width, 2)) for label in labels]
    fig_w, fig_h = size_px(fig)
    marker_height = MARKER_ENTRY_PX if len(content.data.mappable) else 0
    y_anchor = top if anchor == "top" else bottom - marker_height
    legend = fig.legend(
        handles,
        labels,
        loc="upper left" if anchor == "top" else "lower left",
        bbox_to_anchor=(left / fig_w, 1 - y_anchor / fig_h),
        ncols=n_cols,
        title="\n".join(wrap(fig, legend_title(content), BODY_PX, width, 2, bold=True)),
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
    fig_w, fig_h = size_px(fig)
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
    draw_text(fig, left + 56, top, t("settlement_marker_legend", content.lang), SMALL_PX, width - 56, max_lines=2)
