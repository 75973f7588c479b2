"""Files on this machine that the stores share: writes forced to disk, small JSON files
replaced whole, and private temporary copies, named so that a later start can remove
the ones a crashed process left behind."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import time
import uuid
from pathlib import Path

STALE_SECONDS = 24 * 3600
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8")).hexdigest()[:8]
_SCRATCH = re.compile(r"-(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[0-9a-f]{32}$")


def fsync_dir(path: Path) -> None:
    """Force a folder's entries (new names, renames) to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_durable(path: Path, data: bytes) -> None:
    """Write a new file and force it to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def scratch_name(prefix: str = "") -> str:
    """A name for a private temporary copy: the prefix, this machine, this process and a
    random part, so that a later start can tell the copies of a process that is gone."""
    return f"{prefix}{_HOST}-{os.getpid()}-{uuid.uuid4().hex}"


def left_by_gone_process(name: str) -> bool:
    """True for a ``scratch_name`` of a process of this machine that no longer runs."""
    m = _SCRATCH.search(name)
    if m is None or m["host"] != _HOST or int(m["pid"]) == os.getpid():
        return False
    try:
        os.kill(int(m["pid"]), 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):  # alive under another user, or no process number at all
        return False
    return False


def remove_leftovers(folder: Path) -> list[str]:
    """Remove the temporary copies in a folder that processes gone since left behind
    (a crashed upload or publication); returns their names."""
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for path in entries:
        if left_by_gone_process(path.name):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def write_json_atomic(path: Path, data: object) -> None:
    """Replace a small JSON file all at once (readers see the old or the new text)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(scratch_name(path.name + "."))
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_json(path: Path) -> dict:
    """A JSON object from a file; {} when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def sweep(folder: Path, max_age: float = STALE_SECONDS) -> None:
    """Remove entries older than ``max_age`` seconds (abandoned drafts, crashed copies)."""
    if not folder.is_dir():
        return
    limit = time.time() - max_age
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < limit:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            continue
