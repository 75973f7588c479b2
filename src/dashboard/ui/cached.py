"""Results remembered per dataset, selection and language, shared by every session.

Every name here is one function of ``dashboard.text`` (analysis results in words) or
``dashboard.analysis``, or, for ``map_tables`` and ``cards_block``, its result as HTML,
remembered with ``functools.lru_cache``. A Dataset never changes and is hashed by
identity, and the loader hands every session the same Dataset object, so all sessions
share the results (callers must not modify them); a new data version is a new Dataset,
whose results are computed afresh while the old ones age out. A warm rerun costs a
dictionary look-up per block. ``lru_cache`` is not ``st.cache_*``: Streamlit's
``clear_cache`` message does not empty it.

Where a result depends on the date (settlement returns dated later are not counted
yet), today's date is part of the key: a cached result never outlives its day.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from dashboard.analysis.figures import years_with_figures as _years
from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.exports.datapackage import data_package_zip
from dashboard.i18n.messages import t
from dashboard.text import cards as _cards
from dashboard.text import claims as _claims
from dashboard.text import figures as _figures
from dashboard.text import mapview as _mapview
from dashboard.text import plans as _plans
from dashboard.text import projection as _projection
from dashboard.text import provenance as _provenance
from dashboard.text import trends as _trends
from dashboard.text.cards import Card
from dashboard.text.mapview import MapData
from dashboard.ui.components.cards import rows_table_html

metric_label = lru_cache(maxsize=512)(_figures.metric_label)
unit_figures = lru_cache(maxsize=512)(_mapview.unit_figures)
district_options = lru_cache(maxsize=128)(_mapview.district_options)
years_with_figures = lru_cache(maxsize=128)(_years)
cumulative_points = lru_cache(maxsize=128)(_trends.cumulative_points)
annual_rows = lru_cache(maxsize=128)(_trends.annual_rows)
returns_rows = lru_cache(maxsize=32)(_trends.returns_rows)
plan_rows = lru_cache(maxsize=32)(_plans.plan_rows)
years_without_plan = lru_cache(maxsize=32)(_plans.years_without_plan)
target_text = lru_cache(maxsize=32)(_plans.target_text)
pace_options = lru_cache(maxsize=32)(_projection.pace_options)
estimate_options = lru_cache(maxsize=32)(_projection.estimate_options)
projection_text = lru_cache(maxsize=128)(_projection.projection_text)
projection_line = lru_cache(maxsize=128)(_projection.projection_line)
data_package = lru_cache(maxsize=2)(data_package_zip)  # the zip of every data file, per data version
conflicts = lru_cache(maxsize=32)(_provenance.conflicts_table)
all_figures_table = lru_cache(maxsize=32)(_provenance.all_figures_table)
claims_table = lru_cache(maxsize=32)(_claims.claims_table)
compared_table = lru_cache(maxsize=32)(_claims.compared_table)
claims_export = lru_cache(maxsize=32)(_claims.claims_export)
_dated_cards = lru_cache(maxsize=512)(_cards.cards)
_dated_map_data = lru_cache(maxsize=512)(_mapview.map_data)
_dated_headline_cards = lru_cache(maxsize=128)(_cards.headline_cards)


def cards(dataset: Dataset, selection: Selection, lang: str) -> list[Card]:
    """The selection's metric cards, as of today."""
    return _dated_cards(dataset, selection, lang, date.today())


def map_data(dataset: Dataset, selection: Selection, lang: str) -> MapData:
    """The selection's map, as of today."""
    return _dated_map_data(dataset, selection, lang, date.today())


def headline_cards(dataset: Dataset, selection: Selection, keys: tuple[str, ...], lang: str) -> list[Card]:
    """A presentation step's cards, as of today."""
    return _dated_headline_cards(dataset, selection, keys, lang, date.today())


@lru_cache(maxsize=512)
def _map_tables(dataset: Dataset, selection: Selection, lang: str, today: date) -> tuple[str, str]:
    data = _dated_map_data(dataset, selection, lang, today)
    table = rows_table_html(*data.table_rows(), t("table_title", lang))
    return table, rows_table_html(*data.table_rows(hidden=True), t("not_mappable", lang))


def map_tables(dataset: Dataset, selection: Selection, lang: str) -> tuple[str, str]:
    """The map's figures and the settlements not on the map, as HTML tables."""
    return _map_tables(dataset, selection, lang, date.today())
