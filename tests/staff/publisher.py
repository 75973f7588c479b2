"""A separate process that publishes into a store, for the crash and concurrency tests.

    python publisher.py STORE FOLDER BASE [--cache DIR] [--stop-at STEP] [--wait-for FILE] [--loop N]

STORE            a store folder or a PostgreSQL URL
--cache DIR      this process's own cache folder (a database store), as on another machine

--stop-at STEP   print "at STEP" when the publication reaches STEP, then sleep (the test
                 kills the process there with SIGKILL)
--wait-for FILE  at the step before the lock, wait until FILE exists (both processes then
                 compete for the lock at the same moment)
--loop N         publish N versions one after the other, alternating two contents
Prints one JSON line with the outcome.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from dashboard.staff.store import ConflictError, open_store


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("folder")
    parser.add_argument("base", type=int)
    parser.add_argument("--cache")
    parser.add_argument("--stop-at")
    parser.add_argument("--wait-for")
    parser.add_argument("--loop", type=int, default=0)
    args = parser.parse_args()

    def step(name: str) -> None:
        if args.stop_at and name == args.stop_at:
            print(f"at {name}", flush=True)
            time.sleep(600)
        if args.wait_for and name == "before_lock":
            print("ready", flush=True)
            while not Path(args.wait_for).exists():
                time.sleep(0.005)

    store = open_store(args.store, cache=args.cache, step=step)
    if args.loop:
        folder = Path(args.folder)
        other = folder.parent / (folder.name + "-original")
        if not other.exists():
            shutil.copytree(store.version_dir(args.base), other, ignore=shutil.ignore_patterns("meta.json"))
        for i in range(args.loop):
            source = folder if i % 2 == 0 else other
            v = store.publish(source, "loop", f"round {i}", store.current())
            print(json.dumps({"published": v.number}), flush=True)
        return 0
    try:
        v = store.publish(args.folder, "process", "concurrent test", args.base)
    except ConflictError as exc:
        print(json.dumps({"conflict": exc.current}), flush=True)
        return 3
    print(json.dumps({"published": v.number}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
