"""The whole dataset as one zip: the CSV and GeoJSON files and ``datapackage.json``.

The CSV tables are written again by the one CSV writer of the app
(``exports.spreadsheet.csv_bytes``: UTF-8 with BOM, CRLF, text that a spreadsheet would
run as a formula made inert), in the columns' declared order; the GeoJSON files go in as
they are. The descriptor (``dashboard.data.package``) is made from the bytes written,
so its sizes and checksums are those of the files in the zip.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.data.package import declared_tables, descriptor, read_files
from dashboard.data.schema import TableSpec
from dashboard.exports.spreadsheet import csv_bytes

DESCRIPTOR = "datapackage.json"
_STAMP = (1980, 1, 1, 0, 0, 0)  # fixed, so that the same data gives the same zip


def table_csv(spec: TableSpec, data: bytes) -> bytes:
    """One data file, read as the loader reads it (UTF-8, a BOM allowed, cells trimmed),
    written again in the declared column order."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    rows = [
        {name: (row.get(name) or "").strip() for name in spec.names}
        for row in reader
        if any((v or "").strip() for v in row.values())
    ]
    return csv_bytes(pd.DataFrame(rows, columns=list(spec.names), dtype=object))


def package_files(dataset: Dataset) -> dict[str, bytes]:
    """The files of the package by path, the descriptor first."""
    raw = read_files(dataset)
    specs = {s.path: s for s in declared_tables()}
    files = {path: (table_csv(specs[path], data) if path in specs else data) for path, data in raw.items()}
    text = json.dumps(descriptor(dataset, files), ensure_ascii=False, indent=2) + "\n"
    return {DESCRIPTOR: text.encode("utf-8"), **files}


def data_package_zip(dataset: Dataset) -> bytes:
    """The zip of the package (deflated; the same bytes for the same data)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data in package_files(dataset).items():
            info = zipfile.ZipInfo(path, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
