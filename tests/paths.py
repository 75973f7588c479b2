"""Where the repository's test inputs are, and a way to copy a geodata folder."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GEODATA = REPO / "geodata"
MINIMAL = REPO / "tests" / "fixtures" / "minimal"
CORPUS = REPO / "tests" / "corpus"


def copy_geodata(target: Path, source: Path = GEODATA) -> Path:
    """A copy of a geodata folder; the minimal fixture gets the shipped boundaries."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("README.md"))
    if not (target / "boundaries").exists():
        shutil.copytree(GEODATA / "boundaries", target / "boundaries")
    return target
