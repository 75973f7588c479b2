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
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=0, help="time a random sample of this many views")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    start = time.perf_counter()
    dataset = load_dataset(REPO / "geodata").dataset
    loaded = time.perf_counter()
    engine.figure_index(dataset)
    for lang in ("en", "az"):
        map_page(dataset, Selection(), lang)  # per-version tables, imports, templates
    indexed = time.perf_counter()
    every = views(dataset)
    chosen = random.Random(args.seed).sample(every, args.sample) if args.sample else list(every)
    random.Random(args.seed).shuffle(chosen)
    caches = result_caches()
    times = []
    worst = (0.0, None)
    for selection, lang in chosen:
        for cache in caches:
            cache.cache_clear()
        t0 = time.perf_counter()
        map_page(dataset, selection, lang)
        ms = (time.perf_counter() - t0) * 1000
        times.append(ms)
        worst = max(worst, (ms, (selection, lang)), key=lambda w: w[0])
    times.sort()
    q = statistics.quantiles(times, n=100) if len(times) > 1 else times * 99
    print(f"data load and validation: {(loaded - start) * 1000:.0f} ms")
    print(f"figure index and the other tables built once per version: {(indexed - loaded) * 1000:.0f} ms")
    print(f"views: {len(times)} of {len(every)} (cold, everything a map page computes)")
    print(f"p50 {q[49]:.1f} ms   p95 {q[94]:.1f} ms   max {times[-1]:.1f} ms   (targets: p95 <= 25, max <= 60)")
    print(f"slowest: {worst[1]}")


if __name__ == "__main__":
    main()
