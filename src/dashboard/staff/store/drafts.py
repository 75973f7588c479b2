"""Drafts: each staff member's working copy of the data files, kept across sign-ins
until it is published, replaced by a restored version, thrown away, or left unused for
a week.

A draft is a folder on this machine, ``<root>/drafts/<id>/`` (the editor, the loader and
the preview read folders), with ``draft.json`` naming the version it started from and
whose it is. Which draft is whose, and when each was last used, the backend keeps
(``DraftBook``): the file store in ``drafts/index.json`` beside the folders; PostgreSQL
in tables, with the files the draft changed, written through on every save, so that
any server rebuilds the folder from the database when the one that held it is gone.

The rules, the same on both backends:

- ``open(owner)`` gives the staff member's draft and records its use, or starts a new
  one on the published version: one draft per staff member, across sign-ins.
- ``save(draft)`` after every change records the use (and writes the files through).
- ``sweep()`` removes only drafts unused for ``KEEP_DAYS`` days and leaves their owner
  a note, which ``take_expired(owner)`` hands to the staff page once.
- Publishing or restoring a version clears the draft explicitly (``discard``).
"""

from __future__ import annotations

import json
import re
import shutil
import time
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.staff.store.base import Draft, StoreError, managed_files, now_text, time_text
from dashboard.staff.store.disk import STALE_SECONDS, remove_path

if TYPE_CHECKING:
    from dashboard.staff.store.base import Store

KEEP_DAYS = 7
KEEP_SECONDS = KEEP_DAYS * 24 * 3600.0
DRAFT_JSON = "draft.json"
MAX_OWNER = 200  # characters, as the sign-in name
DRAFT_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class DraftRecord:
    """Which folder is a staff member's draft: its id (the folder's name), the version it
    started from, and its last use (seconds since 1970)."""

    id: str
    base: int
    used: float


@dataclass(frozen=True)
class ExpiredDraft:
    """A staff member's draft that the sweep removed, to tell them on their next visit."""

    base: int
    used: float  # its last use, seconds since 1970
    removed: float


def owner_key(name: str) -> str:
    """Whose draft: the signed-in name or address, spaces folded, letter case ignored."""
    return " ".join((name or "").split()).casefold()[:MAX_OWNER]


def copy_files(source: Path, target: Path, files: list[str]) -> None:
    """Copy some files of a folder into another, keeping their relative paths."""
    target.mkdir(parents=True, exist_ok=True)
    for rel in files:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / rel, target / rel)


def write_draft_json(path: Path, base: int, owner: str) -> None:
    """The small record in a draft folder: its base version and its owner."""
    record = {"base": base, "owner": owner, "created": now_text()}
    (path / DRAFT_JSON).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


class DraftBook(ABC):
    """The drafts of one store: the shared rules here, the bookkeeping in each backend."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def folder(self) -> Path:
        return self.store.drafts_dir

    # -- what a backend provides ------------------------------------------------------
    @abstractmethod
    def now(self) -> float:
        """The time, by the clock every server of the store shares (seconds since 1970)."""

    @abstractmethod
    def record(self, owner: str) -> DraftRecord | None:
        """The staff member's draft, if they have one."""

    @abstractmethod
    def _find(self, owner: str) -> tuple[DraftRecord, Path] | None:
        """The staff member's draft and its folder on this machine (PostgreSQL rebuilds a
        missing or stale folder from the database); None when they have none."""

    @abstractmethod
    def _keep(self, draft: Draft, now: float) -> None:
        """Make this folder its owner's draft (in place of any other), as its files are
        now, used ``now``."""

    @abstractmethod
    def _touch(self, owner: str, now: float) -> None:
        """Record a use of the staff member's draft."""

    @abstractmethod
    def _release(self, owner: str, draft_id: str) -> None:
        """The staff member no longer has a draft, if theirs is this one."""

    @abstractmethod
    def _expire(self, before: float, now: float) -> list[tuple[str, DraftRecord]]:
        """Forget the drafts last used before ``before``, leaving a note for each owner;
        returns them."""

    @abstractmethod
    def _kept_ids(self) -> set[str]:
        """The ids of every staff member's draft."""

    @abstractmethod
    def take_expired(self, owner: str) -> ExpiredDraft | None:
        """The note that the staff member's draft was removed unused (given once)."""

    # -- the shared rules ---------------------------------------------------------------
    def new(self, base: int | None = None, owner: str = "") -> Draft:
        """A new folder with a copy of a version (the current one by default). It becomes
        its owner's draft when saved; without an owner it is a scratch copy."""
        number = base if base is not None else self.store.ensure()
        source = self.store.version_dir(number)
        path = self.folder / uuid.uuid4().hex
        copy_files(source, path, managed_files(source))
        write_draft_json(path, number, owner)
        return Draft(path, number, owner)

    def open(self, owner: str, now: float | None = None) -> Draft:
        """The staff member's draft, its use recorded; a new one on the current version
        when they have none (see ``take_expired`` for why an earlier one is gone)."""
        owner = owner_key(owner)
        if not owner:
            raise StoreError("say who you are: a draft belongs to a staff member")
        now = self.now() if now is None else now
        self.sweep(now)
        found = self._find(owner)
        if found is not None:
            record, path = found
            self._touch(owner, now)
            return Draft(path, record.base, owner)
        draft = self.new(owner=owner)
        self._keep(draft, now)
        return draft

    def save(self, draft: Draft, now: float | None = None) -> None:
        """After every change to a staff member's draft: its use, and its files, are kept
        (on PostgreSQL, written through to the database). Scratch copies keep nothing."""
        if draft.owner:
            self._keep(draft, self.now() if now is None else now)

    def discard(self, draft: Draft) -> None:
        """Delete a draft's folder; its owner then has no draft until they open one."""
        if draft.owner:
            self._release(draft.owner, draft.path.name)
        if draft.path.parent == self.folder:
            shutil.rmtree(draft.path, ignore_errors=True)

    def sweep(self, now: float | None = None) -> list[str]:
        """Remove the drafts unused for KEEP_DAYS days (their owners get a note), and after
        a day whatever else is in the folder (scratch copies, carry-overs cut short, an
        upload's copy from a crash); returns the owners whose draft was removed."""
        now = self.now() if now is None else now
        expired = self._expire(now - KEEP_SECONDS, now)
        for owner, record in expired:
            shutil.rmtree(self.folder / record.id, ignore_errors=True)
            self.store.audit("draft_expired", who=owner, base=record.base, used=time_text(record.used))
        if self.folder.is_dir():
            kept = self._kept_ids()
            for path in self.folder.iterdir():
                if path.name not in kept and not path.name.startswith("index.") and _age(path) > STALE_SECONDS:
                    remove_path(path)
        return [owner for owner, _ in expired]
