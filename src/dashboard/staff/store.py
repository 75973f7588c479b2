"""A versioned store of the geodata files, published atomically.

Layout of the store folder ($DASHBOARD_STORE, default ``<repo>/var/store``)::

    CURRENT                 the published version's number ("000007"), switched with os.replace
    versions/000001/        a full, immutable copy of the data files + meta.json
    versions/000002/ ...
    drafts/<id>/            one staff member's working copy (draft.json names its base version)
    tmp/                    publications being written; never read by the app
    audit.log               append-only JSON lines: sign-ins and publications
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
"recovered".
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from dashboard.data.loader import data_files, load_dataset
from dashboard.data.report import Report

REPO = Path(__file__).resolve().parents[3]
STORE_ENV = "DASHBOARD_STORE"
POINTER = "CURRENT"
META = "meta.json"
EXTRA_FILES = ("boundaries/build.json",)  # kept with a version, not read by the loader
MAX_REASON = 300
_STALE_SECONDS = 24 * 3600
_NUMBER = re.compile(r"^\d{6}$")
_VERSION_EVENTS = ("seed", "publish", "rollback")  # audit events that record a new version

StepHook = Callable[[str], None]


def default_store_root(geodata: Path | None = None) -> Path:
    """$DASHBOARD_STORE; else var/store beside the geodata folder (for the repository's
    geodata/, <repo>/var/store, which git ignores)."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env)
    return (Path(geodata).resolve().parent if geodata is not None else REPO) / "var" / "store"


class StoreError(Exception):
    """A publication that did not happen, with a message for people."""


class ConflictError(StoreError):
    """Someone published since the version this change was based on."""

    def __init__(self, base: int | None, current: int | None) -> None:
        super().__init__(
            f"the data changed while you were working: your change is based on version {base}, "
            f"but version {current} has been published since. Nothing was published; review "
            "the differences and publish again."
        )
        self.base = base
        self.current = current


class ValidationFailed(StoreError):
    """The files have errors; nothing was published."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"the data has {len(report.errors)} error(s); nothing was published")
        self.report = report


@dataclass(frozen=True)
class Version:
    """One published version: who published it, when, why, and its files' checksums."""

    number: int
    who: str
    when: str
    reason: str
    base: int | None
    action: str  # "seed", "publish" or "rollback"
    restored: int | None
    files: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_meta(cls, meta: dict) -> Version:
        return cls(
            number=int(meta["version"]),
            who=str(meta["who"]),
            when=str(meta["when"]),
            reason=str(meta["reason"]),
            base=meta.get("base"),
            action=str(meta.get("action", "publish")),
            restored=meta.get("restored"),
            files=dict(meta.get("sha256", {})),
        )


@dataclass(frozen=True)
class Draft:
    """A working copy: a folder of data files and the version it started from."""

    path: Path
    base: int


