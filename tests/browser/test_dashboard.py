"""What only a browser shows: the drawn map, tooltips, smooth updates, URL, language,
offline safety and escaping. Expected counts come from the geodata files directly."""

from __future__ import annotations

import csv
import json
import re
from datetime import date

from paths import GEODATA, copy_geodata, rename_district
from playwright.sync_api import expect

from dashboard.devtools.server import streamlit_server

MAP = "iframe[title*='st_folium']"
REGIONS = ("Karabakh", "East Zangezur")


def region_codes() -> set[str]:
    doc = json.loads((GEODATA / "boundaries" / "districts_display.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["code"] for f in doc["features"] if f["properties"]["economic_region"] in REGIONS}


def mappable_settlements() -> int:
    with (GEODATA / "units.csv").open(encoding="utf-8") as f:
        units = {u["unit_id"] for u in csv.DictReader(f) if u["economic_region"] in REGIONS}
    places = region_codes() | units
    with (GEODATA / "settlements.csv").open(encoding="utf-8") as f:
        return sum(
            1
            for s in csv.DictReader(f)
            if s["latitude"] and s["district"] in places and (s["first_return"] or "0") <= date.today().isoformat()
        )


def card_value(page, label: str):
    label_el = page.locator(".card-label").filter(has_text=re.compile(f"^{re.escape(label)}$"))
    return page.locator(".card").filter(has=label_el).locator(".card-value")


def open_map(w, query: str = ""):
    w.page.goto(f"{w.base}/{query}")
    frame = w.page.frame_locator(MAP)
    expect(frame.locator("path.district").first).to_be_attached()
    return frame


def choose(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).select_option(label=option)


def test_map_draws_every_district_of_the_regions_and_every_mappable_settlement(watched):
    frame = open_map(watched)
    expect(frame.locator("path.district")).to_have_count(len(region_codes()))
    assert len(region_codes()) == 15
    expect(frame.locator("path.settlement-marker")).to_have_count(mappable_settlements())
    assert watched.errors == []
    assert watched.remote() == []


def test_tooltip_shows_the_figure_and_its_source(watched):
    frame = open_map(watched, "?period=2023")
    frame.locator("path.district-AZ-CAB").hover(force=True)
    tip = frame.locator(".leaflet-tooltip")
    expect(tip).to_contain_text("14,016.7 ha")
    expect(tip).to_contain_text("Cabinet of Ministers")
    expect(tip).to_contain_text("Cəbrayıl")


def test_filter_change_updates_layers_and_cards_in_the_same_map(watched):
    frame = open_map(watched)
    page = watched.page
    iframe = page.locator(MAP).element_handle().content_frame()
    iframe.evaluate("window.__sameMap = 'yes'")
    before = frame.locator("path.district-AZ-CAB").get_attribute("fill")
    choose(page, "Period", "Year 2023")
    expect(card_value(page, "Hectares cleared")).to_have_text("53,081 ha")
    expect(frame.locator("path.district-AZ-CAB")).not_to_have_attribute("fill", before or "")
    assert page.locator(MAP).element_handle().content_frame().evaluate("window.__sameMap") == "yes"
    expect(frame.locator("path.district")).to_have_count(len(region_codes()))
    assert watched.errors == []


def test_the_url_holds_the_view_and_reproduces_it(watched):
    open_map(watched, "?period=2023&district=AZ-CAB")
    page = watched.page
    expect(card_value(page, "Hectares cleared")).to_have_text("14,016.7 ha")
    choose(page, "Metric", "Unexploded ordnance neutralised")
    expect(page).to_have_url(re.compile(r"metric=uxo"))
    url = page.url
    page.goto(url)
    expect(page.get_by_role("combobox", name="Metric")).to_have_value("uxo")
    expect(page.get_by_role("combobox", name="Period")).to_have_value("2023")
    expect(page.get_by_text("Districts: Jabrayil")).to_be_visible()
    expect(page.locator("input[name='district'][value='AZ-CAB']")).to_be_checked()
    expect(card_value(page, "Unexploded ordnance")).to_have_text("no data")


def test_filters_work_from_the_keyboard_alone(watched):
    open_map(watched, "?period=2023")
    page = watched.page
    districts = page.get_by_text("Districts: all")
    districts.focus()
    page.keyboard.press("Enter")
    jabrayil = page.get_by_role("checkbox", name="Jabrayil")
    jabrayil.focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"district=AZ-CAB"))
    expect(card_value(page, "Hectares cleared")).to_have_text("14,016.7 ha")
    expect(jabrayil).to_be_focused()  # focus stays where it was after the rerun
    expect(page.get_by_text("Districts: Jabrayil")).to_be_visible()
    status = page.get_by_role("group", name="Settlements")
    expect(status.get_by_role("checkbox")).to_have_count(2)
    period = page.get_by_role("combobox", name="Period")
    options = period.locator("option").evaluate_all("(os) => os.map((o) => o.value)")
    following = options[options.index("2023") + 1]
    period.focus()
    page.keyboard.press("ArrowDown")
    expect(page).to_have_url(re.compile(rf"period={following}"))
    assert watched.errors == []


