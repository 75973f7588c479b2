"""The versioned store of the geodata files, published atomically, with two backends
behind one interface (``Store``):

- files (the default): a folder on this machine ($DASHBOARD_STORE as a path, default
  ``<repo>/var/store``), see store.files;
- PostgreSQL, for several machines: $DASHBOARD_STORE = ``postgresql://user@host/db``,
  plus a local cache folder per server ($DASHBOARD_CACHE, default ``var/cache``), see
  store.postgres.

``open_store`` picks the backend from the target; nothing else needs to know which one
it has. Beside the versions, each backend keeps the staff state: ``store.drafts`` (one
draft per staff member, see store.drafts) and ``store.attempts`` (the failed sign-ins
that dashboard.staff.auth throttles, see store.attempts). The first time a process opens
a store, it removes the temporary copies that crashed processes left there.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from dashboard.staff.store.base import (
    EXTRA_FILES,
    MAX_REASON,
    META,
    ConflictError,
    Draft,
    StepHook,
    Store,
    StoreError,
    ValidationFailed,
    Version,
    managed_files,
    sha256_file,
    validate_folder,
)
from dashboard.staff.store.drafts import KEEP_DAYS, ExpiredDraft, owner_key
from dashboard.staff.store.files import POINTER, FileStore

REPO = Path(__file__).resolve().parents[4]
STORE_ENV = "DASHBOARD_STORE"
CACHE_ENV = "DASHBOARD_CACHE"

__all__ = [
    "CACHE_ENV",
    "EXTRA_FILES",
    "KEEP_DAYS",
    "MAX_REASON",
    "META",
    "POINTER",
    "STORE_ENV",
    "ConflictError",
    "Draft",
    "ExpiredDraft",
    "FileStore",
    "Store",
    "StoreError",
    "ValidationFailed",
    "Version",
    "default_store_root",
    "is_database_url",
    "managed_files",
    "open_store",
    "owner_key",
    "sha256_file",
    "store_target",
    "validate_folder",
]

_open: dict[tuple[str, str, str], Store] = {}
_open_lock = threading.Lock()
_started: set[Path] = set()  # store folders (and caches) this process has cleaned at its start


def is_database_url(target: str | Path | None) -> bool:
    """True for postgresql:// and postgres:// URLs."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def _beside(geodata: Path | None) -> Path:
    return Path(geodata).resolve().parent if geodata is not None else REPO


def default_store_root(geodata: Path | None = None) -> Path:
    """The file store's folder: $DASHBOARD_STORE (when it is a path); else var/store beside
    the geodata folder (for the repository's geodata/, <repo>/var/store, which git ignores)."""
    env = os.environ.get(STORE_ENV)
    if env and not is_database_url(env):
        return Path(env)
    return _beside(geodata) / "var" / "store"


def store_target(geodata: Path | None = None) -> str:
    """$DASHBOARD_STORE when it is a database URL, else the file store's folder."""
    env = os.environ.get(STORE_ENV, "")
    return env if is_database_url(env) else str(default_store_root(geodata))


def default_cache_root(geodata: Path | None = None) -> Path:
    """This server's cache of PostgreSQL versions: $DASHBOARD_CACHE, else var/cache."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else _beside(geodata) / "var" / "cache"


def open_store(
    target: str | Path | None = None,
    seed: Path | str | None = None,
    cache: Path | str | None = None,
    step: StepHook | None = None,
) -> Store:
    """The store at ``target`` (a folder or a PostgreSQL URL; default $DASHBOARD_STORE,
    else var/store). A database store is opened once per process (its connection pool,
    schema migrations and watcher are shared) unless a step hook is given."""
    geodata = Path(seed) if seed is not None else None
    target = str(target) if target is not None else store_target(geodata)
    if not is_database_url(target):
        return _started_once(FileStore(target, seed=seed, step=step))
    from dashboard.staff.store.postgres import PgStore

    cache_root = Path(cache) if cache is not None else default_cache_root(geodata)
    if step is not None:
        return _started_once(PgStore(target, cache_root, seed=seed, step=step))
    key = (target, str(cache_root), str(seed))
    with _open_lock:
        store = _open.get(key)
        if store is None:
            store = _open[key] = PgStore(target, cache_root, seed=seed)
    return _started_once(store)


def _started_once(store: Store) -> Store:
    """The store, after this process removed what crashed processes left in its folder."""
    root = store.root.resolve()
    if root not in _started:
        with _open_lock:
            if root not in _started:
                store.remove_leftovers()
                _started.add(root)
    return store


def forget_open_stores() -> None:
    """Drop the stores ``open_store`` keeps (tests drop their databases after use)."""
    with _open_lock:
        _open.clear()
