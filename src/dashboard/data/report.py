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


@dataclass
class Report:
    """All findings of one validation run, in the order found."""

    findings: list[Finding] = field(default_factory=list)

    def error(self, file: str, message: str, **where: object) -> None:
        self.findings.append(Finding("error", file, message, **where))  # type: ignore[arg-type]

    def warning(self, file: str, message: str, **where: object) -> None:
        self.findings.append(Finding("warning", file, message, **where))  # type: ignore[arg-type]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def for_file(self, file: str) -> list[Finding]:
        return [f for f in self.findings if f.file == file]

    def to_text(self) -> str:
        """The report for people: errors first, then warnings, then a summary line."""
        lines = [f.text() for f in self.errors] + [f.text() for f in self.warnings]
        lines.append(f"{len(self.errors)} error(s), {len(self.warnings)} warning(s).")
        return "\n".join(lines)

    def to_json(self) -> str:
        """The report for programs."""
        payload = {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [{k: v for k, v in asdict(f).items() if v is not None} for f in self.findings],
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
