"""What a selection shows, as plain tables the map, cards and pages render.

Text is formatted for the chosen language here, but nothing is escaped: the builders
that put text into HTML escape it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

import geopandas as gpd
import pandas as pd

from dashboard.analysis.figures import (
    Headline,
    annual,
    district_sum,
    headline,
    pick,
    series,
    settlements_view,
)
from dashboard.analysis.selection import Period, Selection
from dashboard.data.dataset import Dataset
from dashboard.i18n.format import fmt_date, fmt_number, fmt_value
from dashboard.i18n.messages import t
from dashboard.maps.palette import classify


def focus_codes(dataset: Dataset, selection: Selection) -> list[str]:
    """District codes the selection covers (all of its regions when none is picked)."""
    d = dataset.districts
    codes = d.loc[d["economic_region"].isin(selection.regions), "code"].tolist()
    if selection.districts:
        codes = [c for c in codes if c in selection.districts]
    return codes


def district_options(dataset: Dataset, regions: tuple[str, ...], lang: str) -> dict[str, str]:
    """Code to name of the districts of some economic regions, in name order."""
    d = dataset.districts
    d = d[d["economic_region"].isin(regions)]
    names = dict(zip(d["code"], d["name_az" if lang == "az" else "name_en"], strict=True))
    return dict(sorted(names.items(), key=lambda item: item[1]))


def region_codes(dataset: Dataset, selection: Selection) -> list[str]:
    """Every district code of the selected regions (drawn on the map, some muted)."""
    d = dataset.districts
    return d.loc[d["economic_region"].isin(selection.regions), "code"].tolist()


def focus_units(dataset: Dataset, selection: Selection, codes: list[str]) -> list[str]:
    """Units not on the map that belong to the selection: in its regions, and when
    districts are picked, sharing one of them."""
    u = dataset.units
    keep = u["economic_region"].isin(selection.regions)
    if selection.districts:
        keep &= u["members"].map(lambda m: bool(set(m) & set(codes)))
    return u.loc[keep, "unit_id"].tolist()


def metric_label(dataset: Dataset, metric: str, lang: str) -> str:
    """Label of a view metric (a metric of metrics.csv, or "returns") in a language."""
    if metric == "returns":
        return t("metric_returns", lang)
    labels = dataset.metrics.set_index("metric")["label_az" if lang == "az" else "label_en"]
    return str(labels.get(metric, metric))


def period_label(period: Period, lang: str) -> str:
    """A selection's period in words: "Year 2023", "Running total (latest)", ..."""
    if period.year is not None:
        return t("period_year", lang, year=period.year)
    if period.as_of is not None:
        return t("period_cumulative_as_of", lang, date=fmt_date(period.as_of.isoformat(), lang))
    return t("period_cumulative", lang)


def period_text(period_type: str, period_start: str, period_end: str, lang: str) -> str:
    """When a figure applies, in words: "in 2023", "as of 25 May 2023", "May 2023"."""
    if period_type == "year":
        return t("in_year", lang, year=period_end[:4])
    if period_type in ("cumulative", "estimate"):
        return t("as_of_short", lang, date=fmt_date(period_end, lang))
    if period_type == "event":
        return fmt_date(period_end, lang)
    return f"{fmt_date(period_start, lang)} – {fmt_date(period_end, lang)}"


def source_text(dataset: Dataset, source_id: str, lang: str) -> str:
    """A source in one line: publisher, title, date."""
    src = dataset.source(source_id)
    if not src:
        return source_id
    date_part = f", {fmt_date(src['published'], lang)}" if src.get("published") else ""
    return f"{src['publisher']}: {src['title']}{date_part}"


def figure_value_text(row: dict | pd.Series, lang: str) -> str:
    """A figure's value with qualifier and unit."""
    return fmt_value(row["value"], row["unit"], row["qualifier"], lang)


