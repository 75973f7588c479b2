"""Working on a draft: tables as rows for the editor, writing them back, validation
findings per row, and carrying a draft over to a newer published version. After any
change to a staff member's draft, ``store.drafts.save(draft)`` keeps it (see
dashboard.staff.store.drafts)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from dashboard.data.report import Finding, Report
from dashboard.staff.diff import TABLES, _keyed, read_rows
from dashboard.staff.store import Draft, Store, managed_files
from dashboard.staff.store.disk import replace_bytes


def table_rows(folder: Path, rel: str) -> tuple[list[str], list[dict[str, str]]]:
    """A table's columns and rows as text (the declared columns when the file is unreadable)."""
    spec = TABLES[rel]
    rows = read_rows(folder / rel) or []
    columns = list(rows[0].keys()) if rows else list(spec.names)
    return columns, rows


def write_table(folder: Path, rel: str, columns: list[str], rows: list[dict[str, object]]) -> None:
    """Write rows back as a UTF-8 CSV file; blank rows are dropped, cells are trimmed."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        cells = ["" if row.get(c) is None else str(row.get(c)).strip() for c in columns]
        if any(cells):
            writer.writerow(cells)
    replace_bytes(folder / rel, out.getvalue().encode("utf-8"), scratch_dir=folder.parent)


def findings_by_line(report: Report, rel: str) -> dict[int, list[Finding]]:
    """Findings of one file, by CSV line (line 2 is the first row)."""
    out: dict[int, list[Finding]] = {}
    for f in report.for_file(rel):
        if f.line is not None:
            out.setdefault(f.line, []).append(f)
    return out


def finding_text(f: Finding) -> str:
    """A finding in one line for the row it concerns: severity, column, message."""
    column = f" '{f.column}'" if f.column else ""
    return f"{f.severity.upper()}{column}: {f.message}"


def _csv_text(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") or "" for c in columns])
    return out.getvalue().encode("utf-8")


def _merge_table(rel: str, base: Path, mine: Path, theirs: Path, conflicts: list[str]) -> bytes:
    key = TABLES[rel].key
    b, m, t = (read_rows(p / rel) if (p / rel).exists() else [] for p in (base, mine, theirs))
    if b is None or m is None or t is None:
        conflicts.append(f"{rel}: changed in both versions and not readable as a table; your file was kept")
        return (mine / rel).read_bytes()
    bk, mk, tk = _keyed(b, key), _keyed(m, key), _keyed(t, key)
    merged = dict(tk)
    for ident, row in mk.items():
        if bk.get(ident) == row:
            continue  # not changed by you
        if ident in tk and tk[ident] != bk.get(ident) and tk[ident] != row:
            conflicts.append(f"{rel}, {key} '{ident}': changed by both; your version was kept")
        merged[ident] = row
    for ident in bk:
        if ident not in mk and ident in merged:
            if tk.get(ident) != bk[ident]:
                conflicts.append(f"{rel}, {key} '{ident}': you removed it, the other version changed it; it was kept")
                continue
            del merged[ident]
    columns = list(m[0].keys()) if m else list(TABLES[rel].names)
    return _csv_text(columns, list(merged.values()))


def rebase(store: Store, draft: Draft) -> tuple[Draft, list[str]]:
    """A new draft on the current version that carries this draft's changes over.

    Rows are merged by id: your added, changed and removed rows are applied to the
    newer version. Where both changed the same row or file, the list says so."""
    current = store.ensure()
    base_dir, mine = store.version_dir(draft.base), draft.path
    new = store.drafts.new(current, owner=draft.owner)
    conflicts: list[str] = []
    names = dict.fromkeys([*managed_files(base_dir), *managed_files(mine), *managed_files(new.path)])
    for rel in names:
        b, m, t = ((p / rel).read_bytes() if (p / rel).exists() else None for p in (base_dir, mine, new.path))
        if m in (b, t):
            continue  # keep the newer version's file
        if t == b or t is None:
            data = m
        elif rel in TABLES and m is not None:
            data = _merge_table(rel, base_dir, mine, new.path, conflicts)
        else:
            conflicts.append(f"{rel}: changed in both versions; your file was kept")
            data = m
        target = new.path / rel
        if data is None:
            target.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    store.drafts.save(new)  # the new draft is its owner's from here on, then the old one goes
    store.drafts.discard(draft)
    return new, conflicts


def reset_file(store: Store, draft: Draft, rel: str) -> None:
    """Put one file of a draft back as it is in the draft's base version."""
    source = store.version_dir(draft.base) / rel
    if source.exists():
        replace_bytes(draft.path / rel, source.read_bytes(), scratch_dir=draft.path.parent)
