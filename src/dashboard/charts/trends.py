"""Altair charts for the Trends page. Inputs are tables from dashboard.analysis.

Colours are the Okabe-Ito set (distinguishable with the common colour-vision
deficiencies); flagged figures are drawn hollow, so the difference never rests on
colour alone.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


DEFAULT_LABELS = {"date": "Date", "issued_by": "Issued by", "source": "Source", "note": "Note"}


def _tooltip(value_title: str, labels: dict[str, str]) -> list[alt.Tooltip]:
    words = DEFAULT_LABELS | labels
    return [
        alt.Tooltip("when:N", title=words["date"]),
        alt.Tooltip("value_text:N", title=value_title),
        alt.Tooltip("issuing_body:N", title=words["issued_by"]),
        alt.Tooltip("source:N", title=words["source"]),
        alt.Tooltip("flag_text:N", title=words["note"]),
    ]


def cumulative_chart(points: pd.DataFrame, y_title: str, labels: dict[str, str], series_title: str = "") -> alt.Chart:
    """Running totals: one point per sourced figure, a line through the unflagged ones.

    ``points`` columns: end_date, value, series, flagged (bool), when, value_text,
    issuing_body, source, flag_text.
    """
    base = alt.Chart(points).encode(
        x=alt.X("end_date:T", title=None),
        y=alt.Y("value:Q", title=y_title, axis=alt.Axis(format=",~f")),
        color=alt.Color(
            "series:N",
            title=series_title or None,
            scale=alt.Scale(range=list(OKABE_ITO)),
            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400),
        ),
    )
    line = base.transform_filter("!datum.flagged").mark_line(strokeWidth=2)
    dots = base.mark_point(size=70, strokeWidth=2, filled=True).encode(
        fillOpacity=alt.condition("datum.flagged", alt.value(0.0), alt.value(1.0)),
        shape=alt.Shape("series:N", legend=None),
        tooltip=_tooltip(y_title, labels),
    )
    return (line + dots).properties(height=320)


def annual_bars(rows: pd.DataFrame, y_title: str, labels: dict[str, str], group_title: str | None = None) -> alt.Chart:
    """Bars per year (and per group, e.g. district, when ``group`` is present).

    ``rows`` columns: year, value, value_text, issuing_body, source, when, flag_text
    and optionally group.
    """
    enc: dict = {
        "y": alt.Y("value:Q", title=y_title, axis=alt.Axis(format=",~f")),
        "tooltip": _tooltip(y_title, labels),
    }
    if "group" in rows.columns:
        enc["x"] = alt.X("group:N", title=group_title, sort="-y")
        enc["xOffset"] = alt.XOffset("year:N")
        enc["color"] = alt.Color("year:N", title=None, scale=alt.Scale(range=list(OKABE_ITO)))
    else:
        enc["x"] = alt.X("year:O", title=None)
        enc["color"] = alt.value(OKABE_ITO[0])
    # A flagged figure (uncertain date, scope or reading) is drawn pale, never as a plain fact.
    enc["opacity"] = alt.condition("datum.flagged", alt.value(0.35), alt.value(1.0))
    return alt.Chart(rows).mark_bar().encode(**enc).properties(height=320)


def returns_timeline(rows: pd.DataFrame) -> alt.Chart:
    """First returns by settlement over time. ``rows``: name, district, date, when, source."""
    return (
        alt.Chart(rows)
        .mark_point(size=90, filled=True, color=OKABE_ITO[2])
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("district:N", title=None, sort="x"),
            tooltip=[
                alt.Tooltip("name:N", title="Settlement"),
                alt.Tooltip("when:N", title="First return"),
                alt.Tooltip("source:N", title="Source"),
            ],
        )
        .properties(height=max(200, 28 * rows["district"].nunique()))
    )
