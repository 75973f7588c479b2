"""The whole dataset as a Frictionless Data Package: its files, and the descriptor
(``datapackage.json``) written from the declarations in ``dashboard.data.schema``.

Every table declared in the schema is a resource (an optional table only when its file
exists), with its fields in the declared order, their types and constraints (the same
patterns the CSV reader checks, from ``csvfile.KIND_PATTERNS``), its primary key and
its foreign keys (``Column.references``). A table added to the schema joins the package
without a line here. The GeoJSON files are resources too, checked by size and SHA-256.

Language-free: the descriptor's words are fixed English metadata, not the app's labels.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath
from typing import Any

from dashboard.data import schema
from dashboard.data.csvfile import KIND_PATTERNS
from dashboard.data.dataset import Dataset
from dashboard.data.files import data_files, data_version
from dashboard.data.schema import Column, TableSpec

NAME = "karabakh-demining"
TITLE = "Demining and return in Azerbaijan's Karabakh and East Zangezur economic regions"
GEO_FILES = (schema.DISTRICTS_FILE, schema.DISPLAY_FILE, schema.BACKGROUND_FILE)

MIT = {"name": "MIT", "path": "https://opensource.org/license/mit", "title": "MIT License"}
NATURAL_EARTH = {
    "name": "other-pd",
    "path": "https://www.naturalearthdata.com/about/terms-of-use/",
    "title": "Natural Earth: public domain",
}
WIKIPEDIA = {
    "name": "CC-BY-SA-4.0",
    "path": "https://en.wikipedia.org/wiki/Wikipedia:Copyrights",
    "title": "Coordinates from Wikipedia pages (CC BY-SA), each named in coord_source_id",
}
DESCRIPTION = (
    "Published figures on humanitarian demining and the Great Return in Azerbaijan's Karabakh and "
    "East Zangezur economic regions, as compiled for the Karabakh demining-progress dashboard. One row of "
    "figures/*.csv is one figure as one source states it, with the body that issued it (issuing_body), the "
    "source (source_id, see sources.csv), the period it covers, and the source's qualifier ('over', 'about', "
    "'nearly'). Conflicting figures from different sources are all kept. Rows flagged date_inferred, "
    "uncertain, contradicted or garbled carry a note saying why. Nearly every figure comes from Azerbaijani "
    "state bodies or state-aligned media: attribute each to its issuing body. The figures are facts, each "
    "from the public source named with it; the compilation (files, ids, notes, Azerbaijani names) is under "
    "the project's MIT licence. Boundaries are Natural Earth (public domain). In the CSV files a text cell "
    "that begins with =, +, -, @, a tab or a carriage return is written with a leading single quote, so that "
    "spreadsheets show it as text (OWASP); numbers are unchanged. The columns are documented in the "
    "project's geodata/README.md."
)


class PackageError(Exception):
    """The files on disk are not the data version the package was asked for."""


def declared_tables() -> tuple[TableSpec, ...]:
    """Every table the schema declares, in the order of its declarations (a tuple of
    tables, like the figure files, in its own order), each once."""
    found: dict[str, TableSpec] = {}
    for value in vars(schema).values():
        for spec in value if isinstance(value, tuple) else (value,):
            if isinstance(spec, TableSpec):
                found.setdefault(spec.path, spec)
    return tuple(found.values())


def resource_name(path: str) -> str:
    """A resource's name from its path: "figures/clearance.csv" -> "figures-clearance"."""
    posix = PurePosixPath(path)
    return "-".join((*posix.parent.parts, posix.stem)).lower().replace("_", "-")


def field(column: Column) -> dict[str, Any]:
    """A column as a Table Schema field: its type and the constraints the reader checks."""
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.kind in ("number", "coordinate"):
        out: dict[str, Any] = {"name": column.name, "type": "number"}
        if column.kind == "number":
            constraints["minimum"] = 0
    else:
        out = {"name": column.name, "type": "string"}
        constraints["maxLength"] = column.max_length
        if column.kind in KIND_PATTERNS:
            constraints["pattern"] = KIND_PATTERNS[column.kind]
        if column.kind == "date":
            out["description"] = "ISO date; YYYY-MM or YYYY when the source gives no day"
        if column.kind == "enum":
            constraints["enum"] = list(column.choices)
        if column.kind == "codes":
            out["description"] = "codes separated by spaces"
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(spec: TableSpec, present: set[str]) -> dict[str, Any]:
    """The Table Schema of a declared table; foreign keys to tables in ``present`` only."""
    out: dict[str, Any] = {
        "fields": [field(c) for c in spec.columns],
        "primaryKey": [spec.key],
        "missingValues": [""],
    }
    keys = []
    for column in spec.columns:
        target = _table(column.references)
        if target is not None and target.path in present:
            keys.append(
                {
                    "fields": [column.name],
                    "reference": {"resource": resource_name(target.path), "fields": [target.key]},
                }
            )
    if keys:
        out["foreignKeys"] = keys
    return out


def _table(path: str) -> TableSpec | None:
    return next((s for s in declared_tables() if s.path == path), None) if path else None


def read_files(dataset: Dataset) -> dict[str, bytes]:
    """The files of a loaded dataset, by path inside the data folder: every declared
    table present and the GeoJSON files. Refused when the files on disk are no longer
    the dataset's version."""
    root = Path(dataset.root)
    if data_version(root) != dataset.version:
        raise PackageError("the data files changed after they were loaded; reload the page and try again")
    wanted = [s.path for s in declared_tables()] + list(GEO_FILES)
    loaded = {p.relative_to(root).as_posix() for p in data_files(root)}
    return {path: (root / path).read_bytes() for path in wanted if path in loaded and (root / path).is_file()}


def _integrity(data: bytes) -> dict[str, Any]:
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def descriptor(dataset: Dataset, files: dict[str, bytes]) -> dict[str, Any]:
    """``datapackage.json`` for the files as they go into the package (``files``: path ->
    the bytes written), with the dataset's licences and sources."""
    tables = [s for s in declared_tables() if s.path in files]
    present = {s.path for s in tables}
    resources: list[dict[str, Any]] = []
    for spec in tables:
        resource = {
            "name": resource_name(spec.path),
            "path": spec.path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            **_integrity(files[spec.path]),
            "schema": table_schema(spec, present),
        }
        if spec.path == schema.SETTLEMENTS.path:
            resource["licenses"] = [MIT, WIKIPEDIA]
        resources.append(resource)
    for path in GEO_FILES:
        if path in files:
            resources.append(
                {
                    "name": resource_name(path),
                    "path": path,
                    "format": "geojson",
                    "mediatype": "application/geo+json",
                    "encoding": "utf-8",
                    **_integrity(files[path]),
                    "licenses": [NATURAL_EARTH, MIT],
                }
            )
    return {
        "profile": "data-package",
        "name": NAME,
        "id": f"{NAME}-{dataset.version}",
        "title": TITLE,
        "description": DESCRIPTION,
        "licenses": [MIT],
        "sources": _sources(dataset),
        "resources": resources,
    }


def _sources(dataset: Dataset) -> list[dict[str, str]]:
    """Every source of sources.csv, then the boundaries' sources."""
    out = [
        {"title": f"{r['publisher']}: {r['title']}", "path": str(r["url"])} for r in dataset.sources.to_dict("records")
    ]
    out.append({"title": "Natural Earth 1:10m admin-1 and admin-0", "path": "https://www.naturalearthdata.com/"})
    return out
