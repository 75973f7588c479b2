"""A private PostgreSQL server for tests and benchmarks: its own data folder and port,
started with initdb/pg_ctl from Debian's packages (``apt-get install postgresql``),
without the system service. Root cannot run the server, so as root the commands run
as the ``postgres`` user that the Debian package creates.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard.devtools.server import free_port

PG_BIN_ENV = "DASHBOARD_PG_BIN"


class PostgresMissing(RuntimeError):
    """PostgreSQL's server programs are not installed here."""


def postgres_bin() -> Path | None:
    """The folder with initdb and pg_ctl: $DASHBOARD_PG_BIN, Debian's version 15, any
    other Debian version, or the PATH."""
    candidates = [os.environ.get(PG_BIN_ENV), "/usr/lib/postgresql/15/bin"]
    candidates += sorted((str(p.parent) for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")), reverse=True)
    which = shutil.which("initdb")
    candidates.append(str(Path(which).resolve().parent) if which else None)
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def _as_server_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise PostgresMissing("running as root, and there is no 'postgres' user to run the server") from exc
    return ["runuser", "-u", "postgres", "--"]


@contextmanager
def postgres_server(timeout: int = 60) -> Iterator[str]:
    """Start a new PostgreSQL server on a free local port; yield the URL of its
    ``postgres`` database (user postgres, no password); remove everything afterwards."""
    bindir = postgres_bin()
    if bindir is None:
        raise PostgresMissing("PostgreSQL is not installed (apt-get install postgresql)")
    prefix = _as_server_user()
    folder = Path(tempfile.mkdtemp(prefix="dashboard-pg-"))
    data = folder / "data"
    if prefix:
        shutil.chown(folder, "postgres", "postgres")
    port = free_port()
    run = {"check": True, "capture_output": True, "text": True, "cwd": folder}
    try:
        subprocess.run(
            [*prefix, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"],
            **run,
        )  # fmt: skip
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-o", options,
             "-t", str(timeout), "-w", "start"],
            **run,
        )  # fmt: skip
    except subprocess.CalledProcessError as exc:
        log = (folder / "server.log").read_text(errors="replace")[-2000:] if (folder / "server.log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr or exc.stdout}\n{log}") from exc
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            cwd=folder,
        )
        shutil.rmtree(folder, ignore_errors=True)


def _with_database(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


def create_database(server_url: str, name: str | None = None) -> str:
    """A new, empty database on the server; returns its URL."""
    import psycopg

    name = name or f"dashboard_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return _with_database(server_url, name)


def drop_database(server_url: str, url: str) -> None:
    """Remove a database made by create_database, closing its connections."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