def popup_rows(dataset: Dataset, area: str, lang: str) -> list[dict]:
    """Every sourced figure for one area, newest first within each metric."""
    return [dict(row) for row in _popup_rows(dataset, area, lang)]


@lru_cache(maxsize=1024)
def _popup_rows(dataset: Dataset, area: str, lang: str) -> tuple[dict, ...]:
    """``popup_rows``, once per dataset, area and language (it does not depend on the
    selection)."""
    figs = dataset.figures
    figs = figs[figs["area"].eq(area)].sort_values(["metric", "end_date"], ascending=[True, False])
    labels = dataset.metrics.set_index("metric")["label_az" if lang == "az" else "label_en"]
    rows = []
    for _, f in figs.iterrows():
        src = dataset.source(f["source_id"])
        subset = f" ({f['subset'].split(':', 1)[1]})" if f["subset"] else ""
        rows.append(
            {
                "metric": f"{labels[f['metric']]}{subset}",
                "value_text": figure_value_text(f, lang),
                "period_text": period_text(f["period_type"], f["period_start"], f["period_end"], lang),
                "issuing_body": f["issuing_body"],
                "source_title": f"{src.get('publisher', '')}: {src.get('title', '')}",
                "source_url": src.get("url", ""),
                "flag": f["flag"],
            }
        )
    return tuple(rows)


def settlement_counts(dataset: Dataset, selection: Selection) -> pd.Series:
    """Settlements with returns by the period's end, per district or unit."""
    codes = set(region_codes(dataset, selection)) | set(dataset.units["unit_id"])
    st = settlements_view(dataset, _period_end(selection.period), selection.statuses, codes)
    return st.groupby("district").size()


def _period_end(period: Period) -> date:
    return min(period.end, date.today())


# Fields of the chosen figure that views carry besides its formatted text, so that
# exports can name each figure's source and keep its raw value.
FIGURE_FIELDS = (
    "figure_id", "source_id", "qualifier", "unit", "period_type", "period_start", "period_end", "flag", "note",
)  # fmt: skip


def district_view(dataset: Dataset, selection: Selection, lang: str) -> gpd.GeoDataFrame:
    """The districts of the selected regions with the selected figure, ready for the map
    (with the figure's ``FIGURE_FIELDS``; empty where there is none)."""
    codes = region_codes(dataset, selection)
    focus = set(focus_codes(dataset, selection))
    view = dataset.districts
    view = view[view["code"].isin(codes)].copy()
    view["in_focus"] = view["code"].isin(focus)
    if selection.metric == "returns":
        counts = settlement_counts(dataset, selection)
        view["value"] = view["code"].map(counts).astype(float)
        view["value_text"] = view["value"].map(lambda v: fmt_value(v, "settlements", "", lang))
        when = selection.period.as_of.isoformat() if selection.period.as_of else date.today().isoformat()
        if selection.period.year is not None:
            when = f"{selection.period.year}-12-31"
        view["period_text"] = t("as_of_short", lang, date=fmt_date(when, lang))
        view["issuing_body"] = ""
        view["source_text"] = t("settlement_count_note", lang)
        for col in FIGURE_FIELDS:
            view[col] = "settlements" if col == "unit" else ""
    else:
        chosen = pick(dataset, selection.metric, selection.period, ("district",))
        chosen = chosen.set_index("area") if not chosen.empty else chosen
        has = view["code"].isin(chosen.index) if not chosen.empty else pd.Series(False, index=view.index)
        view["value"] = [
            float(chosen.loc[c, "value"]) if h else float("nan") for c, h in zip(view["code"], has, strict=True)
        ]
        view["value_text"] = [
            figure_value_text(chosen.loc[c], lang) if h else t("no_data", lang)
            for c, h in zip(view["code"], has, strict=True)
        ]
        view["period_text"] = [
            period_text(*chosen.loc[c, ["period_type", "period_start", "period_end"]], lang) if h else ""
            for c, h in zip(view["code"], has, strict=True)
        ]
        view["issuing_body"] = [
            chosen.loc[c, "issuing_body"] if h else "" for c, h in zip(view["code"], has, strict=True)
        ]
        view["source_text"] = [
            source_text(dataset, chosen.loc[c, "source_id"], lang) if h else ""
            for c, h in zip(view["code"], has, strict=True)
        ]
        unit = str(dataset.metrics.set_index("metric").loc[selection.metric, "unit"])
        for col in FIGURE_FIELDS:
            view[col] = [
                str(chosen.loc[c, col]) if h else (unit if col == "unit" else "")
                for c, h in zip(view["code"], has, strict=True)
            ]
    view["popup_rows"] = view["code"].map(lambda c: popup_rows(dataset, c, lang))
    return view.reset_index(drop=True)


