"""Where each figure comes from: the full figure table and the conflicts between sources."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.figures import choose, published_ordinal
from dashboard.analysis.view import figure_value_text, period_text
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t

_FIGURE_COLUMNS = [
    "figure_id", "metric", "area", "subset", "period_type", "period_start", "period_end",
    "value", "qualifier", "unit", "issuing_body", "flag", "note", "source_id",
]  # fmt: skip


def all_figures_table(dataset: Dataset, lang: str = "en") -> pd.DataFrame:
    """Every figure with its area's name and its source, for download."""
    figs = dataset.figures[_FIGURE_COLUMNS]
    src = dataset.sources.rename(columns={"title": "source_title", "url": "source_url", "note": "source_note"})
    out = figs.merge(
        src[["source_id", "publisher", "source_title", "published", "source_url"]], on="source_id", how="left"
    )
    out.insert(3, "area_name", [dataset.area_name(a, lang) for a in out["area"]])
    return out


def _slot(row: pd.Series) -> str:
    if row["period_type"] == "year":
        return row["period_end"][:4]
    if row["period_type"] in ("cumulative", "estimate", "event"):
        return row["period_end"]
    return f"{row['period_start']}/{row['period_end']}"


def conflicts(dataset: Dataset, lang: str = "en") -> pd.DataFrame:
    """Quantities stated by more than one figure with different values: the one the app
    uses, why, and the others."""
    figs = dataset.figures
    figs = figs.assign(slot=figs.apply(_slot, axis=1))
    published = published_ordinal(dataset)
    labels = dataset.metrics.set_index("metric")["label_az" if lang == "az" else "label_en"]
    rows = []
    for _, group in figs.groupby(["metric", "area", "subset", "period_type", "period_start", "slot"], sort=True):
        if len(group) < 2 or group["value"].nunique() < 2:
            continue
        used, reason, _ = choose(group, published)
        others = group.drop(index=used.name)
        rows.append(
            {
                t("metric", lang): labels[used["metric"]],
                t("district", lang): dataset.area_name(used["area"], lang),
                t("period", lang): period_text(used["period_type"], used["period_start"], used["period_end"], lang),
                t("figure", lang): f"{figure_value_text(used, lang)} ({used['issuing_body']})",
                t("chosen_reason", lang): t(f"reason_{reason}", lang),
                "≠": "; ".join(f"{figure_value_text(o, lang)} ({o['issuing_body']})" for _, o in others.iterrows()),
            }
        )
    return pd.DataFrame(rows)
