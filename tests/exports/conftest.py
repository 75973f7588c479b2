"""The shipped dataset, loaded once for the export tests."""

from __future__ import annotations

import pytest
from paths import GEODATA

from dashboard.data.loader import load_dataset


@pytest.fixture(scope="session")
def dataset():
    result = load_dataset(GEODATA)
    assert result.dataset is not None, result.report.to_text()
    return result.dataset
