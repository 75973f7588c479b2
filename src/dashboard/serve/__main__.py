"""python -m dashboard.serve N [--port P] [--address A] (what `bash scripts/dev.sh serve` runs)."""

from __future__ import annotations

import argparse
import sys

from dashboard.serve.supervisor import ServeError, Supervisor


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="dev.sh serve", description="N Streamlit processes of the app behind nginx on one port."
    )
    parser.add_argument("processes", type=int, metavar="N", help="how many Streamlit processes (about one per core)")
    parser.add_argument("--port", type=int, default=8501, help="nginx's public port (default 8501)")
    parser.add_argument("--address", default="", help="the address nginx listens on (default: every IPv4 address)")
    args = parser.parse_args(argv)
    try:
        return Supervisor(args.processes, args.port, args.address).run()
    except ServeError as exc:
        print(f"serve: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
