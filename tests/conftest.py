"""Shared fixtures: writable copies of the minimal fixture and of the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import GEODATA, MINIMAL, copy_geodata


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid fixture."""
    return copy_geodata(tmp_path / "geodata", MINIMAL)


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A writable copy of the shipped geodata folder."""
    return copy_geodata(tmp_path / "geodata", GEODATA)
