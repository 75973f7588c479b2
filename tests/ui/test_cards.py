"""The cards' HTML: every text from the data is escaped, and the block parses."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from dashboard.analysis.view import Card
from dashboard.ui.components.cards import cards_html

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
    section = ET.fromstring(html)[0]
    texts = {el.get("class"): "".join(el.itertext()) for el in section}
    assert texts["card-label"] == card.label
    assert texts["card-value"] == "over 1 & 2 ha"
    assert texts["card-delta"] == card.delta
    assert texts["card-caption"] == card.caption
    assert section.find("details/summary").text == "Source"
    assert section.find("details/p").text == card.source


def test_a_card_without_source_or_change_has_neither():
    card = Card(key="settlements", label="Settlements with returns", value="37", delta=None, caption="x", source="")
    section = ET.fromstring(cards_html([card], "az", large=True))[0]
    assert [el.get("class") for el in section] == ["card-label", "card-value", "card-caption"]
