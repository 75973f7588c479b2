"""The metric cards, the figures of units not on the map and the map's tables, as HTML
blocks.

One element instead of three Streamlit elements per card keeps a filter change to a
few websocket messages. Every text is escaped: labels, values, captions and sources
all come from data files. The source sits in a <details> element, so it is one click
or one key press away for everybody, not a hover-only tooltip; its summary is an
"information" sign beside the label (named "Source" for screen readers), and the
source opens over the card without moving the page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.i18n.messages import t
from dashboard.maps.build import esc
from dashboard.text.cards import Card


def cards_html(cards: list[Card], lang: str, large: bool = False, lead: str | None = None) -> str:
    """The cards as a responsive grid (all in one row where they fit, else in two rows);
    ``large`` for presentation mode; ``lead`` is the key of the card for the metric on
    the map, which a phone shows right above the map (page.css)."""
    items = []
    for card in cards:
        delta = f"<p class='card-delta'>{esc(card.delta)}</p>" if card.delta else ""
        source = ""
        if card.source:
            word = esc(t("source", lang))
            summary = f"<summary title='{word}'><span class='sr-only'>{word}</span></summary>"
            source = f"<details class='card-source'>{summary}<p>{esc(card.source)}</p></details>"
        items.append(
            f"<section class='card card-{esc(card.key)}{' card-lead' if card.key == lead else ''}'"
            f" aria-label='{esc(card.label)}'>"
            f"<h3 class='card-label'>{esc(card.label)}</h3>"
            f"<p class='card-value' style='--chars:{max(len(card.value), 8)}'>{esc(card.value)}</p>{delta}"
            f"<p class='card-caption'>{esc(card.caption)}</p>{source}</section>"
        )
    n = max(len(items), 1)
    grid = f"<div class='cards{' cards-large' if large else ''}' style='--n:{n};--half:{(n + 1) // 2}'>"
    return f"<div class='cards-box'>{grid}{''.join(items)}</div></div>"


def off_map_html(units: pd.DataFrame, lang: str) -> str:
    """Figures for units that are not on the map (``text.mapview.unit_figures``)."""
    head = f"<h3 class='off-map-title'>{esc(t('off_map_title', lang))}</h3>"
    if units.empty:
        return f"<div class='off-map'>{head}<p class='off-map-none'>{esc(t('off_map_none', lang))}</p></div>"
    items = "".join(
        f"<li><strong>{esc(row['unit'])}</strong>: {esc(row['value_text'])} ({esc(row['period_text'])})"
        f"<br><span class='off-map-source'>{esc(t('issued_by', lang))}: {esc(row['issuing_body'])} · "
        f"{esc(t('source', lang))}: {esc(row['source'])}</span></li>"
        for row in units.to_dict("records")
    )
    return f"<div class='off-map'>{head}<ul>{items}</ul></div>"


def table_html(frame: pd.DataFrame, label: str) -> str:
    """A table (indexed by its row headings) as one plain HTML table (``rows_table_html``)."""
    headings = [str(frame.index.name or ""), *map(str, frame.columns)]
    rows = [[idx, *values] for idx, values in zip(frame.index, frame.itertuples(index=False), strict=True)]
    return rows_table_html(headings, rows, label)


def rows_table_html(headings: list[str], rows: list[list[object]], label: str) -> str:
    """Rows of cells under headings as one plain HTML table, each row headed by its
    first cell.

    ``st.table`` renders every cell as Markdown, about 170 Markdown elements for the
    map's two tables, which took most of the browser's time on a filter change; and
    Markdown would read characters in place names and sources as formatting. Every
    heading and cell is escaped here; an empty cell stays empty.
    """

    def cell(value: object) -> str:
        return "" if value is None or (isinstance(value, float) and value != value) else esc(value)

    head = "".join(f"<th>{cell(h)}</th>" for h in headings)
    body = "".join(f"<tr><th>{cell(r[0])}</th>{''.join(f'<td>{cell(v)}</td>' for v in r[1:])}</tr>" for r in rows)
    table = f"<table class='figures-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f"<div class='figures-table-wrap' role='region' aria-label='{esc(label)}' tabindex='0'>{table}</div>"


def show_cards(cards: list[Card], lang: str, large: bool = False, lead: str | None = None) -> None:
    """Draw the cards."""
    st.html(cards_html(cards, lang, large, lead))
