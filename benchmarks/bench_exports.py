"""Time every export for the overview and for one district, and write the two slides.

    .venv/bin/python benchmarks/bench_exports.py [--runs 5] [--district AZ-CAB] [--year 2023]

Each export is timed end to end (from Dataset and Selection to bytes, analysis
included), median of --runs after one warm-up call. Prints a table and writes
docs/slides/overview.png and docs/slides/<district>.png. Target (presenter tools
issue): a slide in under 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date
from pathlib import Path

from dashboard.analysis.selection import Period, Selection
from dashboard.data.loader import load_dataset
from dashboard.exports import (
    export_filename,
    figures_csv,
    figures_geojson,
    handout_pdf,
    slide_png,
    standalone_html,
)
from dashboard.exports.filename import slug

REPO = Path(__file__).resolve().parents[1]
EXPORTS = {
    "csv": figures_csv,
    "geojson": figures_geojson,
    "png": slide_png,
    "pdf": handout_pdf,
    "html": standalone_html,
}


def median_seconds(fn, *args, runs: int) -> tuple[float, bytes]:
    out = fn(*args)  # warm-up (imports, font cache)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--district", default="AZ-CAB")
    parser.add_argument("--year", type=int, default=2023, help="period of the district view (0: latest totals)")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()

    dataset = load_dataset(REPO / "geodata").dataset
    assert dataset is not None, "geodata/ does not validate"
    period = Period(year=args.year) if args.year else Period()
    views = {
        "overview": Selection(),
        slug(dataset.area_name(args.district, "en")): Selection(districts=(args.district,), period=period),
    }
    slides = REPO / "docs" / "slides"
    slides.mkdir(parents=True, exist_ok=True)

    print(f"median of {args.runs} runs, language {args.lang}")
    print(f"{'view':<12} {'export':<8} {'seconds':>8} {'size':>10}  file name")
    for name, selection in views.items():
        for kind, fn in EXPORTS.items():
            seconds, data = median_seconds(fn, dataset, selection, args.lang, runs=args.runs)
            filename = export_filename(selection, args.lang, kind, date.today(), dataset=dataset)
            print(f"{name:<12} {kind:<8} {seconds:>8.2f} {len(data) / 1024:>8.0f} KB  {filename}")
            if kind == "png":
                (slides / f"{name}.png").write_bytes(data)
    print(f"slides written to {slides.relative_to(REPO)}/: {', '.join(f'{n}.png' for n in views)}")


if __name__ == "__main__":
    main()
