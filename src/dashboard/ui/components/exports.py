"""Download buttons for the current view: slide image, handout, figures and map.

Each file is made only when its button is pressed (Streamlit's deferred download), so
the buttons cost nothing on a rerun; the button shows a spinner while the file is made.
Files are named after the view and the day (dashboard.exports.filename).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.exports.filename import export_filename
from dashboard.exports.handout import handout_pdf
from dashboard.exports.projection_image import projection_slide_png
from dashboard.exports.slide import slide_png
from dashboard.exports.standalone import standalone_html
from dashboard.exports.tables import figures_csv, figures_geojson
from dashboard.i18n.messages import t

# kind: (label key, icon, MIME type)
_KINDS = {
    "png": ("export_png", ":material/slideshow:", "image/png"),
    "pdf": ("export_pdf", ":material/picture_as_pdf:", "application/pdf"),
    "csv": ("export_csv", ":material/table:", "text/csv"),
    "geojson": ("export_geojson", ":material/map:", "application/geo+json"),
    "html": ("export_html", ":material/public:", "text/html"),
    "projection": ("export_projection", ":material/trending_up:", "image/png"),
}


def _maker(
    kind: str, dataset: Dataset, selection: Selection, lang: str, slide: dict[str, object], today: date
) -> Callable[[], bytes]:
    words = {k: v for k, v in slide.items() if k in ("title", "caption")}
    projection = lambda: projection_slide_png(dataset, selection, lang, **words, today=today)  # type: ignore[arg-type]  # noqa: E731
    if "projection" in tuple(slide.get("card_keys") or ()):  # type: ignore[arg-type]
        return projection  # a step about the projection: its own slide, with every assumption
    makers: dict[str, Callable[[], bytes]] = {
        "png": lambda: slide_png(dataset, selection, lang, **slide, today=today),  # type: ignore[arg-type]
        "projection": projection,
        "pdf": lambda: handout_pdf(dataset, selection, lang, today),
        "csv": lambda: figures_csv(dataset, selection, lang, today),
        "geojson": lambda: figures_geojson(dataset, selection, lang, today),
        "html": lambda: standalone_html(dataset, selection, lang, today),
    }
    return makers[kind]


def export_buttons(
    dataset: Dataset,
    selection: Selection,
    lang: str,
    kinds: tuple[str, ...] = tuple(_KINDS),
    slide: dict[str, object] | None = None,
    container: DeltaGenerator | None = None,
    short: bool = False,
) -> None:
    """One download button per export kind for the view; ``slide`` passes a title,
    caption and card keys to the slide image (presentation mode); ``short`` labels the
    slide button for a toolbar."""
    box = container or st
    today = date.today()
    for kind in kinds:
        label, icon, mime = _KINDS[kind]
        box.download_button(
            t("export_slide" if short and kind == "png" else label, lang),
            data=_maker(kind, dataset, selection, lang, slide or {}, today),
            file_name=export_filename(selection, lang, kind, today, dataset),
            mime=mime,
            icon=icon,
            on_click="ignore",
            key=f"export-{kind}",
        )
