"""Validation findings: what is wrong, where, and what was expected.

Every finding names the file, the place in it (a CSV line, or a GeoJSON feature by
index and id), the column, the value found and what was expected, in words a staff
member understands. Errors reject the file; warnings let it load but ask for a look.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One validation message."""

    severity: Severity
    file: str
    message: str
    line: int | None = None
    feature: int | None = None
    feature_id: str | None = None
    column: str | None = None
    value: str | None = None
    # A message key and its values, for showing the message in another language
    # (dashboard.i18n); ``message`` holds the English text.
    code: str | None = None
    args: tuple[tuple[str, object], ...] = ()

    def where(self) -> str:
        """Human description of the place: file, line or feature, column."""
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.feature is not None:
            ident = f" ({self.feature_id})" if self.feature_id else ""
            parts.append(f"feature {self.feature}{ident}")
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def text(self) -> str:
        """One line for people."""
        return f"{self.severity.upper()}: {self.where()}: {self.message}"


MAX_KEPT = 300  # findings kept per severity; any further ones are only counted


@dataclass
class Report:
    """All findings of one validation run, in the order found.

    A file with a mistake on every line must still get its message within seconds, so
    the report keeps the first ``MAX_KEPT`` errors and the first ``MAX_KEPT`` warnings
    (an identical finding once) and only counts the rest: ``error_count`` and
    ``warning_count`` are the true totals, ``to_text`` ends with "and N more"."""

    findings: list[Finding] = field(default_factory=list)
    _seen: set[Finding] = field(default_factory=set, repr=False, compare=False)
    _counts: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0}, repr=False, compare=False)
    _kept: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0}, repr=False, compare=False)

    def add(self, finding: Finding, always: bool = False) -> None:
        """Record a finding (kept if fewer than ``MAX_KEPT`` of its severity are, or
        ``always``: a message that says why checking stopped must not be lost)."""
        if finding in self._seen:
            return
        self._seen.add(finding)
        self._counts[finding.severity] += 1
        if always or self._kept[finding.severity] < MAX_KEPT:
            self._kept[finding.severity] += 1
            self.findings.append(finding)

    def error(self, file: str, message: str, always: bool = False, **where: object) -> None:
        if self._kept["error"] >= MAX_KEPT and not always:
            self._counts["error"] += 1  # past the cap: counted, not built or compared
            return
        self.add(Finding("error", file, message, **where), always)  # type: ignore[arg-type]

    def warning(self, file: str, message: str, **where: object) -> None:
        if self._kept["warning"] >= MAX_KEPT:
            self._counts["warning"] += 1
            return
        self.add(Finding("warning", file, message, **where))  # type: ignore[arg-type]

    def count_more(self, severity: Severity, n: int) -> None:
        """Count ``n`` findings that were found but not kept (e.g. another report's)."""
        self._counts[severity] += max(0, n)

    @property
    def errors(self) -> list[Finding]:
        """The errors kept (see ``error_count`` for how many there are)."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """The warnings kept (see ``warning_count`` for how many there are)."""
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def error_count(self) -> int:
        return self._counts["error"]

    @property
    def warning_count(self) -> int:
        return self._counts["warning"]

    @property
    def omitted(self) -> int:
        """Findings counted but not kept."""
        return self.error_count + self.warning_count - len(self.findings)

    @property
    def ok(self) -> bool:
        return self._counts["error"] == 0

    def for_file(self, file: str) -> list[Finding]:
        return [f for f in self.findings if f.file == file]

    def to_text(self) -> str:
        """The report for people: errors first, then warnings, then a summary line."""
        lines = [f.text() for f in self.errors] + [f.text() for f in self.warnings]
        if self.omitted:
            lines.append(f"... and {self.omitted} more finding(s) of the same kinds, not listed.")
        lines.append(f"{self.error_count} error(s), {self.warning_count} warning(s).")
        return "\n".join(lines)

    def to_json(self) -> str:
        """The report for programs."""
        payload = {
            "ok": self.ok,
            "errors": self.error_count,
            "warnings": self.warning_count,
            "omitted": self.omitted,
            "findings": [{k: v for k, v in asdict(f).items() if v not in (None, ())} for f in self.findings],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2)


def read_checked(path: Path, file: str, expected: str, limit: int, report: Report) -> bytes | None:
    """A data file's bytes, or None with a message when it is missing or too large to be
    real (refused before reading, so a mistaken multi-gigabyte export cannot hurt)."""
    target = path
    if not target.is_file():
        report.error(file, f"file is missing; expected {expected}")
        return None
    size = target.stat().st_size
    if size > limit:
        report.error(
            file,
            f"file is {size / 1_048_576:.1f} MB; a real file here is far smaller "
            f"(limit {limit // 1_048_576} MB). Was the wrong file saved?",
        )
        return None
    return target.read_bytes()
