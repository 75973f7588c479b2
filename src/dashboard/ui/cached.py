"""Analysis results cached per data version, selection and language.

Every function here wraps one pure function of dashboard.analysis; the results are
shared by all sessions (so callers must not modify them) and dropped when the data
version changes. A warm rerun then costs a dictionary look-up per table.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.analysis import provenance, view
from dashboard.data.dataset import Dataset


@st.cache_resource(show_spinner=False, max_entries=2048)
def _call(_fn: Callable[..., object], name: str, _dataset: Dataset, version: str, args: tuple) -> object:
    del name, version  # part of the cache key only
    return _fn(_dataset, *args)


def _cached(fn: Callable[..., object]) -> Callable[..., object]:
    def wrapper(dataset: Dataset, *args: object) -> object:
        return _call(fn, fn.__qualname__, dataset, dataset.version, args)

    wrapper.__doc__ = fn.__doc__
    return wrapper


cards = _cached(view.cards)
metric_label = _cached(view.metric_label)
map_data = _cached(view.map_data)
unit_figures = _cached(view.unit_figures)
cumulative_points = _cached(view.cumulative_points)
annual_rows = _cached(view.annual_rows)
returns_rows = _cached(view.returns_rows)
conflicts = _cached(provenance.conflicts)
all_figures_table = _cached(provenance.all_figures_table)
