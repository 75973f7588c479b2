"""Pure functions that pick, filter and aggregate figures for a selection.

Conflicting figures coexist in the data; where one number must be shown, ``choose``
picks it by fixed, documented rules and says why:

1. a figure that is not flagged (inferred date, uncertain, contradicted, garbled) wins;
2. for running totals, the latest "as of" date wins;
3. an exact figure wins over a rounded one: first a figure without "over", "about",
   ...; then the figure with more significant digits (53,081 before 53,100);
4. a figure dated to the day wins over one dated to a month or a year;
5. the most recently published source wins.

Nothing here sums a national figure down to districts or moves a figure between areas.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd

from dashboard.analysis.selection import Period
from dashboard.data.dataset import Dataset

# Running totals counted since the 2020 war (a start in 2020 or later, or none stated);
# "since 1991" totals are another quantity.
FIRST_YEAR = 2020
REASONS = ("only", "unflagged", "latest", "exact", "precise_date", "latest_published")
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def significant_digits(value: float) -> int:
    """Digits that carry information: 53081 has 5, 53100 has 3, 62023.9 has 6."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    digits = text.replace(".", "").lstrip("0")
    return len(digits if "." in text else digits.rstrip("0")) or 1


_RANK_KEYS = ["_flagged", "_end", "_qualified", "_digits", "_precision", "_published", "figure_id"]


def _with_rank_keys(frame: pd.DataFrame, published: pd.Series) -> pd.DataFrame:
    """The figures with one column per rule, so that sorting on them applies the rules."""
    return frame.assign(
        _flagged=frame["flag"].ne(""),
        _end=-frame["end_date"].map(lambda d: d.toordinal()),
        _qualified=frame["qualifier"].ne(""),
        _digits=-frame["value"].map(significant_digits),
        _precision=frame["end_precision"].map(_PRECISION_RANK),
        _published=-frame["source_id"].map(published).fillna(0),
    )


def _ranked(frame: pd.DataFrame, published: pd.Series) -> pd.DataFrame:
    return _with_rank_keys(frame, published).sort_values(_RANK_KEYS, kind="stable")


_KEY_COLUMNS = ["metric", "subset", "area_kind", "area", "period_type", "start_date", "end_date"]


@lru_cache(maxsize=8)
def _rank_table(dataset: Dataset) -> pd.DataFrame:
    """What a choice looks at, for every figure of a dataset, computed once per dataset:
    the columns that select candidates and the rank keys. Narrow, so that filtering and
    sorting stay cheap; the chosen rows are taken from the full table at the end. (A
    Dataset never changes; it is hashed by identity.)"""
    return _with_rank_keys(dataset.figures, published_ordinal(dataset))[
        list(dict.fromkeys([*_KEY_COLUMNS, *_RANK_KEYS]))
    ]


def choose(frame: pd.DataFrame, published: pd.Series) -> tuple[pd.Series, str, int]:
    """The figure to show among candidates for one slot, the reason code, and how many
    other figures were set aside."""
    ranked = _ranked(frame, published)
    best = ranked.iloc[0]
    return frame.loc[best.name], _reason(ranked), len(ranked) - 1


# (rank key, reason code): the first key on which the winner differs from the runner-up
# names the rule that decided; when none does, the newer source decided.
_RULES = (
    ("_flagged", "unflagged"),
    ("_end", "latest"),
    ("_qualified", "exact"),
    ("_digits", "exact"),
    ("_precision", "precise_date"),
)


def _reason(ranked: pd.DataFrame) -> str:
    """Why the first of some ranked candidates won: the first rule that tells it from
    the runner-up."""
    if len(ranked) == 1:
        return "only"
    return str(_reasons(ranked.iloc[[0]], ranked.iloc[[1]]).iloc[0])


def _reasons(best: pd.DataFrame, runner: pd.DataFrame) -> pd.Series:
    """``_reason`` for many slots at once: row i of ``best`` against row i of ``runner``."""
    out = pd.Series("latest_published", index=best.index, dtype=object)
    for key, code in reversed(_RULES):  # the first rule that differs is written last
        out[best[key].to_numpy() != runner[key].to_numpy()] = code
    return out


