"""Staff sign-in with one shared password, and a throttle against guessing it.

The password itself is never stored: only its Argon2 hash, taken from the environment
variable DASHBOARD_STAFF_PASSWORD_HASH or from Streamlit's secrets file
(``.streamlit/secrets.toml``)::

    [staff]
    password_hash = "$argon2id$v=19$m=65536,t=3,p=4$..."

``dashboard hash-password`` prints such a hash. Wrong passwords are counted where the
store keeps its state (``throttle.json`` in the store folder, or the PostgreSQL database
that every server shares), so they survive reruns, new sessions, restarts and a move to
another server. Per client (an address; an IPv6 client by its /64): after three, each
further attempt must wait, twice as long every time, up to 15 minutes; a client's count
is forgotten a day after its latest failure. For all clients together: at most 30
failures a minute, so that rotating addresses does not buy more guesses. While a wait
holds, even the right password is refused without being checked; the attempt is
reserved (checked and counted in one step under the store's lock) before Argon2 runs.

OpenID Connect sign-ins are decided by ``oidc_check``: on the staff list, and the
address verified by the provider.
"""

from __future__ import annotations

import ipaddress
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from dashboard.staff.store import Store
from dashboard.staff.store.attempts import Attempts, AttemptState, Change

HASH_ENV = "DASHBOARD_STAFF_PASSWORD_HASH"
FREE_ATTEMPTS = 3
FIRST_DELAY = 5.0  # seconds, after the free attempts; doubles with every further failure
MAX_DELAY = 15 * 60.0
MAX_NAME = 200  # characters of a sign-in name kept (the audit line stays bounded)
GLOBAL_WINDOW = 60.0  # seconds
GLOBAL_FAILURES = 30  # failed attempts of all clients together within GLOBAL_WINDOW
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


def clean_name(name: str) -> str:
    """A sign-in name as kept: spaces folded, at most MAX_NAME characters (of any input)."""
    return " ".join((name or "")[: MAX_NAME * 4].split())[:MAX_NAME]


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


@dataclass(frozen=True)
class Reservation:
    """The throttle's answer to an attempt: ``wait`` 0 means it may be checked now (and is
    already counted as a failure); otherwise how long until the next try, and whose
    failures impose it (``by``: "client", or "everyone" for the ceiling of all clients)."""

    wait: float
    by: str = ""
    at: float = 0.0  # when it was reserved (a success takes that failure back)
    delay: float = 0.0  # the wait a wrong password now imposes on this client


def reserve_step(state: AttemptState, now: float) -> tuple[AttemptState, Reservation]:
    """One attempt, decided on the stored state (pure): refused while the client waits or
    while all clients together failed GLOBAL_FAILURES times within the last minute; else
    counted as a failure in advance, so that parallel attempts see it."""
    recent = tuple(t for t in state.recent if now - GLOBAL_WINDOW < t <= now)
    if state.client is not None and state.client.until > now:
        return AttemptState(state.client, recent), Reservation(state.client.until - now, "client", now)
    if len(recent) >= GLOBAL_FAILURES:
        return AttemptState(state.client, recent), Reservation(min(recent) + GLOBAL_WINDOW - now, "everyone", now)
    failures = (state.client.failures if state.client is not None else 0) + 1
    client = Attempts(failures, now, now + _delay(failures))
    return AttemptState(client, (*recent, now)), Reservation(0.0, at=now, delay=_delay(failures))


def success_step(at: float) -> Change[None]:
    """A right password after the attempt reserved at ``at`` (pure): the client's failures
    are forgotten, and that attempt no longer counts towards the ceiling."""

    def change(state: AttemptState, now: float) -> tuple[AttemptState, None]:
        recent = list(state.recent)
        if at in recent:
            recent.remove(at)
        return AttemptState(None, tuple(recent)), None

    return change


class Throttle:
    """Failed sign-ins, counted where the store keeps its state (the store folder, or the
    database that every server shares)."""

    def __init__(self, store: Store) -> None:
        self.book = store.attempts

    def reserve(self, client: str, now: float | None = None) -> Reservation:
        """One step under the store's lock: see ``reserve_step``."""
        return self.book.update(client_key(client), reserve_step, now)

    def succeeded(self, client: str, reservation: Reservation) -> None:
        """Forget a client's failures after a right password."""
        self.book.update(client_key(client), success_step(reservation.at))

    def failures(self, client: str, now: float | None = None) -> int:
        """Failed attempts of a client since its last success (within FORGET_SECONDS)."""
        state = self.book.read(client_key(client), now)
        return 0 if state.client is None else state.client.failures

    def wait(self, client: str, now: float | None = None) -> float:
        """Seconds before this client may try again (0: now), whoever's failures impose it."""
        state = self.book.read(client_key(client), now)
        t = time.time() if now is None else now
        return max(0.0, reserve_step(state, t)[1].wait)


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in attempt.

    ``status``: "ok", "missing" (name or password empty), "not_configured" (no hash),
    "locked" (too many failures from this client; ``wait`` seconds left), "busy" (too
    many failures from all clients within a minute; ``wait`` seconds left) or "wrong"
    (``wait``: what this failure imposes before the next attempt)."""

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
    name = clean_name(name)
    client = client_key(client or "unknown")
    hashed = configured_hash(secrets)
    if hashed is None:
        store.audit("sign_in_failed", who=name, client=client, why="not configured")
        return SignIn("not_configured")
    if not name or not password:
        store.audit("sign_in_failed", who=name, client=client, why="missing name or password")
        return SignIn("missing")
    throttle = Throttle(store)
    reserved = throttle.reserve(client, now)  # before Argon2: parallel guesses wait, not pile up
    if reserved.wait > 0:
        status = "locked" if reserved.by == "client" else "busy"
        why = "locked" if reserved.by == "client" else "too many failures from all clients"
        store.audit("sign_in_failed", who=name, client=client, why=why, wait=round(reserved.wait))
        return SignIn(status, reserved.wait)
    if not verify_password(password, hashed):
        store.audit("sign_in_failed", who=name, client=client, why="wrong password")
        return SignIn("wrong", reserved.delay)
    throttle.succeeded(client, reserved)
    store.audit("sign_in", who=name, client=client, method="password")
    return SignIn("ok")


@dataclass(frozen=True)
class OidcCheck:
    """Whether an identity-provider sign-in is staff: ``status`` "ok", "unverified" (the
    provider did not confirm the address) or "not_allowed"; ``email`` as given, folded."""

    status: str
    email: str

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def oidc_check(claims: Mapping, secrets: Mapping | None) -> OidcCheck:
    """Decide on the claims of an OpenID Connect sign-in (pure): the address must be on
    the staff list of the secrets ([staff] allowed_emails, or a domain of allowed_domains)
    and verified by the provider (``email_verified`` true: an address of an allowed
    domain that nobody confirmed could belong to anyone)."""
    email = str(claims.get("email") or "").strip().lower()
    try:
        staff = secrets.get("staff", {}) if secrets is not None else {}
        allowed = {str(e).lower() for e in staff.get("allowed_emails", [])}
        domains = {str(d).lower().lstrip("@") for d in staff.get("allowed_domains", [])}
    except AttributeError:  # a [staff] that is not a table
        allowed, domains = set(), set()
    if not email or not (email in allowed or email.rsplit("@", 1)[-1] in domains):
        return OidcCheck("not_allowed", email)
    verified = claims.get("email_verified")
    if not (verified is True or (isinstance(verified, str) and verified.strip().lower() == "true")):
        return OidcCheck("unverified", email)
    return OidcCheck("ok", email)
