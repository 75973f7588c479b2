"""Reading one CSV file of geodata/ against its declared columns.

Everything that can be wrong inside a single file is found here: size, encoding,
truncation, header, and each cell's type. Checks across rows and files live in
``consistency``.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from datetime import date
from pathlib import Path

from dashboard.data.progress import checkpoint
from dashboard.data.report import Report, read_checked
from dashboard.data.schema import FORMULA_STARTS, MAX_CSV_BYTES, MAX_FILE_ERRORS, MAX_ROWS, Column, TableSpec

Row = dict[str, object]

_ID_BODY = r"[A-Za-z0-9][A-Za-z0-9_.\-]*"
_ID = re.compile(rf"^{_ID_BODY}$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_COORDINATE = re.compile(r"^-?\d+(\.\d+)?$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_URL = re.compile(r"^https?://\S+$")
_CYRILLIC_1251 = set(range(0xC0, 0x100)) | {0xA8, 0xB8}
# What a cell of each kind must look like, as regular expressions, for descriptions of
# the same files outside this reader (the Frictionless Data Package): one definition.
KIND_PATTERNS = {
    "id": _ID.pattern,
    "date": _DATE.pattern,
    "url": _URL.pattern,
    "codes": rf"^{_ID_BODY}(?:\s+{_ID_BODY})*$",
}
# Text beginning like a formula (schema.FORMULA_STARTS; a tab or carriage return at the
# start is trimmed with the other spaces before this check) is quoted in exports (see
# dashboard.exports.spreadsheet); staff are told, because a formula in a source title is
# rarely meant. A number with a minus sign is a number, not a formula.
_SIGNED_NUMBER = re.compile(r"^[-+]?\d+([.,]\d+)?%?$")
_CHECKPOINT_ROWS = 2_000


def parse_partial_date(text: str) -> tuple[date, date] | None:
    """First and last day covered by an ISO date that may omit the day or month.

    ``"2023"`` covers 2023-01-01..2023-12-31, ``"2023-05"`` the month, ``"2023-05-25"``
    one day. Returns None for anything else, including impossible dates.
    """
    m = _DATE.match(text)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        mon = int(month)
        if day is None:
            last = calendar.monthrange(year, mon)[1]
            return date(year, mon, 1), date(year, mon, last)
        one = date(year, mon, int(day))
        return one, one
    except ValueError:
        return None


def date_precision(text: str) -> str:
    """'day', 'month' or 'year' for a valid partial ISO date."""
    return {1: "year", 2: "month", 3: "day"}[len(text.split("-"))]


def _number_problem(text: str) -> str:
    if text.startswith("-") and _NUMBER.match(text[1:]):
        return "expected a number that is not negative (counts and areas cannot be below zero)"
    if re.match(r"^-?[\d.,\s']+$", text) and ("," in text or " " in text or "'" in text):
        return (
            "expected a plain number with a dot for decimals and no thousands separators, "
            "e.g. 14016.7 (not 14,016.7 or 14.016,7)"
        )
    if re.match(r"^\d{1,3}(\.\d{3}){2,}$", text):
        return "expected a plain number; dots here look like thousands separators, e.g. 1234567"
    return "expected a number, e.g. 14016.7"


def _check_cell(column: Column, raw: str, today: date) -> tuple[object, str | None]:
    """Parsed value and, when the cell is wrong, what was expected."""
    kind = column.kind
    if len(raw) > column.max_length:
        return None, f"expected at most {column.max_length} characters, found {len(raw)}"
    if kind == "id" and not _ID.match(raw):
        return None, "expected an id of letters, digits, hyphens, dots or underscores, no spaces"
    if kind == "number":
        if not _NUMBER.match(raw):
            return None, _number_problem(raw)
        return float(raw), None
    if kind == "coordinate":
        if not _COORDINATE.match(raw):
            return None, "expected decimal degrees with a dot, e.g. 39.6389 (not 39°38′ or 39,6389)"
        return float(raw), None
    if kind == "date":
        span = parse_partial_date(raw)
        if span is None:
            return None, (
                "expected an ISO date YYYY-MM-DD, or YYYY-MM / YYYY when the source gives no "
                "day (e.g. 2023-12-31, 2023-12, 2023)"
            )
        if span[0] > today:
            return None, f"expected a date that is not in the future (today is {today.isoformat()})"
        return raw, None
    if kind == "url" and not _URL.match(raw):
        return None, "expected a web address starting with http:// or https://"
    if kind == "enum" and raw not in column.choices:
        return None, "expected one of: " + ", ".join(column.choices)
    if kind == "codes" and not all(_ID.match(part) for part in raw.split()):
        return None, "expected codes separated by spaces, e.g. AZ-CAB AZ-QBI AZ-ZAN"
    return raw, None


def _decode(data: bytes, file: str, report: Report) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 8]
        hint = "Save it again as UTF-8 (in Calc 'Unicode (UTF-8)', in Excel 'CSV UTF-8')."
        if sum(b in _CYRILLIC_1251 for b in bad) >= 2 or data.startswith(b"\xff\xfe"):
            kind = "UTF-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "Windows-1251"
            found = f"the file looks like {kind}, not UTF-8"
        else:
            found = f"byte 0x{data[exc.start]:02x} is not valid UTF-8"
        report.error(file, f"{found}. {hint}", line=line)
        return None


def read_table(root: Path, spec: TableSpec, report: Report, today: date) -> list[Row] | None:
    """Rows of one CSV file as dicts (with their line number under ``"_line"``).

    Returns None when the file cannot be read at all. Cells that fail their check are
    reported and set to None, so later checks skip them instead of repeating the error.
    """
    file = spec.path
    expected = "a CSV file with columns " + ", ".join(spec.names)
    data = read_checked(root / file, file, expected, MAX_CSV_BYTES, report)
    if data is None:
        return None
    text = _decode(data, file, report)
    if text is None:
        return None
    if not text.strip():
        report.error(file, "file is empty; expected a header line: " + ",".join(spec.names))
        return None
    if "\x00" in text:
        report.error(file, "file contains NUL bytes; it is not a text CSV file")
        return None
    return _parse(text, spec, report, today)


def _parse(text: str, spec: TableSpec, report: Report, today: date) -> list[Row] | None:
    """Check the rows one by one as they are read: a file stops being checked at its
    ``MAX_FILE_ERRORS``-th error or past ``MAX_ROWS`` rows, so any file costs little."""
    file = spec.path
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    next_line = 1
    try:
        first = next(reader, None)
        if first is None or not any(cell.strip() for cell in first):
            report.error(file, "first line is empty; expected the header: " + ",".join(spec.names))
            return None
        header = [h.strip() for h in first]
        if not _header_ok(header, spec, report):
            return None
        columns = [next(c for c in spec.columns if c.name == name) for name in header]
        rows: list[Row] = []
        errors_at_start = report.error_count
        next_line = reader.line_num + 1
        for count, record in enumerate(reader):
            line, next_line = next_line, reader.line_num + 1
            if count % _CHECKPOINT_ROWS == 0:
                checkpoint()
            if count >= MAX_ROWS:
                report.error(
                    file,
                    f"the file has more than {MAX_ROWS:,} rows; a table here is far smaller. Was the wrong file saved?",
                    line=line,
                    always=True,
                )
                return None
            if report.error_count - errors_at_start >= MAX_FILE_ERRORS:
                report.error(
                    file,
                    f"checking stopped at line {line} after {MAX_FILE_ERRORS:,} errors in this file; "
                    "fix the first ones (they often have one cause) and check again",
                    line=line,
                    always=True,
                )
                return None
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                report.error(
                    file,
                    f"found {len(record)} values, but the header has {len(header)} columns; the "
                    "line may be truncated, or a value contains a comma without quotes",
                    line=line,
                )
                continue
            row: Row = {"_line": line}
            for column, raw in zip(columns, record, strict=True):
                row[column.name] = _cell(column, raw.strip(), file, line, report, today)
            rows.append(row)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            report.error(
                file,
                f"a value is longer than {csv.field_size_limit():,} characters; a cell here holds at most "
                "a few thousand. Is a quote character missing?",
                line=next_line,
            )
            return None
        report.error(
            file,
            "a quoted value is not closed before the end of the file; the file may be "
            "truncated or a quote character is missing",
            line=next_line,
        )
        return None
    if not rows:
        report.warning(file, "file has a header but no rows")
    return rows


def _cell(column: Column, raw: str, file: str, line: int, report: Report, today: date) -> object:
    if raw == "":
        if column.required:
            report.error(file, "value is empty; this column is required", line=line, column=column.name)
            return None
        return "" if column.kind not in ("number", "coordinate") else None
    value, problem = _check_cell(column, raw, today)
    if problem:
        report.error(file, f"found '{raw}'; {problem}", line=line, column=column.name, value=raw)
    elif column.kind == "text":
        warn_if_formula(raw, file, report, line=line, column=column.name)
    return value


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would read this text as a formula (and it is no number)."""
    return text.startswith(FORMULA_STARTS) and not _SIGNED_NUMBER.match(text)


def warn_if_formula(text: str, file: str, report: Report, **where: object) -> None:
    """A warning for text that begins like a spreadsheet formula."""
    if looks_like_formula(text):
        report.warning(
            file,
            f"found '{text}', which begins with '{text[0]}': a spreadsheet would read it as a formula. "
            "Downloads show it with a leading ' (as text); if it is not meant, remove the first character",
            value=text,
            **where,
        )


def _header_ok(header: list[str], spec: TableSpec, report: Report) -> bool:
    file = spec.path
    ok = True
    seen: set[str] = set()
    for name in header:
        if name in seen:
            report.error(file, f"column '{name}' appears twice in the header", line=1, column=name)
            ok = False
        seen.add(name)
    unknown = [h for h in header if h not in spec.names]
    missing = [n for n in spec.names if n not in header]
    for name in unknown:
        hint = "; is it a misspelling?" if missing else ""
        report.error(
            file,
            f"unknown column '{name}'{hint} Expected columns: {', '.join(spec.names)}",
            line=1,
            column=name,
        )
        ok = False
    for name in missing:
        report.error(file, f"column '{name}' is missing from the header", line=1, column=name)
        ok = False
    return ok
