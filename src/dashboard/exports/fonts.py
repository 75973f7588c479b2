"""The font every export uses: DejaVu Sans as bundled with matplotlib.

It has every letter of Azerbaijani Latin (ə, ğ, ı, ş, ç, ö, ü) and needs nothing
installed on the system.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

FAMILY = "DejaVu Sans"


def font_file(bold: bool = False) -> Path:
    """Path of DejaVuSans.ttf (or DejaVuSans-Bold.ttf) inside matplotlib."""
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if not path.is_file():
        raise FileNotFoundError(f"matplotlib's DejaVu Sans font is missing: {path}")
    return path
