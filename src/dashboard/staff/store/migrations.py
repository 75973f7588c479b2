"""Schema migrations of the PostgreSQL store: numbered SQL files shipped in
``migrations/`` (``0001_versions.sql``, ``0002_...``), each applied once, in order.

``migrate`` runs them all in one transaction under an advisory lock, so several app
servers starting at once apply each migration exactly once, and a migration that fails
leaves the schema as it was. A database whose schema is newer than this program is
refused with a message instead of being used half-understood.
"""

from __future__ import annotations

import re
from importlib import resources

import psycopg

from dashboard.staff.store.base import StoreError

_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_LOCK_KEY = 0x6B6172616261  # any constant shared by every server of this app


def available() -> list[tuple[int, str, str]]:
    """(number, name, SQL) of every shipped migration, in order."""
    out = []
    for entry in resources.files("dashboard.staff.store").joinpath("migrations").iterdir():
        if m := _FILE.match(entry.name):
            out.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    out.sort()
    numbers = [n for n, _, _ in out]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 1, 2, 3 ... without gaps; found {numbers}")
    return out


def applied(conn: psycopg.Connection) -> list[int]:
    """The migrations this database has (empty for a new database)."""
    exists = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return []
    return [int(r[0]) for r in conn.execute("SELECT number FROM schema_migrations ORDER BY number")]


def migrate(conn: psycopg.Connection) -> list[int]:
    """Apply the migrations this database lacks; returns their numbers."""
    shipped = available()
    done: list[int] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " number integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())"
        )
        have = set(applied(conn))
        newest = len(shipped)
        if have and max(have) > newest:
            raise StoreError(
                f"the database's schema is at version {max(have)}, newer than this program knows "
                f"({newest}); update the dashboard on this server"
            )
        for number, name, sql in shipped:
            if number in have:
                continue
            conn.execute(sql.encode("utf-8"))
            conn.execute("INSERT INTO schema_migrations (number, name) VALUES (%s, %s)", (number, name))
            done.append(number)
    return done
