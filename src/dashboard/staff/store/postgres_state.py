"""The staff state of the PostgreSQL store, shared by every app server: drafts and the
failed sign-ins (tables in migrations/0002_staff_state.sql).

A draft is edited in a folder of the server's cache, as with the file store, and every
save writes it through: in one transaction, the ``drafts`` row (which folder, which base
version, last use) and the files that differ from the base version (``draft_files``,
bytes with their SHA-256). Opening a draft checks the folder against those checksums
and rebuilds it from the base version and the changed files when it is missing or
stale, so a draft survives the loss of the server it was edited on, and the newest
save wins when a staff member moved to another server.

The throttle's step is one transaction that first locks the single ``sign_in_recent``
row: every server takes that lock, so no two attempts are reserved at the same time.
Times come from the database's clock, which all servers share.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import astuple
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg

from dashboard.staff.store.attempts import FORGET_SECONDS, AttemptBook, Attempts, AttemptState, Change, T
from dashboard.staff.store.base import Draft, StoreError, managed_files
from dashboard.staff.store.disk import scratch_name
from dashboard.staff.store.drafts import DraftBook, DraftRecord, ExpiredDraft, copy_files, write_draft_json

if TYPE_CHECKING:
    from dashboard.staff.store.postgres import PgStore

_MISSING = object()


def _clock(conn: psycopg.Connection) -> float:
    return float(conn.execute("SELECT extract(epoch FROM clock_timestamp())").fetchone()[0])


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PgDrafts(DraftBook):
    """Drafts in the database, each with a working folder in this server's cache."""

    store: PgStore

    def now(self) -> float:
        with self.store.connection() as conn:
            return _clock(conn)

    def record(self, owner: str) -> DraftRecord | None:
        found = self._stored(owner)
        return None if found is None else found[0]

    def _stored(self, owner: str) -> tuple[DraftRecord, dict[str, str | None]] | None:
        """The staff member's draft and the files it changed (None: removed), as saved."""
        with self.store.connection() as conn:
            rows = conn.execute(
                "SELECT d.id, d.base, extract(epoch FROM d.used), f.path, f.sha256"
                " FROM drafts d LEFT JOIN draft_files f USING (owner) WHERE d.owner = %s",
                (owner,),
            ).fetchall()
        if not rows:
            return None
        changed = {path: sha for *_, path, sha in rows if path is not None}
        return DraftRecord(rows[0][0], rows[0][1], float(rows[0][2])), changed

    def _find(self, owner: str) -> tuple[DraftRecord, Path] | None:
        found = self._stored(owner)
        if found is None:
            return None
        record, changed = found
        expected = self.store.version(record.base).files | changed
        expected = {rel: sha for rel, sha in expected.items() if sha is not None}
        path = self.folder / record.id
        if path.is_dir() and _sums(path) == expected:
            return record, path
        self._rebuild(owner, record, expected, path)
        return record, path

    def _rebuild(self, owner: str, record: DraftRecord, expected: dict[str, str], path: Path) -> None:
        """Write the draft's folder from its base version and its changed files."""
        with self.store.connection() as conn:
            rows = conn.execute(
                "SELECT f.path, f.data FROM draft_files f JOIN drafts d USING (owner)"
                " WHERE f.owner = %s AND d.id = %s AND f.data IS NOT NULL",
                (owner, record.id),
            ).fetchall()
        changed = {rel: bytes(data) for rel, data in rows}
        source = self.store.version_dir(record.base)
        work = self.folder / scratch_name(record.id + ".open-")
        try:
            copy_files(source, work, [rel for rel in expected if rel not in changed])
            for rel, data in changed.items():
                (work / rel).parent.mkdir(parents=True, exist_ok=True)
                (work / rel).write_bytes(data)
            if _sums(work) != expected:
                raise StoreError("your draft changed while it was being opened (another session saved it); reload")
            write_draft_json(work, record.base, owner)
            shutil.rmtree(path, ignore_errors=True)
            try:
                work.rename(path)
            except OSError:
                if not (path.is_dir() and _sums(path) == expected):  # another process put it there first
                    raise
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _keep(self, draft: Draft, now: float) -> None:
        contents = {rel: (draft.path / rel).read_bytes() for rel in managed_files(draft.path)}
        base = self.store.version(draft.base).files
        want: dict[str, str | None] = {rel: _sha(data) for rel, data in contents.items()}
        want = {rel: sha for rel, sha in want.items() if base.get(rel) != sha}
        want |= {rel: None for rel in base if rel not in contents}
        with self.store.connection() as conn, conn.transaction():
            conn.execute(
                "INSERT INTO drafts (owner, id, base, used) VALUES (%s, %s, %s, to_timestamp(%s))"
                " ON CONFLICT (owner) DO UPDATE SET id = excluded.id, base = excluded.base, used = excluded.used",
                (draft.owner, draft.path.name, draft.base, now),
            )
            have = dict(
                conn.execute("SELECT path, sha256 FROM draft_files WHERE owner = %s", (draft.owner,)).fetchall()
            )
            gone = [rel for rel in have if rel not in want]
            if gone:
                conn.execute("DELETE FROM draft_files WHERE owner = %s AND path = ANY(%s)", (draft.owner, gone))
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO draft_files (owner, path, sha256, data) VALUES (%s, %s, %s, %s)"
                    " ON CONFLICT (owner, path) DO UPDATE SET sha256 = excluded.sha256, data = excluded.data",
                    [
                        (draft.owner, rel, sha, contents[rel] if sha is not None else None)
                        for rel, sha in want.items()
                        if have.get(rel, _MISSING) != sha
                    ],
                )
            self.store.step("draft_saving")

    def _touch(self, owner: str, now: float) -> None:
        with self.store.connection() as conn:
            conn.execute("UPDATE drafts SET used = to_timestamp(%s) WHERE owner = %s", (now, owner))

    def _release(self, owner: str, draft_id: str) -> None:
        with self.store.connection() as conn:
            conn.execute("DELETE FROM drafts WHERE owner = %s AND id = %s", (owner, draft_id))

    def _expire(self, before: float, now: float) -> list[tuple[str, DraftRecord]]:
        with self.store.connection() as conn, conn.transaction():
            rows = conn.execute(
                "DELETE FROM drafts WHERE used < to_timestamp(%s) RETURNING owner, id, base, extract(epoch FROM used)",
                (before,),
            ).fetchall()
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO drafts_expired (owner, base, used, removed)"
                    " VALUES (%s, %s, to_timestamp(%s), to_timestamp(%s)) ON CONFLICT (owner) DO UPDATE"
                    " SET base = excluded.base, used = excluded.used, removed = excluded.removed",
                    [(owner, base, float(used), now) for owner, _, base, used in rows],
                )
        return [(owner, DraftRecord(id_, base, float(used))) for owner, id_, base, used in rows]

    def _kept_ids(self) -> set[str]:
        with self.store.connection() as conn:
            return {r[0] for r in conn.execute("SELECT id FROM drafts")}

    def take_expired(self, owner: str) -> ExpiredDraft | None:
        with self.store.connection() as conn:
            row = conn.execute(
                "DELETE FROM drafts_expired WHERE owner = %s"
                " RETURNING base, extract(epoch FROM used), extract(epoch FROM removed)",
                (owner,),
            ).fetchone()
        return None if row is None else ExpiredDraft(row[0], float(row[1]), float(row[2]))


