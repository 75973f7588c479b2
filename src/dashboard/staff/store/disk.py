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
_SCRATCH = re.compile(r"(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[0-9a-f]{32}(?:$|\.)")


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
            remove_path(path)
            removed.append(path.name)
    return removed


def remove_path(path: Path) -> None:
    """Remove a file or a folder with all it holds (a link itself, never what it names)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def replace_bytes(path: Path, data: bytes, scratch_dir: Path | None = None) -> None:
    """Replace a file's bytes all at once: a crash leaves the old file or the new one,
    never part of either. The new bytes are written beside it first (or in
    ``scratch_dir``, on the same disk), where a crash leaves them to the next start."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = (scratch_dir or path.parent) / scratch_name(path.name + ".")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_json_atomic(path: Path, data: object) -> None:
    """Replace a small JSON file all at once (readers see the old or the new text)."""
    replace_bytes(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


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
