"""A figure, its period, its metric and its source in words."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from dashboard.analysis.selection import Period
from dashboard.data.dataset import Dataset
from dashboard.i18n.format import fmt_date, fmt_value
from dashboard.i18n.messages import t


@lru_cache(maxsize=16)
def _metric_labels(dataset: Dataset, lang: str) -> dict[str, str]:
    column = "label_az" if lang == "az" else "label_en"
    return dict(zip(dataset.metrics["metric"], dataset.metrics[column], strict=True))


def metric_label(dataset: Dataset, metric: str, lang: str) -> str:
    """Label of a view metric (a metric of metrics.csv, or "returns") in a language."""
    if metric == "returns":
        return t("metric_returns", lang)
    return str(_metric_labels(dataset, lang).get(metric, metric))


def period_label(period: Period, lang: str) -> str:
    """A selection's period in words: "Year 2023", "Running total (latest)", ..."""
    if period.year is not None:
        return t("period_year", lang, year=period.year)
    if period.as_of is not None:
        return t("period_cumulative_as_of", lang, date=fmt_date(period.as_of.isoformat(), lang))
    return t("period_cumulative", lang)


def period_text(period_type: str, period_start: str, period_end: str, lang: str) -> str:
    """When a figure applies, in words: "in 2023", "as of 25 May 2023", "May 2023"."""
    if period_type == "year":
        return t("in_year", lang, year=period_end[:4])
    if period_type in ("cumulative", "estimate"):
        return t("as_of_short", lang, date=fmt_date(period_end, lang))
    if period_type == "event":
        return fmt_date(period_end, lang)
    return f"{fmt_date(period_start, lang)} – {fmt_date(period_end, lang)}"


def figure_period_text(figure: dict | pd.Series, lang: str) -> str:
    """``period_text`` of a figure row."""
    return period_text(figure["period_type"], figure["period_start"], figure["period_end"], lang)


def source_text(dataset: Dataset, source_id: str, lang: str) -> str:
    """A source in one line: publisher, title, date."""
    src = dataset.source(source_id)
    if not src:
        return source_id
    date_part = f", {fmt_date(src['published'], lang)}" if src.get("published") else ""
    return f"{src['publisher']}: {src['title']}{date_part}"


def figure_value_text(row: dict | pd.Series, lang: str) -> str:
    """A figure's value with qualifier and unit."""
    return fmt_value(row["value"], row["unit"], row["qualifier"], lang)


def popup_rows(dataset: Dataset, area: str, lang: str) -> list[dict]:
    """Every sourced figure for one area, newest first within each metric."""
    return [dict(row) for row in _popup_rows(dataset, lang).get(area, ())]


@lru_cache(maxsize=16)
def _popup_rows(dataset: Dataset, lang: str) -> dict[str, tuple[dict, ...]]:
    """``popup_rows`` of every area, once per dataset and language (they do not depend
    on the selection)."""
    figs = dataset.figures.sort_values(["area", "metric", "end_date"], ascending=[True, True, False], kind="stable")
    labels = _metric_labels(dataset, lang)
    out: dict[str, list[dict]] = {}
    for f in figs.to_dict("records"):
        src = dataset.source(f["source_id"])
        subset = f" ({f['subset'].split(':', 1)[1]})" if f["subset"] else ""
        out.setdefault(f["area"], []).append(
            {
                "metric": f"{labels[f['metric']]}{subset}",
                "value_text": figure_value_text(f, lang),
                "period_text": figure_period_text(f, lang),
                "issuing_body": dataset.issuer_name(f["issuing_body"], lang),
                "source_title": f"{src.get('publisher', '')}: {src.get('title', '')}",
                "source_url": src.get("url", ""),
                "flag": f["flag"],
            }
        )
    return {area: tuple(rows) for area, rows in out.items()}
