"""Shared fixtures: writable copies of the minimal fixture and of the shipped data, a
private PostgreSQL server with a fresh database per test, and nginx for `serve`."""

from __future__ import annotations

import os
from collections.abc import Iterator
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


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A private PostgreSQL server for this test run (its URL). Skipped where PostgreSQL
    is not installed, except in CI (CI set), where that is a failure."""
    from dashboard.devtools.postgres import PostgresMissing, postgres_server

    try:
        server = postgres_server()
        url = server.__enter__()
    except PostgresMissing as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is missing in CI ({exc}): scripts/dev.sh test installs it with apt-get")
        pytest.skip(f"PostgreSQL is not installed here ({exc}); scripts/dev.sh test installs it")
    try:
        yield url
    finally:
        server.__exit__(None, None, None)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A new, empty database on the private server, dropped after the test."""
    from dashboard.devtools.postgres import create_database, drop_database
    from dashboard.staff.store import forget_open_stores
    from dashboard.staff.store.postgres import close_pools

    url = create_database(pg_server)
    try:
        yield url
    finally:
        forget_open_stores()
        close_pools(url)
        drop_database(pg_server, url)


@pytest.fixture(scope="session")
def nginx() -> str:
    """Debian's nginx (its path), for the tests of `dev.sh serve`. Skipped where it is not
    installed, except in CI (CI set), where that is a failure."""
    from dashboard.serve.nginx import nginx_binary

    path = nginx_binary()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing in CI: scripts/dev.sh test installs it with apt-get")
        pytest.skip("nginx is not installed here (apt-get install nginx); scripts/dev.sh test installs it")
    return path
