"""Real processes: a publication killed with SIGKILL mid-way, and two processes that
publish from the same base version at the same moment; on both backends (each process
of a database store has its own cache folder, as on separate machines)."""

from __future__ import annotations

import json
import random
import signal
import time

import pytest
from staff_helpers import add_figure, data_digest, start, target, tree_digest, wait_line

from dashboard.data.loader import load_dataset
from dashboard.staff.store import FileStore, Store

COMMON = ("file:figures/clearance.csv", "file:boundaries/districts.geojson", "copied")
KILL_STEPS = {
    "files": (*COMMON, "locked", "meta_written", "version_renamed", "pointer_written", "pointer_switched"),
    "postgres": (*COMMON, "files_stored", "locked", "version_inserted", "pointer_updated", "audit_written",
                 "committed"),
}  # fmt: skip
PUBLISHED_AT = {"files": "pointer_switched", "postgres": "committed"}
KILL_CASES = [
    pytest.param(k, step, id=f"{k}-{step}", marks=[pytest.mark.postgres] if k == "postgres" else [])
    for k in KILL_STEPS
    for step in KILL_STEPS[k]
]


def kind(store: Store) -> str:
    return "files" if isinstance(store, FileStore) else "postgres"


def assert_whole(store: Store, allowed: list[dict[str, str]]) -> None:
    store = store.reopened()
    current = store.current_dir()
    assert current is not None
    assert data_digest(current) in allowed
    assert load_dataset(current).report.ok
    meta = json.loads((current / "meta.json").read_text())
    assert meta["sha256"] == data_digest(current)


@pytest.mark.parametrize(("backend", "step"), KILL_CASES, indirect=["backend"])
def test_sigkill_at_a_step_leaves_the_old_or_the_new_version_whole(store, step, tmp_path):
    old = data_digest(store.version_dir(1))
    draft = store.new_draft()
    add_figure(draft.path)
    new = old | {"figures/clearance.csv": tree_digest(draft.path)["figures/clearance.csv"]}
    proc = start(*target(store, tmp_path / "proc-cache"), str(draft.path), "1", "--stop-at", step)
    wait_line(proc, f"at {step}")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert_whole(store, [old, new])
    assert (store.current() == 2) == (step == PUBLISHED_AT[kind(store)])
    again = store.new_draft()
    add_figure(again.path, 2, value=1_000_001)
    v = store.publish(again.path, "after", "after the kill", store.current())
    assert v.number == store.current() and [x.number for x in store.versions()] == list(range(v.number, 0, -1))


def test_sigkill_at_random_moments_never_leaves_a_mix(store, tmp_path):
    old = data_digest(store.version_dir(1))
    draft = store.new_draft()
    add_figure(draft.path)
    new = old | {"figures/clearance.csv": tree_digest(draft.path)["figures/clearance.csv"]}
    rng = random.Random(20240519)
    for _ in range(6):
        proc = start(*target(store, tmp_path / "proc-cache"), str(draft.path), str(store.current()), "--loop", "50")
        proc.stdout.readline()  # killed while it is publishing, not while it starts
        time.sleep(rng.uniform(0.0, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert_whole(store, [old, new])
    versions = store.versions()
    assert [v.number for v in versions] == list(range(store.current(), 0, -1))


def test_two_processes_publishing_from_the_same_base_one_wins_one_is_told(store, tmp_path):
    drafts = [store.new_draft(), store.new_draft()]
    add_figure(drafts[0].path, 1, value=111_111)
    add_figure(drafts[1].path, 2, value=222_222)
    go = tmp_path / "go"
    procs = [
        start(*target(store, tmp_path / f"proc-cache-{i}"), str(d.path), "1", "--wait-for", str(go))
        for i, d in enumerate(drafts)
    ]
    for proc in procs:
        wait_line(proc, "ready")
    go.touch()
    outcomes = []
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        outcomes.append((proc.returncode, json.loads(out.strip().splitlines()[-1])))
    codes = sorted(code for code, _ in outcomes)
    assert codes == [0, 3], outcomes
    assert sorted(next(iter(o)) for _, o in outcomes) == ["conflict", "published"]
    assert store.current() == 2
    winner = next(i for i, (code, _) in enumerate(outcomes) if code == 0)
    published = (store.version_dir(2) / "figures" / "clearance.csv").read_text()
    assert f"staff-test-{winner + 1}" in published
    assert f"staff-test-{2 - winner}" not in published
    events = [e["event"] for e in store.audit_entries()]
    assert events.count("publish") == 1 and events.count("publish_conflict") == 1
