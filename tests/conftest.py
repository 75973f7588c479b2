"""Shared test helpers: the repository's paths and a writable copy of a geodata folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid fixture."""
    return copy_geodata(tmp_path / "geodata", MINIMAL)


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A writable copy of the shipped geodata folder."""
    return copy_geodata(tmp_path / "geodata", GEODATA)
