"""What an export shows: the current view's figures, each row with its source.

Everything here is taken from ``dashboard.text``: the cards, the district view,
the units not on the map and the settlements, exactly as the map page shows them. No
figure is chosen, summed or moved here; a missing figure stays missing (an empty value
with the status "no data").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.analysis.selection import FOCUS_REGIONS, Selection
from dashboard.data.dataset import Dataset
from dashboard.i18n.format import fmt_date
from dashboard.i18n.messages import t
from dashboard.text.cards import Card, cards
from dashboard.text.figures import figure_period_text, figure_value_text, metric_label, period_label
from dashboard.text.mapview import FIGURE_FIELDS, MapData, map_data, unit_figures

NO_DATA = "no data"  # status of a row without a figure (machine-readable, not translated)
OK = "ok"

# The columns of figures.csv, in order. ``value`` is the raw number (empty when there is
# no figure); ``value_text`` the same as the dashboard writes it.
COLUMNS = [
    "section", "key", "area", "name", "in_focus", "metric", "label",
    "value", "value_text", "status", "qualifier", "unit",
    "period_type", "period_start", "period_end", "period_text",
    "issuing_body", "source_id", "source_publisher", "source_title", "source_url", "source_published",
    "figure_id", "flag", "note", "caption",
    "on_map", "latitude", "longitude", "first_return",
]  # fmt: skip

SECTIONS = ("card", "card_compared", "district", "unit", "settlement")
_SOURCE_FIELDS = {"publisher": "source_publisher", "title": "source_title", "url": "source_url"}
_REGION_KEYS = {"Karabakh": "export_region_karabakh", "East Zangezur": "export_region_east_zangezur"}


@dataclass(frozen=True)
class ViewContent:
    """One view (data, selection, language) with everything the exports draw, as of
    ``today``, the day the export is made (nothing dated later is counted)."""

    dataset: Dataset
    selection: Selection
    lang: str
    data: MapData
    cards: list[Card]
    rows: pd.DataFrame  # figure_rows(): one row per figure shown, with its source
    today: date

    @property
    def metric_label(self) -> str:
        return metric_label(self.dataset, self.selection.metric, self.lang)

    @property
    def period_label(self) -> str:
        return period_label(self.selection.period, self.lang)

    @property
    def place(self) -> str:
        """The districts in focus by name, or the selected regions."""
        if self.selection.districts:
            return ", ".join(self.dataset.area_name(c, self.lang) for c in self.selection.districts)
        if tuple(self.selection.regions) == FOCUS_REGIONS and self.lang == "en":
            return "Karabakh and East Zangezur"
        if tuple(self.selection.regions) == FOCUS_REGIONS:
            return "Qarabağ və Şərqi Zəngəzur"
        return ", ".join(t(_REGION_KEYS[r], self.lang) if r in _REGION_KEYS else r for r in self.selection.regions)

    @property
    def default_title(self) -> str:
        return f"{self.metric_label}: {self.place}"

    def section(self, name: str) -> pd.DataFrame:
        """The rows of one section (see ``SECTIONS``)."""
        return self.rows[self.rows["section"].eq(name)].reset_index(drop=True)

    def map_dates(self) -> str:
        """When the district figures on the map date from, in words."""
        rows = self.section("district")
        ends = sorted(e for e in rows["period_end"] if isinstance(e, str) and e)
        if self.selection.metric == "returns":
            ends = [self.selection.period.end.isoformat()] if self.selection.period.year else []
        if not ends:
            return t("export_map_dates_none", self.lang) if self.selection.metric != "returns" else ""
        first, last = fmt_date(ends[0], self.lang), fmt_date(ends[-1], self.lang)
        if first == last:
            return t("export_map_dates_one", self.lang, date=last)
        return t("export_map_dates_range", self.lang, start=first, end=last)

    def issuing_bodies(self, sections: tuple[str, ...] = SECTIONS) -> list[str]:
        """Every body that issued a figure in some sections, most figures first."""
        rows = self.rows[self.rows["section"].isin(sections)]
        bodies = [b.strip() for cell in rows["issuing_body"] for b in str(cell).split(";") if b.strip()]
        counts = pd.Series(bodies, dtype=str).value_counts(sort=False)
        return sorted(counts.index, key=lambda b: (-counts[b], b))

    def sources(self) -> pd.DataFrame:
        """Every source of every figure shown, once, with what it is used for."""
        out: dict[str, dict] = {}
        table = _Sources(self.dataset)
        for row in self.rows.to_dict("records"):
            for sid in [s.strip() for s in str(row["source_id"]).split(";") if s.strip()]:
                src = table.get(sid)
                entry = out.setdefault(
                    sid,
                    {
                        "source_id": sid,
                        "publisher": src.get("publisher", ""),
                        "title": src.get("title", ""),
                        "url": src.get("url", ""),
                        "published": src.get("published", ""),
                        "issuing_body": [],
                        "used_for": [],
                    },
                )
                for body in str(row["issuing_body"]).split(";"):
                    if body.strip() and body.strip() not in entry["issuing_body"]:
                        entry["issuing_body"].append(body.strip())
                if row["name"] and row["name"] not in entry["used_for"]:
                    entry["used_for"].append(row["name"])
        frame = pd.DataFrame(list(out.values()))
        if frame.empty:
            return pd.DataFrame(columns=["source_id", "publisher", "title", "url", "published", "issuing_body"])
        frame["issuing_body"] = frame["issuing_body"].map("; ".join)
        frame["used_for"] = frame["used_for"].map(", ".join)
        return frame.sort_values(["publisher", "published", "source_id"]).reset_index(drop=True)


def view_content(dataset: Dataset, selection: Selection, lang: str, today: date | None = None) -> ViewContent:
    """Everything the exports of one view need, computed once, as the page shows it on
    ``today`` (the caller's date; the clock's when not given)."""
    today = today or date.today()
    data = map_data(dataset, selection, lang, today)
    all_cards = cards(dataset, selection, lang, today)
    rows = figure_rows(dataset, selection, lang, data, all_cards, today)
    return ViewContent(dataset, selection, lang, data, all_cards, rows, today)


def figure_rows(
    dataset: Dataset,
    selection: Selection,
    lang: str,
    data: MapData | None = None,
    all_cards: list[Card] | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """The figures behind a view, one row each with its source (``COLUMNS``): the
    cards (and the figures their deltas compare with), the districts in focus, the
    units not on the map and the settlements shown, as of ``today`` (see ``view_content``)."""
    today = today or date.today()
    data = data if data is not None else map_data(dataset, selection, lang, today)
    all_cards = all_cards if all_cards is not None else cards(dataset, selection, lang, today)
    sources = _Sources(dataset)
    rows: list[dict] = []
    for card in all_cards:
        rows.append(_card_row(dataset, sources, card, lang))
        if card.previous is not None:
            prev = _figure_row(dataset, sources, card.previous, lang)
            rows.append(prev | {"section": "card_compared", "key": card.key, "label": card.label})
    label = metric_label(dataset, selection.metric, lang)
    name_col = "name_az" if lang == "az" else "name_en"
    for row in data.districts[data.districts["in_focus"]].to_dict("records"):
        rows.append(
            _with_source(sources, row)
            | {
                "section": "district",
                "key": row["code"],
                "area": row["code"],
                "name": row[name_col],
                "in_focus": True,
                "metric": selection.metric,
                "label": label,
                "value": _number(row["value"]),
                "value_text": row["value_text"],
                "status": OK if _number(row["value"]) is not None else NO_DATA,
                "period_text": row["period_text"],
                "issuing_body": row["issuing_body"],
                "caption": row["source_text"] if selection.metric == "returns" else "",
            }
        )
    for row in unit_figures(dataset, selection, lang).to_dict("records"):
        rows.append(
            _with_source(sources, row | {"unit": row["figure_unit"]})
            | {
                "section": "unit",
                "key": row["area"],
                "area": row["area"],
                "name": row["unit"],
                "metric": selection.metric,
                "label": label,
                "value": _number(row["value"]),
                "value_text": row["value_text"],
                "status": OK,
                "period_text": row["period_text"],
                "issuing_body": row["issuing_body"],
            }
        )
    rows.extend(_settlement_rows(dataset, sources, data, lang))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    text_cols = [c for c in COLUMNS if c not in ("value", "latitude", "longitude", "in_focus", "on_map")]
    frame[text_cols] = frame[text_cols].fillna("").astype(str)
    frame["value"] = frame["value"].astype(float)
    return frame


def _number(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


class _Sources:
    """The dataset's sources by id (one look-up table per export)."""

    def __init__(self, dataset: Dataset) -> None:
        table = dataset.sources.astype(str)
        self._by_id = {r["source_id"]: r for r in table.to_dict("records")}

    def get(self, source_id: str) -> dict[str, str]:
        return self._by_id.get(source_id, {})


