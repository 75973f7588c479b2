"""The claim check in words: each claim with its verdict, and the record's figures it
was compared with, in one language."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.claims import ClaimCheck, Compared, check_claims, relative
from dashboard.data.dataset import Dataset
from dashboard.i18n.format import fmt_date, fmt_number, fmt_signed, fmt_value, unit_label
from dashboard.i18n.messages import t
from dashboard.text.figures import figure_period_text, figure_value_text, metric_label

CLAIM_COLUMNS = [
    "claim_id", "seed", "said_by", "said_in", "said_in_url", "date", "as_stated", "claim",
    "verdict", "verdict_text", "detail", "metric", "area", "source_id",
]  # fmt: skip
COMPARED_COLUMNS = [
    "claim_id", "role", "record_figure", "period", "issued_by", "source", "published", "source_url", "flag",
    "agrees", "figure_id",
]  # fmt: skip
SEED_MARK = "★"


def claim_date_text(claim: dict, lang: str) -> str:
    """The date a claim refers to: "11 June 2025", "6 November 2024 – 13 June 2025", with
    "(inferred)" when it was not stated."""
    text = fmt_date(claim["as_of"], lang)
    if claim["as_of_from"]:
        text = t("date_span", lang, start=fmt_date(claim["as_of_from"], lang), end=text)
    return t("date_inferred", lang, date=text) if claim["flag"] == "date_inferred" else text


def flag_text(flag: str, lang: str) -> str:
    """A figure's flag in words ("" for none)."""
    return t(f"flag_{flag}", lang) if flag else ""


def _figure_words(dataset: Dataset, figure: dict, lang: str) -> dict[str, str]:
    body = dataset.issuer_name(figure["issuing_body"], lang)
    flag = flag_text(figure["flag"], lang)
    return {
        "figure": figure_value_text(figure, lang),
        "period": figure_period_text(figure, lang),
        "body": f"{body}; {flag}" if flag else body,
    }


def verdict_text(check: ClaimCheck, lang: str) -> str:
    """The verdict's label: "Matches the record at the time", "Was the record as of 30 May 2024", ..."""
    if check.verdict == "earlier" and check.matched is not None:
        return t("verdict_earlier", lang, date=fmt_date(check.matched["period_end"], lang))
    return t(f"verdict_{check.verdict}", lang)


def _current(check: ClaimCheck) -> dict | None:
    """The record's latest figure at the claim's time (before or during its date)."""
    at_time = [c.figure for c in check.compared if c.role in ("before", "during")]
    return at_time[-1] if at_time else None


def verdict_detail(dataset: Dataset, check: ClaimCheck, lang: str) -> str:
    """What the verdict rests on, with the figure and its source body and date."""
    claim = check.claim
    if check.verdict == "matches" and check.matched is not None:
        return t("claim_agrees", lang, **_figure_words(dataset, check.matched, lang))
    if check.verdict == "earlier" and check.matched is not None:
        current = _current(check)
        now = _figure_words(dataset, current, lang) if current else {"figure": "", "period": ""}
        return t(
            "claim_earlier",
            lang,
            **_figure_words(dataset, check.matched, lang),
            current=now["figure"],
            current_period=now["period"],
        )
    if check.verdict == "differs" and check.reference is not None and check.difference is not None:
        share = relative(check)
        unit = unit_label(claim["unit"], lang)
        sep = "" if claim["unit"] == "percent" else " "
        text = t(
            "claim_differs",
            lang,
            difference=f"{fmt_signed(check.difference, lang)}{sep}{unit}",
            share="" if share is None else f"{fmt_signed(round(share * 100, 1), lang)}%",
            **_figure_words(dataset, check.reference, lang),
        )
        return f"{text} {t('claim_between', lang)}" if check.between else text
    if check.reason == "none_at_time" and check.compared:
        return t("claim_none_at_time", lang, **_figure_words(dataset, check.compared[0].figure, lang))
    if check.reason == "no_figures":
        return t("claim_no_figures", lang, area=dataset.area_name(claim["area"], lang))
    return t("claim_no_metric", lang)


