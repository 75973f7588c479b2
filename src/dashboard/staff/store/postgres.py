"""The PostgreSQL backend: one store shared by every app server ($DASHBOARD_STORE =
``postgresql://user@host/db``), for organisations that run the site on several machines.

What is where: versions, their files (bytes, once per distinct SHA-256), the pointer to
the published version (table ``head``), the audit log, the staff members' drafts and
the sign-in throttle live in the database (drafts and throttle: store.postgres_state);
each server keeps a local cache folder ($DASHBOARD_CACHE, default ``var/cache``) with
the files of the versions it has shown and the folders of the drafts edited on it, so
the loader and its caches read ordinary folders as with the file store.

A publication is one transaction: store the missing file contents, lock the head row,
compare it with the base version (another publication in between is a ConflictError),
insert the version and its file list, move the head, write the audit record and send
a notification; the commit makes all of it visible at once, and a crash or a killed
process before the commit leaves nothing of it. A cached version folder is written in
a private folder, checked against the SHA-256 of every file and renamed into place, so
a cache holds whole versions only; it is checked again once per process before use.

How servers learn of a new version: each process runs one watcher thread that LISTENs
on ``dashboard_version`` and also reads the head row every second (in case a
notification is lost with a connection); when the head moves it fetches the version
into the cache, then ``serving_dir`` answers with it. Pages poll ``serving_dir``,
which costs no query.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

from dashboard.staff.store import base as b
from dashboard.staff.store import disk
from dashboard.staff.store.base import ConflictError, Store, StoreError, Version
from dashboard.staff.store.migrations import migrate
from dashboard.staff.store.postgres_state import PgAttempts, PgDrafts

CHANNEL = "dashboard_version"
WATCH_SECONDS = 1.0  # the watcher reads the head row at least this often
CONNECT_TIMEOUT = 10.0
_pools: dict[str, ConnectionPool] = {}
_pools_lock = threading.Lock()
_watchers: dict[tuple[str, str], _Watcher] = {}


def _pool(url: str) -> ConnectionPool:
    """This process's connection pool for a database, opened (and the schema migrated) once."""
    with _pools_lock:
        pool = _pools.get(url)
        if pool is not None:
            return pool
        try:  # one plain connection first: its error says what is wrong (a pool only retries)
            with psycopg.connect(url, connect_timeout=int(CONNECT_TIMEOUT)) as conn:
                migrate(conn)
        except psycopg.Error as exc:
            raise StoreError(f"the database {_describe(url)} cannot be used: {_first_line(exc)}") from exc
        pool = ConnectionPool(
            url,
            min_size=1,
            max_size=4,
            open=False,
            check=ConnectionPool.check_connection,
            kwargs={"connect_timeout": int(CONNECT_TIMEOUT)},
            name="dashboard-store",
        )
        try:
            pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except (psycopg.Error, PoolTimeout) as exc:
            pool.close()
            raise StoreError(f"the database {_describe(url)} cannot be used: {_first_line(exc)}") from exc
        except BaseException:
            pool.close()
            raise
        _pools[url] = pool
        return pool


def close_pools(url: str | None = None) -> None:
    """Stop the watchers and close the connection pools (of one database, or all)."""
    with _pools_lock:
        for key in [k for k in _watchers if url is None or k[0] == url]:
            _watchers.pop(key).stop()
        for key in [k for k in _pools if url is None or k == url]:
            _pools.pop(key).close()


def _describe(url: str) -> str:
    try:
        info = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(an unreadable PostgreSQL URL)"
    host = info.get("host") or "localhost"
    port = f":{info['port']}" if info.get("port") else ""
    return f"'{info.get('dbname') or info.get('user') or ''}' on {host}{port}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).replace(microsecond=0).isoformat()


_VERSION_SQL = (
    "SELECT v.number, v.who, v.published, v.reason, v.base, v.action, v.restored,"
    " coalesce((SELECT json_object_agg(f.path, f.sha256) FROM version_files f WHERE f.version = v.number), '{}')"
    " FROM versions v"
)


def _version_row(row: tuple) -> Version:
    number, who, published, reason, base, action, restored, files = row
    return Version(number, who, _iso(published), reason, base, action, restored, dict(files))


