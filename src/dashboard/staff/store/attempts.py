"""The failed sign-ins that the staff throttle counts, kept where the store is so that
the throttle holds across processes and, on PostgreSQL, across servers.

What is kept: per client, its failures since its last success, the time of the latest
and the time before which it may not try again; and, for all clients together, the
times of the recent failures (the throttle's ceiling per minute). The rules (how long
to wait, how many failures a minute) are the throttle's, in dashboard.staff.auth: the
store only reads the state under a lock that every server of the store shares, hands
it to a pure function of the throttle, and keeps what that returns, in one step.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

FORGET_SECONDS = 24 * 3600.0  # a client's failures are forgotten a day after its latest
T = TypeVar("T")


@dataclass(frozen=True)
class Attempts:
    """One client's failed sign-ins since its last success (times in seconds since 1970)."""

    failures: int
    last: float
    until: float


@dataclass(frozen=True)
class AttemptState:
    """What one step of the throttle sees and changes: this client's record (None: no
    failures kept) and the times of the recent failures of every client."""

    client: Attempts | None = None
    recent: tuple[float, ...] = ()


Change = Callable[[AttemptState, float], tuple[AttemptState, T]]


class AttemptBook(ABC):
    """Failed sign-ins, per client and for all clients together."""

    @abstractmethod
    def update(self, key: str, change: Change[T], now: float | None = None) -> T:
        """Under the lock every server shares: drop the records of clients whose latest
        failure is older than FORGET_SECONDS, give ``change`` the state of ``key`` and
        the time (``now``, else the store's clock), keep the state it returns, and return
        its result."""

    def read(self, key: str, now: float | None = None) -> AttemptState:
        """The state of a client, changing nothing."""
        return self.update(key, lambda state, _now: (state, state), now)
