"""What the staff state costs on each store backend: one throttle step (the reservation
every sign-in makes before Argon2), saving a draft after a change of one table (on
PostgreSQL: written through to the database), and opening a staff member's draft on a
server that has never seen it (on PostgreSQL: rebuilt from the database).

    .venv/bin/python benchmarks/bench_staff_state.py [--runs 20] [--backend files|postgres|both]

Medians of wall time and of this process's CPU time, in milliseconds. PostgreSQL runs on
a private server started here, as the tests do (its own CPU time is not in "cpu").
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dashboard.devtools.postgres import create_database, postgres_server
from dashboard.devtools.server import REPO
from dashboard.staff.auth import Throttle
from dashboard.staff.store import Store, open_store

ROW = "bench-{n},area_cleared,AZ,,cumulative,,2026-02-28,{n},,ha,ANAMA,dayaz-1794541,,\n"


Step = Callable[[int], object]


def timed(runs: int, work: Step, before: Step | None = None) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``work(i)``, with ``before(i)`` untimed."""
    wall, cpu = [], []
    for i in range(runs):
        if before is not None:
            before(i)
        w, c = time.perf_counter(), time.process_time()
        work(i)
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def measure(store: Store, target: str, work_dir: Path, runs: int) -> dict[str, tuple[float, float]]:
    throttle = Throttle(store)
    out = {"throttle step": timed(runs * 10, lambda i: throttle.reserve(f"10.{i // 250}.{i % 250}.1"))}
    draft = store.drafts.open("Bench Person")

    def change(i: int) -> None:
        with (draft.path / "figures" / "clearance.csv").open("a", encoding="utf-8") as f:
            f.write(ROW.format(n=i))

    out["draft save, one table changed"] = timed(runs, lambda i: store.drafts.save(draft), before=change)

    def other_server(i: int) -> Store:
        return open_store(target, seed=store.seed, cache=work_dir / f"other-{i}")

    servers = [other_server(i) for i in range(runs)]
    for s in servers:  # the published version is in each cache already: only the draft is new there
        s.version_dir(1)
    out["draft open on another server"] = timed(runs, lambda i: servers[i].drafts.open("Bench Person"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--backend", choices=("files", "postgres", "both"), default="both")
    args = parser.parse_args()
    results: dict[str, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seed = work / "geodata"
        shutil.copytree(REPO / "geodata", seed, ignore=shutil.ignore_patterns("README.md"))
        if args.backend in ("files", "both"):
            store = open_store(work / "store", seed=seed)
            store.ensure("bench")
            results["files"] = measure(store, str(work / "store"), work / "files", args.runs)
        if args.backend in ("postgres", "both"):
            with postgres_server() as server:
                url = create_database(server)
                store = open_store(url, seed=seed, cache=work / "cache")
                store.ensure("bench")
                results["postgres"] = measure(store, url, work / "pg", args.runs)
                from dashboard.staff.store import forget_open_stores
                from dashboard.staff.store.postgres import close_pools

                forget_open_stores()
                close_pools()
    print(f"{'backend':<10} {'measure':<32} {'wall ms':>8} {'cpu ms':>8}")
    for backend, rows in results.items():
        for name, (wall, cpu) in rows.items():
            print(f"{backend:<10} {name:<32} {wall:>8.1f} {cpu:>8.1f}")


if __name__ == "__main__":
    main()