class PgStore(Store):
    """The versioned data store in a PostgreSQL database, with a local cache folder."""

    def __init__(
        self, url: str, cache: Path | str, seed: Path | str | None = None, step: b.StepHook | None = None
    ) -> None:
        super().__init__(cache, seed=seed, step=step)
        self.url = url
        self._pool = _pool(url)
        self._verified: set[int] = set()
        self.drafts = PgDrafts(self)
        self.attempts = PgAttempts(self)

    def reopened(self, step: b.StepHook | None = None) -> PgStore:
        return PgStore(self.url, self.root, seed=self.seed, step=step)

    def describe(self) -> str:
        return f"PostgreSQL database {_describe(self.url)}"

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        """A connection of the pool (a StoreError with a message when the database is away)."""
        try:
            with self._pool.connection(timeout=CONNECT_TIMEOUT) as conn:
                yield conn
        except (psycopg.OperationalError, PoolTimeout) as exc:
            raise StoreError(
                f"the database {_describe(self.url)} cannot be reached ({_first_line(exc)}). If you were "
                "publishing, look at the history to see whether the version went through."
            ) from exc

    # -- reading -----------------------------------------------------------------------
    def current(self) -> int | None:
        with self.connection() as conn:
            row = conn.execute("SELECT version FROM head").fetchone()
        return None if row is None else row[0]

    def version(self, number: int) -> Version:
        with self.connection() as conn:
            row = conn.execute(_VERSION_SQL + " WHERE v.number = %s", (number,)).fetchone()
        if row is None:
            raise StoreError(f"there is no version {number}")
        return _version_row(row)

    def versions(self) -> list[Version]:
        with self.connection() as conn:
            rows = conn.execute(_VERSION_SQL + " ORDER BY v.number DESC").fetchall()
        return [_version_row(r) for r in rows]

    def version_dir(self, number: int) -> Path:
        """The version's folder in this server's cache, fetched from the database when
        it is not there yet (or does not match its checksums)."""
        path = self.root / "versions" / b.version_name(number)
        if number in self._verified and path.is_dir():
            return path
        if path.is_dir() and self._matches(path):
            self._verified.add(number)
            return path
        self._fetch(number, path)
        self._verified.add(number)
        return path

    def _matches(self, path: Path) -> bool:
        try:
            meta = json.loads((path / b.META).read_text(encoding="utf-8"))
            return all(
                hashlib.sha256((path / rel).read_bytes()).hexdigest() == sha for rel, sha in meta["sha256"].items()
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return False

    def _fetch(self, number: int, path: Path) -> None:
        version = self.version(number)
        with self.connection() as conn:
            rows = conn.execute(
                "SELECT f.path, b.data FROM version_files f JOIN blobs b USING (sha256) WHERE f.version = %s",
                (number,),
            ).fetchall()
        tmp_root = self.root / "tmp"
        tmp_root.mkdir(parents=True, exist_ok=True)
        disk.sweep(tmp_root)
        work = tmp_root / disk.scratch_name("cache-")
        try:
            for rel, data in rows:
                data = bytes(data)
                if hashlib.sha256(data).hexdigest() != version.files.get(rel):
                    raise StoreError(f"version {number}: {rel} in the database does not match its checksum")
                (work / rel).parent.mkdir(parents=True, exist_ok=True)
                (work / rel).write_bytes(data)
            if {rel for rel, _ in rows} != set(version.files):
                raise StoreError(f"version {number}: the database does not hold all of its files")
            (work / b.META).write_text(json.dumps(version.meta(), ensure_ascii=False, indent=2), encoding="utf-8")
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists():  # a broken copy (checked above); another process may be replacing it too
                shutil.rmtree(path, ignore_errors=True)
            try:
                work.rename(path)
            except OSError:
                if not (path.is_dir() and self._matches(path)):  # another process put it there first
                    raise
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def serving_dir(self) -> Path | None:
        key = (self.url, str(self.root))
        watcher = _watchers.get(key)
        if watcher is None:
            handle = self.reopened()
            with _pools_lock:
                watcher = _watchers.get(key)
                if watcher is None:
                    watcher = _watchers[key] = _Watcher(handle)
        return watcher.path()

    # -- publishing --------------------------------------------------------------------
    def _commit(self, p: b.Pending) -> Version:
        work, sums, who, reason, base, action, restored = (
            p.work, p.sums, p.who, p.reason, p.base, p.action, p.restored
        )  # fmt: skip
        self.step("before_lock")
        current: int | None = None
        conflict = False
        try:
            with self.connection() as conn, conn.transaction():
                conn.execute(f"SET LOCAL lock_timeout = '{int(self.lock_timeout * 1000)}ms'")
                have = {
                    r[0]
                    for r in conn.execute(
                        "SELECT sha256 FROM blobs WHERE sha256 = ANY(%s)", (list(set(sums.values())),)
                    )
                }
                missing = {sha: rel for rel, sha in sums.items() if sha not in have}
                with conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO blobs (sha256, data) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                        [(sha, (work / rel).read_bytes()) for sha, rel in missing.items()],
                    )
                self.step("files_stored")
                current = conn.execute("SELECT version FROM head FOR UPDATE").fetchone()[0]
                self.step("locked")
                if current != base:
                    conflict = True
                    raise psycopg.Rollback()
                number = (current or 0) + 1
                published = conn.execute(
                    "INSERT INTO versions (number, who, reason, base, action, restored)"
                    " VALUES (%s, %s, %s, %s, %s, %s) RETURNING published",
                    (number, who, reason, base, action, restored),
                ).fetchone()[0]
                with conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO version_files (version, path, sha256) VALUES (%s, %s, %s)",
                        [(number, rel, sha) for rel, sha in sums.items()],
                    )
                self.step("version_inserted")
                conn.execute("UPDATE head SET version = %s", (number,))
                self.step("pointer_updated")
                self._audit(conn, action, who=who, version=number, base=base, reason=reason, restored=restored)
                conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(number)))
                self.step("audit_written")
        except psycopg.errors.LockNotAvailable as exc:
            raise StoreError("another publication is taking long; nothing was published, try again") from exc
        if conflict:
            self.audit("publish_conflict", who=who, base=base, current=current, reason=reason)
            raise ConflictError(base, current)
        self.step("committed")
        return Version(number, who, _iso(published), reason, base, action, restored, dict(sums))

    # -- audit log ---------------------------------------------------------------------
    @staticmethod
    def _audit(conn: psycopg.Connection, event: str, **fields: object) -> None:
        record = b.audit_record(**fields)
        conn.execute(
            "INSERT INTO audit (event, fields) VALUES (%s, %s)",
            (event, Jsonb(record, dumps=partial(json.dumps, ensure_ascii=False, default=str))),
        )

    def audit(self, event: str, **fields: object) -> None:
        with self.connection() as conn:
            self._audit(conn, event, **fields)

    def audit_entries(self, limit: int = 200) -> list[dict]:
        with self.connection() as conn:
            rows = conn.execute("SELECT at, event, fields FROM audit ORDER BY id DESC LIMIT %s", (limit,)).fetchall()
        return [{"time": _iso(at), "event": event, **fields} for at, event, fields in rows]


