"""The view in the page URL: ?lang=az&metric=uxo&period=2024&district=AZ-CAB...

Widgets are seeded from the URL once per session (only values among their options
are accepted, so a crafted link cannot inject anything), and every rerun writes the
current values back, leaving defaults out to keep links short. Values in the URL are
option codes, not labels, so a link works in both languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st


def seed(key: str, options: Sequence[str], default: str | list[str], multi: bool = False) -> None:
    """Before a widget is drawn: give it the URL's value (or the default) unless this
    session has already set it. Widgets then take their value from session state only."""
    if key in st.session_state and st.session_state[key] is not None:
        if multi:
            st.session_state[key] = [v for v in st.session_state[key] if v in options]
            return
        if st.session_state[key] in options:
            return
    wanted = [v for v in st.query_params.get_all(key) if v in options]
    if multi:
        st.session_state[key] = wanted if key in st.query_params else list(default)
    else:
        st.session_state[key] = wanted[0] if wanted else default


def seed_date(key: str, first: date, last: date) -> None:
    """Like seed() for a date picker; no date (None) by default."""
    if key in st.session_state:
        return
    try:
        value: date | None = date.fromisoformat(st.query_params.get(key, ""))
    except ValueError:
        value = None
    st.session_state[key] = value if value is not None and first <= value <= last else None


def write(values: dict[str, str | list[str] | None], defaults: dict[str, str | list[str] | None]) -> None:
    """After the widgets: put every non-default value into the URL."""
    wanted = {k: v for k, v in values.items() if v not in (None, "", []) and v != defaults.get(k)}
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    normal = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normal:
        st.query_params.from_dict(wanted)
