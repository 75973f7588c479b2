"""Showing text from data files safely in Streamlit's Markdown elements."""

from __future__ import annotations

_MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$")


def md(text: object) -> str:
    """Escape Markdown and HTML so data text shows exactly as written."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in str(text))
