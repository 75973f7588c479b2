"""The one place the app gets its data: the loader, cached once per data version.

Every rerun checks the files' sizes and modification times (a few stat calls); when
staff change a file, the next rerun loads and validates the new version, and all
sessions share it. Pages receive a Dataset and never read files themselves.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from dashboard.data.dataset import Dataset
from dashboard.data.loader import LoadResult, data_signature, load_dataset

REPO_ROOT = Path(__file__).resolve().parents[3]


def geodata_root() -> Path:
    """The geodata folder: $DASHBOARD_GEODATA, or geodata/ beside app.py."""
    return Path(os.environ.get("DASHBOARD_GEODATA", REPO_ROOT / "geodata"))


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(root: str, signature: tuple) -> LoadResult:
    return load_dataset(Path(root))


@st.cache_resource(show_spinner=False)
def _last_good() -> dict[str, Dataset]:
    return {}


def get_dataset() -> Dataset:
    """The current dataset. When edited files fail validation, the last valid version
    keeps being served; with no valid version at all, the page shows the report."""
    root = geodata_root()
    result = _load(str(root), data_signature(root))
    good = _last_good()
    if result.dataset is not None:
        good[str(root)] = result.dataset
        return result.dataset
    if str(root) in good:
        st.caption("Showing the last valid version of the data; newer files failed validation.")
        return good[str(root)]
    st.error("The data files have errors; the dashboard cannot show them until they are fixed.")
    st.code(result.report.to_text(), language=None)
    st.stop()
    raise RuntimeError("unreachable")  # st.stop() raises; this keeps type checkers calm
