"""Altair charts of plans and the projection: plans beside results, the programme's
target on the running total, and the running total extended as a dashed line.

The projection's line is dashed and its end marked with the year, so it never reads as
data; the words that go with it come from ``dashboard.text.projection``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.charts.trends import DEFAULT_LABELS, OKABE_ITO, cumulative_chart, number_axis
from dashboard.text.plans import TargetText

PLAN_COLOUR = OKABE_ITO[0]
TARGET_COLOUR = OKABE_ITO[2]
PROJECTION_COLOUR = OKABE_ITO[5]
ESTIMATE_COLOUR = "#555555"
# Text drawn in the chart in the target's and the projection's colours, darkened to meet
# WCAG AA on white (the Okabe-Ito green and vermilion are 3.4:1 and 3.9:1).
TARGET_TEXT = "#006B4F"  # 6.5:1
PROJECTION_TEXT = "#A64500"  # 6.1:1
PROJECTION_DASH = [10, 6]


def plan_bars(
    rows: pd.DataFrame, y_title: str, kinds: tuple[str, str], labels: dict[str, str], lang: str = "en"
) -> alt.Chart:
    """Each year's plan (an outlined bar) beside its result (a solid bar).

    ``rows`` columns: year, kind_label, value, value_text, vs_plan, issuing_body, source,
    when, flag_text, flagged (``text.plans.plan_rows``); ``kinds`` the labels of a plan
    and a result, in that order."""
    words = DEFAULT_LABELS | labels
    domain = list(kinds)
    legend = alt.Legend(orient="bottom", title=None)
    return (
        alt.Chart(rows)
        .mark_bar(strokeWidth=2.5)
        .encode(
            x=alt.X("year:O", title=None),
            xOffset=alt.XOffset("kind_label:N", sort=domain),
            y=number_axis(y_title, lang),
            fill=alt.Fill(
                "kind_label:N", scale=alt.Scale(domain=domain, range=["#ffffff", PLAN_COLOUR]), legend=legend
            ),
            stroke=alt.Stroke(
                "kind_label:N", scale=alt.Scale(domain=domain, range=[PLAN_COLOUR, PLAN_COLOUR]), legend=legend
            ),
            opacity=alt.condition("datum.flagged", alt.value(0.35), alt.value(1.0)),
            tooltip=[
                alt.Tooltip("year:O", title=words.get("year", "Year")),
                alt.Tooltip("kind_label:N", title=" "),
                alt.Tooltip("value_text:N", title=y_title),
                alt.Tooltip("vs_plan:N", title=words.get("vs_plan", "Against the plan")),
                alt.Tooltip("issuing_body:N", title=words["issued_by"]),
                alt.Tooltip("source:N", title=words["source"]),
                alt.Tooltip("flag_text:N", title=words["note"]),
            ],
        )
        .properties(height=320)
    )


def _target_layers(target: TargetText) -> alt.LayerChart:
    """The programme's target: a dotted segment over the programme's years, labelled."""
    frame = pd.DataFrame(
        {
            "start": [target.first_day],
            "end": [target.last_day],
            "level": [target.level],
            "label": [target.label],
            "text": [target.text],
            "source": [target.source],
        }
    )
    tooltip = [alt.Tooltip("label:N", title=" "), alt.Tooltip("text:N", title=" "), alt.Tooltip("source:N", title=" ")]
    rule = (
        alt.Chart(frame)
        .mark_rule(strokeDash=[3, 3], strokeWidth=2.5, color=TARGET_COLOUR)
        .encode(x="start:T", x2="end:T", y="level:Q", tooltip=tooltip)
    )
    label = (
        alt.Chart(frame)
        .mark_text(align="right", baseline="bottom", dy=-4, color=TARGET_TEXT, fontWeight="bold")
        .encode(x="end:T", y="level:Q", text="label:N")
    )
    return rule + label


def running_total_with_target(
    points: pd.DataFrame, y_title: str, labels: dict[str, str], target: TargetText | None, lang: str = "en"
) -> alt.LayerChart:
    """The running total of hectares (``charts.trends.cumulative_chart``) with the
    programme's target drawn on it."""
    chart = cumulative_chart(points, y_title, labels, lang=lang)
    return chart + _target_layers(target) if target is not None else chart


def projection_chart(
    history: pd.DataFrame,
    line: pd.DataFrame,
    estimate: tuple[float, str],
    y_title: str,
    labels: dict[str, str],
    lang: str = "en",
    year_size: int = 15,
) -> alt.LayerChart:
    """The running total (every sourced point) extended by the projection's dashed line
    to the estimate, which is drawn as a level across the chart.

    ``line`` (``text.projection.projection_line``): the line's start and end, with
    when/value_text/issuing_body/source; empty when no year can be projected.
    ``estimate``: its value and its label; ``year_size`` the pixel size of the year."""
    words = DEFAULT_LABELS | labels
    chart = cumulative_chart(history, y_title, labels, lang=lang)
    level = pd.DataFrame({"value": [estimate[0]], "label": [estimate[1]]})
    chart += (
        alt.Chart(level)
        .mark_rule(strokeDash=[2, 2], strokeWidth=1.5, color=ESTIMATE_COLOUR)
        .encode(y="value:Q", tooltip=[alt.Tooltip("label:N", title=" ")])
    )
    chart += (
        alt.Chart(level)
        # under its line: above it, the projection's year ends the dashed line
        .mark_text(align="left", baseline="top", dx=4, dy=4, color=ESTIMATE_COLOUR)
        .encode(x=alt.value(0), y="value:Q", text="label:N")
    )
    if line.empty:
        return chart
    tooltip = [
        alt.Tooltip("when:N", title=words["date"]),
        alt.Tooltip("value_text:N", title=y_title),
        alt.Tooltip("issuing_body:N", title=words["issued_by"]),
        alt.Tooltip("source:N", title=words["source"]),
    ]
    end = line.tail(1)
    chart += (
        alt.Chart(line)
        .mark_line(strokeDash=PROJECTION_DASH, strokeWidth=3, color=PROJECTION_COLOUR)
        .encode(x="end_date:T", y="value:Q", tooltip=tooltip)
        .properties(name="projection")
    )
    chart += (
        alt.Chart(end)
        .mark_point(shape="diamond", size=160, filled=True, color=PROJECTION_COLOUR)
        .encode(x="end_date:T", y="value:Q", tooltip=tooltip)
    )
    chart += (
        alt.Chart(end)
        .mark_text(align="right", baseline="bottom", dx=-6, dy=-8, fontSize=year_size, fontWeight="bold")
        .encode(x="end_date:T", y="value:Q", text="when:N", color=alt.value(PROJECTION_TEXT))
    )
    return chart
