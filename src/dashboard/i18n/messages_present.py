"""Labels of the presenter tools: presentation mode and exports (English, Azerbaijani)."""

from __future__ import annotations

PRESENT_MESSAGES: dict[str, tuple[str, str]] = {}
