"""Rows for the trend charts, with their words: running totals, annual figures, returns."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.figures import annual, series
from dashboard.data.dataset import Dataset
from dashboard.i18n.format import fmt_date
from dashboard.text.figures import figure_period_text, figure_value_text, metric_label, source_text


def _text_columns(dataset: Dataset, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Add when / value_text / source / flag_text columns to figure rows for charts."""
    if frame.empty:
        return frame.assign(when=[], value_text=[], source=[], flag_text=[], flagged=[])
    records = frame.to_dict("records")
    return frame.assign(
        issuing_body=[dataset.issuer_name(r["issuing_body"], lang) for r in records],
        when=[figure_period_text(r, lang) for r in records],
        value_text=[figure_value_text(r, lang) for r in records],
        source=[source_text(dataset, r["source_id"], lang) for r in records],
        flag_text=[f"{r['flag']}: {r['note']}" if r["flag"] else "" for r in records],
        flagged=frame["flag"].ne(""),
    )


def cumulative_points(dataset: Dataset, metrics: tuple[str, ...], lang: str, area: str = "AZ") -> pd.DataFrame:
    """Every running-total figure of some metrics for one area, for a trend chart."""
    parts = [series(dataset, m, area).assign(series=metric_label(dataset, m, lang)) for m in metrics]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=["end_date", "value", "series", "flagged"])
    return _text_columns(dataset, pd.concat(parts, ignore_index=True), lang)


def annual_rows(dataset: Dataset, metric: str, lang: str, by_district: bool = False) -> pd.DataFrame:
    """The chosen full-year figure per year (and per district), for bar charts."""
    rows = annual(dataset, metric, ("district",) if by_district else ("national",))
    if rows.empty:
        return rows
    rows = _text_columns(dataset, rows, lang)
    if by_district:
        rows = rows.assign(group=[dataset.area_name(a, lang) for a in rows["area"]])
    return rows


def returns_rows(dataset: Dataset, lang: str) -> pd.DataFrame:
    """Settlements with a known first-return date, for the returns timeline."""
    st = dataset.settlements
    st = st[st["first_return"].ne("")]
    name_col = "name_az" if lang == "az" else "name_en"
    return pd.DataFrame(
        {
            "name": st[name_col].tolist(),
            "district": [dataset.area_name(a, lang) for a in st["district"]],
            "date": st["first_return_date"].tolist(),
            "when": [fmt_date(f, lang) for f in st["first_return"]],
            "source": [source_text(dataset, s, lang) for s in st["first_return_source_id"]],
        }
    )
