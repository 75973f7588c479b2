"""Two app servers on one PostgreSQL store, each with its own cache folder and its own
copy of the shipped data (no shared file system): a publication through the staff page
of one shows on a page held open on the other within 5 s, and a rollback through the
second shows on the first."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from paths import GEODATA, copy_geodata
from playwright.sync_api import Page, expect
from test_staff import card_value  # same card lookup as the one-server test

from dashboard.devtools.server import streamlit_server
from dashboard.staff.auth import HASH_ENV, hash_password
from dashboard.staff.store import open_store

pytestmark = pytest.mark.postgres
PASSWORD = "two-servers-password"
HEADER = (
    "figure_id,metric,area,subset,period_type,period_start,period_end,value,qualifier,unit,"
    "issuing_body,source_id,flag,note\n"
)
ROW = "staff-two-servers,area_cleared,AZ,,cumulative,,{end},987654,,ha,ANAMA,dayaz-1794541,,\n"


def staff_sign_in(page: Page, base: str, name: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/staff")
    page.get_by_label("Your name (kept in the history)").fill(name)
    page.get_by_label("Staff password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for()


def upload_and_publish(page: Page, upload: Path, done: str) -> None:
    """On a signed-in staff page: upload a file into the draft and publish it."""
    page.get_by_text("1. Or upload a file", exact=True).click()
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name="Check the file and add it to my draft").click()
    page.get_by_text("was checked and put into your draft").wait_for()
    page.get_by_text("2. Preview and publish", exact=True).click()
    page.get_by_label("Reason for this version (required, kept in the history)").fill("ANAMA monthly figures")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Publish now").click()
    page.get_by_text(done).wait_for()


def test_a_publication_on_one_server_and_a_rollback_on_the_other_reach_both(browser, pg_url, tmp_path):
    machines = [tmp_path / "machine-a", tmp_path / "machine-b"]
    seeds = [copy_geodata(m / "geodata", GEODATA) for m in machines]
    open_store(pg_url, seed=seeds[0], cache=machines[0] / "cache").ensure("test")  # dashboard store init
    upload = tmp_path / "clearance-new.csv"
    upload.write_text(HEADER + ROW.format(end=date.today().isoformat()), encoding="utf-8")
    secret = hash_password(PASSWORD)
    envs = [
        {"DASHBOARD_STORE": pg_url, "DASHBOARD_CACHE": str(m / "cache"), "DASHBOARD_GEODATA": str(s), HASH_ENV: secret}
        for m, s in zip(machines, seeds, strict=True)
    ]
    with streamlit_server(env=envs[0]) as server_a, streamlit_server(env=envs[1]) as server_b:
        # one window each: a background tab of a shared window would have its timers throttled
        contexts = [browser.new_context(viewport={"width": 1440, "height": 1100}) for _ in range(4)]
        for context in contexts:
            context.set_default_timeout(60_000)
        viewer_b, staff_a, viewer_a, staff_b = (context.new_page() for context in contexts)

        viewer_b.goto(f"{server_b}/")
        card_b = card_value(viewer_b, "Hectares cleared")
        expect(card_b).to_be_visible()
        before = card_b.inner_text()
        assert before != "987,654 ha"
        viewer_b.evaluate("window.__notReloaded = true")

        staff_sign_in(staff_a, server_a, "Aysel Mammadova")
        upload_and_publish(staff_a, upload, "Published as version 2")
        published = time.monotonic()
        expect(card_b).to_have_text("987,654 ha", timeout=5_000)
        assert time.monotonic() - published <= 5.0
        assert viewer_b.evaluate("window.__notReloaded") is True

        viewer_a.goto(f"{server_a}/")
        card_a = card_value(viewer_a, "Hectares cleared")
        expect(card_a).to_have_text("987,654 ha")
        viewer_a.evaluate("window.__notReloaded = true")

        staff_sign_in(staff_b, server_b, "Farid Aliyev")
        staff_b.get_by_text("History", exact=True).click()
        staff_b.get_by_text("Go back to an earlier version").wait_for()
        staff_b.get_by_label("Reason for this version (required, kept in the history)").fill("figure not confirmed")
        staff_b.keyboard.press("Tab")
        staff_b.get_by_role("button", name="Restore version 1").click()
        staff_b.get_by_text("Version 1 was restored as the new version 3.").wait_for()
        rolled_back = time.monotonic()
        expect(card_a).to_have_text(before, timeout=5_000)
        assert time.monotonic() - rolled_back <= 5.0
        assert viewer_a.evaluate("window.__notReloaded") is True
        expect(card_b).to_have_text(before, timeout=5_000)
        for context in contexts:
            context.close()

    store = open_store(pg_url, cache=tmp_path / "checker")
    assert [(v.number, v.who, v.action) for v in store.versions()] == [
        (3, "Farid Aliyev", "rollback"),
        (2, "Aysel Mammadova", "publish"),
        (1, "test", "seed"),
    ]
    assert store.version(3).files == store.version(1).files


def test_a_draft_saved_on_a_server_that_goes_away_is_there_on_the_other(browser, pg_url, tmp_path):
    machines = [tmp_path / "machine-a", tmp_path / "machine-b"]
    seeds = [copy_geodata(m / "geodata", GEODATA) for m in machines]
    open_store(pg_url, seed=seeds[0], cache=machines[0] / "cache").ensure("test")
    upload = tmp_path / "clearance-new.csv"
    upload.write_text(HEADER + ROW.format(end=date.today().isoformat()).replace("two-servers", "moved"), "utf-8")
    secret = hash_password(PASSWORD)
    envs = [
        {"DASHBOARD_STORE": pg_url, "DASHBOARD_CACHE": str(m / "cache"), "DASHBOARD_GEODATA": str(s), HASH_ENV: secret}
        for m, s in zip(machines, seeds, strict=True)
    ]
    context = browser.new_context(viewport={"width": 1440, "height": 1100})
    context.set_default_timeout(60_000)
    page = context.new_page()
    with streamlit_server(env=envs[0]) as server_a:
        staff_sign_in(page, server_a, "Aysel Mammadova")
        page.get_by_text("1. Or upload a file", exact=True).click()
        page.locator("input[type=file]").set_input_files(str(upload))
        page.get_by_role("button", name="Check the file and add it to my draft").click()
        page.get_by_text("was checked and put into your draft").wait_for()
    shutil.rmtree(machines[0])  # server A and its disk are gone; nothing was published

    with streamlit_server(env=envs[1]) as server_b:
        staff_sign_in(page, server_b, "Aysel Mammadova")
        page.get_by_text("2. Preview and publish", exact=True).click()
        expect(page.get_by_text("figures/clearance.csv: +1 ~0 −0")).to_be_visible()  # the row uploaded on A
        page.get_by_label("Reason for this version (required, kept in the history)").fill("moved servers")
        page.keyboard.press("Tab")
        page.get_by_role("button", name="Publish now").click()
        page.get_by_text("Published as version 2").wait_for()
    context.close()
    store = open_store(pg_url, cache=tmp_path / "checker")
    assert "staff-moved" in (store.version_dir(2) / "figures" / "clearance.csv").read_text()
    assert store.drafts.record("aysel mammadova").base == 2  # published: a new draft on version 2
