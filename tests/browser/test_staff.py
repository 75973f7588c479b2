"""A publication reaches a page that is already open, without a reload, within 5 seconds."""

from __future__ import annotations

import re
import time
from datetime import date

from paths import GEODATA, copy_geodata
from playwright.sync_api import expect

from dashboard.devtools.server import streamlit_server
from dashboard.staff.store import open_store

NEW = "staff-browser-1,area_cleared,AZ,,cumulative,,{end},987654,,ha,ANAMA,dayaz-1794541,,\n"


def card_value(page, label: str):
    label_el = page.locator(".card-label").filter(has_text=re.compile(f"^{re.escape(label)}$"))
    return page.locator(".card").filter(has=label_el).locator(".card-value")


def test_a_published_figure_appears_on_an_open_page_within_5_seconds(browser, tmp_path):
    seed = copy_geodata(tmp_path / "geodata", GEODATA)
    store = open_store(tmp_path / "store", seed=seed)
    store.ensure("test")
    env = {"DASHBOARD_GEODATA": str(seed), "DASHBOARD_STORE": str(store.root)}
    with streamlit_server(env=env) as base:
        context = browser.new_context(viewport={"width": 1440, "height": 1100})
        page = context.new_page()
        page.goto(f"{base}/")
        card = card_value(page, "Hectares cleared")
        expect(card).to_be_visible()
        assert card.inner_text() != "987,654 ha"
        page.evaluate("window.__notReloaded = true")

        draft = store.new_draft()
        with (draft.path / "figures" / "clearance.csv").open("a", encoding="utf-8") as f:
            f.write(NEW.format(end=date.today().isoformat()))
        store.publish(draft.path, "Browser test", "a new running total", draft.base)
        published = time.monotonic()

        expect(card).to_have_text("987,654 ha", timeout=5_000)
        assert time.monotonic() - published <= 5.0
        assert page.evaluate("window.__notReloaded") is True
        context.close()
