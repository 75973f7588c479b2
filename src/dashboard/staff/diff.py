"""What changes between two versions of the data: rows per file, and the figures that move.

Rows are matched by their id column (``figure_id``, ``source_id``, ...), district
features by ``code``. Text is returned raw; whoever shows it escapes it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.analysis.figures import headline, pick
from dashboard.analysis.selection import Period
from dashboard.data import schema
from dashboard.data.dataset import Dataset
from dashboard.i18n.format import fmt_value
from dashboard.staff.store import managed_files
from dashboard.text.figures import metric_label, period_label

TABLES = {spec.path: spec for spec in schema.TABLES}
FEATURE_FILES = (schema.DISTRICTS_FILE, schema.DISPLAY_FILE)


@dataclass
class FileDiff:
    """Rows (or features) added, removed and changed in one file, matched by ``key``."""

    file: str
    key: str
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[tuple[str, dict, dict]] = field(default_factory=list)  # (id, old row, new row)
    note: str = ""  # a file compared as a whole (e.g. the background), or unreadable

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.note)

    def changed_columns(self, old: dict, new: dict) -> list[str]:
        """Columns whose value differs between two versions of a row."""
        return [c for c in dict.fromkeys([*old, *new]) if old.get(c, "") != new.get(c, "")]


@dataclass(frozen=True)
class Move:
    """A shown figure that changes: where, which metric and period, before → after."""

    area: str
    metric: str
    period: str
    before: str
    after: str


def read_rows(path: Path) -> list[dict[str, str]] | None:
    """A CSV file's rows as text dicts, or None when it is missing or unreadable."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
        return [dict(r) for r in csv.DictReader(io.StringIO(text, newline=""))]
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def _features(path: Path) -> dict[str, dict] | None:
    try:
        doc = json.loads(path.read_bytes().decode("utf-8-sig"))
        out = {}
        for i, feature in enumerate(doc["features"]):
            props = dict(feature.get("properties") or {})
            code = str(props.get("code") or f"#{i}")
            props["geometry"] = json.dumps(feature.get("geometry"), sort_keys=True)
            out[code] = props
        return out
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _keyed(rows: list[dict], key: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for i, row in enumerate(rows):
        ident = (row.get(key) or "").strip() or f"(row {i + 2} without {key})"
        while ident in out:  # a duplicated id: keep both, validation reports it
            ident += "'"
        out[ident] = row
    return out


def _compare(file: str, key: str, old: dict[str, dict], new: dict[str, dict]) -> FileDiff:
    diff = FileDiff(file, key)
    diff.added = [new[k] for k in new if k not in old]
    diff.removed = [old[k] for k in old if k not in new]
    diff.changed = [(k, old[k], new[k]) for k in new if k in old and old[k] != new[k]]
    return diff


def diff_file(old_root: Path, new_root: Path, rel: str) -> FileDiff:
    """The difference of one file between two folders."""
    old_path, new_path = old_root / rel, new_root / rel
    if rel in TABLES:
        key = TABLES[rel].key
        old, new = read_rows(old_path) if old_path.exists() else [], read_rows(new_path) if new_path.exists() else []
        if old is None or new is None:
            return FileDiff(rel, key, note="cannot be compared row by row (not a readable CSV file)")
        return _compare(rel, key, _keyed(old, key), _keyed(new, key))
    if rel in FEATURE_FILES:
        old_f = _features(old_path) if old_path.exists() else {}
        new_f = _features(new_path) if new_path.exists() else {}
        if old_f is None or new_f is None:
            return FileDiff(rel, "code", note="cannot be compared feature by feature (not a readable GeoJSON file)")
        return _compare(rel, "code", old_f, new_f)
    old_b = old_path.read_bytes() if old_path.exists() else None
    new_b = new_path.read_bytes() if new_path.exists() else None
    return FileDiff(rel, "", note="" if old_b == new_b else "the file was replaced")


def diff_folders(old_root: Path, new_root: Path) -> list[FileDiff]:
    """Every file that differs between two data folders, in the loader's order."""
    names = list(dict.fromkeys([*managed_files(old_root), *managed_files(new_root)]))
    out = []
    for rel in names:
        old_path, new_path = old_root / rel, new_root / rel
        if old_path.exists() and new_path.exists() and old_path.read_bytes() == new_path.read_bytes():
            continue
        diff = diff_file(old_root, new_root, rel)
        if diff.empty:  # same rows, different bytes (line endings, column order)
            diff.note = "same rows; only the file's layout changed"
        out.append(diff)
    return out


def _touched(diffs: list[FileDiff]) -> tuple[set[str], set[Period]]:
    """Metrics and periods whose shown figures a change can move."""
    metrics: set[str] = set()
    periods: set[Period] = {Period()}
    figure_files = {spec.path for spec in schema.FIGURE_FILES}
    for diff in diffs:
        if diff.file not in figure_files:
            continue
        rows = diff.added + diff.removed + [r for _, a, b in diff.changed for r in (a, b)]
        for row in rows:
            metrics.add(row.get("metric", ""))
            end = row.get("period_end", "")
            if row.get("period_type") == "year" and end[:4].isdigit():
                periods.add(Period(year=int(end[:4])))
    return metrics, periods


def _text(row: dict | None, lang: str) -> str:
    if row is None:
        return "–"
    return fmt_value(row["value"], row["unit"], row["qualifier"], lang)


def figure_moves(old: Dataset, new: Dataset, diffs: list[FileDiff], lang: str = "en") -> list[Move]:
    """National headline and district figures that show a different value after the change."""
    metrics, periods = _touched(diffs)
    if any(d.file in (schema.SOURCES.path, *FEATURE_FILES) for d in diffs):
        metrics |= set(schema.VIEW_METRICS) - {"returns"}  # a source date can change which figure wins
    moves: list[Move] = []
    known = set(old.metrics["metric"]) & set(new.metrics["metric"])
    for metric in sorted(m for m in metrics if m in known):
        label = metric_label(new, metric, lang)
        for period in sorted(periods, key=lambda p: (p.year is not None, p.year or 0)):
            when = period_label(period, lang)
            before, after = headline(old, metric, period), headline(new, metric, period)
            a, b = _text(before.figure if before else None, lang), _text(after.figure if after else None, lang)
            if a != b:
                moves.append(Move(new.area_name(schema.NATIONAL, lang), label, when, a, b))
            old_d = {r["area"]: r for r in pick(old, metric, period, ("district", "unit")).to_dict("records")}
            new_d = {r["area"]: r for r in pick(new, metric, period, ("district", "unit")).to_dict("records")}
            for area in sorted(set(old_d) | set(new_d)):
                a, b = _text(old_d.get(area), lang), _text(new_d.get(area), lang)
                if a != b:
                    name = new.area_name(area, lang) if area in new_d else old.area_name(area, lang)
                    moves.append(Move(name, label, when, a, b))
    return moves
