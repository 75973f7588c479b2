"""Fixtures of the staff tests: a store seeded from a copy of the shipped data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from paths import GEODATA, copy_geodata

from dashboard.staff.store import Store

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """A writable copy of the shipped data (the store's version 1)."""
    return copy_geodata(tmp_path / "geodata", GEODATA)


@pytest.fixture
def store(tmp_path: Path, seed: Path) -> Store:
    """A store with version 1 made from the shipped data."""
    s = Store(tmp_path / "store", seed=seed)
    assert s.ensure("tester") == 1
    return s
