"""The staff page as Streamlit runs it (AppTest): sign-in, and nothing editable for the public."""

from __future__ import annotations

import csv
import time
from datetime import UTC, datetime

import pytest
from paths import REPO
from staff_helpers import add_figure
from streamlit.testing.v1 import AppTest

from dashboard.staff.auth import GLOBAL_FAILURES, HASH_ENV, Throttle, hash_password
from dashboard.staff.store import open_store

PASSWORD = "granite-orchard-lantern"
STAFF_PAGE = "src/dashboard/ui/pages/staff_page.py"
EDITING = {"Save and check", "Publish now", "Check the file and add it to my draft", "Undo my changes to this table"}


@pytest.fixture
def env(monkeypatch, seed):
    monkeypatch.setenv("DASHBOARD_GEODATA", str(seed))
    monkeypatch.delenv("DASHBOARD_STORE", raising=False)
    monkeypatch.setenv(HASH_ENV, hash_password(PASSWORD))
    return seed


def open_staff() -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(STAFF_PAGE).run()
    assert not at.exception, at.exception
    return at


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="staff-name").input(name)
    at.text_input(key="staff-password").input(password)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception, at.exception
    return at


def editing_controls(at: AppTest) -> set[str]:
    labels = {b.label for b in at.button} & EDITING
    editors = {d.key for d in at.dataframe if str(d.key or "").startswith("staff-editor")}
    return labels | editors


def test_the_public_map_page_has_no_editing_controls(env):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert editing_controls(at) == set()
    assert [e.label for e in at.text_input] == []


def test_the_staff_page_asks_for_credentials_and_shows_nothing_else(env):
    at = open_staff()
    assert [e.label for e in at.text_input] == ["Your name (kept in the history)", "Staff password"]
    assert editing_controls(at) == set()
    assert not (env.parent / "var" / "store" / "CURRENT").exists()  # the public view writes nothing


def test_a_wrong_password_is_refused(env):
    at = sign_in(open_staff(), "Aysel", "granite-orchard-lantern!")
    assert [e.value for e in at.error] == ["Wrong password."]
    assert editing_controls(at) == set()


def test_a_missing_password_is_refused(env):
    at = sign_in(open_staff(), "Aysel", "")
    assert [e.value for e in at.error] == ["Enter your name and the password."]
    assert editing_controls(at) == set()


def test_without_a_configured_password_nobody_gets_in(env, monkeypatch):
    monkeypatch.delenv(HASH_ENV)
    at = open_staff()
    assert at.text_input.len == 0
    assert at.warning[0].value.startswith("Staff sign-in is not set up on this server.")
    assert editing_controls(at) == set()


def test_repeated_wrong_passwords_lock_the_form(env):
    at = open_staff()
    for i in range(3):
        sign_in(at, "x", f"guess-{i}")
    assert [e.value for e in at.error] == ["Wrong password."]
    assert at.caption[-1].value.startswith("Too many wrong passwords: wait 5 s")
    sign_in(at, "Aysel", PASSWORD)  # the right password, but too soon
    assert at.error[0].value.startswith("Too many wrong passwords from this computer. Try again in")
    assert editing_controls(at) == set()


def test_the_right_password_opens_the_editor_on_a_copy_of_the_published_data(env):
    at = sign_in(open_staff(), "Aysel Mammadova", PASSWORD)
    assert at.error.len == 0
    assert "Signed in as **Aysel Mammadova**. Your draft is based on version 1." in [m.value for m in at.markdown]
    editor = next(d for d in at.dataframe if str(d.key).startswith("staff-editor-figures/clearance.csv"))
    with (env / "figures" / "clearance.csv").open(encoding="utf-8") as f:
        assert len(editor.value) == sum(1 for _ in csv.DictReader(f))
    assert {"Save and check", "Undo my changes to this table"} <= editing_controls(at)
    store = env.parent / "var" / "store"
    assert (store / "CURRENT").read_text() == "000001\n"
    log = (store / "audit.log").read_text(encoding="utf-8")
    assert '"event": "sign_in", "who": "Aysel Mammadova"' in log


@pytest.fixture
def page_store(monkeypatch, seed, backend, tmp_path):
    """The staff page on either backend ($DASHBOARD_STORE a folder or a database URL), and
    the same store as the test sees it."""
    monkeypatch.setenv("DASHBOARD_GEODATA", str(seed))
    monkeypatch.setenv("DASHBOARD_STORE", backend)
    monkeypatch.setenv("DASHBOARD_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv(HASH_ENV, hash_password(PASSWORD))
    store = open_store(backend, seed=seed, cache=tmp_path / "cache")
    store.ensure("tester")
    return store


def test_a_staff_member_finds_their_draft_at_the_next_sign_in(page_store):
    first = sign_in(open_staff(), "Aysel Mammadova", PASSWORD)
    draft = first.session_state["_staff_draft"]
    add_figure(draft.path)  # an edit, saved as the page saves it
    page_store.drafts.save(draft)
    later = sign_in(open_staff(), "Aysel Mammadova", PASSWORD)  # a new session: a new sign-in
    assert later.session_state["_staff_draft"].path == draft.path
    assert later.warning.len == 0
    editor = next(d for d in later.dataframe if str(d.key).startswith("staff-editor-figures/clearance.csv"))
    assert "staff-test-1" in set(editor.value["figure_id"])


def test_a_draft_removed_unused_is_announced_at_the_next_visit(page_store):
    last_use = time.time() - 8 * 24 * 3600
    old = page_store.drafts.open("Aysel Mammadova", now=last_use)
    at = sign_in(open_staff(), "Aysel Mammadova", PASSWORD)
    used = datetime.fromtimestamp(last_use, UTC).date().isoformat()
    assert [w.value for w in at.warning] == [
        f"Your earlier draft (started from version 1, last used on {used}) was removed after 7 days without use. "
        "This is a new draft on version 1."
    ]
    assert not old.path.exists() and at.session_state["_staff_draft"].path != old.path
    at.run()  # said once
    assert at.warning.len == 0


def test_the_ceiling_for_all_clients_is_explained_in_azerbaijani(page_store):
    throttle = Throttle(page_store)
    for i in range(GLOBAL_FAILURES):
        assert throttle.reserve(f"203.0.{i}.9").wait == 0
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.session_state["lang"] = "az"
    at.run()
    at.switch_page(STAFF_PAGE).run()
    at.text_input(key="staff-name").input("Aysel")
    at.text_input(key="staff-password").input(PASSWORD)
    next(b for b in at.button if b.label == "Daxil ol").click().run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert error.startswith(
        "Son bir dəqiqədə bu saytda bütün kompüterlərdən birlikdə çox sayda uğursuz giriş cəhdi olub. "
    )
    seconds = int(error.rsplit(" san.", 1)[0].rsplit(" ", 1)[-1])
    assert 1 <= seconds <= 60
    assert editing_controls(at) == set()
