"""Staff sign-in: the password hash, refusing wrong or missing passwords, throttling."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from paths import REPO
from staff_helpers import killed_when_it_prints

from dashboard.staff import auth
from dashboard.staff.auth import (
    HASH_ENV,
    Throttle,
    configured_hash,
    hash_password,
    oidc_check,
    sign_in,
    verify_password,
)
from dashboard.staff.store import FileStore
from dashboard.staff.store.attempts import FORGET_SECONDS
from dashboard.staff.store.base import MAX_AUDIT_TEXT

PASSWORD = "granite-orchard-lantern"


@pytest.fixture
def hashed(monkeypatch) -> str:
    value = hash_password(PASSWORD)
    monkeypatch.setenv(HASH_ENV, value)
    return value


def test_the_hash_verifies_the_password_and_nothing_else():
    value = hash_password(PASSWORD)
    assert value.startswith("$argon2id$") and PASSWORD not in value
    assert verify_password(PASSWORD, value)
    assert not verify_password("granite-orchard-lanterN", value)
    assert not verify_password("", value)
    assert not verify_password(PASSWORD, "not-a-hash")


def test_the_hash_comes_from_the_environment_first_then_the_secrets(monkeypatch):
    monkeypatch.delenv(HASH_ENV, raising=False)
    assert configured_hash(None) is None
    assert configured_hash({}) is None
    assert configured_hash({"staff": {"password_hash": "$argon2id$x"}}) == "$argon2id$x"
    monkeypatch.setenv(HASH_ENV, "$argon2id$env")
    assert configured_hash({"staff": {"password_hash": "$argon2id$x"}}) == "$argon2id$env"


def test_cli_hash_password_prints_a_hash_of_the_password():
    out = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "hash-password", "--stdin"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    ).stdout.strip()
    assert verify_password(PASSWORD, out)


def test_cli_hash_password_refuses_a_short_password():
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "hash-password", "--stdin"],
        input="short\n",
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 1 and "at least 12 characters" in done.stderr and done.stdout == ""


def test_sign_in_refuses_a_wrong_or_missing_password_and_logs_every_attempt(store, hashed):
    assert sign_in(store, "Aysel", "wrong", "10.0.0.1").status == "wrong"
    assert sign_in(store, "Aysel", "", "10.0.0.1").status == "missing"
    assert sign_in(store, "", PASSWORD, "10.0.0.1").status == "missing"
    assert sign_in(store, "Aysel", PASSWORD, "10.0.0.1").ok
    events = [(e["event"], e.get("why"), e.get("client")) for e in reversed(store.audit_entries())]
    assert events[-4:] == [
        ("sign_in_failed", "wrong password", "10.0.0.1"),
        ("sign_in_failed", "missing name or password", "10.0.0.1"),
        ("sign_in_failed", "missing name or password", "10.0.0.1"),
        ("sign_in", None, "10.0.0.1"),
    ]


def test_without_a_configured_hash_nobody_signs_in(store, monkeypatch):
    monkeypatch.delenv(HASH_ENV, raising=False)
    assert sign_in(store, "Aysel", PASSWORD, "10.0.0.1", secrets={}).status == "not_configured"


def test_repeated_wrong_passwords_lock_the_client_with_growing_delays(store, hashed):
    now = 1_000_000.0
    waits = [sign_in(store, "x", f"guess-{i}", "10.0.0.9", now=now + i * 1000).wait for i in range(5)]
    assert waits == [0.0, 0.0, auth.FIRST_DELAY, auth.FIRST_DELAY * 2, auth.FIRST_DELAY * 4]
    # locked: even the right password is refused without being checked
    locked = sign_in(store, "Aysel", PASSWORD, "10.0.0.9", now=now + 4000 + 1)
    assert locked.status == "locked" and locked.wait == pytest.approx(auth.FIRST_DELAY * 4 - 1)
    # another client is not affected
    assert sign_in(store, "Aysel", PASSWORD, "10.0.0.10", now=now + 4001).ok
    # after the wait, the right password works and the count is forgotten
    assert sign_in(store, "Aysel", PASSWORD, "10.0.0.9", now=now + 4000 + auth.FIRST_DELAY * 4 + 1).ok
    assert Throttle(store).failures("10.0.0.9", now=now + 4100) == 0


def test_the_throttle_survives_a_new_process(store, backend, tmp_path, hashed):
    now = time.time()  # fixed: a slow start of the other process does not outlast the wait
    results = [sign_in(store, "x", f"guess-{i}", "10.0.0.7", now=now).status for i in range(4)]
    assert results == ["wrong", "wrong", "wrong", "locked"]  # the fourth is not even checked
    code = (
        "from dashboard.staff.auth import Throttle; from dashboard.staff.store import open_store; "
        f"t = Throttle(open_store({backend!r}, cache={str(tmp_path / 'other-cache')!r})); "
        f"print(t.failures('10.0.0.7', {now!r}), t.wait('10.0.0.7', {now + 1!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["3", str(auth.FIRST_DELAY - 1)]


def test_parallel_wrong_attempts_are_reserved_one_at_a_time(store, hashed):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(20) as pool:
        statuses = list(pool.map(lambda i: sign_in(store, "x", f"g{i}", "10.0.0.5").status, range(20)))
    # only the free attempts are checked; the other 17 are refused unchecked, each having
    # seen the reservations before it
    assert statuses.count("wrong") == auth.FREE_ATTEMPTS and statuses.count("locked") == 17
    assert Throttle(store).failures("10.0.0.5") == auth.FREE_ATTEMPTS


def test_2000_failures_give_the_capped_delay_without_an_exception(store):
    throttle = Throttle(store)
    now = 1_000_000.0
    for i in range(2000):  # each after the previous wait (at most 15 minutes)
        reserved = throttle.reserve("10.0.0.4", now + i * 1000)
        assert reserved.wait == 0
    assert reserved.delay == auth.MAX_DELAY == 900
    assert throttle.failures("10.0.0.4", now + 2000 * 1000) == 2000
    assert throttle.wait("10.0.0.4", now + 1999 * 1000 + 1) == pytest.approx(899)


def test_50_addresses_of_one_ipv6_64_share_one_delay(store):
    throttle = Throttle(store)
    now = 1_000_000.0
    waits = [throttle.reserve(f"2001:db8:1:2::{i:x}", now).wait for i in range(50)]
    assert waits[:3] == [0.0, 0.0, 0.0] and waits[3:] == [auth.FIRST_DELAY] * 47
    assert throttle.failures("2001:db8:1:2:ffff:ffff:ffff:ffff", now) == 3
    assert throttle.reserve("2001:db8:1:3::1", now).wait == 0  # the next /64 is another client
    assert auth.client_key("::ffff:10.1.2.3") == "10.1.2.3"


def test_addresses_from_50_networks_hit_the_global_ceiling(store, hashed):
    throttle, now = Throttle(store), 1_000_000.0
    reserved = [throttle.reserve(f"2001:db8:{i:x}::1", now + i * 0.5) for i in range(50)]  # what sign_in does first
    assert [r.wait == 0 for r in reserved] == [True] * auth.GLOBAL_FAILURES + [False] * (50 - auth.GLOBAL_FAILURES)
    assert {r.by for r in reserved[auth.GLOBAL_FAILURES :]} == {"everyone"}
    # the wait: until the oldest failure of the minute drops out of it
    assert reserved[auth.GLOBAL_FAILURES].wait == pytest.approx(auth.GLOBAL_WINDOW - auth.GLOBAL_FAILURES * 0.5)
    # even the right password waits, from an address never seen before, and is not checked
    busy = sign_in(store, "Aysel", PASSWORD, "192.0.2.1", now=now + 25)
    assert (busy.status, busy.wait) == ("busy", pytest.approx(auth.GLOBAL_WINDOW - 25))
    # a minute after the first failures, attempts are checked again
    assert sign_in(store, "Aysel", PASSWORD, "192.0.2.1", now=now + 61).ok
    events = [(e["event"], e.get("why"), e["client"]) for e in store.audit_entries(2)]
    assert events == [
        ("sign_in", None, "192.0.2.1"),
        ("sign_in_failed", "too many failures from all clients", "192.0.2.1"),
    ]


def test_a_right_password_does_not_count_towards_the_ceiling(store, hashed):
    throttle, now = Throttle(store), 1_000_000.0
    for i in range(auth.GLOBAL_FAILURES - 1):
        assert throttle.reserve(f"10.9.{i}.1", now).wait == 0
    assert sign_in(store, "Aysel", PASSWORD, "10.8.0.1", now=now).ok  # reserved, then taken back
    assert sign_in(store, "x", "guess", "10.7.0.1", now=now).status == "wrong"  # the 30th failure
    assert sign_in(store, "x", "guess", "10.6.0.1", now=now).status == "busy"


def test_a_clients_failures_are_forgotten_a_day_after_the_latest(store):
    throttle = Throttle(store)
    now = 1_000_000.0
    for i in range(5):
        throttle.reserve("10.0.0.3", now + i * 1000)
    assert throttle.failures("10.0.0.3", now + 4000 + FORGET_SECONDS - 1) == 5
    throttle.reserve("10.0.0.2", now + 4000 + FORGET_SECONDS + 1)  # any step drops the old records
    assert stored_clients(store) == ["10.0.0.2"]
    assert throttle.reserve("10.0.0.3", now + 4000 + FORGET_SECONDS + 2).delay == 0  # a fresh count


def stored_clients(store) -> list[str]:
    """The clients the store keeps records of, read from the store's own files or tables."""
    if isinstance(store, FileStore):
        return sorted(json.loads((store.root / "throttle.json").read_text())["clients"])
    with store.connection() as conn:
        return [r[0] for r in conn.execute("SELECT client FROM sign_in_clients ORDER BY client")]


