"""Shared helpers of the staff tests: a store on a copy of the shipped data, and edits."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from paths import REPO

from dashboard.staff.store import FileStore, Store

PUBLISHER = Path(__file__).with_name("publisher.py")
NEW_ROW = "staff-test-{n},area_cleared,AZ,,cumulative,,{end},{value},,ha,ANAMA,dayaz-1794541,,\n"  # a shipped source


def add_figure(folder: Path, n: int = 1, value: int = 999_999, end: str = "2026-02-28") -> str:
    """Append a national running total of hectares to a folder's clearance.csv."""
    path = folder / "figures" / "clearance.csv"
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write(NEW_ROW.format(n=n, end=end, value=value))
    return f"staff-test-{n}"


def tree_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below a folder, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def data_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of the data files of a version's or a draft's folder (without the store's
    own meta.json or draft.json)."""
    return {k: v for k, v in tree_digest(folder).items() if k not in ("meta.json", "draft.json")}


def target(store: Store, cache: Path) -> list[str]:
    """The publisher's arguments that name the store (and give it a cache of its own)."""
    if isinstance(store, FileStore):
        return [str(store.root)]
    return [store.url, "--cache", str(cache)]


def start(*args: str) -> subprocess.Popen:
    env = os.environ | {"PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO / 'tests'}"}
    return subprocess.Popen(
        [sys.executable, str(PUBLISHER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def wait_line(proc: subprocess.Popen, expected: str) -> None:
    line = proc.stdout.readline().strip()
    assert line == expected, f"{line!r}; stderr: {proc.stderr.read()[-2000:] if proc.poll() is not None else ''}"


def killed_when_it_prints(code: str, line: str) -> None:
    """Run Python code in a new process, and kill it (SIGKILL) once it prints ``line``."""
    env = os.environ | {"PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO / 'tests'}"}
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == line
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
