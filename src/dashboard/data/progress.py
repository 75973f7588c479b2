"""Long checks say where they are, and can be stopped, without knowing who runs them.

The loader and the upload checks call ``checkpoint()`` every so many rows, features or
megabytes. Whoever starts a check may install a hook for it with ``watched(hook)``: the
staff page's hook shows progress and stops the check (by raising) when the staff member
has left or started something else. Without a hook a checkpoint costs a look-up.

A hook stops a check by raising an exception that is not an ``Exception`` (Streamlit's
``st.stop()`` does): the loader turns every ``Exception`` into a finding, and a
stopped check must not look like a finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_hook: ContextVar[Callable[[], None] | None] = ContextVar("dashboard_check_hook", default=None)


def checkpoint() -> None:
    """Let the running check's hook (if any) show progress or stop the check."""
    hook = _hook.get()
    if hook is not None:
        hook()


@contextmanager
def watched(hook: Callable[[], None]) -> Iterator[None]:
    """Run the enclosed checks with ``hook`` called at their checkpoints."""
    token = _hook.set(hook)
    try:
        yield
    finally:
        _hook.reset(token)