def _source(dataset: Dataset, source_id: str) -> dict[str, str]:
    return dataset.source(source_id) or {"publisher": "", "title": source_id, "url": "", "published": ""}


def claims_table(dataset: Dataset, lang: str) -> pd.DataFrame:
    """One row per claim, in the file's order: who said it where and when, the figure as
    stated, the paraphrase, the verdict (code and words) and what it rests on."""
    rows = []
    for check in check_claims(dataset):
        c = check.claim
        src = _source(dataset, c["source_id"])
        rows.append(
            {
                "claim_id": c["claim_id"],
                "seed": SEED_MARK if c["seed"] == "yes" else "",
                "said_by": c["said_by_az" if lang == "az" else "said_by"],
                "said_in": f"{src['publisher']}: {src['title']}",
                "said_in_url": src["url"],
                "date": claim_date_text(c, lang),
                "as_stated": fmt_value(c["value"], c["unit"], c["qualifier"], lang),
                "claim": c["paraphrase_az" if lang == "az" else "paraphrase_en"],
                "verdict": check.verdict,
                "verdict_text": verdict_text(check, lang),
                "detail": verdict_detail(dataset, check, lang),
                "metric": metric_label(dataset, c["metric"], lang),
                "area": dataset.area_name(c["area"], lang),
                "source_id": c["source_id"],
            }
        )
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def _compared_row(dataset: Dataset, claim_id: str, compared: Compared, lang: str) -> dict:
    f = compared.figure
    src = _source(dataset, f["source_id"])
    return {
        "claim_id": claim_id,
        "role": t(f"role_{compared.role}", lang),
        "record_figure": figure_value_text(f, lang),
        "period": figure_period_text(f, lang),
        "issued_by": dataset.issuer_name(f["issuing_body"], lang),
        "source": f"{src['publisher']}: {src['title']}",
        "published": fmt_date(src["published"], lang),
        "source_url": src["url"],
        "flag": flag_text(f["flag"], lang),
        "agrees": t("yes" if compared.agrees else "no", lang),
        "figure_id": f["figure_id"],
    }


def compared_table(dataset: Dataset, lang: str) -> pd.DataFrame:
    """One row per record figure a claim was compared with, claim by claim, oldest first."""
    rows = [
        _compared_row(dataset, check.claim["claim_id"], compared, lang)
        for check in check_claims(dataset)
        for compared in check.compared
    ]
    return pd.DataFrame(rows, columns=COMPARED_COLUMNS)


def claims_export(dataset: Dataset, lang: str) -> pd.DataFrame:
    """The claims for download: the file's columns with the raw value, the verdict in
    code and words, and the record figures compared (role, id and value)."""
    words = claims_table(dataset, lang).set_index("claim_id")
    rows = []
    for check in check_claims(dataset):
        c = check.claim
        w = words.loc[c["claim_id"]]
        compared = "; ".join(
            f"{x.role}: {x.figure['figure_id']} ({fmt_number(x.figure['value'])}"
            f"{' ' + x.figure['qualifier'] if x.figure['qualifier'] else ''}, {x.figure['period_end']})"
            for x in check.compared
        )
        rows.append(
            {
                "claim_id": c["claim_id"],
                "seed_article": c["seed"],
                "said_by": w["said_by"],
                "source_id": c["source_id"],
                "source": w["said_in"],
                "source_url": w["said_in_url"],
                "as_of_from": c["as_of_from"],
                "as_of": c["as_of"],
                "date_flag": c["flag"],
                "metric": c["metric"],
                "area": c["area"],
                "subset": c["subset"],
                "period_type": c["period_type"],
                "period_start": c["period_start"],
                "value": c["value"],
                "qualifier": c["qualifier"],
                "unit": c["unit"],
                "claim": w["claim"],
                "verdict": check.verdict,
                "verdict_text": w["verdict_text"],
                "detail": w["detail"],
                "difference": check.difference,
                "compared_with": compared,
                "note": c["note"],
            }
        )
    return pd.DataFrame(rows)
