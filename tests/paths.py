"""Where the repository's test inputs are, and a way to copy a geodata folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GEODATA = REPO / "geodata"
MINIMAL = REPO / "tests" / "fixtures" / "minimal"
CORPUS = REPO / "tests" / "corpus"


def copy_geodata(target: Path, source: Path = GEODATA) -> Path:
    """A copy of a geodata folder; the minimal fixture gets the shipped boundaries."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("README.md"))
    if not (target / "boundaries").exists():
        shutil.copytree(GEODATA / "boundaries", target / "boundaries")
    return target


def rename_district(root: Path, code: str, name_en: str) -> None:
    """Give a district another English name in both boundary files of a geodata copy."""
    for name in ("districts.geojson", "districts_display.geojson"):
        path = root / "boundaries" / name
        doc = json.loads(path.read_text(encoding="utf-8"))
        for feature in doc["features"]:
            if feature["properties"]["code"] == code:
                feature["properties"]["name_en"] = name_en
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
