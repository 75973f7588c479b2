"""Staff sign-in with one shared password, and a throttle against guessing it.

The password itself is never stored: only its Argon2 hash, taken from the environment
variable DASHBOARD_STAFF_PASSWORD_HASH or from Streamlit's secrets file
(``.streamlit/secrets.toml``)::

    [staff]
    password_hash = "$argon2id$v=19$m=65536,t=3,p=4$..."

``dashboard hash-password`` prints such a hash. Wrong passwords are counted per client
in ``throttle.json`` in the store folder (so they survive reruns, new sessions and
restarts): after three, each further attempt from that client must wait, twice as long
every time, up to 15 minutes. While a client waits, even the right password is refused
without being checked.
"""

from __future__ import annotations

import ipaddress
import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from filelock import FileLock

from dashboard.staff.store import Store

HASH_ENV = "DASHBOARD_STAFF_PASSWORD_HASH"
FREE_ATTEMPTS = 3
FIRST_DELAY = 5.0  # seconds, after the free attempts; doubles with every further failure
MAX_DELAY = 15 * 60.0
MAX_NAME = 200  # characters of a sign-in name kept (the audit line stays bounded)
_MAX_DOUBLINGS = 20  # FIRST_DELAY * 2**20 is far past MAX_DELAY: no overflow for any count
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """The Argon2id hash of a password, to put in the secrets file or the environment."""
    if not password:
        raise ValueError("the password is empty")
    return _hasher.hash(password)


def configured_hash(secrets: Mapping | None = None) -> str | None:
    """The staff password hash: $DASHBOARD_STAFF_PASSWORD_HASH, else secrets [staff] password_hash."""
    env = os.environ.get(HASH_ENV, "").strip()
    if env:
        return env
    try:
        staff = secrets.get("staff") if secrets is not None else None
        value = staff.get("password_hash") if staff is not None else None
    except Exception:  # a missing or broken secrets file is "not configured", not a crash
        return None
    return str(value).strip() if value else None


def verify_password(password: str, hashed: str) -> bool:
    """True only when the password matches the hash (a broken hash matches nothing)."""
    if not password or not hashed:
        return False
    try:
        return bool(_hasher.verify(hashed, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def client_key(client: str) -> str:
    """The throttle's key of a client address: an IPv6 address counts as its /64."""
    try:
        addr = ipaddress.ip_address(client)
    except ValueError:
        return client[:100]
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{addr}/64", strict=False))
    mapped = getattr(addr, "ipv4_mapped", None)
    return str(mapped or addr)


def _delay(failures: int) -> float:
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY, FIRST_DELAY * 2 ** min(failures - FREE_ATTEMPTS, _MAX_DOUBLINGS))


class Throttle:
    """Failed sign-ins per client, kept in a JSON file beside the store."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = FileLock(str(self.path) + ".lock", timeout=10)

    def _read(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, dict]) -> None:
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, self.path)

    def wait(self, client: str, now: float | None = None) -> float:
        """Seconds this client must wait before its next attempt (0: may try now)."""
        now = time.time() if now is None else now
        entry = self._read().get(client) or {}
        return max(0.0, float(entry.get("until", 0.0)) - now)

    def failures(self, client: str) -> int:
        """Failed attempts of a client since its last success."""
        return int((self._read().get(client) or {}).get("failures", 0))

    def failed(self, client: str, now: float | None = None) -> float:
        """Count a failure; returns the wait it imposes."""
        now = time.time() if now is None else now
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            data = self._read()
            entry = data.get(client) or {}
            failures = int(entry.get("failures", 0)) + 1
            delay = _delay(failures)
            data[client] = {"failures": failures, "last": now, "until": now + delay}
            self._write(data)
        return delay

    def reserve(self, client: str, now: float | None = None) -> float:
        """One step under the lock: 0 when the client may try now (its attempt is then
        counted as a failure in advance, so parallel attempts see it), else the wait."""
        now = time.time() if now is None else now
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            data = self._read()
            entry = data.get(client) or {}
            wait = max(0.0, float(entry.get("until", 0.0)) - now)
            if wait > 0:
                return wait
            failures = int(entry.get("failures", 0)) + 1
            data[client] = {"failures": failures, "last": now, "until": now + _delay(failures)}
            self._write(data)
        return 0.0

    def delay_of(self, client: str) -> float:
        """The wait the client's counted failures impose."""
        return _delay(self.failures(client))

    def succeeded(self, client: str) -> None:
        """Forget a client's failures."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            data = self._read()
            if data.pop(client, None) is not None:
                self._write(data)


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in attempt.

    ``status``: "ok", "missing" (name or password empty), "not_configured" (no hash),
    "locked" (too many failures; ``wait`` seconds left) or "wrong"."""

    status: str
    wait: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def sign_in(
    store: Store,
    name: str,
    password: str,
    client: str,
    secrets: Mapping | None = None,
    now: float | None = None,
) -> SignIn:
    """Check a staff sign-in, throttle failures, and record the attempt in the audit log."""
    name = " ".join((name or "")[: MAX_NAME * 4].split())[:MAX_NAME]
    client = client_key(client or "unknown")
    throttle = Throttle(store.root / "throttle.json")
    hashed = configured_hash(secrets)
    if hashed is None:
        store.audit("sign_in_failed", who=name, client=client, why="not configured")
        return SignIn("not_configured")
    if not name or not password:
        store.audit("sign_in_failed", who=name, client=client, why="missing name or password")
        return SignIn("missing")
    wait = throttle.reserve(client, now)  # before Argon2: parallel guesses wait, not pile up
    if wait > 0:
        store.audit("sign_in_failed", who=name, client=client, why="locked", wait=round(wait))
        return SignIn("locked", wait)
    if not verify_password(password, hashed):
        wait = throttle.delay_of(client)
        store.audit("sign_in_failed", who=name, client=client, why="wrong password")
        return SignIn("wrong", wait)
    throttle.succeeded(client)
    store.audit("sign_in", who=name, client=client, method="password")
    return SignIn("ok")