def test_a_throttle_file_of_the_earlier_format_is_read(tmp_path, seed):
    store = FileStore(tmp_path / "store", seed=seed)
    store.root.mkdir()
    old = {"10.0.0.1": {"failures": 4, "last": 1_000_000.0, "until": 1_000_010.0}}
    (store.root / "throttle.json").write_text(json.dumps(old))
    assert Throttle(store).wait("10.0.0.1", now=1_000_004.0) == pytest.approx(6.0)


def test_a_killed_server_holding_the_throttle_lock_does_not_block_sign_ins(store, backend, tmp_path, hashed):
    code = (
        "import sys, time; from dashboard.staff.store import open_store; "
        f"s = open_store({backend!r}, cache={str(tmp_path / 'other-cache')!r}); "
        "s.attempts.update('10.0.0.1', lambda st, now: (print('locked', flush=True), time.sleep(600)))"
    )
    killed_when_it_prints(code, "locked")
    assert sign_in(store, "Aysel", PASSWORD, "10.0.0.1").ok  # the lock went with the process


def test_a_huge_name_adds_one_bounded_line_to_the_audit_log(store, hashed):
    before = audit_size(store)
    sign_in(store, "A" * (2 * 1024 * 1024), "wrong", "10.0.0.6")
    newest = store.audit_entries()[0]  # newest first; the fixture logged its own entry before
    assert newest["who"] == "A" * auth.MAX_NAME
    assert 0 < audit_size(store) - before < 600


