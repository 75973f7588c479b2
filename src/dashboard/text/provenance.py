"""Where each figure comes from, in words: the full figure table (with the claims checked
against it) and the groups of figures that disagree."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.claims import check_claims
from dashboard.analysis.provenance import conflicts
from dashboard.data.dataset import Dataset
from dashboard.i18n.format import fmt_date
from dashboard.i18n.messages import t
from dashboard.text.claims import flag_text, verdict_text
from dashboard.text.figures import figure_period_text, figure_value_text, metric_label

_FIGURE_COLUMNS = [
    "figure_id", "metric", "area", "subset", "period_type", "period_start", "period_end",
    "value", "qualifier", "unit", "issuing_body", "flag", "note", "source_id",
]  # fmt: skip
_SOURCE_COLUMNS = ["source_id", "publisher", "source_title", "published", "source_url"]
CONFLICT_COLUMNS = [
    "group", "metric", "area", "period", "value", "issued_by", "source", "published", "source_url", "flag",
    "used", "rule", "figure_id",
]  # fmt: skip


def _sources(dataset: Dataset) -> pd.DataFrame:
    src = dataset.sources.rename(columns={"title": "source_title", "url": "source_url"})
    return src[_SOURCE_COLUMNS]


def all_figures_table(dataset: Dataset, lang: str = "en") -> pd.DataFrame:
    """Every figure with its area's name and its source, for download; then every claim
    (``kind`` "claim": quoted in public, not part of the record) with its verdict."""
    figs = dataset.figures[_FIGURE_COLUMNS].merge(_sources(dataset), on="source_id", how="left")
    figs.insert(0, "kind", "figure")
    figs.insert(4, "area_name", [dataset.area_name(a, lang) for a in figs["area"]])
    checks = check_claims(dataset)
    if not checks:
        return figs
    claims = pd.DataFrame(
        [
            {
                "kind": "claim",
                "figure_id": c.claim["claim_id"],
                **{k: c.claim[k] for k in ("metric", "area", "subset", "period_type", "period_start")},
                "period_end": c.claim["as_of"],
                **{k: c.claim[k] for k in ("value", "qualifier", "unit", "flag", "note", "source_id")},
                "issuing_body": c.claim["said_by"],
                "claim_as_of_from": c.claim["as_of_from"],
                "claim_verdict": c.verdict,
                "claim_verdict_text": verdict_text(c, lang),
                "claim_paraphrase": c.claim["paraphrase_az" if lang == "az" else "paraphrase_en"],
            }
            for c in checks
        ]
    ).merge(_sources(dataset), on="source_id", how="left")
    claims.insert(4, "area_name", [dataset.area_name(a, lang) for a in claims["area"]])
    extra = claims.columns.difference(figs.columns, sort=False)
    return pd.concat([figs, claims[[*figs.columns, *extra]]], ignore_index=True)


def conflicts_table(dataset: Dataset, lang: str = "en") -> pd.DataFrame:
    """Every group of figures for one quantity that disagree, with all their figures: the
    one the dashboard uses first (``used`` ✓, ``rule`` saying why), the others after it."""
    rows = []
    for number, c in enumerate(conflicts(dataset), start=1):
        for f in c.figures:
            used = f is c.used.figure
            src = dataset.source(f["source_id"])
            rows.append(
                {
                    "group": number,
                    "metric": metric_label(dataset, f["metric"], lang),
                    "area": dataset.area_name(f["area"], lang),
                    "period": figure_period_text(f, lang),
                    "value": figure_value_text(f, lang),
                    "issued_by": dataset.issuer_name(f["issuing_body"], lang),
                    "source": f"{src.get('publisher', '')}: {src.get('title', '')}",
                    "published": fmt_date(src.get("published", ""), lang),
                    "source_url": src.get("url", ""),
                    "flag": flag_text(f["flag"], lang),
                    "used": "✓" if used else "",
                    "rule": t(f"reason_{c.used.reason}", lang) if used else "",
                    "figure_id": f["figure_id"],
                }
            )
    return pd.DataFrame(rows, columns=CONFLICT_COLUMNS)
