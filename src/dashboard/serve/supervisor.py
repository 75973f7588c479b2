"""`serve N`: N Streamlit processes of the app on local ports and nginx in front of them
on one public port, watched until Ctrl-C or SIGTERM stops them all.

Everything lives under var/serve/<port>/: nginx's configuration, pid, logs and temporary
folders, each Streamlit process's log, and processes.json (what runs, for benchmarks and
operators). The supervisor restarts a Streamlit process that exits or stops answering
/_stcore/health; nginx meanwhile sends that process's visitors to the others. Every
process serves the same published data version: they share the store on this machine,
and each one's poller picks up a publication made through any of them.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO

from dashboard.serve import nginx
from dashboard.serve.processes import FORWARDED_ENV, REPO, free_port, healthy, start, stop, streamlit_command

TRUSTED_ENV = "DASHBOARD_TRUSTED_PROXIES"  # proxies in front of nginx whose X-Forwarded-For nginx believes
START_TIMEOUT = 120.0  # seconds for a Streamlit process to answer its first health check
CHECK_EVERY = 5.0  # seconds between active health checks of each process
CHECK_TIMEOUT = 5.0
FAILED_CHECKS = 3  # a process that misses this many checks in a row is restarted
GRACE = 10.0  # seconds processes get to stop before SIGKILL
RESTART_BACKOFF_MAX = 30.0  # seconds between restarts of a process that keeps failing


class ServeError(RuntimeError):
    """serve could not start: the message says why."""


def say(text: str) -> None:
    print(f"==> {text}", flush=True)


@dataclass
class Backend:
    """One Streamlit process and what the supervisor knows of it."""

    number: int
    port: int
    log: Path
    proc: subprocess.Popen | None = None
    started: float = 0.0
    ready: bool = False
    missed: int = 0
    restarts: int = 0
    failures: int = 0  # restarts in a row without the process answering in between
    not_before: float = 0.0  # no restart before this moment (backoff)
    next_check: float = 0.0
    handle: IO[bytes] | None = field(default=None, repr=False)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class Supervisor:
    """Starts the processes, watches them, and stops every one of them."""

    def __init__(self, count: int, port: int, address: str = "", root: Path = REPO) -> None:
        if count < 1:
            raise ServeError("serve needs at least one Streamlit process (serve N, N >= 1)")
        self.root = root
        self.port = port
        self.listen = f"{address}:{port}" if address else str(port)
        self.public = f"http://{address or '127.0.0.1'}:{port}"
        self.prefix = root / "var" / "serve" / str(port)
        self.binary = nginx.nginx_binary()
        if self.binary is None:
            raise ServeError("nginx is not installed: `bash scripts/dev.sh serve` installs Debian's nginx")
        try:
            self.proxies = nginx.trusted_proxies(os.environ.get(TRUSTED_ENV, ""))
        except ValueError as exc:
            raise ServeError(f"{TRUSTED_ENV}: {exc}") from None
        self.backends = [
            Backend(i, free_port(), self.prefix / "logs" / f"streamlit-{i}.log") for i in range(1, count + 1)
        ]
        self.nginx: subprocess.Popen | None = None
        self.stopping = False
        self.env = os.environ | {
            # the app believes X-Forwarded-For only from nginx (which overwrites it)
            FORWARDED_ENV: "127.0.0.1",
            # one secret for every process: a browser that fails over to another process
            # keeps its XSRF and sign-in cookies valid there
            "STREAMLIT_SERVER_COOKIE_SECRET": os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32),
        }

    # -- signals -----------------------------------------------------------------------
    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if not self.stopping:
            say(f"{signal.Signals(signum).name}: stopping every process")
        self.stopping = True

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < end:
            time.sleep(min(0.1, max(0.0, end - time.monotonic())))

    # -- processes -----------------------------------------------------------------------
    def _start_backend(self, backend: Backend) -> None:
        if backend.handle is not None:
            backend.handle.close()
        backend.handle = backend.log.open("ab")
        backend.proc = start(streamlit_command(backend.port), self.env, backend.handle, cwd=self.root)
        backend.started = time.monotonic()
        backend.ready = False
        backend.missed = 0
        backend.next_check = backend.started + 0.3

    def _tail(self, path: Path, lines: int = 15) -> str:
        try:
            text = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(text[-lines:])

    def _write_state(self) -> None:
        state = {
            "public": self.public,
            "nginx": self.nginx.pid if self.nginx else None,
            "streamlit": [
                {"number": b.number, "pid": b.proc.pid if b.proc else None, "port": b.port, "restarts": b.restarts}
                for b in self.backends
            ],
        }
        tmp = self.prefix / "processes.json.tmp"
        tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
        tmp.replace(self.prefix / "processes.json")

    def _wait_ready(self) -> None:
        """Wait until every process answers; ServeError when one exits or times out."""
        pending = list(self.backends)
        while pending and not self.stopping:
            for backend in list(pending):
                assert backend.proc is not None
                if backend.proc.poll() is not None:
                    raise ServeError(
                        f"Streamlit process {backend.number} exited (code {backend.proc.returncode}); "
                        f"its log {backend.log}:\n{self._tail(backend.log)}"
                    )
                if healthy(backend.base, timeout=2):
                    backend.ready = True
                    pending.remove(backend)
                elif time.monotonic() - backend.started > START_TIMEOUT:
                    raise ServeError(f"Streamlit process {backend.number} did not answer within {START_TIMEOUT:.0f} s")
            self._sleep(0.2)

    def _start_nginx(self) -> None:
        conf = nginx.prepare(self.prefix)
        conf.write_text(nginx.render(self.prefix, self.listen, [b.port for b in self.backends], self.proxies))
        assert self.binary is not None
        cmd = nginx.command(self.binary, self.prefix)
        check = subprocess.run([*cmd, "-t", "-q"], capture_output=True, text=True, check=False)
        if check.returncode != 0:
            raise ServeError(f"nginx refused its configuration {conf}:\n{check.stderr.strip()}")
        self.nginx = start(cmd, self.env, subprocess.DEVNULL, cwd=self.prefix)
        deadline = time.monotonic() + 20
        while not self.stopping:
            if self.nginx.poll() is not None:
                log = self._tail(self.prefix / "logs" / "error.log")
                raise ServeError(f"nginx exited (code {self.nginx.returncode}); its log:\n{log}")
            if healthy(self.public, timeout=2):
                return
            if time.monotonic() > deadline:
                raise ServeError(f"nginx did not answer on {self.public} within 20 s")
            self._sleep(0.1)

    # -- watching --------------------------------------------------------------------------
    def _restart(self, backend: Backend, why: str) -> None:
        """Restart a process at once the first time, then after growing waits (up to 30 s) while it
        keeps failing before it answers (a process that cannot start does not spin)."""
        if backend.proc is not None and backend.proc.poll() is None:
            stop([backend.proc], grace=3)
        now = time.monotonic()
        if now < backend.not_before:
            return
        say(f"Streamlit process {backend.number} (port {backend.port}) {why}: restarting it")
        backend.not_before = now + min(RESTART_BACKOFF_MAX, 2.0**backend.failures - 1)
        backend.failures += 1
        backend.restarts += 1
        self._start_backend(backend)
        self._write_state()

    def _check(self, backend: Backend, now: float) -> None:
        assert backend.proc is not None
        code = backend.proc.poll()
        if code is not None:
            self._restart(backend, f"exited (code {code})")
            return
        if now < backend.next_check:
            return
        backend.next_check = now + (CHECK_EVERY if backend.ready else 0.5)
        if healthy(backend.base, timeout=CHECK_TIMEOUT):
            if not backend.ready:
                say(f"Streamlit process {backend.number} answers again")
            backend.ready, backend.missed, backend.failures = True, 0, 0
        elif backend.ready:
            backend.missed += 1
            if backend.missed >= FAILED_CHECKS:
                self._restart(backend, f"did not answer /_stcore/health {FAILED_CHECKS} times in a row")
        elif now - backend.started > START_TIMEOUT:
            self._restart(backend, f"did not answer within {START_TIMEOUT:.0f} s of its start")

    def run(self) -> int:
        """Start everything, watch until a signal, stop everything; the exit code."""
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        code = 0
        try:
            (self.prefix / "logs").mkdir(parents=True, exist_ok=True)
            say(f"starting {len(self.backends)} Streamlit process(es) on 127.0.0.1, ports "
                + ", ".join(str(b.port) for b in self.backends))  # fmt: skip
            for backend in self.backends:
                self._start_backend(backend)
            self._wait_ready()
            if not self.stopping:
                self._start_nginx()
                self._write_state()
            if not self.stopping:
                count = f"{len(self.backends)} process{'es' if len(self.backends) > 1 else ''}"
                say(f"serving on {self.public} (nginx in front of {count}; Ctrl-C stops all)")
                say(f"logs and nginx's files: {self.prefix}")
            while not self.stopping:
                assert self.nginx is not None
                if self.nginx.poll() is not None:
                    say(f"nginx exited (code {self.nginx.returncode}); see {self.prefix / 'logs' / 'error.log'}")
                    code = 1
                    break
                now = time.monotonic()
                for backend in self.backends:
                    self._check(backend, now)
                self._sleep(0.5)
        except ServeError as exc:
            print(f"serve: {exc}", file=sys.stderr, flush=True)
            code = 1
        finally:
            self.shutdown()
        return code

    def shutdown(self) -> None:
        """Stop nginx, then every Streamlit process (SIGTERM, then SIGKILL after GRACE s)."""
        self.stopping = True
        procs = [self.nginx] if self.nginx is not None else []
        procs += [b.proc for b in self.backends if b.proc is not None]
        stop(procs, grace=GRACE)
        for backend in self.backends:
            if backend.handle is not None:
                backend.handle.close()
        (self.prefix / "processes.json").unlink(missing_ok=True)
        say("stopped")
