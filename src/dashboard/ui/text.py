"""Showing text from data files safely in Streamlit's Markdown elements.

Streamlit's Markdown does more than CommonMark, and some of it works on the text after
escapes are resolved, so a backslash is not always enough:

- every Markdown and HTML character is escaped with a backslash (links, emphasis,
  headings, tables, LaTeX ``$``, HTML tags, ``&`` entities);
- ``:`` becomes the character reference ``&#58;``: emoji shortcodes (``:x:``), coloured
  text (``:red[...]``) and icons are only recognised when the Markdown source has a
  colon there, and a link needs its ``http:``;
- what is found in the text itself, after escapes are resolved (web and e-mail
  addresses made links, ``:streamlit:`` replaced by the logo, `` -> `` by an arrow,
  `` -- `` by a dash and the like), is broken with an invisible word joiner (U+2060),
  the only change to what a reader could copy.

A value such as ``root:x:0`` therefore shows as ``root:x:0``, not ``root❌0``.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$&=^")
WORD_JOINER = "\u2060"
# What Streamlit finds in text: addresses (scheme://, www., e-mail @) to link, the logo
# shortcode, and arrows, dashes and comparison signs between spaces.
_REPLACED = re.compile(
    r"(?<=:)(?=//)|(?i:(?<=www)(?=\.))|(?<=@)|(?<=:)(?=streamlit:)"
    r"|(?<=<)(?=->)|(?<=[-<])(?=[->](?:\s|$))|(?<=[>~<])(?==(?:\s|$))"
)


def md(text: object) -> str:
    """Escape text for Streamlit's Markdown so that it shows exactly as written."""
    joined = _REPLACED.sub(WORD_JOINER, str(text))
    return "".join("&#58;" if ch == ":" else "\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in joined)
