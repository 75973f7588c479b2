"""The staff state of the file store, beside its versions on this machine: whose draft
is which (``drafts/index.json``) and the failed sign-ins (``throttle.json``), each a
small JSON file replaced whole under a file lock, so every process of the machine
sees one state and changes it one step at a time.

``drafts/index.json``::

    {"drafts":  {"<owner>": {"id": "<folder>", "base": 3, "used": 1764633600.0}},
     "expired": {"<owner>": {"base": 2, "used": 1764028800.0, "removed": 1764633600.0}}}

``throttle.json``::

    {"clients": {"<client>": {"failures": 4, "last": 1764633600.0, "until": 1764633610.0}},
     "recent":  [1764633600.0, ...]}
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from filelock import FileLock, Timeout

from dashboard.staff.store.attempts import FORGET_SECONDS, AttemptBook, Attempts, AttemptState, Change, T
from dashboard.staff.store.base import Draft, StoreError
from dashboard.staff.store.disk import read_json, write_json_atomic
from dashboard.staff.store.drafts import DRAFT_ID, DraftBook, DraftRecord, ExpiredDraft

LOCK_SECONDS = 10.0


@contextmanager
def locked_json(path: Path) -> Iterator[dict]:
    """A JSON file's object, under its lock; written back when the caller changed it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(path) + ".lock", timeout=LOCK_SECONDS):
            data = read_json(path)
            before = json.dumps(data, sort_keys=True)
            yield data
            if json.dumps(data, sort_keys=True) != before:
                write_json_atomic(path, data)
    except Timeout as exc:
        raise StoreError(f"{path.name} is locked by another process for too long; try again") from exc


def _section(data: dict, name: str) -> dict:
    value = data.get(name)
    if not isinstance(value, dict):
        value = data[name] = {}
    return value


def _record(value: object) -> DraftRecord | None:
    try:
        record = DraftRecord(str(value["id"]), int(value["base"]), float(value["used"]))  # type: ignore[index]
    except (TypeError, KeyError, ValueError):
        return None
    return record if DRAFT_ID.match(record.id) else None


class FileDrafts(DraftBook):
    """Whose draft is which, in ``drafts/index.json`` (the folders are the drafts)."""

    @property
    def index(self) -> Path:
        return self.folder / "index.json"

    def now(self) -> float:
        return time.time()

    def record(self, owner: str) -> DraftRecord | None:
        with locked_json(self.index) as data:
            return _record(_section(data, "drafts").get(owner))

    def _find(self, owner: str) -> tuple[DraftRecord, Path] | None:
        record = self.record(owner)
        if record is None or not (self.folder / record.id).is_dir():
            return None
        return record, self.folder / record.id

    def _keep(self, draft: Draft, now: float) -> None:
        with locked_json(self.index) as data:
            _section(data, "drafts")[draft.owner] = {"id": draft.path.name, "base": draft.base, "used": now}

    def _touch(self, owner: str, now: float) -> None:
        with locked_json(self.index) as data:
            entry = _section(data, "drafts").get(owner)
            if isinstance(entry, dict):
                entry["used"] = now

    def _release(self, owner: str, draft_id: str) -> None:
        with locked_json(self.index) as data:
            drafts = _section(data, "drafts")
            if (record := _record(drafts.get(owner))) is not None and record.id == draft_id:
                del drafts[owner]

    def _expire(self, before: float, now: float) -> list[tuple[str, DraftRecord]]:
        gone: list[tuple[str, DraftRecord]] = []
        with locked_json(self.index) as data:
            drafts, notes = _section(data, "drafts"), _section(data, "expired")
            for owner, value in list(drafts.items()):
                record = _record(value)
                if record is None or record.used < before:
                    del drafts[owner]
                if record is not None and record.used < before:
                    notes[owner] = {"base": record.base, "used": record.used, "removed": now}
                    gone.append((owner, record))
        return gone

    def _kept_ids(self) -> set[str]:
        with locked_json(self.index) as data:
            return {r.id for v in _section(data, "drafts").values() if (r := _record(v)) is not None}

    def take_expired(self, owner: str) -> ExpiredDraft | None:
        with locked_json(self.index) as data:
            note = _section(data, "expired").pop(owner, None)
        try:
            return ExpiredDraft(int(note["base"]), float(note["used"]), float(note["removed"]))  # type: ignore[index]
        except (TypeError, KeyError, ValueError):
            return None


def _attempts(value: object) -> Attempts | None:
    try:
        return Attempts(int(value["failures"]), float(value["last"]), float(value["until"]))  # type: ignore[index]
    except (TypeError, KeyError, ValueError):
        return None


class FileAttempts(AttemptBook):
    """Failed sign-ins in ``throttle.json`` of the store folder."""

    def __init__(self, root: Path) -> None:
        self.path = Path(root) / "throttle.json"

    def update(self, key: str, change: Change[T], now: float | None = None) -> T:
        now = time.time() if now is None else now
        with locked_json(self.path) as data:
            stored = data.get("clients")
            if not isinstance(stored, dict):  # the format before the ceiling: clients at the top
                stored = {k: v for k, v in data.items() if isinstance(v, dict)}
            clients = {k: v for k, v in stored.items() if (a := _attempts(v)) and a.last >= now - FORGET_SECONDS}
            recent = tuple(float(t) for t in data.get("recent") or [] if isinstance(t, int | float))
            state, result = change(AttemptState(_attempts(clients.get(key)), recent), now)
            if state.client is None:
                clients.pop(key, None)
            else:
                clients[key] = asdict(state.client)
            data.clear()
            data.update(clients=clients, recent=list(state.recent))
        return result