def _sums(folder: Path) -> dict[str, str]:
    return {rel: _sha((folder / rel).read_bytes()) for rel in managed_files(folder)}


class PgAttempts(AttemptBook):
    """Failed sign-ins in the database: one step at a time across all servers."""

    def __init__(self, store: PgStore) -> None:
        self.store = store

    def update(self, key: str, change: Change[T], now: float | None = None) -> T:
        with self.store.connection() as conn, conn.transaction():
            recent = tuple(conn.execute("SELECT times FROM sign_in_recent FOR UPDATE").fetchone()[0])
            now = _clock(conn) if now is None else now
            conn.execute("DELETE FROM sign_in_clients WHERE last < %s", (now - FORGET_SECONDS,))
            row = conn.execute("SELECT failures, last, until FROM sign_in_clients WHERE client = %s", (key,)).fetchone()
            before = AttemptState(None if row is None else Attempts(*row), recent)
            state, result = change(before, now)
            if state.client is None and before.client is not None:
                conn.execute("DELETE FROM sign_in_clients WHERE client = %s", (key,))
            elif state.client is not None and state.client != before.client:
                conn.execute(
                    "INSERT INTO sign_in_clients (client, failures, last, until) VALUES (%s, %s, %s, %s)"
                    " ON CONFLICT (client) DO UPDATE"
                    " SET failures = excluded.failures, last = excluded.last, until = excluded.until",
                    (key, *astuple(state.client)),
                )
            if state.recent != recent:
                conn.execute("UPDATE sign_in_recent SET times = %s", (list(state.recent),))
        return result