def _source_fields(sources: _Sources, source_ids: list[str]) -> dict[str, str]:
    """Source columns for one or more sources (several joined with "; ")."""
    ids = list(dict.fromkeys(s for s in source_ids if s))
    records = [sources.get(s) for s in ids]
    out = {"source_id": "; ".join(ids), "source_published": "; ".join(r.get("published", "") for r in records)}
    for field_name, column in _SOURCE_FIELDS.items():
        out[column] = "; ".join(r.get(field_name, "") for r in records)
    if len(ids) <= 1:
        out["source_published"] = records[0].get("published", "") if records else ""
    return out


def _with_source(sources: _Sources, row: dict) -> dict:
    """A view row's figure fields and its source's fields."""
    return {f: row.get(f, "") for f in FIGURE_FIELDS} | _source_fields(sources, [str(row.get("source_id") or "")])


def _figure_row(dataset: Dataset, sources: _Sources, figure: dict, lang: str) -> dict:
    """A figure row of the dataset (a card's figure) as an export row."""
    return _with_source(sources, figure) | {
        "area": figure["area"],
        "name": dataset.area_name(figure["area"], lang),
        "metric": figure["metric"],
        "value": float(figure["value"]),
        "value_text": figure_value_text(figure, lang),
        "status": OK,
        "period_text": figure_period_text(figure, lang),
        "issuing_body": dataset.issuer_name(figure["issuing_body"], lang),
    }


