"""The projection in words: the year, every assumption it rests on, and its figures.

Whatever shows the projection (Trends, presentation mode, the handout and its slide)
takes its words from here, so the year never travels without its assumptions.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.analysis.plans import plan_years
from dashboard.analysis.projection import Projection, estimates, paces, projection
from dashboard.data.dataset import Dataset
from dashboard.i18n.format import fmt_date, fmt_value
from dashboard.i18n.messages import keys, t
from dashboard.text.figures import figure_period_text, figure_value_text, metric_label, source_text


@dataclass(frozen=True)
class ProjectionText:
    """A projection worded for one language.

    ``value`` is the year ("2039") or "no year" when the cleared total already exceeds
    the estimate; ``statement`` the "if ... then ..." sentences with every figure and
    its issuer; ``caveats`` what else the reader must know; ``sources`` one line per
    figure used; ``figures`` those figures (rows as dicts)."""

    label: str
    value: str
    year: int | None
    statement: str
    caveats: tuple[str, ...]
    sources: tuple[str, ...]
    figures: tuple[dict, ...]

    @property
    def full_text(self) -> str:
        """Statement and caveats in one paragraph (for a card, a CSV cell, a slide)."""
        return " ".join((self.statement, *self.caveats))


def pace_options(dataset: Dataset, lang: str) -> dict[str, str]:
    """The paces the data allows (key -> label), in the order of ``PACES``."""
    out = {}
    for key, pace in paces(dataset).items():
        years = pace.years
        out[key] = t(f"proj_pace_{key}", lang, year=years[-1], first=years[0], last=years[-1])
    return out


def estimate_label(dataset: Dataset, figure: dict, lang: str) -> str:
    """An estimate as a choice: "nearly 1,167,000 ha · ANAMA, 16 October 2024"."""
    return t(
        "proj_estimate_option",
        lang,
        value=figure_value_text(figure, lang),
        issuer=dataset.issuer_name(figure["issuing_body"], lang),
        date=fmt_date(figure["period_end"], lang),
    )


def estimate_options(dataset: Dataset, lang: str) -> dict[str, str]:
    """The estimates a projection can use (figure id -> label), the default first."""
    return {f["figure_id"]: estimate_label(dataset, f, lang) for f in estimates(dataset)}


def _area_phrase(dataset: Dataset, metric: str, lang: str) -> str:
    key = f"proj_metric_{metric}"
    return t(key, lang) if key in keys() else metric_label(dataset, metric, lang)


def _basis(dataset: Dataset, result: Projection, lang: str) -> str:
    pace = result.pace
    last = pace.figures[-1]
    issuer = dataset.issuer_name(last["issuing_body"], lang)
    year = pace.years[-1]
    if pace.key == "three_years":
        values = ", ".join(f"{figure_value_text(f, lang)} ({y})" for f, y in zip(pace.figures, pace.years, strict=True))
        years = f"{pace.years[0]}–{pace.years[-1]}"
        return t("proj_basis_three_years", lang, years=years, values=values)
    key = "proj_basis_plan" if pace.key == "plan" else "proj_basis_last_year"
    plan = figure_value_text(last, lang)
    return t(key, lang, year=year, issuer=issuer, plan=plan)


def _statement(dataset: Dataset, result: Projection, lang: str) -> str:
    estimate, start = result.estimate, result.start
    words = {
        "area": _area_phrase(dataset, estimate["metric"], lang),
        "estimate": figure_value_text(estimate, lang),
        "issuer": dataset.issuer_name(estimate["issuing_body"], lang),
        "date": fmt_date(estimate["period_end"], lang),
        "total": figure_value_text(start, lang),
        "start": fmt_date(start["period_end"], lang),
        "start_issuer": dataset.issuer_name(start["issuing_body"], lang),
    }
    if result.reach.reached:
        return f"{t('proj_if_estimate_reached', lang, **words)} {t('proj_then_reached', lang)}"
    rounded = "about" if estimate["qualifier"] or start["qualifier"] else ""
    remaining = fmt_value(result.reach.remaining, "ha", rounded, lang)
    first = t("proj_if_estimate", lang, remaining=remaining, **words)
    then = t(
        "proj_then_year",
        lang,
        pace=fmt_value(result.pace.value, "ha", "", lang),
        basis=_basis(dataset, result, lang),
        year=t("in_year", lang, year=result.reach.year or 0),
    )
    return f"{first} {then}"


def _caveats(dataset: Dataset, result: Projection, lang: str) -> tuple[str, ...]:
    listed = "; ".join(
        f"{figure_value_text(f, lang)} ({dataset.issuer_name(f['issuing_body'], lang)}, "
        f"{fmt_date(f['period_end'], lang)})"
        for f in estimates(dataset)
    )
    results = [y for y in plan_years(dataset) if y.result is not None and not y.result["flag"]]
    years = ", ".join(f"{figure_value_text(y.result, lang)} ({y.year})" for y in results)
    out = [t("proj_not_forecast", lang), t("proj_survey", lang, estimates=listed), t("proj_same_area", lang)]
    out.append(t("proj_constant", lang, years=years))
    if any(f["qualifier"] for f in _figures(result)):
        out.append(t("proj_rounded", lang))
    return tuple(out)


def _figures(result: Projection) -> tuple[dict, ...]:
    return (result.estimate, result.start, *result.pace.figures)


def _source_line(dataset: Dataset, figure: dict, lang: str) -> str:
    return (
        f"{metric_label(dataset, figure['metric'], lang)}: {figure_value_text(figure, lang)}, "
        f"{figure_period_text(figure, lang)} — {dataset.issuer_name(figure['issuing_body'], lang)} — "
        f"{source_text(dataset, figure['source_id'], lang)}"
    )


def projection_words(dataset: Dataset, result: Projection, lang: str) -> ProjectionText:
    """A computed projection in words."""
    year = result.reach.year
    return ProjectionText(
        label=t("proj_year_label", lang),
        value=str(year) if year is not None else t("proj_reached_value", lang),
        year=year,
        statement=_statement(dataset, result, lang),
        caveats=_caveats(dataset, result, lang),
        sources=tuple(_source_line(dataset, f, lang) for f in _figures(result)),
        figures=_figures(result),
    )


def projection_text(dataset: Dataset, pace: str, estimate: str, lang: str) -> ProjectionText | None:
    """The projection for a pace and an estimate (see ``analysis.projection``) in words;
    None when the data allows none."""
    result = projection(dataset, pace, estimate)
    return projection_words(dataset, result, lang) if result is not None else None


def projection_line(dataset: Dataset, pace: str, estimate: str, lang: str) -> pd.DataFrame:
    """The dashed line of a chart: from the running total it starts from to the estimate
    in the year it would be reached (no rows when there is no such year). Columns as
    ``text.trends.cumulative_points`` has them."""
    result = projection(dataset, pace, estimate)
    if result is None or result.reach.end is None:
        return pd.DataFrame(columns=["end_date", "value", "series", "when", "value_text", "issuing_body", "source"])
    start, target = result.start, result.estimate
    label = t("proj_line_projection", lang)
    return pd.DataFrame(
        {
            "end_date": [start["end_date"], pd.Timestamp(result.reach.end)],
            "value": [float(start["value"]), float(target["value"])],
            "series": [label, label],
            "when": [figure_period_text(start, lang), t("in_year", lang, year=result.reach.year or 0)],
            "value_text": [figure_value_text(start, lang), figure_value_text(target, lang)],
            "issuing_body": [
                dataset.issuer_name(start["issuing_body"], lang),
                dataset.issuer_name(target["issuing_body"], lang),
            ],
            "source": [source_text(dataset, start["source_id"], lang), t("proj_title", lang)],
        }
    )
