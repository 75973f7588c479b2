"""Random corruptions of the shipped files: the loader reports, it never crashes.

``load_dataset`` turns any exception that escapes the checks into an "unexpected
problem" finding; this test fails when that last guard is ever needed, i.e. when some
corruption is not caught by a specific check.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import GEODATA, copy_geodata

from dashboard.data.files import data_files
from dashboard.data.loader import load_dataset

FILES = [p.relative_to(GEODATA) for p in data_files(GEODATA)]
BASE = Path(tempfile.mkdtemp(prefix="fuzz-base-"))
copy_geodata(BASE / "geodata")


def _corrupt(data: bytes, kind: str, pos: float, junk: bytes) -> bytes:
    at = int(pos * len(data))
    lines = data.split(b"\n")
    line = int(pos * len(lines)) % max(len(lines), 1)
    if kind == "truncate":
        return data[:at]
    if kind == "insert":
        return data[:at] + junk + data[at:]
    if kind == "delete":
        return data[:at] + data[at + len(junk) + 1 :]
    if kind == "overwrite":
        return data[:at] + junk + data[at + len(junk) :]
    if kind == "duplicate_line":
        return b"\n".join(lines[: line + 1] + lines[line:])
    if kind == "drop_line":
        return b"\n".join(lines[:line] + lines[line + 1 :])
    if kind == "swap_cells":
        cells = lines[line].split(b",")
        cells.reverse()
        lines[line] = b",".join(cells)
        return b"\n".join(lines)
    return data


KINDS = ["truncate", "insert", "delete", "overwrite", "duplicate_line", "drop_line", "swap_cells"]
JUNK = st.one_of(
    st.binary(min_size=1, max_size=12),
    st.sampled_from(
        [b",", b'"', b"\n", b"-1", b"1,5", b"9999-99-99", b"null", b"{", b"]", b"\xff\xfe", b"NaN", b"1e309"]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    file=st.sampled_from(FILES),
    kind=st.sampled_from(KINDS),
    pos=st.floats(min_value=0, max_value=1),
    junk=JUNK,
)
def test_random_corruption_never_escapes_the_checks(file, kind, pos, junk):
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        root = work / "geodata"
        shutil.copytree(BASE / "geodata", root)
        target = root / file
        target.write_bytes(_corrupt(target.read_bytes(), kind, pos, junk))
        result = load_dataset(root)
        unexpected = [f.text() for f in result.report.findings if "unexpected problem" in f.message]
        assert unexpected == []
        if result.dataset is None:
            assert result.report.errors, "a rejected dataset must come with at least one error"
    finally:
        shutil.rmtree(work)
