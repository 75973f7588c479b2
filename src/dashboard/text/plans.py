"""Plans against results in words: the rows of the Trends bars, the State Programme's
target on the running total, and the "Against the plan" card's lines."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.analysis.plans import PlanCard, PlanYear, plan_years, programme_target
from dashboard.data.dataset import Dataset
from dashboard.i18n.format import fmt_date, fmt_value
from dashboard.i18n.messages import t
from dashboard.text.figures import figure_period_text, figure_value_text, source_text

PLAN_ROW_COLUMNS = [
    "year", "kind", "kind_label", "value", "value_text", "issuing_body", "source", "when",
    "flag_text", "flagged", "vs_plan",
]  # fmt: skip


def difference_text(year: PlanYear, lang: str) -> str:
    """The result against the plan's stated figure: "4,205.7 ha more than planned"."""
    diff = year.difference
    if diff is None:
        return ""
    if abs(diff) < 0.05:
        return t("plans_equal", lang)
    return t("plans_more" if diff > 0 else "plans_less", lang, value=fmt_value(abs(diff), "ha", "", lang))


def plan_rows(dataset: Dataset, lang: str) -> pd.DataFrame:
    """One row per year and kind ("plan", "result") that has a figure, oldest first."""
    rows = []
    for year in plan_years(dataset):
        vs_plan = difference_text(year, lang)
        for kind, figure in (("plan", year.plan), ("result", year.result)):
            if figure is None:
                continue
            rows.append(
                {
                    "year": year.year,
                    "kind": kind,
                    "kind_label": t(f"plans_kind_{kind}", lang),
                    "value": float(figure["value"]),
                    "value_text": figure_value_text(figure, lang),
                    "issuing_body": dataset.issuer_name(figure["issuing_body"], lang),
                    "source": source_text(dataset, figure["source_id"], lang),
                    "when": figure_period_text(figure, lang),
                    "flag_text": f"{figure['flag']}: {figure['note']}" if figure["flag"] else "",
                    "flagged": bool(figure["flag"]),
                    "vs_plan": vs_plan if kind == "result" else "",
                }
            )
    return pd.DataFrame(rows, columns=PLAN_ROW_COLUMNS)


def years_without_plan(dataset: Dataset) -> list[int]:
    """Years with a national result but no national plan in the data."""
    return [y.year for y in plan_years(dataset) if y.plan is None and y.result is not None]


@dataclass(frozen=True)
class TargetText:
    """The State Programme's target as a chart draws it: where, from when to when, and
    the sentence that says what it is and why it lies there."""

    level: float
    first_day: pd.Timestamp
    last_day: pd.Timestamp
    label: str
    text: str
    source: str


def target_text(dataset: Dataset, lang: str) -> TargetText | None:
    """The programme target on the running total, in words (None without a programme)."""
    target = programme_target(dataset)
    if target is None:
        return None
    figure = target.figure
    source = dataset.source(figure["source_id"])
    words = {
        "programme": t("target_programme", lang),
        "value": figure_value_text(figure, lang),
        "start": target.first_day.year,
        "end": target.last_day.year,
        "issuer": dataset.issuer_name(figure["issuing_body"], lang),
        "published": fmt_date(source.get("published", ""), lang),
    }
    base = target.baseline
    if base is None:
        text = t("target_text_no_baseline", lang, **words)
    else:
        rounded = "about" if base["qualifier"] or figure["qualifier"] else ""
        text = t(
            "target_text",
            lang,
            level=fmt_value(target.level, "ha", rounded, lang),
            baseline=figure_value_text(base, lang),
            baseline_when=figure_period_text(base, lang),
            baseline_issuer=dataset.issuer_name(base["issuing_body"], lang),
            **words,
        )
    return TargetText(
        level=target.level,
        first_day=pd.Timestamp(target.first_day),
        last_day=pd.Timestamp(target.last_day),
        label=t("target_label", lang),
        text=text,
        source=source_text(dataset, figure["source_id"], lang),
    )


@dataclass(frozen=True)
class PlanCardText:
    """The "Against the plan" card's lines: value, delta, caption and sources."""

    value: str
    delta: str | None
    caption: str
    source: str


def plan_card_text(dataset: Dataset, card: PlanCard, lang: str) -> PlanCardText | None:
    """The card's lines, or None when the period has no plan. The delta line gives the
    result against the plan and the plan for a later year without a result yet."""
    year = card.compared
    if year is None or year.plan is None:
        return None
    plan = year.plan
    words = {
        "year": year.year,
        "plan": figure_value_text(plan, lang),
        "plan_issuer": dataset.issuer_name(plan["issuing_body"], lang),
    }
    figures = [plan]
    if year.result is None:
        caption = t("card_plan_no_result", lang, **words)
        value = figure_value_text(plan, lang)
    else:
        result = year.result
        caption = t("card_plan_caption", lang, result_issuer=dataset.issuer_name(result["issuing_body"], lang), **words)
        value = figure_value_text(result, lang)
        figures.insert(0, result)
    delta = [difference_text(year, lang)]
    if card.upcoming is not None and card.upcoming.plan is not None:
        upcoming = card.upcoming.plan
        delta.append(t("card_plan_upcoming", lang, year=card.upcoming.year, plan=figure_value_text(upcoming, lang)))
        figures.append(upcoming)
    sources = "; ".join(dict.fromkeys(source_text(dataset, f["source_id"], lang) for f in figures))
    return PlanCardText(value, " · ".join(d for d in delta if d) or None, caption, sources)