# "unit" is the unit's name here; the figure's unit code is "figure_unit".
_UNIT_FIELDS = [f for f in FIGURE_FIELDS if f != "unit"]
_UNIT_COLUMNS = ["unit", "value_text", "period_text", "issuing_body", "source", "area", "value", "figure_unit"]
_UNIT_COLUMNS += _UNIT_FIELDS


def unit_figures(dataset: Dataset, selection: Selection, lang: str) -> pd.DataFrame:
    """Figures for units that are not on the map (Aghdara, groups of districts, ...),
    by the unit's name (``unit``) and id (``area``), with the raw ``value`` and the
    figure's ``FIGURE_FIELDS`` (its unit code as ``figure_unit``)."""
    if selection.metric == "returns":
        return pd.DataFrame(columns=_UNIT_COLUMNS)
    units = focus_units(dataset, selection, focus_codes(dataset, selection))
    chosen = pick(dataset, selection.metric, selection.period, ("unit",))
    if chosen.empty:
        return pd.DataFrame(columns=_UNIT_COLUMNS)
    chosen = chosen[chosen["area"].isin(units)]
    return pd.DataFrame(
        {
            "unit": [dataset.area_name(a, lang) for a in chosen["area"]],
            "value_text": [figure_value_text(r, lang) for _, r in chosen.iterrows()],
            "period_text": [
                period_text(r["period_type"], r["period_start"], r["period_end"], lang) for _, r in chosen.iterrows()
            ],
            "issuing_body": chosen["issuing_body"].tolist(),
            "source": [source_text(dataset, s, lang) for s in chosen["source_id"]],
            "area": chosen["area"].tolist(),
            "value": chosen["value"].astype(float).tolist(),
            "figure_unit": chosen["unit"].astype(str).tolist(),
            **{col: chosen[col].astype(str).tolist() for col in _UNIT_FIELDS},
        },
        columns=_UNIT_COLUMNS,
    )


def _returned_text(value: float, unit: str, qualifier: object, kind: object, lang: str) -> str:
    text = fmt_value(value, unit, qualifier if isinstance(qualifier, str) else "", lang)
    return t("first_group", lang, value=text) if kind == "event" else text


def settlement_points(dataset: Dataset, selection: Selection, lang: str) -> gpd.GeoDataFrame:
    """Settlements of the selection with their latest families and people figures."""
    codes = set(focus_codes(dataset, selection)) | set(focus_units(dataset, selection, focus_codes(dataset, selection)))
    st = settlements_view(dataset, _period_end(selection.period), selection.statuses, codes)
    name_col = "name_az" if lang == "az" else "name_en"
    st["name"] = st[name_col]
    st["district_name"] = st["district"].map(lambda a: dataset.area_name(a, lang))
    unknown = t("unknown", lang)
    for col, unit in (("people", "people"), ("families", "families")):
        st[f"{col}_text"] = [
            _returned_text(v, unit, q, kind, lang) if pd.notna(v) else unknown
            for v, q, kind in zip(st[col], st[f"{col}_qualifier"], st[f"{col}_period_type"], strict=True)
        ]
    as_of = st["people_period_end"].where(st["people"].notna(), st["families_period_end"])
    st["as_of_text"] = [fmt_date(a, lang) if isinstance(a, str) and a else "" for a in as_of]
    st["first_return_text"] = [fmt_date(f, lang) if f else unknown for f in st["first_return"]]
    src = st["people_source_id"].where(st["people"].notna(), st["families_source_id"])
    st["source_text"] = [source_text(dataset, s, lang) if isinstance(s, str) and s else "" for s in src]
    st["people"] = st["people"].astype(float)
    return st


