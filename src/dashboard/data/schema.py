"""The declared shape of every file in geodata/: columns, types and vocabularies.

One declaration per file; the CSV reader checks cells against it and the loader
adds the checks that span rows and files. geodata/README.md documents the same
columns for staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["id", "text", "number", "coordinate", "date", "url", "enum", "codes"]


@dataclass(frozen=True)
class Column:
    """One CSV column: its name, whether it must be filled, and what it holds."""

    name: str
    kind: Kind
    required: bool = True
    choices: tuple[str, ...] = ()
    max_length: int = 500
    references: str = ""  # the path of the table whose key this column holds (a foreign key)


@dataclass(frozen=True)
class TableSpec:
    """One CSV file: its path inside geodata/ and its columns."""

    path: str
    columns: tuple[Column, ...]
    key: str

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


TOPICS = ("clearance", "casualties", "returns", "context")
UNITS = ("ha", "km2", "items", "mines", "people", "families", "percent", "settlements", "incidents")
PERIOD_TYPES = ("cumulative", "year", "month", "week", "year_to_date", "period", "event", "estimate")
PERIOD_TYPES_WITH_START = ("year", "month", "week", "year_to_date", "period")
QUALIFIERS = ("over", "about", "nearly", "at least", "up to")
FLAGS = ("date_inferred", "uncertain", "contradicted", "garbled")
UNIT_KINDS = ("group", "off_map", "part", "project")
SETTLEMENT_KINDS = ("city", "town", "village")
SUBSET_KINDS = ("operator", "use", "group")
NATIONAL = "AZ"
# What a viewer can choose (the sidebar and the prepared presentation views).
VIEW_METRICS = ("area_cleared", "ap_mines", "at_mines", "uxo", "victims", "returns")
FOCUS_REGIONS = ("Karabakh", "East Zangezur")
CARD_KEYS = ("area", "ap", "at", "uxo", "settlements", "families", "people", "victims", "plan", "projection")
# Cards a view shows only when asked for: the year against its plan, and the projection.
EXTRA_CARDS = ("plan", "projection")
# Paces a projection can assume (dashboard.analysis.projection): the last full year's
# clearance, the average of the last three, or the current plan.
PACES = ("last_year", "three_years", "plan")
PERIOD_PATTERN = r"^(?:\d{4}|cumulative(?::\d{4}-\d{2}-\d{2})?)$"

SOURCES = TableSpec(
    "sources.csv",
    (
        Column("source_id", "id"),
        Column("publisher", "text"),
        Column("title", "text"),
        Column("url", "url", max_length=2000),
        Column("published", "date", required=False),
        Column("language", "text"),
        Column("note", "text", required=False, max_length=2000),
    ),
    key="source_id",
)

METRICS = TableSpec(
    "metrics.csv",
    (
        Column("metric", "id"),
        Column("topic", "enum", choices=TOPICS),
        Column("unit", "enum", choices=UNITS),
        Column("label_en", "text"),
        Column("label_az", "text"),
        Column("monotonic", "enum", choices=("yes", "no")),
        Column("definition", "text", max_length=2000),
    ),
    key="metric",
)

UNITS_TABLE = TableSpec(
    "units.csv",
    (
        Column("unit_id", "id"),
        Column("name_en", "text"),
        Column("name_az", "text"),
        Column("kind", "enum", choices=UNIT_KINDS),
        Column("members", "codes", required=False),
        Column("economic_region", "text"),
        Column("note", "text", required=False, max_length=2000),
    ),
    key="unit_id",
)

SETTLEMENTS = TableSpec(
    "settlements.csv",
    (
        Column("settlement_id", "id"),
        Column("name_en", "text"),
        Column("name_az", "text"),
        Column("kind", "enum", choices=SETTLEMENT_KINDS),
        Column("district", "id"),
        Column("latitude", "coordinate", required=False),
        Column("longitude", "coordinate", required=False),
        Column("coord_source_id", "id", required=False, references="sources.csv"),
        Column("first_return", "date", required=False),
        Column("first_return_source_id", "id", required=False, references="sources.csv"),
        Column("flag", "enum", required=False, choices=FLAGS),
        Column("note", "text", required=False, max_length=2000),
    ),
    key="settlement_id",
)

FIGURE_COLUMNS = (
    Column("figure_id", "id"),
    Column("metric", "id", references="metrics.csv"),
    Column("area", "id"),
    Column("subset", "text", required=False),
    Column("period_type", "enum", choices=PERIOD_TYPES),
    Column("period_start", "date", required=False),
    Column("period_end", "date"),
    Column("value", "number"),
    Column("qualifier", "enum", required=False, choices=QUALIFIERS),
    Column("unit", "enum", choices=UNITS),
    Column("issuing_body", "text"),
    Column("source_id", "id", references="sources.csv"),
    Column("flag", "enum", required=False, choices=FLAGS),
    Column("note", "text", required=False, max_length=2000),
)

FIGURE_FILES = tuple(TableSpec(f"figures/{topic}.csv", FIGURE_COLUMNS, key="figure_id") for topic in TOPICS)

DISTRICTS_FILE = "boundaries/districts.geojson"
DISPLAY_FILE = "boundaries/districts_display.geojson"
BACKGROUND_FILE = "boundaries/background.geojson"
DISTRICT_PROPERTIES = ("code", "name_en", "name_az", "kind", "economic_region")

# Files larger than these are not real data for this project (a mistaken export, a
# wrong file picked): they are refused before parsing.
MAX_CSV_BYTES = 5 * 1024 * 1024
MAX_GEOJSON_BYTES = 40 * 1024 * 1024

# Bounds on the work one file can cause (README, "Limits"): a CSV table's rows, and the
# errors after which checking a file stops (its first ones are what needs fixing); a
# boundary layer's features and coordinate pairs (the shipped districts have 78 features
# and about 4,500 pairs; official boundaries with every bend of a river a few hundred
# thousand).
MAX_ROWS = 100_000
MAX_FILE_ERRORS = 1_000
MAX_FEATURES = 5_000
MAX_VERTICES = 500_000

# How a spreadsheet cell that is run as a formula begins (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Azerbaijan's extent with a margin of about 10 km (WGS 84 degrees).
AZERBAIJAN_BOUNDS = (44.65, 38.28, 50.75, 41.99)  # min lon, min lat, max lon, max lat
# The map's region: the background layer of neighbouring countries is clipped to it.
REGION_BOUNDS = (43.0, 37.5, 51.5, 42.5)

# Natural Earth 10m boundaries are off by up to about two kilometres.
BOUNDARY_PRECISION_KM = 2.0

# Prepared views for presentation mode, in the order of their `order` column. Optional:
# without the file, presentation mode shows the viewer's own selection only.
PRESENTATION = TableSpec(
    "presentation.csv",
    (
        Column("view_id", "id"),
        Column("order", "number"),
        Column("title_en", "text", max_length=120),
        Column("title_az", "text", max_length=120),
        Column("caption_en", "text", max_length=300),
        Column("caption_az", "text", max_length=300),
        Column("region", "enum", required=False, choices=FOCUS_REGIONS),
        Column("districts", "codes", required=False),
        Column("metric", "enum", choices=VIEW_METRICS),
        Column("period", "text", required=False),
        Column("cards", "codes", required=False),
    ),
    key="view_id",
)
# The Azerbaijani name of every issuing body that figures name. Listed as optional so
# that a folder without it still loads (bodies then show their English names, with a
# warning); when present, every figure's issuing_body must have a row.
ISSUERS = TableSpec(
    "issuers.csv",
    (
        Column("issuing_body", "text"),
        Column("issuer_az", "text"),
        Column("note", "text", required=False, max_length=2000),
    ),
    key="issuing_body",
)
# Figures quoted in public (press, speeches), each checked against the record by
# dashboard.analysis.claims. Not figures of the record themselves. Optional: without the
# file the claim check is empty. A claim's metric may be one the record does not carry
# (its verdict is then "cannot be checked"), so units go beyond the figures' units.
CLAIM_UNITS = (*UNITS, "megawatts", "years", "usd")
CLAIMS = TableSpec(
    "claims.csv",
    (
        Column("claim_id", "id"),
        Column("said_by", "text", max_length=200),
        Column("said_by_az", "text", max_length=200),
        Column("source_id", "id", references="sources.csv"),
        Column("seed", "enum", required=False, choices=("yes",)),
        Column("as_of_from", "date", required=False),
        Column("as_of", "date"),
        Column("metric", "id"),
        Column("area", "id"),
        Column("subset", "text", required=False),
        Column("period_type", "enum", choices=PERIOD_TYPES),
        Column("period_start", "date", required=False),
        Column("value", "number"),
        Column("qualifier", "enum", required=False, choices=QUALIFIERS),
        Column("unit", "enum", choices=CLAIM_UNITS),
        Column("paraphrase_en", "text", max_length=300),
        Column("paraphrase_az", "text", max_length=300),
        Column("flag", "enum", required=False, choices=FLAGS),
        Column("note", "text", required=False, max_length=2000),
    ),
    key="claim_id",
)
OPTIONAL_TABLES = (PRESENTATION, ISSUERS, CLAIMS)
# Every CSV table of a dataset, in the order the loader reads them.
TABLES = (SOURCES, METRICS, UNITS_TABLE, SETTLEMENTS, *FIGURE_FILES, *OPTIONAL_TABLES)
