"""The choice of figures as the app made it before the figure index (commit 561ff81):
pandas filtering and sorting of the whole figure table for every request. Kept only as
the reference the index is compared with (tests/analysis/test_engine.py)."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.engine import significant_digits
from dashboard.analysis.selection import Period

PRECISION = {"day": 0, "month": 1, "year": 2}
RANK = ["_flagged", "_end", "_qualified", "_digits", "_precision", "_published", "figure_id"]
RULES = (
    ("_flagged", "unflagged"),
    ("_end", "latest"),
    ("_qualified", "exact"),
    ("_digits", "exact"),
    ("_precision", "precise_date"),
)


def ranked_table(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    published = sources.set_index("source_id")["published"].map(lambda t: pd.Timestamp(t).toordinal() if t else 0)
    return figures.assign(
        _flagged=figures["flag"].ne(""),
        _end=-figures["end_date"].map(lambda d: d.toordinal()),
        _qualified=figures["qualifier"].ne(""),
        _digits=-figures["value"].map(significant_digits),
        _precision=figures["end_precision"].map(PRECISION),
        _published=-figures["source_id"].map(published).fillna(0),
    )


def in_period(figures: pd.DataFrame, period: Period) -> pd.DataFrame:
    if period.year is not None:
        mask = (
            figures["period_type"].eq("year")
            & figures["start_date"].dt.year.eq(period.year)
            & figures["end_date"].dt.year.eq(period.year)
        )
        return figures[mask]
    mask = figures["period_type"].eq("cumulative") & (
        figures["start_date"].isna() | (figures["start_date"].dt.year >= 2020)
    )
    if period.as_of is not None:
        mask &= figures["end_date"] <= pd.Timestamp(period.as_of)
    return figures[mask]


def reference_choices(table: pd.DataFrame, period: Period) -> dict[tuple[str, str, str], tuple[str, str, int]]:
    """{(metric, subset, area): (figure_id, reason, alternatives)} for one period, as the
    app chose before the index."""
    ranked = in_period(table, period).sort_values(["metric", "subset", "area", *RANK], kind="stable")
    out = {}
    for slot, group in ranked.groupby(["metric", "subset", "area"], sort=False):
        best = group.iloc[0]
        reason = "only"
        if len(group) > 1:
            runner = group.iloc[1]
            reason = next((code for key, code in RULES if best[key] != runner[key]), "latest_published")
        out[slot] = (best["figure_id"], reason, len(group) - 1)
    return out
