"""The file backend: a versioned store in one folder, published atomically (the default).

Layout of the store folder ($DASHBOARD_STORE, default ``<repo>/var/store``)::

    CURRENT                 the published version's number ("000007"), switched with os.replace
    versions/000001/        a full, immutable copy of the data files + meta.json
    versions/000002/ ...
    drafts/<id>/            one staff member's working copy (draft.json names its base version)
    drafts/index.json       whose draft is which, and when each was last used (store.files_state)
    tmp/                    publications being written; never read by the app
    audit.log               append-only JSON lines: sign-ins and publications
    throttle.json           failed sign-ins, per client and for all clients (store.files_state)
    publish.lock            held while the base version is compared and CURRENT switched

How a publication stays all-or-nothing: the files are copied to ``tmp/<id>/`` (each
fsynced), that copy is validated with the same loader as ``dashboard validate``, then,
under the lock, the base version is compared with CURRENT (another publication in
between is a ConflictError), meta.json is written, the folder is renamed to
``versions/<n>/`` and the pointer file is replaced. Readers resolve CURRENT once and
read one immutable folder, so they see the old version or the new one, never a mix. A
crash before the pointer switch leaves a folder nobody points at; the next publication
removes it. Version numbers only grow: a rollback is a new version with the old files.
A crash after the pointer switch but before the audit line leaves a live version that
the log does not show; the next publication logs it from its meta.json, marked
"recovered". A publication killed at any point leaves at most a private copy in tmp/
or an unpublished folder in versions/: both go at the next start of the app.

Correct on one machine (several processes included), not across machines: file locks
and renames on network file systems are not to be trusted. See store.postgres.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from filelock import FileLock, Timeout

from dashboard.staff.store import base as b
from dashboard.staff.store import disk
from dashboard.staff.store.base import ConflictError, Store, StoreError, Version
from dashboard.staff.store.files_state import FileAttempts, FileDrafts

POINTER = "CURRENT"
_VERSION_EVENTS = ("seed", "publish", "rollback")  # audit events that record a new version


class FileStore(Store):
    """The versioned data store in a folder of this machine."""

    def __init__(self, root: Path | str, seed: Path | str | None = None, step: b.StepHook | None = None) -> None:
        super().__init__(root, seed=seed, step=step)
        self.drafts = FileDrafts(self)
        self.attempts = FileAttempts(self.root)

    # -- paths -------------------------------------------------------------------------
    @property
    def versions_dir(self) -> Path:
        return self.root / "versions"

    @property
    def pointer(self) -> Path:
        return self.root / POINTER

    @property
    def audit_path(self) -> Path:
        return self.root / "audit.log"

    def version_dir(self, number: int) -> Path:
        """The folder of a version (it exists only for published versions)."""
        return self.versions_dir / b.version_name(number)

    def reopened(self, step: b.StepHook | None = None) -> FileStore:
        return FileStore(self.root, seed=self.seed, step=step)

    def describe(self) -> str:
        return str(self.root)

    # -- reading -----------------------------------------------------------------------
    def current(self) -> int | None:
        """The published version's number, or None when nothing was published yet.

        One small file read: cheap enough to call on every rerun."""
        try:
            text = self.pointer.read_text(encoding="ascii").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            return None
        return int(text) if b.NUMBER.match(text) else None

    def version(self, number: int) -> Version:
        """The metadata of a published version."""
        current = self.current()
        if current is None or not 1 <= number <= current:
            raise StoreError(f"there is no version {number}")
        try:
            meta = json.loads((self.version_dir(number) / b.META).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"version {number} cannot be read ({exc})") from exc
        return Version.from_meta(meta)

    def versions(self) -> list[Version]:
        """Every published version, newest first."""
        current = self.current() or 0
        out = []
        for number in range(current, 0, -1):
            try:
                out.append(self.version(number))
            except StoreError:
                continue
        return out

    # -- publishing --------------------------------------------------------------------
    def _commit(self, p: b.Pending) -> Version:
        work, sums, who, reason, base, action, restored = (
            p.work, p.sums, p.who, p.reason, p.base, p.action, p.restored
        )  # fmt: skip
        self.step("before_lock")
        try:
            with FileLock(str(self.root / "publish.lock"), timeout=self.lock_timeout):
                self.step("locked")
                current = self.current()
                self._complete_audit(current)
                if current != base:
                    self.audit("publish_conflict", who=who, base=base, current=current, reason=reason)
                    raise ConflictError(base, current)
                number = (current or 0) + 1
                self._remove_unpublished(number)
                version = Version(number, who, b.now_text(), reason, base, action, restored, sums)
                meta = json.dumps(version.meta(), ensure_ascii=False, indent=2).encode("utf-8")
                disk.write_durable(work / b.META, meta)
                disk.fsync_dir(work)
                self.step("meta_written")
                self.versions_dir.mkdir(exist_ok=True)
                os.rename(work, self.version_dir(number))
                disk.fsync_dir(self.versions_dir)
                self.step("version_renamed")
                self._switch(number)
                self.step("pointer_switched")
                self.audit(action, who=who, version=number, base=base, reason=reason, restored=restored)
                return version
        except Timeout as exc:
            raise StoreError("another publication is taking long; nothing was published, try again") from exc

    def _switch(self, number: int) -> None:
        tmp = self.root / f"{POINTER}.{os.getpid()}.tmp"
        tmp.unlink(missing_ok=True)
        disk.write_durable(tmp, (b.version_name(number) + "\n").encode("ascii"))
        self.step("pointer_written")
        os.replace(tmp, self.pointer)
        disk.fsync_dir(self.root)

    def remove_leftovers(self) -> list[str]:
        """At start, also the folders of publications killed before the pointer switch."""
        removed = super().remove_leftovers()
        if not self.versions_dir.is_dir():
            return removed
        try:
            with FileLock(str(self.root / "publish.lock"), timeout=0):
                self._remove_unpublished((self.current() or 0) + 1)
        except (Timeout, OSError):
            pass  # a publication is running: it removes them itself
        return removed

    def _remove_unpublished(self, number: int) -> None:
        """Folders of publications that crashed before the pointer switch (under the lock)."""
        if not self.versions_dir.is_dir():
            return
        for path in self.versions_dir.iterdir():
            if b.NUMBER.match(path.name) and int(path.name) >= number:
                shutil.rmtree(path, ignore_errors=True)
        disk.sweep(self.root / "tmp")
        for path in self.root.glob(f"{POINTER}.*.tmp"):
            path.unlink(missing_ok=True)

    # -- audit log ---------------------------------------------------------------------
    def audit(self, event: str, **fields: object) -> None:
        """Append one JSON line to audit.log (O_APPEND, then fsync): never rewritten."""
        self.root.mkdir(parents=True, exist_ok=True)
        record = {"time": b.now_text(), "event": event, **b.audit_record(**fields)}
        line = (json.dumps(record, ensure_ascii=False, default=str) + "\n").encode("utf-8")
        fd = os.open(self.audit_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    def _complete_audit(self, current: int | None) -> None:
        """Under the lock: log the versions a crash left live but unlogged (between the
        pointer switch and the audit line), from their own meta.json, marked recovered."""
        if not current:
            return
        logged = 0
        try:
            with self.audit_path.open(encoding="utf-8") as f:
                for line in f:
                    try:
                        record = json.loads(line)
                    except ValueError:
                        continue
                    if record.get("event") in _VERSION_EVENTS and isinstance(record.get("version"), int):
                        logged = max(logged, record["version"])
        except FileNotFoundError:
            pass
        for number in range(logged + 1, current + 1):
            try:
                v = self.version(number)
            except StoreError:
                continue
            self.audit(
                v.action, who=v.who, version=v.number, base=v.base, reason=v.reason, restored=v.restored,
                published=v.when, recovered=True,
            )  # fmt: skip

    def audit_entries(self, limit: int = 200) -> list[dict]:
        """The latest audit records, newest first."""
        try:
            lines = self.audit_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        out = []
        for line in reversed(lines[-limit:]):
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
        return out
