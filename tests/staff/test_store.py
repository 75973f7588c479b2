"""The versioned store: publish, refuse invalid data, conflicts, rollback, crashes; on
both backends (a folder, and PostgreSQL) unless a test is about one of them."""

from __future__ import annotations

import errno
import json

import pytest
from staff_helpers import add_figure, data_digest, tree_digest

from dashboard.data.loader import load_dataset
from dashboard.staff.store import ConflictError, FileStore, Store, StoreError, ValidationFailed

COMMON_STEPS = ("file:sources.csv", "file:figures/clearance.csv", "copied", "validated", "before_lock")
STEPS = {  # every named point of a publication, per backend, and the first one after it counts
    "files": (*COMMON_STEPS, "locked", "meta_written", "version_renamed", "pointer_written", "pointer_switched"),
    "postgres": (*COMMON_STEPS, "files_stored", "locked", "version_inserted", "pointer_updated", "audit_written",
                 "committed"),
}  # fmt: skip
PUBLISHED_AT = {"files": "pointer_switched", "postgres": "committed"}


def kind(store: Store) -> str:
    return "files" if isinstance(store, FileStore) else "postgres"


def snapshot(store: Store) -> dict:
    """Every version's data files (SHA-256) and the current version, whatever the backend."""
    return {
        "current": store.current(),
        **{v.number: data_digest(store.version_dir(v.number)) for v in store.versions()},
    }


class Crash(Exception):
    """Stands for the process dying at a step."""


def test_first_use_makes_version_one_from_the_shipped_files(store, seed):
    v = store.version(1)
    assert (v.who, v.reason, v.action, v.base) == ("tester", "shipped data", "seed", None)
    folder = store.version_dir(1)
    assert (folder / "figures" / "clearance.csv").read_bytes() == (seed / "figures" / "clearance.csv").read_bytes()
    assert data_digest(folder) == {k: v for k, v in tree_digest(seed).items() if k in data_digest(folder)}
    assert "boundaries/districts.geojson" in v.files and "README.md" not in v.files
    assert v.files == data_digest(folder)
    if kind(store) == "files":
        assert store.pointer.read_text() == "000001\n"


def test_publish_makes_a_new_version_with_who_when_and_why(store):
    draft = store.new_draft()
    add_figure(draft.path)
    v = store.publish(draft.path, "Aysel Mammadova", "ANAMA May figures", draft.base)
    assert (v.number, v.who, v.reason, v.base, v.action) == (2, "Aysel Mammadova", "ANAMA May figures", 1, "publish")
    assert store.current() == 2
    assert "staff-test-1" in (store.version_dir(2) / "figures" / "clearance.csv").read_text()
    assert "staff-test-1" not in (store.version_dir(1) / "figures" / "clearance.csv").read_text()
    meta = json.loads((store.version_dir(2) / "meta.json").read_text())
    assert meta["sha256"] == data_digest(store.version_dir(2))
    assert [e["event"] for e in store.audit_entries()][:2] == ["publish", "seed"]


def test_a_reason_is_required(store):
    draft = store.new_draft()
    add_figure(draft.path)
    with pytest.raises(StoreError, match="reason"):
        store.publish(draft.path, "Aysel", "   ", draft.base)
    assert store.current() == 1


