"""Labels of the staff area: sign-in, updates, preview, publishing and history (English, Azerbaijani)."""

from __future__ import annotations

STAFF_MESSAGES: dict[str, tuple[str, str]] = {}
