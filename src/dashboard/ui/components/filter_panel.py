"""The sidebar's filters as one light component of plain HTML form controls.

Streamlit's own select widgets cost the browser about a tenth of the page-open time
(measured with benchmarks/bench_dashboard.py); native checkboxes, selects and a date
field do the same job, are read correctly by screen readers, and work by keyboard.
The component (filter_panel.js, filter_panel.css) is drawn from what ``draw`` is
given, and sends the whole choice back on every change; ``checked_pick`` checks it
before it reaches session state, so a crafted message cannot inject anything.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st

KEY = "filter_panel"
_HERE = Path(__file__).parent

_component = st.components.v2.component(
    "dashboard.filter_panel",
    js=(_HERE / "filter_panel.js").read_text(encoding="utf-8"),
    css=(_HERE / "filter_panel.css").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def checked_pick(pick: object) -> dict[str, object]:
    """The filters' session values from a choice sent by the browser. Only the types are
    checked here (anything else is dropped); values outside the options are dropped
    when the sidebar seeds its keys (url_state.seed), and dates outside the allowed
    range when it reads them."""
    if not isinstance(pick, dict):
        return {}
    out: dict[str, object] = {key: _strings(pick.get(key)) for key in ("region", "district", "status")}
    out |= {key: pick[key] for key in ("metric", "period") if isinstance(pick.get(key), str)}
    try:
        out["as_of"] = date.fromisoformat(pick.get("as_of") or "")
    except (TypeError, ValueError):
        out["as_of"] = None
    return out


def _apply() -> None:
    """On a change in the browser, before the rerun: the choice goes to session state."""
    for key, value in checked_pick((st.session_state.get(KEY) or {}).get("pick")).items():
        st.session_state[key] = value


def draw(data: dict[str, Any]) -> None:
    """Mount the panel in the sidebar with its labels, options and current values."""
    with st.sidebar:
        _component(key=KEY, data=data, on_pick_change=_apply)