def test_every_text_of_an_audit_record_is_bounded(store):
    before = audit_size(store)
    store.audit("sign_in_failed", who="b" * (2 * 1024 * 1024) + "@example.org", method="oidc", why="x" * 10_000)
    newest = store.audit_entries()[0]
    assert newest["who"] == "b" * MAX_AUDIT_TEXT + "…" and newest["why"] == "x" * MAX_AUDIT_TEXT + "…"
    assert 0 < audit_size(store) - before < 1000


def audit_size(store) -> int:
    """The audit log's size in bytes: the file, or the database's records as JSON lines."""
    if isinstance(store, FileStore):
        return store.audit_path.stat().st_size
    return sum(len(json.dumps(e, ensure_ascii=False)) + 1 for e in store.audit_entries(1_000_000))


STAFF_SECRETS = {"staff": {"allowed_emails": ["aysel@ngo.example"], "allowed_domains": ["anama.example"]}}


@pytest.mark.parametrize(
    ("claims", "status"),
    [
        ({"email": "Aysel@ngo.example", "email_verified": True}, "ok"),
        ({"email": "rauf@anama.example", "email_verified": True}, "ok"),
        ({"email": "rauf@anama.example", "email_verified": "true"}, "ok"),
        ({"email": "rauf@anama.example", "email_verified": False}, "unverified"),
        ({"email": "rauf@anama.example", "email_verified": "false"}, "unverified"),
        ({"email": "rauf@anama.example"}, "unverified"),
        ({"email": "rauf@anama.example", "email_verified": 1}, "unverified"),
        ({"email": "someone@elsewhere.example", "email_verified": True}, "not_allowed"),
        ({"email": "x@anama.example.evil", "email_verified": True}, "not_allowed"),
        ({"email_verified": True}, "not_allowed"),
    ],
)
def test_oidc_needs_an_address_on_the_staff_list_that_the_provider_verified(claims, status):
    check = oidc_check(claims, STAFF_SECRETS)
    assert check.status == status
    assert check.email == str(claims.get("email", "")).lower()


def test_oidc_without_a_staff_list_lets_nobody_in():
    assert oidc_check({"email": "a@b.example", "email_verified": True}, {}).status == "not_allowed"
    assert oidc_check({"email": "a@b.example", "email_verified": True}, {"staff": "broken"}).status == "not_allowed"
