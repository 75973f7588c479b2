"""Presentation mode: its URL switch (?present=1&view=jabrayil) and its controls.

A link with ``present=1`` opens straight into the slides; ``view`` names the prepared
view shown, so a link can open on any step. The arrow keys and the buttons move between
steps; Esc leaves presentation mode and gives back the sidebar and the viewer's filters.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.analysis.presentation import PreparedView, view_index
from dashboard.i18n.messages import t

PARAM = "present"
VIEW_PARAM = "view"


def presentation_requested() -> bool:
    """Whether the page URL asks for presentation mode."""
    return st.query_params.get(PARAM) == "1"


def _go(views: list[PreparedView], index: int) -> None:
    st.query_params[VIEW_PARAM] = views[index].view_id


def _exit() -> None:
    for key in (PARAM, VIEW_PARAM):
        if key in st.query_params:
            del st.query_params[key]


def _enter(lang: str) -> None:
    st.query_params.from_dict({PARAM: "1", "lang": lang})


def start_button(lang: str) -> None:
    """The sidebar button that switches presentation mode on."""
    st.sidebar.button(
        t("present_start", lang),
        icon=":material/slideshow:",
        help=t("present_start_help", lang),
        on_click=_enter,
        args=(lang,),
        width="stretch",
    )


def current_step(views: list[PreparedView]) -> int:
    """Index of the view the URL names (the first one otherwise)."""
    return view_index(views, st.query_params.get(VIEW_PARAM))


def step_controls(views: list[PreparedView], index: int, lang: str, bar: DeltaGenerator) -> None:
    """Previous / counter / next in ``bar``, with the arrow keys as shortcuts."""
    total = len(views)
    bar.button(
        t("present_previous", lang),
        icon=":material/arrow_back:",
        shortcut="Left",
        disabled=index <= 0,
        on_click=_go,
        args=(views, max(index - 1, 0)),
        key="present_previous",
    )
    bar.markdown(t("present_step", lang, n=index + 1, total=max(total, 1)))
    bar.button(
        t("present_next", lang),
        icon=":material/arrow_forward:",
        shortcut="Right",
        disabled=index >= total - 1,
        on_click=_go,
        args=(views, min(index + 1, max(total - 1, 0))),
        key="present_next",
    )


def exit_button(lang: str, bar: DeltaGenerator) -> None:
    """The button (and Esc) that leaves presentation mode."""
    bar.button(t("present_exit", lang), icon=":material/close:", shortcut="Esc", on_click=_exit, key="present_exit")
