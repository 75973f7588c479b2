"""Every CSV the app hands out, written one way: safe and readable in a spreadsheet.

- Formula injection: a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return would be run as a formula by Excel, LibreOffice and Google Sheets. Such
  cells get a leading single quote (the OWASP rule), which spreadsheets show as text.
  Numbers are written as numbers, so a negative number keeps its minus sign.
- Lines end in CRLF (RFC 4180). Encoding: UTF-8 with a byte-order mark, so that Excel reads "Cəbrayıl" and not
  "CÉ™brayÄ±l"; pandas, LibreOffice and Python's csv module read it as well.
"""

from __future__ import annotations

import io

import pandas as pd

from dashboard.data.schema import FORMULA_STARTS

BOM = "\ufeff"


def neutralise(value: object) -> object:
    """A cell's value, made inert if it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame, columns: list[str] | None = None) -> bytes:
    """``frame`` as a CSV download: header line, comma-separated, UTF-8 with BOM, text
    cells that look like formulas neutralised (numbers untouched)."""
    table = frame if columns is None else frame[columns]
    safe = table.copy()
    for name in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[name]):
            safe[name] = safe[name].map(neutralise)
    safe.columns = [str(neutralise(str(c))) for c in safe.columns]
    buffer = io.StringIO()
    buffer.write(BOM)
    # CRLF as RFC 4180 has it; a "\r" inside a cell is then quoted like a line break
    safe.to_csv(buffer, index=False, float_format="%.15g", lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8")
