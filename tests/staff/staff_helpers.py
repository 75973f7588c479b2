"""Shared helpers of the staff tests: a store on a copy of the shipped data, and edits."""

from __future__ import annotations

import hashlib
from pathlib import Path

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
    """SHA-256 of a version folder's data files (without meta.json)."""
    return {k: v for k, v in tree_digest(folder).items() if k != "meta.json"}