def test_invalid_data_is_refused_and_nothing_on_disk_changes(store):
    before = snapshot(store)
    audit = store.audit_entries()
    draft = store.new_draft()
    path = draft.path / "figures" / "clearance.csv"
    text = path.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    path.write_text(text + "bad-1,area_cleared,AZ,,cumulative,,2025-05-31,14016.7,,ha,ANAMA,nope,,\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        store.publish(draft.path, "Aysel", "May", draft.base)
    assert [f.text() for f in info.value.report.errors] == [
        f"ERROR: figures/clearance.csv, line {line}, column 'source_id': found 'nope'; "
        "expected a source_id listed in sources.csv"
    ]
    assert snapshot(store.reopened()) == before
    assert store.audit_entries() == audit
    assert list((store.root / "tmp").iterdir()) == []


def test_a_second_publish_from_the_same_base_is_a_conflict(store):
    first, second = store.new_draft(), store.new_draft()
    add_figure(first.path, 1)
    add_figure(second.path, 2, value=5)
    store.publish(first.path, "A", "first", 1)
    with pytest.raises(ConflictError) as info:
        store.publish(second.path, "B", "second", 1)
    assert (info.value.base, info.value.current) == (1, 2)
    assert "version 2 has been published since" in str(info.value)
    assert store.current() == 2
    assert "staff-test-2" not in (store.version_dir(2) / "figures" / "clearance.csv").read_text()
    assert store.audit_entries()[0]["event"] == "publish_conflict"


def test_rollback_restores_byte_identical_files_as_a_new_version(store):
    v1 = data_digest(store.version_dir(1))
    draft = store.new_draft()
    add_figure(draft.path)
    (draft.path / "sources.csv").write_bytes((draft.path / "sources.csv").read_bytes().replace(b"\n", b"\r\n"))
    store.publish(draft.path, "A", "May", 1)
    assert data_digest(store.version_dir(2)) != v1
    v3 = store.rollback(1, "B", "figures were wrong", 2)
    assert (v3.number, v3.action, v3.restored, v3.base) == (3, "rollback", 1, 2)
    assert store.current() == 3
    assert data_digest(store.version_dir(3)) == v1
    for rel in v1:
        assert (store.version_dir(3) / rel).read_bytes() == (store.version_dir(1) / rel).read_bytes()
    assert [v.number for v in store.versions()] == [3, 2, 1]


def _assert_whole(store: Store, old: dict[str, str], new: dict[str, str]) -> None:
    """The published version is exactly the old or exactly the new one, and loads."""
    reopened = store.reopened()
    current = reopened.current_dir()
    assert current is not None
    assert data_digest(current) in (old, new)
    assert load_dataset(current).report.ok


CRASH_CASES = [
    pytest.param(k, step, id=f"{k}-{step}", marks=[pytest.mark.postgres] if k == "postgres" else [])
    for k in STEPS
    for step in STEPS[k]
]


@pytest.mark.parametrize(("backend", "step"), CRASH_CASES, indirect=["backend"])
def test_a_crash_at_any_step_leaves_the_old_or_the_new_version_whole(store, step):
    old = data_digest(store.version_dir(1))
    draft = store.new_draft()
    add_figure(draft.path)
    expected_new = {**old, **{"figures/clearance.csv": tree_digest(draft.path)["figures/clearance.csv"]}}

    def crash(name: str) -> None:
        if name == step:
            raise Crash(name)

    crashing = store.reopened(step=crash)
    with pytest.raises(Crash):
        crashing.publish(draft.path, "A", "May", 1)
    _assert_whole(store, old, expected_new)
    published = store.current() == 2
    assert published == (step == PUBLISHED_AT[kind(store)])
    if kind(store) == "postgres":  # the audit record is in the version's own transaction
        assert [e.get("version") for e in store.audit_entries() if e["event"] == "publish"] == (
            [2] if published else []
        )
    # after the crash the store keeps working: the next publication is version current + 1
    again = store.new_draft()
    add_figure(again.path, 7, value=1_000_001)
    v = store.publish(again.path, "B", "after the crash", store.current())
    assert v.number == (3 if published else 2)
    assert [x.number for x in store.versions()] == list(range(v.number, 0, -1))


@pytest.mark.parametrize("backend", ["files"], indirect=True)  # PostgreSQL logs in the version's transaction
def test_a_version_left_unlogged_by_a_crash_is_logged_by_the_next_publication(store):
    draft = store.new_draft()
    add_figure(draft.path)

    def crash(name: str) -> None:
        if name == "pointer_switched":
            raise Crash(name)

    with pytest.raises(Crash):
        store.reopened(step=crash).publish(draft.path, "A", "May figures", 1)
    assert store.current() == 2
    assert [e.get("version") for e in store.audit_entries() if e["event"] == "publish"] == []
    again = store.new_draft()
    add_figure(again.path, 7, value=1_000_001)
    store.publish(again.path, "B", "June figures", 2)
    published = [e for e in store.audit_entries() if e["event"] == "publish"]
    assert [(e["version"], e["who"], e["reason"], e.get("recovered")) for e in published] == [
        (3, "B", "June figures", None),
        (2, "A", "May figures", True),
    ]
    assert published[1]["published"] == store.version(2).when


def test_a_full_disk_publishes_nothing_and_says_so(store):
    old = snapshot(store)
    draft = store.new_draft()
    add_figure(draft.path)

    def full(name: str) -> None:
        if name == "file:figures/clearance.csv":
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(StoreError, match="the disk is full; nothing was published"):
        store.reopened(step=full).publish(draft.path, "A", "May", 1)
    assert snapshot(store) == old
    assert store.current() == 1


def test_drafts_are_private_copies(store):
    draft = store.new_draft()
    add_figure(draft.path)
    assert (
        data_digest(store.version_dir(1))["figures/clearance.csv"] != tree_digest(draft.path)["figures/clearance.csv"]
    )
    store.discard(draft)
    assert not draft.path.exists()
