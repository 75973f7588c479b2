"""What a change does: rows per file, figures that move, carrying a draft over."""

from __future__ import annotations

from datetime import date

from staff_helpers import add_figure

from dashboard.analysis.selection import Selection
from dashboard.data.loader import load_dataset
from dashboard.staff.diff import diff_folders, figure_moves
from dashboard.staff.drafts import rebase
from dashboard.text.cards import cards


def test_rows_added_changed_and_removed_per_file(store):
    draft = store.new_draft()
    add_figure(draft.path, 1)
    path = draft.path / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    removed_id = lines[2].split(",")[0]
    changed_id = lines[1].split(",")[0]
    lines[1] = lines[1].replace(changed_id + ",", changed_id + ",Renamed publisher X,", 1)
    lines[1] = lines[1].replace("Renamed publisher X," + lines[1].split(",")[2] + ",", "Renamed publisher X,", 1)
    del lines[2]
    path.write_text("".join(lines), encoding="utf-8")
    diffs = {d.file: d for d in diff_folders(store.version_dir(1), draft.path)}
    assert set(diffs) == {"figures/clearance.csv", "sources.csv"}
    fig = diffs["figures/clearance.csv"]
    assert [r["figure_id"] for r in fig.added] == ["staff-test-1"] and not fig.changed and not fig.removed
    src = diffs["sources.csv"]
    assert [r["source_id"] for r in src.removed] == [removed_id]
    assert [c[0] for c in src.changed] == [changed_id]
    _, old, new = src.changed[0]
    assert src.changed_columns(old, new) == ["publisher"] and new["publisher"] == "Renamed publisher X"


def test_a_new_running_total_moves_the_national_headline(store):
    draft = store.new_draft()
    add_figure(draft.path, 1, value=999_999, end=date.today().isoformat())
    old = load_dataset(store.version_dir(1)).dataset
    new = load_dataset(draft.path).dataset
    moves = figure_moves(old, new, diff_folders(store.version_dir(1), draft.path))
    shown_now = next(c.value for c in cards(old, Selection(), "en") if c.key == "area")
    assert [(m.area, m.metric, m.period, m.before, m.after) for m in moves] == [
        ("Azerbaijan", "Hectares cleared", "Running total (latest)", shown_now, "999,999 ha")
    ]
    assert shown_now != "999,999 ha"


def test_a_year_figure_of_a_district_moves_that_district(store):
    draft = store.new_draft()
    path = draft.path / "figures" / "clearance.csv"
    text = path.read_text(encoding="utf-8")
    assert ",AZ-CAB,,year,2023-01-01,2023-12-31,14016.7," in text
    path.write_text(
        text.replace(",AZ-CAB,,year,2023-01-01,2023-12-31,14016.7,", ",AZ-CAB,,year,2023-01-01,2023-12-31,15000,")
    )
    old, new = load_dataset(store.version_dir(1)).dataset, load_dataset(draft.path).dataset
    moves = figure_moves(old, new, diff_folders(store.version_dir(1), draft.path))
    assert ("Jabrayil", "Hectares cleared", "Year 2023", "14,016.7 ha", "15,000 ha") in [
        (m.area, m.metric, m.period, m.before, m.after) for m in moves
    ]


def test_a_draft_carried_over_keeps_both_changes(store):
    mine, theirs = store.new_draft(), store.new_draft()
    add_figure(mine.path, 1, value=111)
    add_figure(theirs.path, 2, value=222)
    store.publish(theirs.path, "B", "theirs", 1)
    carried, conflicts = rebase(store, mine)
    assert carried.base == 2 and conflicts == []
    text = (carried.path / "figures" / "clearance.csv").read_text(encoding="utf-8")
    assert "staff-test-1" in text and "staff-test-2" in text
    diffs = diff_folders(store.version_dir(2), carried.path)
    assert [(d.file, [r["figure_id"] for r in d.added]) for d in diffs] == [("figures/clearance.csv", ["staff-test-1"])]
    assert store.publish(carried.path, "A", "mine", carried.base).number == 3
