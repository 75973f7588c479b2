"""Page-wide CSS: the dashboard's (``page.css``) and presentation mode's (``present.css``)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_HERE = Path(__file__).parent
_CSS = f"<style>{(_HERE / 'page.css').read_text(encoding='utf-8')}</style>"
_PRESENT_CSS = f"<style>{(_HERE / 'present.css').read_text(encoding='utf-8')}</style>"


def apply_presentation() -> None:
    """Add presentation mode's CSS to the page."""
    st.html(_PRESENT_CSS)


def apply() -> None:
    """Add the dashboard's CSS to the page."""
    st.html(_CSS)
