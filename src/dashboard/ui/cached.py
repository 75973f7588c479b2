"""Analysis results remembered per dataset, selection and language.

Every name here is one pure function of dashboard.analysis (or, for ``map_tables``,
its result as HTML), remembered with ``functools.lru_cache``. A Dataset never changes
and is hashed by identity, and the loader hands every session the same Dataset object,
so all sessions share the results (callers must not modify them); a new data version
is a new Dataset, whose results are computed afresh while the old ones age out. A warm
rerun then costs a dictionary look-up per table: far less than ``st.cache_resource``,
which hashes its arguments and inspects the function's signature on every call.
"""

from __future__ import annotations

from functools import lru_cache

from dashboard.analysis import figures, provenance, view
from dashboard.analysis.selection import Selection
from dashboard.data.dataset import Dataset
from dashboard.i18n.messages import t
from dashboard.ui.components.cards import table_html

cards = lru_cache(maxsize=512)(view.cards)
metric_label = lru_cache(maxsize=512)(view.metric_label)
map_data = lru_cache(maxsize=512)(view.map_data)
unit_figures = lru_cache(maxsize=512)(view.unit_figures)
district_options = lru_cache(maxsize=128)(view.district_options)
years_with_figures = lru_cache(maxsize=128)(figures.years_with_figures)
cumulative_points = lru_cache(maxsize=128)(view.cumulative_points)
annual_rows = lru_cache(maxsize=128)(view.annual_rows)
returns_rows = lru_cache(maxsize=32)(view.returns_rows)
conflicts = lru_cache(maxsize=32)(provenance.conflicts)
all_figures_table = lru_cache(maxsize=32)(provenance.all_figures_table)


@lru_cache(maxsize=512)
def map_tables(dataset: Dataset, selection: Selection, lang: str) -> tuple[str, str]:
    """The map's figures and the settlements not on the map, as HTML tables."""
    data = map_data(dataset, selection, lang)
    return table_html(data.table, t("table_title", lang)), table_html(data.hidden_table, t("not_mappable", lang))
