"""Publish time, and time until a page held open on another app server shows the new
version, for both store backends.

    .venv/bin/python benchmarks/bench_store.py [--runs 10] [--backend files|postgres|both]

For each backend: version 1 from the shipped data, one app server (Streamlit, its own
cache folder for PostgreSQL) with the map page open in Chromium, then --runs
publications from this process (standing in for a second server: for PostgreSQL it has
a cache folder of its own) that alternate two values of the national hectares figure.
"publish" is Store.publish end to end (copy, validate, commit); "visible" runs from
the end of publish until the open page's card shows the new value (the page's poll
every 2 s included). Medians, with min and max. PostgreSQL runs on a private server
(started here, as the tests do). Targets (issue 13): publish at most 2 s, visible
elsewhere at most 3 s.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from dashboard.devtools.postgres import create_database, postgres_server
from dashboard.devtools.server import CHROMIUM_ARGS, REPO, chromium_path, streamlit_server
from dashboard.staff.store import open_store

ROW = "bench-{n},area_cleared,AZ,,cumulative,,{end},{value},,ha,ANAMA,dayaz-1794541,,\n"


def card(page):
    label = page.locator(".card-label").filter(has_text=re.compile(r"^Hectares cleared$"))
    return page.locator(".card").filter(has=label).locator(".card-value")


def run_backend(name: str, target: str, work: Path, runs: int, browser) -> dict[str, list[float]]:
    import shutil

    seed = work / "geodata"
    shutil.copytree(REPO / "geodata", seed, ignore=shutil.ignore_patterns("README.md"))
    publisher = open_store(target, seed=seed, cache=work / "publisher-cache")
    publisher.ensure("bench")
    env = {"DASHBOARD_STORE": target, "DASHBOARD_CACHE": str(work / "server-cache"), "DASHBOARD_GEODATA": str(seed)}
    times: dict[str, list[float]] = {"publish": [], "visible": []}
    with streamlit_server(env=env) as base:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.goto(f"{base}/")
        value = card(page)
        expect(value).to_be_visible(timeout=60_000)
        for i in range(runs):
            figure = 900_000 + i
            draft = publisher.new_draft(1)  # version 1 plus one new figure: the card shows it
            with (draft.path / "figures" / "clearance.csv").open("a", encoding="utf-8") as f:
                f.write(ROW.format(n=i, end=date.today().isoformat(), value=figure))
            start = time.perf_counter()
            publisher.publish(draft.path, "bench", f"round {i}", publisher.current())
            done = time.perf_counter()
            expect(value).to_have_text(f"{figure:,} ha", timeout=30_000)
            seen = time.perf_counter()
            publisher.discard(draft)
            times["publish"].append(done - start)
            times["visible"].append(seen - done)
            print(f"  {name} round {i + 1}: publish {done - start:.2f} s, visible {seen - done:.2f} s", flush=True)
        page.close()
    publisher.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--backend", choices=("files", "postgres", "both"), default="both")
    args = parser.parse_args()
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        work = Path(tmp)
        if args.backend in ("files", "both"):
            (work / "files").mkdir()
            results["files"] = run_backend("files", str(work / "files" / "store"), work / "files", args.runs, browser)
        if args.backend in ("postgres", "both"):
            (work / "postgres").mkdir()
            with postgres_server() as server:
                url = create_database(server)
                results["postgres"] = run_backend("postgres", url, work / "postgres", args.runs, browser)
                from dashboard.staff.store.postgres import close_pools

                close_pools()
        browser.close()
    print(f"\nmedian of {args.runs} (min-max), seconds; targets: publish <= 2, visible elsewhere <= 3")
    print(f"{'backend':<10} {'publish':>20} {'visible elsewhere':>22}")
    for name, times in results.items():
        cells = [
            f"{statistics.median(v):.2f} ({min(v):.2f}-{max(v):.2f})" for v in (times["publish"], times["visible"])
        ]
        print(f"{name:<10} {cells[0]:>20} {cells[1]:>22}")


if __name__ == "__main__":
    main()