def managed_files(root: Path) -> list[str]:
    """The data files of a folder that a version keeps, as paths relative to it."""
    names = [p.relative_to(root).as_posix() for p in data_files(root)] + list(EXTRA_FILES)
    return [n for n in dict.fromkeys(names) if (root / n).is_file()]


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_durable(path: Path, data: bytes) -> None:
    """Write a new file and force it to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _name(number: int) -> str:
    return f"{number:06d}"


def _disk_message(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full; nothing was published. Ask the administrator to free space."
    return f"the files could not be written ({exc.strerror or exc}); nothing was published"


class Store:
    """The versioned data store. ``seed`` is the folder that becomes version 1 on first use."""

    def __init__(self, root: Path | str, seed: Path | str | None = None, step: StepHook | None = None) -> None:
        self.root = Path(root)
        self.seed = Path(seed) if seed is not None else None
        self._step = step
        self.lock_timeout = 30.0

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
        return self.versions_dir / _name(number)

    def step(self, name: str) -> None:
        """A named point in a publication (tests stop or crash the process here)."""
        if self._step is not None:
            self._step(name)

    # -- reading -----------------------------------------------------------------------
    def current(self) -> int | None:
        """The published version's number, or None when nothing was published yet.

        One small file read: cheap enough to call on every rerun."""
        try:
            text = self.pointer.read_text(encoding="ascii").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            return None
        return int(text) if _NUMBER.match(text) else None

    def current_dir(self) -> Path | None:
        """The published version's folder (resolve once, then read only from it)."""
        number = self.current()
        return None if number is None else self.version_dir(number)

    def exists(self) -> bool:
        return self.current() is not None

    def version(self, number: int) -> Version:
        """The metadata of a published version."""
        current = self.current()
        if current is None or not 1 <= number <= current:
            raise StoreError(f"there is no version {number}")
        try:
            meta = json.loads((self.version_dir(number) / META).read_text(encoding="utf-8"))
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

    # -- first use ---------------------------------------------------------------------
    def ensure(self, who: str = "system") -> int:
        """The current version; on first use, version 1 is made from the seed folder."""
        number = self.current()
        if number is not None:
            return number
        if self.seed is None:
            raise StoreError("the store is empty and no data folder was given to start it from")
        try:
            version = self._publish_files(self.seed, managed_files(self.seed), who, "shipped data", None, "seed")
        except ConflictError:  # someone else seeded it at the same moment
            return int(self.current() or 0)
        return version.number

    # -- drafts ------------------------------------------------------------------------
    def new_draft(self, base: int | None = None) -> Draft:
        """A working copy of a version (the current one by default)."""
        number = base if base is not None else self.ensure()
        source = self.version_dir(number)
        self._sweep(self.root / "drafts")
        path = self.root / "drafts" / uuid.uuid4().hex
        for rel in managed_files(source):
            (path / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / rel, path / rel)
        (path / "draft.json").write_text(json.dumps({"base": number, "created": _now()}), encoding="utf-8")
        return Draft(path, number)

    def discard(self, draft: Draft | Path) -> None:
        """Delete a working copy."""
        path = draft.path if isinstance(draft, Draft) else Path(draft)
        if path.parent == self.root / "drafts":
            shutil.rmtree(path, ignore_errors=True)

    # -- publishing --------------------------------------------------------------------
    def publish(self, folder: Path | str, who: str, reason: str, base: int | None) -> Version:
        """Publish the data files of ``folder`` as a new version, all or nothing.

        Raises ValidationFailed (the files have errors), ConflictError (``base`` is no
        longer the current version) or StoreError (disk full, store busy)."""
        folder = Path(folder)
        return self._publish_files(folder, managed_files(folder), who, reason, base, "publish")

    def rollback(self, target: int, who: str, reason: str, base: int | None) -> Version:
        """Publish an earlier version's files again, as a new version."""
        version = self.version(target)
        return self._publish_files(
            self.version_dir(target), sorted(version.files), who, reason, base, "rollback", restored=target
        )

    def _publish_files(
        self,
        source: Path,
        files: Iterable[str],
        who: str,
        reason: str,
        base: int | None,
        action: str,
        restored: int | None = None,
    ) -> Version:
        who, reason = " ".join(who.split()), " ".join(reason.split())
        if not who:
            raise StoreError("say who is publishing")
        if not reason:
            raise StoreError("give a short reason for this version; it is kept in the history")
        if len(reason) > MAX_REASON:
            raise StoreError(f"the reason is {len(reason)} characters long; keep it under {MAX_REASON}")
        self.root.mkdir(parents=True, exist_ok=True)
        tmp_root = self.root / "tmp"
        tmp_root.mkdir(exist_ok=True)
        work = tmp_root / f"{os.getpid()}-{uuid.uuid4().hex}"
        try:
            sums = self._copy(source, list(files), work)
            self.step("copied")
            result = load_dataset(work)
            self.step("validated")
            if not result.report.ok:
                raise ValidationFailed(result.report)
            return self._commit(work, sums, who, reason, base, action, restored)
        except OSError as exc:
            raise StoreError(_disk_message(exc)) from exc
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _copy(self, source: Path, files: list[str], work: Path) -> dict[str, str]:
        sums: dict[str, str] = {}
        work.mkdir()
        for rel in files:
            data = (source / rel).read_bytes()
            _write_durable(work / rel, data)
            sums[rel] = hashlib.sha256(data).hexdigest()
            self.step(f"file:{rel}")
        for folder in sorted({(work / rel).parent for rel in files}, reverse=True):
            _fsync_dir(folder)
        return sums

    def _commit(
        self,
        work: Path,
        sums: dict[str, str],
        who: str,
        reason: str,
        base: int | None,
        action: str,
        restored: int | None,
    ) -> Version:
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
                meta = {
                    "version": number,
                    "who": who,
                    "when": _now(),
                    "reason": reason,
                    "base": base,
                    "action": action,
                    "restored": restored,
                    "sha256": sums,
                }
                _write_durable(work / META, json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8"))
                _fsync_dir(work)
                self.step("meta_written")
                self.versions_dir.mkdir(exist_ok=True)
                os.rename(work, self.version_dir(number))
                _fsync_dir(self.versions_dir)
                self.step("version_renamed")
                self._switch(number)
                self.step("pointer_switched")
                self.audit(action, who=who, version=number, base=base, reason=reason, restored=restored)
                return Version.from_meta(meta)
        except Timeout as exc:
            raise StoreError("another publication is taking long; nothing was published, try again") from exc

    def _switch(self, number: int) -> None:
        tmp = self.root / f"{POINTER}.{os.getpid()}.tmp"
        tmp.unlink(missing_ok=True)
        _write_durable(tmp, (_name(number) + "\n").encode("ascii"))
        self.step("pointer_written")
        os.replace(tmp, self.pointer)
        _fsync_dir(self.root)

    def _remove_unpublished(self, number: int) -> None:
        """Folders of publications that crashed before the pointer switch (under the lock)."""
        if not self.versions_dir.is_dir():
            return
        for path in self.versions_dir.iterdir():
            if _NUMBER.match(path.name) and int(path.name) >= number:
                shutil.rmtree(path, ignore_errors=True)
        self._sweep(self.root / "tmp")
        for path in self.root.glob(f"{POINTER}.*.tmp"):
            path.unlink(missing_ok=True)

    def _sweep(self, folder: Path) -> None:
        """Remove entries older than a day (abandoned drafts, crashed copies)."""
        if not folder.is_dir():
            return
        limit = time.time() - _STALE_SECONDS
        for path in folder.iterdir():
            try:
                if path.stat().st_mtime < limit:
                    shutil.rmtree(path, ignore_errors=True)
            except OSError:
                continue

    # -- audit log ---------------------------------------------------------------------
    def audit(self, event: str, **fields: object) -> None:
        """Append one JSON line to audit.log (O_APPEND, then fsync): never rewritten."""
        self.root.mkdir(parents=True, exist_ok=True)
        record = {"time": _now(), "event": event, **{k: v for k, v in fields.items() if v is not None}}
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


def validate_folder(folder: Path, today: date | None = None) -> Report:
    """The `dashboard validate` report of a folder."""
    return load_dataset(folder, today).report
