"""Results every session shares, in caches no visitor can empty.

Streamlit's ``st.cache_data`` and ``st.cache_resource`` are emptied for all sessions by a
``clear_cache`` message, which any anonymous websocket client may send: one such message
made the next page of every visitor reload the data and rebuild the map (0.08 s to
1.0 s a rerun). Shared state lives here instead, keyed by the data version or a name of
the selection: a new version gets new entries, the oldest ones are dropped past
``maxsize``, and nothing from outside the process can clear them. ruff's banned-api rule
keeps ``st.cache_*`` out of the code (pyproject.toml).

Like ``st.cache_resource``, a value is computed once even when many sessions ask for it
at the same moment (the others wait for it), and callers must not modify what they get.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from cachetools import LRUCache, cached
from cachetools.keys import hashkey

F = TypeVar("F", bound=Callable[..., Any])


def shared_cache(maxsize: int, key: Callable[..., Any] = hashkey) -> Callable[[F], F]:
    """Decorator: remember up to ``maxsize`` results by ``key(*args, **kwargs)``,
    computing each once across threads."""

    def decorate(func: F) -> F:
        return cached(LRUCache(maxsize=maxsize), key=key, condition=threading.Condition())(func)  # type: ignore[return-value]

    return decorate
