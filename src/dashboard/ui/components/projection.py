"""The projection block: its controls, its chart and, beside it, every assumption.

The pace and the estimate are session values seeded from the page URL by the sidebar
(``?pace=three_years&estimate=<figure id>``), like the filters; the controls here change
them, and the sidebar writes them back to the URL on the next run.
"""

from __future__ import annotations

import streamlit as st

from dashboard.analysis.selection import Selection
from dashboard.charts.plans import projection_chart
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t
from dashboard.maps.build import esc
from dashboard.text.projection import ProjectionText
from dashboard.ui import cached
from dashboard.ui.components.sidebar import ESTIMATE_KEY, PACE_KEY

# presentation mode: a region of its own, which scrolls by keyboard too when the screen
# is too small for every assumption
SCROLLS = " role='region' tabindex='0'"


def projection_html(text: ProjectionText, lang: str, large: bool = False) -> str:
    """The year, the statement, the caveats and the figures used, as one HTML block
    (every text escaped)."""
    caveats = "".join(f"<li>{esc(c)}</li>" for c in text.caveats)
    sources = "".join(f"<li>{esc(s)}</li>" for s in text.sources)
    return (
        f"<section class='projection{' projection-large' if large else ''}' aria-label='{esc(text.label)}'"
        f"{SCROLLS if large else ''}>"
        f"<p class='projection-label'>{esc(text.label)}</p>"
        f"<p class='projection-year'>{esc(text.value)}</p>"
        f"<p class='projection-statement'>{esc(text.statement)}</p>"
        f"<h4 class='projection-heading'>{esc(t('proj_assumptions', lang))}</h4>"
        f"<ul class='projection-caveats'>{caveats}</ul>"
        f"<details class='projection-sources'><summary>{esc(t('proj_sources', lang))}</summary>"
        f"<ul>{sources}</ul></details></section>"
    )


def show_projection(
    dataset: Dataset, selection: Selection, lang: str, controls: bool = True, large: bool = False
) -> None:
    """The projection for the selection's pace and estimate: controls (unless
    ``controls`` is False: presentation mode shows a prepared step), chart and words
    (``large`` for presentation mode)."""
    paces = cached.pace_options(dataset, lang)
    estimates = cached.estimate_options(dataset, lang)
    if controls and paces and estimates:
        left, right = st.columns([2, 3])
        left.radio(t("proj_pace", lang), options=list(paces), format_func=paces.__getitem__, key=PACE_KEY)
        right.selectbox(
            t("proj_estimate", lang), options=list(estimates), format_func=estimates.__getitem__, key=ESTIMATE_KEY
        )
    text = cached.projection_text(dataset, selection.pace, selection.estimate, lang)
    if text is None:
        st.info(t("proj_none", lang))
        return
    # presentation mode (``large``): the chart fills the height the page leaves it
    # (ui/present.css), the words take the other half
    chart_col, text_col = st.columns([1, 1] if large else [3, 2])
    with chart_col:
        words = {k: t(k, lang) for k in ("source", "issued_by")} | {"date": t("as_of", lang), "note": ""}
        history = cached.cumulative_points(dataset, ("area_cleared",), lang)
        line = cached.projection_line(dataset, selection.pace, selection.estimate, lang)
        estimate = text.figures[0]
        level = (
            float(estimate["value"]),
            f"{t('proj_line_estimate', lang)}: {estimates.get(estimate['figure_id'], '')}",
        )
        label = cached.metric_label(dataset, "area_cleared", lang)
        if large:  # presentation mode: no type under 18 px (README, "Presenting")
            chart = projection_chart(history, line, level, label, words, lang, year_size=22)
            big = {"labelFontSize": 18, "titleFontSize": 18}
            chart = chart.configure_axis(**big).configure_legend(**big).configure_text(fontSize=18)
            st.altair_chart(chart.properties(height="container"), width="stretch", height="stretch")
        else:
            st.altair_chart(projection_chart(history, line, level, label, words, lang), width="stretch")
    text_col.html(projection_html(text, lang, large))
