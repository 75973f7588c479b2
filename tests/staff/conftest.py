"""Fixtures of the staff tests: a store seeded from a copy of the shipped data, on each
backend (a folder, and a database on the private PostgreSQL server)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from paths import GEODATA, copy_geodata

from dashboard.staff.store import Store, open_store

sys.path.insert(0, str(Path(__file__).parent))

BACKENDS = ("files", pytest.param("postgres", marks=pytest.mark.postgres))  # overridable: indirect=["backend"]


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """A writable copy of the shipped data (the store's version 1)."""
    return copy_geodata(tmp_path / "geodata", GEODATA)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Where a store keeps its versions: a folder path, or a database URL."""
    if request.param == "postgres":
        return request.getfixturevalue("pg_url")
    return str(request.getfixturevalue("tmp_path") / "store")


@pytest.fixture
def store(tmp_path: Path, seed: Path, backend: str) -> Store:
    """A store with version 1 made from the shipped data."""
    s = open_store(backend, seed=seed, cache=tmp_path / "cache")
    assert s.ensure("tester") == 1
    return s
