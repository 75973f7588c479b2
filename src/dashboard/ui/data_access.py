"""The one place the app gets its data: the loader, cached once per data version.

Where the data comes from: the staff store's published version when staff have
published through the app (see dashboard.staff.store: a folder, or PostgreSQL with a
local cache folder per server), otherwise the geodata folder. The store's pointer is
resolved once per load, and a published version never changes, so its folder is the
cache key; for the geodata folder every rerun checks the files'
sizes and modification times (a few stat calls). Either way all sessions share one
loaded Dataset per version (dashboard.ui.shared: a cache Streamlit's ``clear_cache``
message cannot empty), and pages receive a Dataset and never read files themselves.

Every page also runs a small poller (a fragment every few seconds) that compares that
same token with the one the page was drawn from and reruns the page when it changed:
a publication reaches every open page without a reload or a restart.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import streamlit as st

from dashboard.analysis.engine import figure_index
from dashboard.data.dataset import Dataset
from dashboard.data.files import data_signature
from dashboard.data.loader import LoadResult, load_dataset
from dashboard.staff.store import Store, StoreError, open_store, store_target
from dashboard.ui.shared import shared_cache
from dashboard.ui.text import md

REPO_ROOT = Path(__file__).resolve().parents[3]
POLL_ENV = "DASHBOARD_POLL_SECONDS"
_TOKEN = "_data_token"  # noqa: S105 (a session-state key, not a secret)


def geodata_root() -> Path:
    """The geodata folder: $DASHBOARD_GEODATA, or geodata/ beside app.py."""
    return Path(os.environ.get("DASHBOARD_GEODATA", REPO_ROOT / "geodata"))


def data_store() -> Store:
    """The staff store ($DASHBOARD_STORE), started from the geodata folder on first use."""
    return open_store(seed=geodata_root())


def data_token() -> tuple:
    """What identifies the data to show now, cheaply: ("store", version folder) or
    ("files", folder, sizes and modification times). Raises StoreError when the
    database store has not answered yet."""
    folder = data_store().serving_dir()
    if folder is not None:
        return ("store", str(folder))
    root = geodata_root()
    return ("files", str(root), data_signature(root))


def poll_seconds() -> float:
    """How often open pages look for a new version ($DASHBOARD_POLL_SECONDS, default 2)."""
    try:
        return max(0.5, float(os.environ.get(POLL_ENV, "2")))
    except ValueError:
        return 2.0


def settle_heap() -> None:
    """Take what is alive now out of the garbage collector's full collections.

    A full collection walks every long-lived object; with the libraries and a data
    version loaded that is 60-110 ms of CPU, spent under the GIL inside whichever page
    run happens to trigger it (the slowest views of benchmarks/bench_views.py, and a
    pause for every page of that process). After a data version is loaded, its objects
    and the libraries' are moved to the permanent generation (gc.freeze), which the
    collector skips; the previous version's are given back first (gc.unfreeze), so it
    can still be freed. Objects that stay alive are unaffected; objects frozen by chance
    that become cyclic garbage wait for the next data version."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


@shared_cache(maxsize=8)
def _load(root: str, token: tuple) -> LoadResult:
    result = load_dataset(Path(root))
    if result.dataset is not None:
        figure_index(result.dataset)  # built once per version, before the heap is settled
        settle_heap()
    return result


_LAST_GOOD: dict[str, Dataset] = {}  # per data source, the last version that loaded


def load_folder(folder: Path) -> LoadResult:
    """A published version or a staff draft, loaded and validated; cached until its
    files change (sizes and modification times)."""
    return _load(str(folder), ("folder", str(folder), data_signature(folder)))


@st.fragment(run_every=poll_seconds())
def _watch() -> None:
    """Rerun the page when the published data changed since it was drawn."""
    try:
        token = data_token()
    except StoreError:
        return  # the database is away: keep showing what the page has
    if token != st.session_state.get(_TOKEN):
        st.rerun(scope="app")


def get_dataset() -> Dataset:
    """The current dataset. When edited files fail validation, the last valid version
    keeps being served; with no valid version at all, the page shows the report."""
    try:
        token = data_token()
    except StoreError as exc:
        st.error(md(str(exc)))
        st.stop()
        raise
    root = token[1]
    result = _load(root, token)
    st.session_state[_TOKEN] = token
    _watch()
    good = _LAST_GOOD
    source = store_target(geodata_root()) if token[0] == "store" else root
    if result.dataset is not None:
        good[source] = result.dataset
        return result.dataset
    if source in good:
        st.caption("Showing the last valid version of the data; newer files failed validation.")
        return good[source]
    st.error("The data files have errors; the dashboard cannot show them until they are fixed.")
    st.code(result.report.to_text(), language=None)
    st.stop()
    raise RuntimeError("unreachable")  # st.stop() raises; this keeps type checkers calm