def _join(values: list[object]) -> str:
    return "; ".join(dict.fromkeys(str(v) for v in values if str(v)))


def _card_row(dataset: Dataset, sources: _Sources, card: Card, lang: str) -> dict:
    base = {
        "section": "card",
        "key": card.key,
        "label": card.label,
        "value": card.number,
        "value_text": card.value,
        "status": OK if card.number is not None else NO_DATA,
        "caption": card.caption,
    }
    if len(card.figures) == 1:
        return _figure_row(dataset, sources, card.figures[0], lang) | base
    if not card.figures:
        return base
    # a sum of district figures: every part's fields, joined
    figs = card.figures
    joined = {f: _join([g[f] for g in figs]) for f in FIGURE_FIELDS if f != "source_id"}
    return (
        joined
        | _source_fields(sources, [g["source_id"] for g in figs])
        | base
        | {
            "area": _join([g["area"] for g in figs]),
            "name": _join([dataset.area_name(g["area"], lang) for g in figs]),
            "metric": _join([g["metric"] for g in figs]),
            "issuing_body": _join([dataset.issuer_name(g["issuing_body"], lang) for g in figs]),
            "period_text": "",
        }
    )


_SETTLEMENT_METRICS = (("families", "families_returned", "families"), ("people", "people_returned", "people"))


def _settlement_rows(dataset: Dataset, sources: _Sources, data: MapData, lang: str) -> list[dict]:
    """Two rows per settlement shown (families and people returned), on the map or not
    (``settlement_points`` as ``map_data`` splits them)."""
    points = [*data.mappable.drop(columns="geometry").to_dict("records"), *data.hidden.to_dict("records")]
    labels = dataset.metrics.set_index("metric")["label_az" if lang == "az" else "label_en"]
    rows = []
    for st in points:
        for col, metric, unit in _SETTLEMENT_METRICS:
            value = _number(st[col]) if st[col] is not None else None
            sid = st.get(f"{col}_source_id")
            sid = sid if isinstance(sid, str) else ""
            known = value is not None
            rows.append(
                _source_fields(sources, [sid])
                | {
                    "section": "settlement",
                    "key": st["settlement_id"],
                    "area": st["district"],
                    "name": st["name"],
                    "metric": metric,
                    "label": str(labels[metric]),
                    "value": value,
                    "value_text": st[f"{col}_text"],
                    "status": OK if known else NO_DATA,
                    "qualifier": _text(st.get(f"{col}_qualifier")) if known else "",
                    "unit": unit,
                    "period_type": _text(st.get(f"{col}_period_type")) if known else "",
                    "period_end": _text(st.get(f"{col}_period_end")) if known else "",
                    "period_text": (fmt_date(_text(st.get(f"{col}_period_end")), lang) if known else ""),
                    "issuing_body": dataset.issuer_name(_text(st.get(f"{col}_issuing_body")), lang) if known else "",
                    "flag": _text(st.get(f"{col}_flag")) if known else "",
                    "on_map": bool(st["mappable"]),
                    "latitude": st["latitude"] if st["mappable"] else None,
                    "longitude": st["longitude"] if st["mappable"] else None,
                    "first_return": st["first_return"],
                }
            )
    return rows


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
