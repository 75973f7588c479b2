"""Start a Streamlit script on a free local port, for browser tests and benchmarks."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard.serve.processes import FORWARDED_ENV, REPO, free_port, healthy, streamlit_command

__all__ = ["CHROMIUM_ARGS", "REPO", "chromium_path", "free_port", "streamlit_server"]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium binary ($DASHBOARD_CHROMIUM first), or None."""
    for candidate in (os.environ.get("DASHBOARD_CHROMIUM"), "/usr/lib/chromium/chromium", "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@contextmanager
def streamlit_server(script: str = "app.py", env: dict[str, str] | None = None, timeout: float = 60) -> Iterator[str]:
    """Run ``streamlit run script`` from the repository root; yield its base URL."""
    port = free_port()
    # no proxy in front: X-Forwarded-For is not believed from anyone (as `dev.sh run`)
    environment = os.environ | {FORWARDED_ENV: ""} | (env or {})
    proc = subprocess.Popen(
        streamlit_command(port, script), cwd=REPO, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
            if healthy(base, timeout=2):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not answer on {base} within {timeout} s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