@dataclass(frozen=True)
class Card:
    """One metric card: label, value, the line under it, and help text with the source.

    ``figures`` are the figure rows (as dicts) behind the value: one chosen figure, or
    the district figures a sum is made of; none for "no data" and for counts.
    ``previous`` is the figure the delta line compares with; ``number`` the value as a
    number (None for "no data"); ``scope``, when set, begins the caption too.
    """

    key: str
    label: str
    value: str
    delta: str | None
    caption: str
    source: str
    figures: tuple[dict, ...] = field(default=(), compare=False, repr=False)
    previous: dict | None = field(default=None, compare=False, repr=False)
    number: float | None = field(default=None, compare=False, repr=False)
    scope: str = ""  # said first when the figure covers more than the view (the whole country)


def _card_from_headline(dataset: Dataset, key: str, label: str, h: Headline | None, lang: str) -> Card:
    if h is None:
        return Card(key, label, t("no_data", lang), None, t("no_national", lang), "")
    f = h.figure
    when = period_text(f["period_type"], f["period_start"], f["period_end"], lang)
    delta = None
    if h.previous is not None:
        prev = h.previous
        prev_when = prev["period_end"][:4] if prev["period_type"] == "year" else fmt_date(prev["period_end"], lang)
        if h.change is not None:
            sign = "+" if h.change >= 0 else "−"
            delta = t("change_vs", lang, change=sign + fmt_number(abs(h.change), lang), period=prev_when)
        else:
            delta = t("previous_was", lang, value=figure_value_text(h.previous, lang), period=prev_when)
    caption = f"{when} · {t('issued_by', lang)}: {f['issuing_body']}"
    if f["flag"]:
        caption += " · " + t("flagged", lang, note=f["note"])
    source = source_text(dataset, f["source_id"], lang)
    return Card(key, label, figure_value_text(f, lang), delta, caption, source, (f,), h.previous, float(f["value"]))


def cards(dataset: Dataset, selection: Selection, lang: str) -> list[Card]:
    """The metric cards for a selection: clearance, devices, returns and casualties."""
    period = selection.period
    focus = focus_codes(dataset, selection)
    out = []
    for key, metric, label in (
        ("area", "area_cleared", "card_area"),
        ("ap", "ap_mines", "card_ap"),
        ("at", "at_mines", "card_at"),
        ("uxo", "uxo", "card_uxo"),
    ):
        out.append(_clearance_card(dataset, selection, key, metric, t(label, lang), focus, lang))
    out.extend(_return_cards(dataset, selection, lang))
    victims_label = t("card_victims_year" if period.year else "card_victims", lang)
    victims = _card_from_headline(dataset, "victims", victims_label, headline(dataset, "victims", period), lang)
    if selection.narrowed and victims.figures:
        scope = t("national_only", lang)
        victims = replace(victims, caption=f"{scope} · {victims.caption}", scope=scope)
    out.append(victims)
    return out


