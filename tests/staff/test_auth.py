"""Staff sign-in: the password hash, refusing wrong or missing passwords, throttling."""

from __future__ import annotations

import subprocess
import sys

import pytest
from paths import REPO

from dashboard.staff import auth
from dashboard.staff.auth import HASH_ENV, Throttle, configured_hash, hash_password, sign_in, verify_password

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
    assert Throttle(store.root / "throttle.json").failures("10.0.0.9") == 0


def test_the_throttle_survives_a_new_process(store, hashed):
    results = [sign_in(store, "x", f"guess-{i}", "10.0.0.7").status for i in range(4)]
    assert results == ["wrong", "wrong", "wrong", "locked"]  # the fourth is not even checked
    code = (
        "import sys; from dashboard.staff.auth import Throttle; "
        f"t = Throttle({str(store.root / 'throttle.json')!r}); "
        "print(t.failures('10.0.0.7'), t.wait('10.0.0.7') > 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["3", "True"]


def test_the_delay_is_capped():
    throttle_delays = [min(auth.MAX_DELAY, auth.FIRST_DELAY * 2 ** (n - auth.FREE_ATTEMPTS)) for n in range(3, 40)]
    assert max(throttle_delays) == auth.MAX_DELAY == 900


def test_parallel_wrong_attempts_are_reserved_one_at_a_time(store, hashed):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(20) as pool:
        statuses = list(pool.map(lambda i: sign_in(store, "x", f"g{i}", "10.0.0.5").status, range(20)))
    # only the free attempts plus the first delayed one are checked; the rest wait unchecked
    assert statuses.count("wrong") == auth.FREE_ATTEMPTS and statuses.count("locked") == 17


def test_2000_failures_give_the_capped_delay_and_ipv6_counts_per_64(store):
    t = Throttle(store.root / "throttle.json")
    now = 1_000_000.0
    for i in range(2000):
        delay = t.failed("c", now + i * 10_000)
    assert delay == auth.MAX_DELAY
    keys = {auth.client_key(f"2001:db8:1:2::{i:x}") for i in range(50)}
    assert keys == {"2001:db8:1:2::/64"}


def test_a_huge_name_is_cut_before_the_audit_log(store, hashed):
    sign_in(store, "A" * (2 * 1024 * 1024), "wrong", "10.0.0.6")
    newest = store.audit_entries()[0]  # newest first; the fixture logged its own entry before
    assert newest["who"] == "A" * auth.MAX_NAME
