"""Start a Streamlit script, or `dev.sh serve N`, on a free local port, for browser tests and
benchmarks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dashboard.serve.processes import FORWARDED_ENV, REPO, free_port, healthy, streamlit_command

__all__ = ["CHROMIUM_ARGS", "REPO", "Served", "chromium_path", "free_port", "serve", "streamlit_server"]

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


@dataclass
class Served:
    """A running `dev.sh serve`: its public URL, nginx's prefix folder and the supervisor."""

    base: str
    prefix: Path
    supervisor: subprocess.Popen

    def state(self) -> dict:
        """processes.json: nginx's pid and each Streamlit process's pid and port."""
        return json.loads((self.prefix / "processes.json").read_text(encoding="utf-8"))

    def access_log(self) -> list[str]:
        return (self.prefix / "logs" / "access.log").read_text(encoding="utf-8").splitlines()

    def upstreams(self, path: str) -> list[str]:
        """The process ("127.0.0.1:PORT") that served each logged GET of `path`, in log
        order (nginx logs a request just after its response, a websocket when it closes)."""
        found = []
        for line in self.access_log():
            match = re.search(r'"GET (\S+) HTTP/[\d.]+" \d+ \d+ upstream=(\S+)', line)
            if match and match.group(1).split("?")[0] == path:
                found.append(match.group(2))
        return found


@contextmanager
def serve(count: int = 2, env: dict[str, str] | None = None, timeout: float = 180) -> Iterator[Served]:
    """Run ``bash scripts/dev.sh serve COUNT`` on a free local port; stop it with SIGTERM
    afterwards (the supervisor then stops nginx and every Streamlit process)."""
    port = free_port()
    cmd = ["bash", "scripts/dev.sh", "serve", str(count), "--port", str(port), "--address", "127.0.0.1"]
    output = tempfile.TemporaryFile()  # noqa: SIM115 (closed below)
    supervisor = subprocess.Popen(
        cmd, cwd=REPO, env=os.environ | (env or {}), stdout=output, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    served = Served(f"http://127.0.0.1:{port}", REPO / "var" / "serve" / str(port), supervisor)
    try:
        deadline = time.monotonic() + timeout
        while not ((served.prefix / "processes.json").exists() and healthy(served.base, timeout=2)):
            if supervisor.poll() is not None:
                output.seek(0)
                out = output.read().decode(errors="replace")
                raise RuntimeError(f"serve exited ({supervisor.returncode}): {out[-3000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"serve did not answer on {served.base} within {timeout} s")
            time.sleep(0.2)
        yield served
    finally:
        if supervisor.poll() is None:
            supervisor.terminate()
        try:
            supervisor.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(supervisor.pid, 9)
            supervisor.wait()
        output.close()