def _clearance_card(
    dataset: Dataset, selection: Selection, key: str, metric: str, label: str, focus: list[str], lang: str
) -> Card:
    period = selection.period
    if selection.narrowed:
        chosen = pick(dataset, metric, period, ("district",))
        total, have, missing = district_sum(chosen, focus)
        if not have:
            names = ", ".join(dataset.area_name(c, lang) for c in missing)
            return Card(key, label, t("no_data", lang), None, t("missing_districts", lang, names=names), "")
        rows = chosen[chosen["area"].isin(have)]
        bodies = ", ".join(sorted(set(rows["issuing_body"])))
        qualified = any(rows["qualifier"].ne(""))
        caption = t("sum_of_districts", lang, n=len(have), body=bodies)
        if missing:
            caption += " " + t("missing_districts", lang, names=", ".join(dataset.area_name(c, lang) for c in missing))
        srcs = "; ".join(source_text(dataset, s, lang) for s in sorted(set(rows["source_id"])))
        value = fmt_value(total, rows["unit"].iloc[0], "about" if qualified else "", lang)
        if len(have) == 1:
            row = rows.iloc[0]
            when = period_text(row["period_type"], row["period_start"], row["period_end"], lang)
            caption = f"{when} · {t('issued_by', lang)}: {row['issuing_body']}"
        return Card(key, label, value, None, caption, srcs, tuple(rows.to_dict("records")), None, total)
    card = _card_from_headline(dataset, key, label, headline(dataset, metric, period), lang)
    note = _district_gap_note(dataset, selection, metric, lang)
    if note:
        card = replace(card, caption=f"{card.caption}. {note}")
    return card


def _district_gap_note(dataset: Dataset, selection: Selection, metric: str, lang: str) -> str:
    """Say how district figures relate to the national one, instead of summing blindly."""
    period = selection.period
    chosen = pick(dataset, metric, period, ("district",))
    national = headline(dataset, metric, period)
    if chosen.empty:
        figs = dataset.figures
        mask = figs["metric"].eq(metric) & figs["area_kind"].eq("district") & figs["period_type"].eq("year")
        years = sorted({int(y) for y in figs.loc[mask, "start_date"].dt.year})
        return t("district_years_only", lang, years=", ".join(map(str, years))) if years else ""
    if period.year is None or national is None:
        return ""
    total = float(chosen["value"].sum())
    nat = national.figure["value"]
    if abs(total - nat) < 0.5:
        return ""
    unit = national.figure["unit"]
    return t(
        "districts_vs_national",
        lang,
        period=period.year,
        sum=fmt_value(total, unit, "", lang),
        national=fmt_value(nat, unit, national.figure["qualifier"], lang),
        gap=fmt_value(abs(nat - total), unit, "", lang),
    )


def _return_cards(dataset: Dataset, selection: Selection, lang: str) -> list[Card]:
    end = _period_end(selection.period)
    codes = set(focus_codes(dataset, selection)) | set(focus_units(dataset, selection, focus_codes(dataset, selection)))
    st = settlements_view(dataset, end, selection.statuses, codes)
    count = Card(
        "settlements",
        t("card_settlements", lang),
        fmt_number(len(st), lang),
        None,
        f"{t('as_of_short', lang, date=fmt_date(end.isoformat(), lang))} · {t('settlement_count_note', lang)}",
        "",
        number=float(len(st)),
    )
    as_of = Period(as_of=end)
    if selection.narrowed:
        return [count]
    families = _card_from_headline(
        dataset, "families", t("card_families", lang), headline(dataset, "families_returned", as_of), lang
    )
    people = _card_from_headline(
        dataset, "people", t("card_people", lang), headline(dataset, "people_returned", as_of), lang
    )
    return [count, families, people]


