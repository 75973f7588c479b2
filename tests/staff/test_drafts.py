"""Staff drafts: one per staff member across sign-ins, kept while used, removed only after
a week unused (and the owner told), cleared by publishing; on both backends. On
PostgreSQL every save is in the database, so a draft outlives the server it was edited
on. And what a crashed process leaves in tmp/ and drafts/ goes at the next start."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest
from paths import REPO
from staff_helpers import add_figure, data_digest, killed_when_it_prints, start, target, wait_line

from dashboard.staff.drafts import rebase
from dashboard.staff.store import KEEP_DAYS, FileStore, open_store

DAY = 24 * 3600.0
WEEK = KEEP_DAYS * DAY


def test_a_staff_member_keeps_one_draft_across_sign_ins(store):
    first = store.drafts.open("Aysel Mammadova")
    add_figure(first.path)
    store.drafts.save(first)
    again = store.drafts.open("  aysel   MAMMADOVA ")  # a later sign-in, typed differently
    assert (again.path, again.base, again.owner) == (first.path, 1, "aysel mammadova")
    assert "staff-test-1" in (again.path / "figures" / "clearance.csv").read_text()
    other = store.drafts.open("Rauf")
    assert other.path != first.path
    assert "staff-test-1" not in (other.path / "figures" / "clearance.csv").read_text()


def test_a_draft_saved_23_hours_ago_and_used_again_survives_the_sweep(store):
    t0 = store.drafts.now()
    draft = store.drafts.open("Aysel", now=t0)
    add_figure(draft.path)
    store.drafts.save(draft, now=t0)
    assert store.drafts.open("Aysel", now=t0 + 23 * 3600).path == draft.path  # used again
    # a week and a bit after the save, but less than a week after that use
    assert store.drafts.sweep(now=t0 + 23 * 3600 + WEEK - 60) == []
    assert draft.path.is_dir() and store.drafts.record("aysel").used == pytest.approx(t0 + 23 * 3600)
    assert store.drafts.take_expired("aysel") is None


def test_a_draft_unused_for_8_days_is_removed_and_the_next_visit_says_so(store):
    t0 = store.drafts.now()
    draft = store.drafts.open("Aysel", now=t0)
    add_figure(draft.path)
    store.drafts.save(draft, now=t0 + 60)
    kept = store.drafts.open("Rauf", now=t0 + 7 * DAY)
    assert store.drafts.sweep(now=t0 + 8 * DAY) == ["aysel"]
    assert not draft.path.exists() and kept.path.is_dir()
    assert store.drafts.record("aysel") is None
    # the next visit: a new draft on the published version, and a note about the old one
    new = store.drafts.open("Aysel", now=t0 + 8 * DAY + 5)
    assert new.path != draft.path and "staff-test-1" not in (new.path / "figures" / "clearance.csv").read_text()
    note = store.drafts.take_expired("aysel")
    assert (note.base, note.used) == (1, pytest.approx(t0 + 60))
    assert store.drafts.take_expired("aysel") is None  # said once
    expired = [e for e in store.audit_entries() if e["event"] == "draft_expired"]
    assert [(e["who"], e["base"]) for e in expired] == [("aysel", 1)]


def test_publishing_clears_the_draft_and_the_next_starts_on_the_new_version(store):
    draft = store.drafts.open("Aysel")
    add_figure(draft.path)
    store.drafts.save(draft)
    store.publish(draft.path, "Aysel", "May figures", draft.base)
    store.drafts.discard(draft)
    assert not draft.path.exists() and store.drafts.record("aysel") is None
    new = store.drafts.open("Aysel")
    assert new.base == 2 and data_digest(new.path) == data_digest(store.version_dir(2))


def test_carrying_a_draft_over_keeps_it_its_owners(store):
    draft = store.drafts.open("Aysel")
    add_figure(draft.path, 1)
    store.drafts.save(draft)
    other = store.new_draft()
    add_figure(other.path, 2)
    store.publish(other.path, "Rauf", "June", 1)
    new, conflicts = rebase(store, draft)
    assert conflicts == [] and not draft.path.exists()
    assert store.drafts.record("aysel").id == new.path.name
    store.drafts.discard(draft)  # a late discard of the old folder leaves the new draft alone
    reopened = store.drafts.open("Aysel")
    assert (reopened.path, reopened.base) == (new.path, 2)
    text = (reopened.path / "figures" / "clearance.csv").read_text()
    assert "staff-test-1" in text and "staff-test-2" in text


@pytest.mark.postgres
def test_a_draft_outlives_the_server_it_was_edited_on(pg_url, seed, tmp_path):
    one = open_store(pg_url, seed=seed, cache=tmp_path / "server-1")
    one.ensure("tester")
    draft = one.drafts.open("Aysel")
    add_figure(draft.path)
    (draft.path / "presentation.csv").unlink(missing_ok=True)  # a removed file is kept too
    one.drafts.save(draft)
    saved = data_digest(draft.path)
    shutil.rmtree(tmp_path / "server-1")  # the server and its disk are gone

    two = open_store(pg_url, seed=seed, cache=tmp_path / "server-2")
    moved = two.drafts.open("Aysel")
    assert moved.path == tmp_path / "server-2" / "drafts" / draft.path.name
    assert data_digest(moved.path) == saved
    add_figure(moved.path, 2)
    two.drafts.save(moved)

    # back on a server with an older copy of the draft: the newest save wins
    three = open_store(pg_url, seed=seed, cache=tmp_path / "server-3")
    stale = tmp_path / "server-3" / "drafts" / draft.path.name
    shutil.copytree(tmp_path / "server-2" / "drafts" / draft.path.name, stale)
    (stale / "figures" / "clearance.csv").write_text("damaged")
    assert data_digest(three.drafts.open("Aysel").path) == data_digest(moved.path)


@pytest.mark.postgres
def test_a_server_killed_while_saving_leaves_the_last_save_whole(pg_url, seed, tmp_path):
    store = open_store(pg_url, seed=seed, cache=tmp_path / "cache")
    store.ensure("tester")
    draft = store.drafts.open("Aysel")
    add_figure(draft.path, 1)
    store.drafts.save(draft)
    first = data_digest(draft.path)
    add_figure(draft.path, 2)
    second = data_digest(draft.path)
    code = (
        "import sys, time; from pathlib import Path; from dashboard.staff.store import Draft, open_store\n"
        "def step(name):\n"
        "    if name == 'draft_saving':\n"
        "        print('at', name, flush=True); time.sleep(600)\n"
        f"s = open_store({pg_url!r}, cache={str(tmp_path / 'cache')!r}, step=step)\n"
        f"s.drafts.save(Draft(Path({str(draft.path)!r}), 1, 'aysel'))\n"
    )
    killed_when_it_prints(code, "at draft_saving")
    elsewhere = open_store(pg_url, seed=seed, cache=tmp_path / "elsewhere").drafts.open("Aysel")
    assert data_digest(elsewhere.path) == first != second
    store.drafts.save(draft)  # the next save goes through whole
    assert data_digest(open_store(pg_url, seed=seed, cache=tmp_path / "later").drafts.open("Aysel").path) == second


def opened_in_a_new_process(backend: str, cache) -> None:
    """Start the store in a new process, as the app does at its next start."""
    code = f"from dashboard.staff.store import open_store; open_store({backend!r}, cache={str(cache)!r})"
    subprocess.run([sys.executable, "-c", code], check=True, env=os.environ | {"PYTHONPATH": str(REPO / "src")})


def leftovers(store) -> list[str]:
    tmp = sorted(p.name for p in (store.root / "tmp").iterdir()) if (store.root / "tmp").is_dir() else []
    drafts = [p.name for p in store.drafts_dir.iterdir() if p.name != "index.json" and not p.name.endswith(".lock")]
    return tmp + sorted(drafts)


def test_a_publication_killed_mid_way_leaves_nothing_after_the_next_start(store, backend):
    draft = store.drafts.open("Aysel")
    add_figure(draft.path)
    store.drafts.save(draft)
    before = leftovers(store)
    proc = start(*target(store, store.root), str(draft.path), "1", "--stop-at", "copied")
    wait_line(proc, "at copied")
    try:
        assert len(leftovers(store)) == len(before) + 1  # its private copy in tmp/
        opened_in_a_new_process(backend, store.root)  # a process that still runs keeps its copy
        assert len(leftovers(store)) == len(before) + 1
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    opened_in_a_new_process(backend, store.root)
    assert leftovers(store) == before == [draft.path.name]
    if isinstance(store, FileStore):
        assert sorted(p.name for p in store.versions_dir.iterdir()) == ["000001"]


UPLOADER = """
import sys
from pathlib import Path
from dashboard.staff.uploads import stage_upload
draft, data = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes()
print("uploading", flush=True)
while True:
    stage_upload(draft, "clearance.csv", data, "replace")
"""


def test_an_upload_killed_mid_way_leaves_nothing_after_the_next_start(store, backend, tmp_path):
    draft = store.drafts.open("Aysel")
    add_figure(draft.path)
    store.drafts.save(draft)
    kept = data_digest(draft.path)
    upload = tmp_path / "clearance.csv"
    upload.write_bytes((draft.path / "figures" / "clearance.csv").read_bytes())
    env = os.environ | {"PYTHONPATH": str(REPO / "src")}
    rng, seen = random.Random(15), 0
    for _ in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-c", UPLOADER, str(draft.path), str(upload)], stdout=subprocess.PIPE, text=True, env=env
        )
        assert proc.stdout.readline().strip() == "uploading"
        time.sleep(rng.uniform(0.2, 1.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        seen += len(leftovers(store)) > 1
        opened_in_a_new_process(backend, store.root)
        assert leftovers(store) == [draft.path.name]
        assert data_digest(draft.path) == kept
        if seen >= 2:
            break
    assert seen >= 1, "no kill landed while an upload's copy existed"
