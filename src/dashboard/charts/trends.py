"""Altair charts for the Trends page. Inputs are tables from dashboard.analysis.

Colours are the Okabe-Ito set (distinguishable with the common colour-vision
deficiencies); flagged figures are drawn hollow, so the difference never rests on
colour alone. Axis and legend text is dark grey: Vega's default grey (#808495 under
Streamlit's theme) is 3.8:1 on white, under WCAG AA's 4.5:1. Axis numbers follow the
language (Azerbaijani "50 000", see ``dashboard.i18n.format``); the time axis shows
years, which read the same in both languages.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
TEXT = "#31333F"  # 12.6:1 on white


DEFAULT_LABELS = {
    "date": "Date",
    "issued_by": "Issued by",
    "source": "Source",
    "note": "Note",
    "settlement": "Settlement",
    "first_return": "First return",
}


@alt.theme.register("dashboard", enable=True)
def _theme() -> alt.theme.ThemeConfig:
    """Every chart's axis, legend and title text in a colour that meets WCAG AA on white
    (a theme, so that layered charts can still be combined)."""
    text = {"labelColor": TEXT, "titleColor": TEXT}
    return {"config": {"axis": dict(text), "legend": dict(text), "title": {"color": TEXT}}}


def number_axis(title: str, lang: str) -> alt.Y:
    """A value axis with thousands grouped as the language writes them."""
    if lang != "az":
        return alt.Y("value:Q", title=title, axis=alt.Axis(format=",~f"))
    # 12,345.6 -> 12 345,6 (no-break space), as dashboard.i18n.format.fmt_number writes it
    expr = "replace(replace(format(datum.value, ',~f'), regexp(',', 'g'), '\u00a0'), '.', ',')"
    return alt.Y("value:Q", title=title, axis=alt.Axis(labelExpr=expr))


_YEARS = alt.Axis(format="%Y", tickCount="year")


def _tooltip(value_title: str, labels: dict[str, str]) -> list[alt.Tooltip]:
    words = DEFAULT_LABELS | labels
    return [
        alt.Tooltip("when:N", title=words["date"]),
        alt.Tooltip("value_text:N", title=value_title),
        alt.Tooltip("issuing_body:N", title=words["issued_by"]),
        alt.Tooltip("source:N", title=words["source"]),
        alt.Tooltip("flag_text:N", title=words["note"]),
    ]


def cumulative_chart(
    points: pd.DataFrame, y_title: str, labels: dict[str, str], series_title: str = "", lang: str = "en"
) -> alt.TopLevelMixin:
    """Running totals: one point per sourced figure, a line through the unflagged ones.

    ``points`` columns: end_date, value, series, flagged (bool), when, value_text,
    issuing_body, source, flag_text.
    """
    base = alt.Chart(points).encode(
        x=alt.X("end_date:T", title=None, axis=_YEARS),
        y=number_axis(y_title, lang),
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


def annual_bars(
    rows: pd.DataFrame, y_title: str, labels: dict[str, str], group_title: str | None = None, lang: str = "en"
) -> alt.TopLevelMixin:
    """Bars per year (and per group, e.g. district, when ``group`` is present).

    ``rows`` columns: year, value, value_text, issuing_body, source, when, flag_text
    and optionally group.
    """
    enc: dict = {
        "y": number_axis(y_title, lang),
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


def returns_timeline(rows: pd.DataFrame, labels: dict[str, str] | None = None) -> alt.TopLevelMixin:
    """First returns by settlement over time. ``rows``: name, district, date, when, source."""
    words = DEFAULT_LABELS | (labels or {})
    return (
        alt.Chart(rows)
        .mark_point(size=90, filled=True, color=OKABE_ITO[2])
        .encode(
            x=alt.X("date:T", title=None, axis=_YEARS),
            y=alt.Y("district:N", title=None, sort="x"),
            tooltip=[
                alt.Tooltip("name:N", title=words["settlement"]),
                alt.Tooltip("when:N", title=words["first_return"]),
                alt.Tooltip("source:N", title=words["source"]),
            ],
        )
        .properties(height=max(200, 28 * rows["district"].nunique()))
    )
