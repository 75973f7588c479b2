"""Starting Streamlit processes of the app, and asking them whether they are healthy."""

from __future__ import annotations

import ctypes
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parents[3]
# uvicorn (under Streamlit) believes X-Forwarded-For from these addresses; unset, it
# believes 127.0.0.1 and ::1, so a visitor on the machine itself could claim any address.
FORWARDED_ENV = "FORWARDED_ALLOW_IPS"
_PR_SET_PDEATHSIG = 1


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def streamlit_command(port: int, script: str = "app.py", address: str = "127.0.0.1") -> list[str]:
    """`streamlit run` of the app on one local port, headless."""
    return [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true", "--server.address", address, "--server.port", str(port),
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip


def _die_with_parent() -> None:  # pragma: no cover (runs in the child between fork and exec)
    """Linux: the child gets SIGTERM when the process that started it dies, even by
    SIGKILL, so a killed supervisor leaves no server behind."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def start(cmd: list[str], env: Mapping[str, str], log: IO[bytes] | int, cwd: Path = REPO) -> subprocess.Popen:
    """A child process in its own session (a Ctrl-C reaches only the supervisor, which
    stops the children in order) that dies with its parent."""
    return subprocess.Popen(
        cmd,
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT if log is not subprocess.DEVNULL else subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_die_with_parent,  # children are started from one thread only
    )


def healthy(base: str, timeout: float = 5.0) -> bool:
    """Whether Streamlit at `base` answers /_stcore/health with 200 "ok"."""
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=timeout) as r:  # noqa: S310 (local URL)
            return r.status == 200 and r.read(16).strip() == b"ok"
    except OSError:
        return False


def stop(procs: list[subprocess.Popen], grace: float = 10.0) -> None:
    """SIGTERM every process, wait up to `grace` seconds in all, then SIGKILL the rest."""
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