@lru_cache(maxsize=8)
def published_ordinal(dataset: Dataset) -> pd.Series:
    """Publication date of each source as a sortable number (0 when undated); once per
    dataset."""
    src = dataset.sources.set_index("source_id")["published"]
    return src.map(lambda t: pd.Timestamp(t).toordinal() if t else 0)


def in_period(figures: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Figures that describe the period: a full calendar year, or a running total since
    the war as of a date on or before the period's end."""
    if period.year is not None:
        mask = (
            figures["period_type"].eq("year")
            & figures["start_date"].dt.year.eq(period.year)
            & figures["end_date"].dt.year.eq(period.year)
        )
        return figures[mask]
    mask = figures["period_type"].eq("cumulative") & (
        figures["start_date"].isna() | (figures["start_date"].dt.year >= FIRST_YEAR)
    )
    if period.as_of is not None:
        mask &= figures["end_date"] <= pd.Timestamp(period.as_of)
    return figures[mask]


def pick(
    dataset: Dataset,
    metric: str,
    period: Period,
    area_kinds: tuple[str, ...] = ("national",),
    subset: str = "",
    areas: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """One chosen figure per area for a metric and period, with ``reason`` and
    ``alternatives`` (figures set aside) columns. Areas without a figure are absent.
    ``areas`` limits the result to some areas (each area's choice is its own).

    Remembered per dataset and arguments: cards, maps and exports of different
    selections ask for the same choices again."""
    return _pick(dataset, metric, period, tuple(area_kinds), subset, None if areas is None else tuple(areas)).copy(
        deep=False
    )


@lru_cache(maxsize=4096)
def _pick(
    dataset: Dataset,
    metric: str,
    period: Period,
    area_kinds: tuple[str, ...],
    subset: str,
    areas: tuple[str, ...] | None,
) -> pd.DataFrame:
    table = _rank_table(dataset)
    keys = table[table["metric"].eq(metric) & table["subset"].eq(subset) & table["area_kind"].isin(area_kinds)]
    if areas is not None:
        keys = keys[keys["area"].isin(areas)]
    keys = in_period(keys, period)
    if keys.empty:
        return dataset.figures.iloc[:0].assign(reason=pd.Series(dtype=str), alternatives=pd.Series(dtype=int))
    # ``choose`` for every area at once: rank all candidates; each area's first wins
    ranked = keys.sort_values(["area", *_RANK_KEYS], kind="stable")
    place = ranked.groupby("area", sort=False).cumcount().to_numpy()
    best = ranked[place == 0]
    count = ranked.groupby("area", sort=False).size()
    reason = pd.Series("only", index=best["area"].to_numpy(), dtype=object)
    runner = ranked[place == 1]
    if len(runner):
        contested = best[best["area"].isin(runner["area"])]
        reason[contested["area"].to_numpy()] = _reasons(contested, runner).to_numpy()
    chosen = dataset.figures.loc[best.index]
    return chosen.assign(
        reason=reason[chosen["area"]].to_numpy(),
        alternatives=(count[chosen["area"]] - 1).to_numpy(),
    ).reset_index(drop=True)


@dataclass(frozen=True)
class Headline:
    """A figure for a metric card: the chosen figure and the one before it."""

    figure: dict
    previous: dict | None
    reason: str
    alternatives: int

    @property
    def change(self) -> float | None:
        """Change against the previous figure, only when both are exact and unflagged."""
        prev = self.previous
        if prev is None:
            return None
        clean = all(not f["qualifier"] and not f["flag"] for f in (self.figure, prev))
        return self.figure["value"] - prev["value"] if clean else None


def previous_period(period: Period, current_end: pd.Timestamp) -> Period:
    """The period just before: the year before, or running totals before this as-of date."""
    if period.year is not None:
        return Period(year=period.year - 1)
    return Period(as_of=(current_end - pd.Timedelta(days=1)).date())


def headline(dataset: Dataset, metric: str, period: Period, area: str = "AZ", subset: str = "") -> Headline | None:
    """The chosen figure for one area (national by default) and its predecessor."""
    kinds = ("national", "district", "unit", "settlement")
    chosen = pick(dataset, metric, period, kinds, subset, (area,))
    if chosen.empty:
        return None
    row = chosen.iloc[0].to_dict()
    before = pick(dataset, metric, previous_period(period, row["end_date"]), kinds, subset, (area,))
    prev = before.iloc[0].to_dict() if not before.empty else None
    return Headline(row, prev, row["reason"], int(row["alternatives"]))


def district_sum(chosen: pd.DataFrame, codes: list[str]) -> tuple[float, list[str], list[str]]:
    """Sum of the chosen figures of some districts: (total, codes with a figure, codes without)."""
    have = chosen[chosen["area"].isin(codes)] if not chosen.empty else chosen
    with_fig = sorted(have["area"]) if not have.empty else []
    without = sorted(set(codes) - set(with_fig))
    total = float(have["value"].sum()) if not have.empty else 0.0
    return total, with_fig, without


def years_with_figures(dataset: Dataset, metric: str) -> list[int]:
    """Calendar years that have a full-year figure for a metric, newest first."""
    figs = dataset.figures
    years = figs.loc[figs["metric"].eq(metric) & figs["period_type"].eq("year"), "start_date"].dt.year
    return sorted({int(y) for y in years.dropna()}, reverse=True)


def series(dataset: Dataset, metric: str, area: str = "AZ", subset: str = "") -> pd.DataFrame:
    """Every running-total figure (since the war) for one area, oldest first, flagged ones
    included (the caller marks them)."""
    figs = in_period(dataset.figures, Period())
    figs = figs[figs["metric"].eq(metric) & figs["area"].eq(area) & figs["subset"].eq(subset)]
    return figs.sort_values(["end_date", "figure_id"]).reset_index(drop=True)


def annual(dataset: Dataset, metric: str, area_kinds: tuple[str, ...] = ("national",)) -> pd.DataFrame:
    """The chosen full-year figure per area and year."""
    parts = [
        pick(dataset, metric, Period(year=y), area_kinds).assign(year=y) for y in years_with_figures(dataset, metric)
    ]
    parts = [p for p in parts if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def settlement_status(first_return: str) -> str:
    """'dated' when the first-return date is known, else 'undated'."""
    return "dated" if first_return else "undated"


def settlements_view(dataset: Dataset, as_of: date, statuses: tuple[str, ...], codes: set[str]) -> pd.DataFrame:
    """Settlements in the given districts (or units) with returns by ``as_of``, each with
    its latest families and people figures as of that date (and their dates and sources).
    Remembered per dataset and arguments."""
    return _settlements_view(dataset, as_of, tuple(statuses), frozenset(codes)).copy(deep=False)


@lru_cache(maxsize=1024)
def _settlements_view(dataset: Dataset, as_of: date, statuses: tuple[str, ...], codes: frozenset[str]) -> pd.DataFrame:
    st = dataset.settlements
    st = st.assign(status=st["first_return"].map(settlement_status))
    st = st[st["status"].isin(statuses) & st["district"].isin(codes)]
    started = st["first_return_date"].isna() | (st["first_return_date"] <= pd.Timestamp(as_of))
    st = st[started]
    period = Period(as_of=as_of)
    for metric, col in (("families_returned", "families"), ("people_returned", "people")):
        chosen = _latest_or_first_group(dataset, metric, period)
        for field in ("value", "qualifier", "period_type", "period_end", "source_id", "issuing_body", "flag"):
            name = col if field == "value" else f"{col}_{field}"
            st[name] = st["settlement_id"].map(chosen[field]) if not chosen.empty else None
    return st.reset_index(drop=True)


def _latest_or_first_group(dataset: Dataset, metric: str, period: Period) -> pd.DataFrame:
    """Per settlement: the chosen running total by the period's end; where there is
    none, the first group that arrived (period_type "event"), which the caller labels."""
    totals = pick(dataset, metric, period, ("settlement",))
    figs = dataset.figures
    groups = figs[
        figs["metric"].eq(metric)
        & figs["area_kind"].eq("settlement")
        & figs["period_type"].eq("event")
        & figs["subset"].eq("")
        & (figs["end_date"] <= pd.Timestamp(min(period.end, date.today())))
    ]
    groups = groups.sort_values(["end_date", "figure_id"]).drop_duplicates("area")
    if not totals.empty:
        groups = groups[~groups["area"].isin(totals["area"])]
    both = (
        pd.concat([f for f in (totals, groups) if not f.empty], ignore_index=True)
        if len(totals) + len(groups)
        else totals
    )
    return both.set_index("area") if not both.empty else both