class _Watcher:
    """One thread per process and cache: follows the head row (LISTEN plus a read every
    second) and fetches each new version into the cache before pages are told of it."""

    def __init__(self, store: PgStore) -> None:
        self.store = store
        self._number: int | None = None
        self._path: Path | None = None
        self._ready = threading.Event()
        self._stop = threading.Event()
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="dashboard-store-watcher", daemon=True)
        self._thread.start()

    def path(self) -> Path | None:
        """The cached folder of the newest version heard of (waits for the first answer)."""
        if not self._ready.wait(CONNECT_TIMEOUT):
            raise StoreError(f"{self.store.describe()} did not answer: {self._error or 'no reply'}")
        return self._path

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.store.url, autocommit=True, connect_timeout=int(CONNECT_TIMEOUT)) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    while not self._stop.is_set():
                        self._check(conn)
                        for _ in conn.notifies(timeout=WATCH_SECONDS, stop_after=1):
                            pass
            except (psycopg.Error, StoreError, OSError) as exc:
                self._error = exc  # keep serving the last version heard of; try again
                self._stop.wait(WATCH_SECONDS)

    def _check(self, conn: psycopg.Connection) -> None:
        row = conn.execute("SELECT version FROM head").fetchone()
        number = None if row is None else row[0]
        if number != self._number or not self._ready.is_set():
            path = None if number is None else self.store.version_dir(number)
            self._number, self._path = number, path
            self._ready.set()
