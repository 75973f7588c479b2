"""Tests of `dev.sh serve`: a real nginx in front of real Streamlit processes. In CI (CI
set) a missing nginx is a failure, never a skip."""

from __future__ import annotations

import os

import pytest

from dashboard.serve.nginx import nginx_binary


@pytest.fixture(scope="session", autouse=True)
def nginx_installed() -> None:
    if nginx_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing in CI: scripts/dev.sh test installs it with apt-get")
        pytest.skip("nginx is not installed here (apt-get install nginx)")
