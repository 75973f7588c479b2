"""`dashboard store init`, `publish` and `history` on both backends; what only the
PostgreSQL store has: schema migrations, and each server's local cache that follows the
published version."""

from __future__ import annotations

import subprocess
import sys
import time

import psycopg
import pytest
from paths import GEODATA, REPO, copy_geodata
from staff_helpers import add_figure, data_digest, tree_digest

from dashboard.staff.store import open_store
from dashboard.staff.store.migrations import available


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *args], capture_output=True, text=True, cwd=REPO, timeout=120
    )


def test_store_init_publish_and_history_from_the_command_line(backend, tmp_path):
    seed = copy_geodata(tmp_path / "geodata", GEODATA)
    where = ["--store", backend, "--cache", str(tmp_path / "cli-cache"), "--seed", str(seed)]
    done = cli("store", "init", *where)
    assert done.returncode == 0, done.stderr
    assert "version 1 is" in done.stdout
    again = cli("store", "init", *where)
    assert again.returncode == 0 and "up to date; version 1 is published" in again.stdout
    change = copy_geodata(tmp_path / "change", GEODATA)
    add_figure(change)
    done = cli("publish", str(change), "--who", "Aysel", "--reason", "May figures", *where)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Published version 2 in ")
    history = cli("history", *where)
    lines = history.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["2", "1"]
    assert lines[0].endswith("Aysel: May figures") and lines[1].endswith("dashboard store init: shipped data")
    # the version is the folder's files, byte for byte, wherever it is read
    store = open_store(backend, cache=tmp_path / "reader-cache")
    assert data_digest(store.version_dir(2)) == {k: v for k, v in tree_digest(change).items() if k != "README.md"}


def test_publish_of_invalid_data_says_why_and_publishes_nothing(backend, tmp_path):
    seed = copy_geodata(tmp_path / "geodata", GEODATA)
    where = ["--store", backend, "--cache", str(tmp_path / "cli-cache"), "--seed", str(seed)]
    assert cli("store", "init", *where).returncode == 0
    bad = copy_geodata(tmp_path / "bad", GEODATA)
    add_figure(bad, value=-5)
    done = cli("publish", str(bad), "--who", "Aysel", "--reason", "typo", *where)
    assert done.returncode == 1 and "Not published: the data has 1 error(s)" in done.stderr
    assert "Traceback" not in done.stderr
    assert [line.split()[0] for line in cli("history", *where).stdout.splitlines()] == ["1"]


@pytest.mark.postgres
def test_an_unreachable_database_is_a_message_not_a_traceback(tmp_path, pg_server):
    port = pg_server.rsplit(":", 1)[1].split("/")[0]
    url = f"postgresql://postgres@127.0.0.1:{port}/no_such_database"
    done = cli("history", "--store", url, "--cache", str(tmp_path / "c"))
    assert done.returncode == 1
    assert done.stderr.startswith("No history: the database 'no_such_database' on 127.0.0.1:")
    assert "Traceback" not in done.stderr


@pytest.mark.postgres
def test_migrations_are_applied_once_and_recorded(pg_url, tmp_path):
    open_store(pg_url, cache=tmp_path / "a")
    open_store(pg_url, cache=tmp_path / "b")  # a second server starting: nothing applied twice
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute("SELECT number, name FROM schema_migrations ORDER BY number").fetchall()
        heads = conn.execute("SELECT count(*) FROM head").fetchone()[0]
    assert rows == [(n, name) for n, name, _ in available()]
    assert heads == 1


@pytest.mark.postgres
def test_a_newer_schema_than_the_program_knows_is_refused(pg_url, tmp_path):
    from dashboard.staff.store import StoreError
    from dashboard.staff.store.postgres import close_pools

    open_store(pg_url, cache=tmp_path / "a")
    close_pools(pg_url)
    with psycopg.connect(pg_url) as conn:
        conn.execute("INSERT INTO schema_migrations (number, name) VALUES (99, 'from_the_future')")
    with pytest.raises(StoreError, match="schema is at version 99, newer than this program knows"):
        open_store(pg_url, cache=tmp_path / "b", step=lambda _: None)


@pytest.mark.postgres
def test_another_server_serves_a_new_version_within_two_seconds_from_its_own_cache(pg_url, tmp_path):
    seed = copy_geodata(tmp_path / "geodata", GEODATA)
    one = open_store(pg_url, seed=seed, cache=tmp_path / "server-1")
    other = open_store(pg_url, cache=tmp_path / "server-2")
    assert other.serving_dir() is None  # nothing published yet: pages show the geodata folder
    one.ensure("tester")
    draft = one.new_draft()
    add_figure(draft.path)
    published = one.publish(draft.path, "A", "May", 1)
    start = time.monotonic()
    while other.serving_dir() != tmp_path / "server-2" / "versions" / "000002" and time.monotonic() - start < 2:
        time.sleep(0.02)
    assert other.serving_dir() == tmp_path / "server-2" / "versions" / "000002"
    assert data_digest(other.serving_dir()) == published.files
    rolled = one.rollback(1, "B", "back", 2)
    start = time.monotonic()
    while other.serving_dir().name != "000003" and time.monotonic() - start < 2:
        time.sleep(0.02)
    assert data_digest(other.serving_dir()) == rolled.files == data_digest(one.version_dir(1))


@pytest.mark.postgres
def test_a_damaged_cache_folder_is_fetched_again(pg_url, tmp_path):
    seed = copy_geodata(tmp_path / "geodata", GEODATA)
    store = open_store(pg_url, seed=seed, cache=tmp_path / "cache")
    store.ensure("tester")
    folder = store.version_dir(1)
    good = data_digest(folder)
    (folder / "figures" / "clearance.csv").write_text("truncated", encoding="utf-8")
    fresh = open_store(pg_url, cache=tmp_path / "cache", step=lambda _: None)  # a new process
    assert data_digest(fresh.version_dir(1)) == good
