"""Which files make a dataset, and how to tell a folder's version without loading it.

``data_files`` lists them in a fixed order; ``data_signature`` notices an edited file
from its size and time alone; ``data_version`` is the digest of their bytes, the
``Dataset.version`` the loader gives the folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from dashboard.data import schema


def data_files(root: Path) -> list[Path]:
    """Every file the loader reads, in a fixed order."""
    names = [t.path for t in schema.TABLES] + [
        schema.DISTRICTS_FILE,
        schema.DISPLAY_FILE,
        schema.BACKGROUND_FILE,
    ]
    return [root / n for n in names]


def data_signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Cheap fingerprint (name, size, mtime) to notice edited files without reading them."""
    sig = []
    for path in data_files(root):
        try:
            st = path.stat()
            sig.append((path.name, st.st_size, st.st_mtime_ns))
        except OSError:
            sig.append((path.name, -1, -1))
    return tuple(sig)


def data_version(root: Path) -> str:
    """The version a folder's files would load as (``Dataset.version``), without loading."""
    h = hashlib.sha256()
    for path in data_files(root):
        if path.exists():  # optional files may be absent
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]
