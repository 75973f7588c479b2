"""File names for exports: ASCII, safe on every system, named after the view and date."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from dashboard.analysis.selection import FOCUS_REGIONS, Selection
from dashboard.data.dataset import Dataset

PREFIX = "karabakh-demining"
EXTENSIONS = {"csv": "csv", "geojson": "geojson", "png": "png", "pdf": "pdf", "html": "html", "projection": "png"}
MAX_NAMED_DISTRICTS = 3

# Letters NFKD does not reduce to ASCII (Azerbaijani Latin and a few neighbours).
_LETTERS = str.maketrans({"ə": "e", "Ə": "e", "ı": "i", "İ": "i", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae"})


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: "Cəbrayıl" → "cebrayil"."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def export_filename(selection: Selection, lang: str, kind: str, on: date, dataset: Dataset | None = None) -> str:
    """A file name for an export of a view, e.g.
    ``karabakh-demining_area-cleared_jabrayil_cumulative_2026-12-01.png``.

    ``kind`` is the file type (csv, geojson, png, pdf, html), or "projection" for the
    projection's slide (a PNG named after its pace). Districts are named in the
    language of the export when a dataset is given (transliterated to ASCII), else by
    their codes; more than three are counted. Azerbaijani exports end in ``_az``.
    """
    if kind not in EXTENSIONS:
        raise ValueError(f"unknown export kind {kind!r}: expected one of {', '.join(EXTENSIONS)}")
    parts = [PREFIX, slug(selection.metric) or "figures", _place(selection, lang, dataset), _period(selection)]
    if kind == "projection":  # the projection's slide: national, at the chosen pace
        parts[1:4] = ["projection", slug(selection.pace)]
    if lang == "az":
        parts.append("az")
    parts.append(on.isoformat())
    return "_".join(parts) + "." + EXTENSIONS[kind]


def _place(selection: Selection, lang: str, dataset: Dataset | None) -> str:
    if not selection.districts:
        if tuple(selection.regions) == FOCUS_REGIONS:
            return "all-districts"
        return "-".join(slug(r) for r in selection.regions) or "all-districts"
    codes = list(selection.districts)
    names = [slug(dataset.area_name(c, lang)) if dataset is not None else slug(c) for c in codes]
    names = [n or slug(c) for n, c in zip(names, codes, strict=True)]
    if len(names) > MAX_NAMED_DISTRICTS:
        return "-".join(names[:MAX_NAMED_DISTRICTS]) + f"-and-{len(names) - MAX_NAMED_DISTRICTS}-more"
    return "-".join(names)


def _period(selection: Selection) -> str:
    period = selection.period
    if period.year is not None:
        return str(period.year)
    return "cumulative" if period.as_of is None else f"cumulative-to-{period.as_of.isoformat()}"
