"""Where each figure comes from, in words: the full figure table and the conflicts."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.provenance import conflicts
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t
from dashboard.text.figures import figure_period_text, figure_value_text, metric_label

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


def conflicts_table(dataset: Dataset, lang: str = "en") -> pd.DataFrame:
    """Quantities stated by more than one figure with different values: the one the app
    uses, why, and the others."""
    rows = []
    issuer = dataset.issuer_name
    for c in conflicts(dataset):
        used = c.used.figure
        rows.append(
            {
                t("metric", lang): metric_label(dataset, used["metric"], lang),
                t("district", lang): dataset.area_name(used["area"], lang),
                t("period", lang): figure_period_text(used, lang),
                t("figure", lang): f"{figure_value_text(used, lang)} ({issuer(used['issuing_body'], lang)})",
                t("chosen_reason", lang): t(f"reason_{c.used.reason}", lang),
                "≠": "; ".join(f"{figure_value_text(o, lang)} ({issuer(o['issuing_body'], lang)})" for o in c.others),
            }
        )
    return pd.DataFrame(rows)
