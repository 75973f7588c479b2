"""What every store backend shares: the interface, its errors, and the first half of a
publication (copy the files to a private folder, checksum them, validate the copy).

A backend supplies how versions are read and how a checked copy becomes the current
version (``_commit``), and the staff state beside them: ``store.drafts`` (store.drafts)
and ``store.attempts``, the failed sign-ins (store.attempts). The staff page, the CLI
and the data access code only use the methods of ``Store`` and of those two.
"""

from __future__ import annotations

import errno
import hashlib
import re
import shutil
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.data.files import data_files
from dashboard.data.loader import load_dataset
from dashboard.data.report import Report
from dashboard.staff.store.disk import fsync_dir, remove_leftovers, scratch_name, write_durable

if TYPE_CHECKING:
    from dashboard.staff.store.attempts import AttemptBook
    from dashboard.staff.store.drafts import DraftBook

META = "meta.json"
EXTRA_FILES = ("boundaries/build.json",)  # kept with a version, not read by the loader
MAX_REASON = 300
MAX_AUDIT_TEXT = 300  # characters of any one text in an audit record: a line stays bounded
NUMBER = re.compile(r"^\d{6}$")

StepHook = Callable[[str], None]


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
        super().__init__(f"the data has {report.error_count} error(s); nothing was published")
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

    def meta(self) -> dict:
        """The version as the meta.json kept beside its files."""
        return {
            "version": self.number,
            "who": self.who,
            "when": self.when,
            "reason": self.reason,
            "base": self.base,
            "action": self.action,
            "restored": self.restored,
            "sha256": dict(self.files),
        }


@dataclass(frozen=True)
class Pending:
    """A publication whose files are copied and validated: what ``_commit`` gets."""

    work: Path  # the checked copy
    sums: dict[str, str]  # SHA-256 per file
    who: str
    reason: str
    base: int | None
    action: str
    restored: int | None


@dataclass(frozen=True)
class Draft:
    """A working copy: a folder of data files, the version it started from, and whose it
    is ("" for a scratch copy that no staff member keeps, as tests and benchmarks use)."""

    path: Path
    base: int
    owner: str = ""


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


def now_text() -> str:
    """The time now, as kept in the history (UTC, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def time_text(seconds: float) -> str:
    """A time in seconds since 1970, as kept in the history (UTC, to the second)."""
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


def version_name(number: int) -> str:
    """A version's folder name: 000007."""
    return f"{number:06d}"


def _bounded(value: object) -> object:
    if isinstance(value, bool | int | float) or value is None:
        return value
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= MAX_AUDIT_TEXT else text[:MAX_AUDIT_TEXT] + "…"


def audit_record(**fields: object) -> dict:
    """The fields of an audit record as kept: no empty ones, and no text longer than
    MAX_AUDIT_TEXT characters, whatever a client sent (one record, one bounded line)."""
    return {k: _bounded(v) for k, v in fields.items() if v is not None}


def _disk_message(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full; nothing was published. Ask the administrator to free space."
    return f"the files could not be written ({exc.strerror or exc}); nothing was published"


class Store(ABC):
    """The versioned data store, whichever backend keeps it.

    ``root`` is a folder on this machine (the store itself for the file backend, the
    local cache for PostgreSQL); ``seed`` is the folder that becomes version 1 on first
    use; ``step`` is called at named points of a publication (tests crash there).
    ``drafts`` keeps each staff member's draft and ``attempts`` the failed sign-ins,
    in the same place as the versions."""

    lock_timeout = 30.0
    drafts: DraftBook
    attempts: AttemptBook

    def __init__(self, root: Path | str, seed: Path | str | None = None, step: StepHook | None = None) -> None:
        self.root = Path(root)
        self.seed = Path(seed) if seed is not None else None
        self._step = step

    def step(self, name: str) -> None:
        """A named point in a publication (tests stop or crash the process here)."""
        if self._step is not None:
            self._step(name)

    # -- what a backend provides ------------------------------------------------------
    @abstractmethod
    def reopened(self, step: StepHook | None = None) -> Store:
        """Another handle on the same store, as a new process would open it."""

    @abstractmethod
    def describe(self) -> str:
        """Where the store is, for messages (never a password)."""

    @abstractmethod
    def current(self) -> int | None:
        """The published version's number, or None when nothing was published yet."""

    @abstractmethod
    def version(self, number: int) -> Version:
        """The metadata of a published version."""

    @abstractmethod
    def versions(self) -> list[Version]:
        """Every published version, newest first."""

    @abstractmethod
    def version_dir(self, number: int) -> Path:
        """A folder on this machine with a published version's files (and meta.json)."""

    @abstractmethod
    def audit(self, event: str, **fields: object) -> None:
        """Record one event (sign-ins, publications) in the append-only audit log."""

    @abstractmethod
    def audit_entries(self, limit: int = 200) -> list[dict]:
        """The latest audit records, newest first."""

    @abstractmethod
    def _commit(self, p: Pending) -> Version:
        """Make a checked copy the current version, all or nothing, if its base is current."""

    # -- shared reading ----------------------------------------------------------------
    def current_dir(self) -> Path | None:
        """The published version's folder (resolve once, then read only from it)."""
        number = self.current()
        return None if number is None else self.version_dir(number)

    def serving_dir(self) -> Path | None:
        """The folder pages should show now, cheaply enough for every rerun (the file
        store reads its pointer; PostgreSQL answers from what this server last heard)."""
        return self.current_dir()

    def exists(self) -> bool:
        return self.current() is not None

    def close(self) -> None:  # noqa: B027 (a backend with nothing to close keeps this)
        """Release connections and threads (nothing to do for the file store)."""

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

    # -- drafts (see store.drafts) -----------------------------------------------------
    @property
    def drafts_dir(self) -> Path:
        return self.root / "drafts"

    def new_draft(self, base: int | None = None) -> Draft:
        """A scratch working copy of a version (the current one by default)."""
        return self.drafts.new(base)

    def discard(self, draft: Draft | Path) -> None:
        """Delete a working copy (a staff member's draft is then no longer theirs)."""
        self.drafts.discard(draft if isinstance(draft, Draft) else Draft(Path(draft), 0))

    # -- after a crash ---------------------------------------------------------------
    def remove_leftovers(self) -> list[str]:
        """At start: remove the temporary copies that crashed uploads and publications of
        this machine left in tmp/ and drafts/ (only those of processes that are gone)."""
        return remove_leftovers(self.root / "tmp") + remove_leftovers(self.drafts_dir)

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
        work = tmp_root / scratch_name()
        try:
            sums = self._copy(source, list(files), work)
            self.step("copied")
            result = load_dataset(work)
            self.step("validated")
            if not result.report.ok:
                raise ValidationFailed(result.report)
            return self._commit(Pending(work, sums, who, reason, base, action, restored))
        except OSError as exc:
            raise StoreError(_disk_message(exc)) from exc
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _copy(self, source: Path, files: list[str], work: Path) -> dict[str, str]:
        sums: dict[str, str] = {}
        work.mkdir()
        for rel in files:
            data = (source / rel).read_bytes()
            write_durable(work / rel, data)
            sums[rel] = hashlib.sha256(data).hexdigest()
            self.step(f"file:{rel}")
        for folder in sorted({(work / rel).parent for rel in files}, reverse=True):
            fsync_dir(folder)
        return sums


def validate_folder(folder: Path, today: date | None = None) -> Report:
    """The `dashboard validate` report of a folder."""
    return load_dataset(folder, today).report