def test_reset_filters_returns_to_the_default_view(watched):
    open_map(watched, "?period=2023&district=AZ-CAB&metric=uxo")
    page = watched.page
    page.get_by_role("button", name="Reset filters").click()
    expect(page).to_have_url(re.compile(r"/(map)?$"))
    expect(page.get_by_role("combobox", name="Metric")).to_have_value("area_cleared")
    expect(page.get_by_text("Districts: all")).to_be_visible()
    expect(page.get_by_role("button", name="Reset filters")).to_have_count(0)
    expect(page.get_by_role("checkbox", name="Karabakh")).to_be_focused()
    assert watched.errors == []


def test_a_date_typed_digit_by_digit_is_taken_once_it_is_whole(watched):
    open_map(watched)
    page = watched.page
    choose(page, "Period", "Running total on a chosen date")
    field = page.get_by_label("As of")
    field.click()
    page.keyboard.type("06302023", delay=80)  # month, day, year (the browser's en-US order)
    expect(page).to_have_url(re.compile(r"period=as_of&as_of=2023-06-30"))
    expect(field).to_have_value("2023-06-30")
    expect(field).to_be_focused()
    assert watched.errors == []


def test_language_switch_changes_labels_numbers_and_url(watched):
    open_map(watched, "?period=2023")
    page = watched.page
    page.get_by_text("Azərbaycanca").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Qarabağ və Şərqi Zəngəzurda")
    expect(card_value(page, "Təmizlənmiş ərazi")).to_have_text("53 081 ha")
    expect(page).to_have_url(re.compile(r"lang=az"))


def test_text_from_data_files_is_shown_as_text(browser, tmp_path):
    payload = "<img src=x onerror=alert(1)>"
    root = copy_geodata(tmp_path / "geodata")
    rename_district(root, "AZ-CAB", payload)
    path = root / "settlements.csv"
    text = path.read_text(encoding="utf-8").replace("lachin-city,Lachin,", f'lachin-city,"{payload}",', 1)
    path.write_text(text, encoding="utf-8")
    with streamlit_server(env={"DASHBOARD_GEODATA": str(root)}) as base:
        context = browser.new_context(viewport={"width": 1440, "height": 1100})
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{base}/?period=2023")
        frame = page.frame_locator(MAP)
        frame.locator("path.district-AZ-CAB").hover(force=True)
        expect(frame.locator(".leaflet-tooltip")).to_contain_text(payload)
        frame.locator("path.settlement-lachin-city").dispatch_event("click")
        expect(frame.locator(".leaflet-popup-content")).to_contain_text(payload)
        assert frame.locator(".leaflet-tooltip img, .leaflet-popup-content img").count() == 0
        expect(frame.locator(".district-label", has_text=payload)).to_be_attached()  # the name on the map
        assert frame.locator(".map-label img").count() == 0
        page.get_by_text("Districts: all").click()
        expect(page.get_by_role("checkbox", name=payload)).to_be_visible()
        page.get_by_text("The map's figures as a table").click()
        expect(page.locator(".figures-table tbody th", has_text=payload)).to_be_visible()
        assert page.locator("[data-testid='stMain'] img[src='x']").count() == 0
        assert dialogs == []
        context.close()
