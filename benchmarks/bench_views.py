"""Every view of the shipped data, computed cold: what a map page needs, per view.

A view is metric x period x area x language: every view metric; the latest running
total, each year with figures for the metric (as the sidebar offers them) and three
"as of" dates; both regions, each region, each district alone and three fixed sets of
districts; English and Azerbaijani. For each view, in a random order, the script times
what the map page computes for it on the server (everything but Streamlit itself): the
metric cards and their HTML, the map's data, its district and settlement layers as the
browser receives them, the legend, the tables and the units off the map.

"Cold" means nothing of that view was computed before: every cache of results is
emptied before each view. What is built once per data version (the loaded dataset, the
figure index, the base map) is built first and reported apart.

    .venv/bin/python benchmarks/bench_views.py            # every view
    .venv/bin/python benchmarks/bench_views.py --sample 300
    .venv/bin/python benchmarks/bench_views.py --no-gc    # Python's garbage collector off

Each view is timed by the wall clock and by this thread's CPU time (the figure that
holds on a busy machine), and the time Python's garbage collector spent inside it is
given apart; the slowest views are listed with all three.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import time
from datetime import date
from functools import _lru_cache_wrapper
from pathlib import Path

from dashboard.analysis import areas, engine, mapview, settlements
from dashboard.analysis.figures import years_with_figures
from dashboard.analysis.selection import FOCUS_REGIONS, VIEW_METRICS, Period, Selection
from dashboard.data.loader import load_dataset
from dashboard.maps import build
from dashboard.text import cards, figures
from dashboard.text import mapview as text_mapview
from dashboard.ui import cached
from dashboard.ui.components.cards import cards_html, off_map_html
from dashboard.ui.components.map_view import render_layers
from dashboard.ui.data_access import settle_heap

REPO = Path(__file__).resolve().parents[1]
# Tables built once per data version (and language), shared by every view.
_PER_VERSION = (
    engine.figure_index,
    areas._areas,
    settlements._settlements,
    mapview.metric_units,
    figures._metric_labels,
    figures._popup_rows,
    text_mapview._district_rows,
)
_METRIC_FOR_PERIODS = {"returns": "families_returned", "victims": "victims"}
AS_OF = (date(2021, 12, 31), date(2023, 6, 30), date(2025, 3, 31))
DISTRICT_SETS = (
    ("AZ-CAB", "AZ-FUZ"),
    ("AZ-KAL", "AZ-LAC", "AZ-QBI"),
    ("AZ-AGM", "AZ-TAR", "AZ-XCI", "AZ-XVD", "AZ-SUS"),
)


def views(dataset: object) -> list[tuple[Selection, str]]:
    d = dataset.districts  # type: ignore[attr-defined]
    codes = sorted(d.loc[d["economic_region"].isin(FOCUS_REGIONS), "code"])
    places = [(FOCUS_REGIONS, ())] + [((r,), ()) for r in FOCUS_REGIONS] + [(FOCUS_REGIONS, (c,)) for c in codes]
    places += [(FOCUS_REGIONS, s) for s in DISTRICT_SETS]
    out = []
    for metric in VIEW_METRICS:
        years = years_with_figures(dataset, _METRIC_FOR_PERIODS.get(metric, metric))  # type: ignore[arg-type]
        periods = [Period(), *(Period(year=y) for y in years), *(Period(as_of=a) for a in AS_OF)]
        for period in periods:
            for regions, districts in places:
                for lang in ("en", "az"):
                    out.append((Selection(regions=regions, districts=districts, metric=metric, period=period), lang))
    return out


def result_caches() -> list[_lru_cache_wrapper]:
    """Every lru_cache of the analysis and text modules but those built once per version."""
    found = []
    for module in (areas, engine, mapview, settlements, figures, text_mapview, cards, cached):
        for value in vars(module).values():
            if isinstance(value, _lru_cache_wrapper) and value not in _PER_VERSION:
                found.append(value)
    return found


def map_page(dataset: object, selection: Selection, lang: str) -> None:
    """What the map page computes for one view (dashboard/ui/pages/map_page.py and the
    map component), with the same shared result caches, minus drawing it."""
    cards_html(cached.cards(dataset, selection, lang), lang)  # type: ignore[arg-type]
    data = cached.map_data(dataset, selection, lang)  # type: ignore[arg-type]
    labels = build.map_labels(lang)
    render_layers(
        [
            build.district_layer(data.district_rows, data.breaks, labels),
            build.settlement_layer(data.mappable_rows, labels),
        ]
    )
    build.legend_html(
        build.legend_for(data.breaks, data.unit, lang), cached.metric_label(dataset, selection.metric, lang)
    )  # type: ignore[arg-type]
    off_map_html(cached.unit_figures(dataset, selection, lang), lang)  # type: ignore[arg-type]
    cached.map_tables(dataset, selection, lang)  # type: ignore[arg-type]


class GcClock:
    """Milliseconds the garbage collector ran (and how often, per generation)."""

    def __init__(self) -> None:
        self.ms = 0.0
        self.runs = [0, 0, 0]
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.ms += (time.perf_counter() - self._start) * 1000
            self.runs[info["generation"]] += 1

    def take(self) -> tuple[float, list[int]]:
        out = (self.ms, self.runs)
        self.ms, self.runs = 0.0, [0, 0, 0]
        return out


def pct(values: list[float], q: int) -> float:
    values = sorted(values)
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=0, help="time a random sample of this many views")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-gc", dest="gc", action="store_false", help="turn Python's garbage collector off")
    parser.add_argument("--slowest", type=int, default=5, help="list this many of the slowest views")
    args = parser.parse_args()
    if not args.gc:
        gc.disable()

    start = time.perf_counter()
    dataset = load_dataset(REPO / "geodata").dataset
    loaded = time.perf_counter()
    engine.figure_index(dataset)
    for lang in ("en", "az"):
        map_page(dataset, Selection(), lang)  # per-version tables, imports, templates
    if args.gc:
        settle_heap()  # as the app does after loading a data version
    indexed = time.perf_counter()
    every = views(dataset)
    chosen = random.Random(args.seed).sample(every, args.sample) if args.sample else list(every)
    random.Random(args.seed).shuffle(chosen)
    caches = result_caches()
    clock = GcClock()
    rows = []  # (wall ms, cpu ms, gc ms, gc runs per generation, view)
    for selection, lang in chosen:
        for cache in caches:
            cache.cache_clear()
        clock.take()
        t0, c0 = time.perf_counter(), time.thread_time()
        map_page(dataset, selection, lang)
        wall, cpu = (time.perf_counter() - t0) * 1000, (time.thread_time() - c0) * 1000
        rows.append((wall, cpu, *clock.take(), (selection, lang)))
    walls, cpus, gcs = [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
    print(f"data load and validation: {(loaded - start) * 1000:.0f} ms")
    print(f"figure index and the other tables built once per version: {(indexed - loaded) * 1000:.0f} ms")
    print(f"views: {len(rows)} of {len(every)} (cold, everything a map page computes)")
    print(f"load average: {[round(x, 2) for x in os.getloadavg()]}; garbage collector {'on' if args.gc else 'off'}")
    for name, values in (("wall", walls), ("CPU", cpus)):
        print(
            f"{name:>4}: p50 {pct(values, 50):.1f} ms   p95 {pct(values, 95):.1f} ms   max {max(values):.1f} ms"
            "   (targets: p95 <= 25, max <= 60)"
        )
    print(f"garbage collector inside the views: {sum(gcs):.0f} ms in all, max {max(gcs):.1f} ms in one view")
    for name, column in (("wall", 0), ("CPU", 1)):
        print(f"slowest views by {name} (wall ms, CPU ms, GC ms, GC runs by generation):")
        for wall, cpu, gc_ms, runs, (selection, lang) in sorted(rows, key=lambda r: r[column])[-args.slowest :]:
            print(f"  {wall:6.1f} {cpu:6.1f} {gc_ms:6.1f} {runs}  {lang} {selection}")


if __name__ == "__main__":
    main()
