"""Text and figures for the images the exports draw with matplotlib (Agg, no browser).

Sizes are given in pixels of the image (``px``); matplotlib's points are derived from
them at ``DPI``. Text from data files is drawn as it is written: no mathtext, no TeX.
"""

from __future__ import annotations

import io
import re

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from dashboard.exports.fonts import font_file

DPI = 100
TEXT = "#1a1a1a"
MUTED = "#4a4a4a"

# Type sizes in pixels of the image (title ≥ 40 px, body ≥ 22 px, for projection).
TITLE_PX, SUBTITLE_PX, BODY_PX, SMALL_PX = 54, 28, 24, 22

# matplotlib settings for every drawing: "$...$" in a name stays text.
RC = {"text.parse_math": False, "text.usetex": False, "svg.fonttype": "none"}


def px(size: float) -> float:
    """Image pixels as matplotlib points."""
    return size * 72 / DPI


def font(size: float, bold: bool = False) -> FontProperties:
    """DejaVu Sans (matplotlib's own file) at a size in image pixels."""
    return FontProperties(fname=font_file(bold), size=px(size))


def new_figure(width: int, height: int) -> tuple[Figure, FigureCanvasAgg]:
    """A white figure of ``width`` × ``height`` image pixels, with its canvas."""
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    return fig, canvas


def size_px(fig: Figure) -> tuple[float, float]:
    """A figure's width and height in image pixels."""
    width, height = fig.get_size_inches() * DPI
    return float(width), float(height)


def png_bytes(fig: Figure, canvas: FigureCanvasAgg) -> bytes:
    """The figure as PNG."""
    buffer = io.BytesIO()
    canvas.print_png(buffer, metadata={"Software": "Karabakh demining dashboard"})
    return buffer.getvalue()


def figure_xy(fig: Figure, x: float, y: float) -> tuple[float, float]:
    """Figure fraction of an image pixel (x from the left, y from the top)."""
    width, height = size_px(fig)
    return x / width, 1 - y / height


def measure(fig: Figure, text: str, size: float, bold: bool = False) -> float:
    """Width in pixels of one line of text."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    width, _, _ = renderer.get_text_width_height_descent(text, font(size, bold), ismath=False)
    return float(width)


def wrap(fig: Figure, text: str, size: float, width: float, max_lines: int, bold: bool = False) -> list[str]:
    """Words in lines of at most ``width`` pixels; at most ``max_lines`` lines, the last
    cut with an ellipsis when the text is longer."""
    lines: list[str] = []
    current = ""
    for word in re.split(r"[ \t\r\n]+", text.strip()):  # not str.split(): a no-break space joins a number
        candidate = f"{current} {word}".strip()
        if current and measure(fig, candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    last = lines[-1]
    if measure(fig, last, size, bold) > width:
        while len(last) > 1 and measure(fig, last + "…", size, bold) > width:
            last = last[:-1]
        lines[-1] = last.rstrip(" ,;·") + "…"
    return lines


def draw_text(
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
    lines = wrap(fig, text, size, width, max_lines, bold)
    fig.text(
        *figure_xy(fig, x, y),
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
        lines = wrap(fig, text, size, width, max_lines, bold)
        if not lines[-1].endswith("…") or text.endswith("…"):
            return size
        size = max(min_size, size - 2)
    return min_size
