"""The cards' and tables' HTML: every text from the data is escaped, and the block parses."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd

from dashboard.text.cards import Card
from dashboard.ui.components.cards import cards_html, table_html

EVIL = "<img src=x onerror=alert(1)>"


def test_card_texts_are_escaped_and_kept_whole():
    card = Card(
        key="area",
        label=f"Hectares {EVIL}",
        value="over 1 & 2 ha",
        delta="+5 'vs' 2022",
        caption=f'as of "2023" {EVIL}',
        source=f"Report.az: {EVIL}",
    )
    html = cards_html([card], "en")
    assert "<img" not in html
    section = ET.fromstring(html).find("div/section")
    texts = {el.get("class"): "".join(el.itertext()) for el in section}
    assert texts["card-label"] == card.label
    assert texts["card-value"] == "over 1 & 2 ha"
    assert texts["card-delta"] == card.delta
    assert texts["card-caption"] == card.caption
    assert "".join(section.find("details/summary").itertext()) == "Source"
    assert section.find("details/p").text == card.source


def test_a_card_without_source_or_change_has_neither():
    card = Card(key="settlements", label="Settlements with returns", value="37", delta=None, caption="x", source="")
    section = ET.fromstring(cards_html([card], "az", large=True)).find("div/section")
    assert [el.get("class") for el in section] == ["card-label", "card-value", "card-caption"]


def test_table_cells_and_headings_are_escaped_and_kept_whole():
    frame = pd.DataFrame(
        {"District": [EVIL, "Aghdam"], "Value": ["over 1 & 2 ha", "no data"], "Source": ["*Report.az* <b>", None]}
    ).set_index("District")
    html = table_html(frame, f"Figures {EVIL}")
    assert "<img" not in html and "<b>" not in html
    wrap = ET.fromstring(html)
    assert wrap.get("aria-label") == f"Figures {EVIL}"
    table = wrap.find("table")
    assert ["".join(th.itertext()) for th in table.find("thead/tr")] == ["District", "Value", "Source"]
    body = [["".join(cell.itertext()) for cell in tr] for tr in table.find("tbody")]
    assert body == [[EVIL, "over 1 & 2 ha", "*Report.az* <b>"], ["Aghdam", "no data", ""]]
    assert [tr[0].tag for tr in table.find("tbody")] == ["th", "th"]  # row headings