def _text_columns(dataset: Dataset, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Add when / value_text / source / flag_text columns to figure rows for charts."""
    if frame.empty:
        return frame.assign(when=[], value_text=[], source=[], flag_text=[], flagged=[])
    return frame.assign(
        when=[period_text(r["period_type"], r["period_start"], r["period_end"], lang) for _, r in frame.iterrows()],
        value_text=[figure_value_text(r, lang) for _, r in frame.iterrows()],
        source=[source_text(dataset, s, lang) for s in frame["source_id"]],
        flag_text=[f"{r['flag']}: {r['note']}" if r["flag"] else "" for _, r in frame.iterrows()],
        flagged=frame["flag"].ne(""),
    )


def cumulative_points(dataset: Dataset, metrics: tuple[str, ...], lang: str, area: str = "AZ") -> pd.DataFrame:
    """Every running-total figure of some metrics for one area, for a trend chart."""
    labels = dataset.metrics.set_index("metric")["label_az" if lang == "az" else "label_en"]
    parts = [series(dataset, m, area).assign(series=labels[m]) for m in metrics]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=["end_date", "value", "series", "flagged"])
    return _text_columns(dataset, pd.concat(parts, ignore_index=True), lang)


def annual_rows(dataset: Dataset, metric: str, lang: str, by_district: bool = False) -> pd.DataFrame:
    """The chosen full-year figure per year (and per district), for bar charts."""
    rows = annual(dataset, metric, ("district",) if by_district else ("national",))
    if rows.empty:
        return rows
    rows = _text_columns(dataset, rows, lang)
    if by_district:
        rows = rows.assign(group=[dataset.area_name(a, lang) for a in rows["area"]])
    return rows


def returns_rows(dataset: Dataset, lang: str) -> pd.DataFrame:
    """Settlements with a known first-return date, for the returns timeline."""
    st = dataset.settlements
    st = st[st["first_return"].ne("")]
    name_col = "name_az" if lang == "az" else "name_en"
    return pd.DataFrame(
        {
            "name": st[name_col].tolist(),
            "district": [dataset.area_name(a, lang) for a in st["district"]],
            "date": st["first_return_date"].tolist(),
            "when": [fmt_date(f, lang) for f in st["first_return"]],
            "source": [source_text(dataset, s, lang) for s in st["first_return_source_id"]],
        }
    )


@dataclass(frozen=True)
class MapData:
    """Everything the map page draws for one selection."""

    districts: gpd.GeoDataFrame  # district_view() of the selection
    mappable: gpd.GeoDataFrame  # settlements with coordinates
    hidden: pd.DataFrame  # settlements without coordinates, listed beside the map
    breaks: list[float]  # colour classes over the districts in focus
    unit: str  # unit of the coloured figure
    table: pd.DataFrame  # the districts' figures as text, headed in the chosen language
    hidden_table: pd.DataFrame  # the settlements without coordinates, likewise


def map_data(dataset: Dataset, selection: Selection, lang: str) -> MapData:
    """The districts, settlements and colour classes of a selection."""
    view = district_view(dataset, selection, lang)
    points = settlement_points(dataset, selection, lang)
    if selection.metric == "returns":
        unit = "settlements"
    else:
        unit = str(dataset.metrics.set_index("metric").loc[selection.metric, "unit"])
    hidden = pd.DataFrame(points[~points["mappable"]].drop(columns="geometry"))
    return MapData(
        districts=view,
        mappable=points[points["mappable"]].reset_index(drop=True),
        hidden=hidden,
        breaks=classify(view.loc[view["in_focus"], "value"].dropna().tolist()),
        unit=unit,
        table=_headed(
            view,
            {
                "name_az" if lang == "az" else "name_en": "district",
                "value_text": "value",
                "period_text": "period",
                "issuing_body": "issued_by",
                "source_text": "source",
            },
            lang,
        ),
        hidden_table=_headed(
            hidden,
            {
                "name": "settlement",
                "district_name": "district",
                "first_return_text": "first_return",
                "families_text": "families",
                "people_text": "people",
            },
            lang,
        ),
    )


def _headed(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    """Some columns of ``frame`` under translated headings (message keys), indexed by
    the first."""
    table = pd.DataFrame({t(key, lang): frame[col].to_numpy() for col, key in columns.items()})
    return table.set_index(t(next(iter(columns.values())), lang))
