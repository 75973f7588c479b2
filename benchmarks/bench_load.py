"""A crowd of viewers without a browser: Streamlit's own websocket protocol, N at once.

    .venv/bin/python benchmarks/bench_load.py [--viewers 100] [--changes 3]
    .venv/bin/python benchmarks/bench_load.py --url http://127.0.0.1:8501   # e.g. `dev.sh serve 2`
    .venv/bin/python benchmarks/bench_load.py --serve 2   # one process, then serve 2: throughput ratio

Without --url the script starts one Streamlit process of its own (on a free port, the
shipped data) and measures it; with --url it measures whatever answers there: one
Streamlit process, or the nginx of `scripts/dev.sh serve N`, whose Streamlit processes it
finds in var/serve/<port>/processes.json (and warms up one by one before the crowd).

Every viewer does what a browser does on the page, minus the drawing: GET / (which
also gives it nginx's affinity cookie), a websocket to /_stcore/stream with the
subprotocol "streamlit", and a BackMsg ``rerun_script`` carrying the page's query
string: a view drawn at random from the shipped data (metric, period, districts,
language, all read from the loaded Dataset). It then reads ForwardMsgs until
``script_finished``, keeps the hashes of cacheable messages and sends them back with
every rerun (as the browser's message cache does), reruns the page's auto-rerun
fragments (the data poller) on their intervals, and changes filters --changes times
through the filter panel's "pick" event, as the panel's JavaScript sends it.

Reported: pages served, time to the end of each run (page opens and filter changes,
p50/p95/max), errors (exception elements, compile errors, dropped sockets, timeouts),
server CPU per page open and per filter change (user + system time of the server
processes from /proc, with the poller's fragment runs measured in a quiet phase and
given apart), memory per session (growth of the processes' RSS over the crowd's
sessions), and throughput (page runs per second of wall time). Targets (issue 12), one
process, 100 viewers, 3 changes each: every page served, no error, p95 page open at
most 3 s, CPU per page open at most 40 ms, memory at most 1.5 MB per session; through
`serve 2` throughput at least 1.5 x one process's.

The client runs on the same machine as the server and competes for its cores; its
own CPU time is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import statistics
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import websockets
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.exceptions import ConnectionClosed

from dashboard.analysis.figures import years_with_figures
from dashboard.data.dataset import Dataset
from dashboard.data.loader import load_dataset
from dashboard.data.schema import FOCUS_REGIONS, VIEW_METRICS
from dashboard.devtools.server import REPO, serve, streamlit_server

PANEL = "dashboard.filter_panel"
PANEL_EVENT = "pick"
RUN_TIMEOUT = 180.0
FINISHED = ForwardMsg.ScriptFinishedStatus
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Period keys of the URL (see dashboard.ui.components.sidebar): running total, a date, a year.
AS_OF = "as_of"


# -- the views a crowd opens ---------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What a viewer can pick, read from the loaded data."""

    metrics: tuple[str, ...]
    years: dict[str, tuple[int, ...]]
    districts: dict[str, tuple[str, ...]]  # economic region -> district codes
    first_day: date
    last_day: date

    @classmethod
    def of(cls, dataset: Dataset) -> Options:
        known = set(dataset.metrics["metric"])
        # "returns" is a view of the families/people returned figures, not a metric row
        metrics = tuple(m for m in VIEW_METRICS if m in known or m == "returns")
        d = dataset.districts
        districts = {r: tuple(sorted(d.loc[d["economic_region"].eq(r), "code"])) for r in FOCUS_REGIONS}
        ends = dataset.figures["end_date"].dropna()
        return cls(
            metrics=metrics,
            years={m: tuple(years_with_figures(dataset, m)) for m in metrics},
            districts=districts,
            first_day=ends.min().date(),
            last_day=min(ends.max().date(), date.today()),
        )

    def random_view(self, rng: random.Random) -> list[tuple[str, str]]:
        """A page URL's query: random language, metric, period, regions and districts."""
        metric = rng.choice(self.metrics)
        query: list[tuple[str, str]] = [("lang", rng.choice(("en", "az"))), ("metric", metric)]
        kind = rng.choice(("latest", "year", "as_of") if self.years.get(metric) else ("latest", "as_of"))
        if kind == "year":
            query.append(("period", str(rng.choice(self.years[metric]))))
        elif kind == "as_of":
            day = self.first_day + timedelta(days=rng.randrange((self.last_day - self.first_day).days + 1))
            query += [("period", AS_OF), ("as_of", day.isoformat())]
        scope = rng.choice(("both", "one region", "districts"))
        if scope == "one region":
            query.append(("region", rng.choice(FOCUS_REGIONS)))
        elif scope == "districts":
            codes = [c for region in FOCUS_REGIONS for c in self.districts[region]]
            query += [("district", c) for c in rng.sample(codes, rng.randint(1, 4))]
        return query


def new_pick(panel: dict, rng: random.Random) -> dict:
    """The panel's current choice with one filter changed, drawn from the options the
    panel shows (as a visitor clicking in it would)."""
    pick = {key: panel[key]["value"] for key in ("region", "district", "metric", "period", "as_of", "status")}
    options = {key: [value for value, _label in panel[key]["options"]] for key in ("metric", "period", "district")}
    what = rng.choice(("metric", "period", "period", "district"))
    if what == "district":
        pick["district"] = rng.sample(options["district"], rng.randint(0, min(3, len(options["district"]))))
    else:
        choices = [o for o in options[what] if o != pick[what]] or options[what]
        pick[what] = rng.choice(choices)
        if pick["period"] == AS_OF and not pick["as_of"]:
            pick["as_of"] = panel["as_of"]["max"]
    return pick


# -- one viewer: a websocket session ---------------------------------------------------


@dataclass
class Tally:
    """Everything the crowd measured."""

    opens: list[float] = field(default_factory=list)
    changes: list[float] = field(default_factory=list)
    fragments: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    server_runs: int = 0  # full runs the server started by itself (the poller saw new data)

    def error(self, viewer: int, text: str) -> None:
        self.errors.append(f"viewer {viewer}: {text}")


class Viewer:
    """One page in one browser tab, without the drawing."""

    def __init__(self, number: int, base: str, query: list[tuple[str, str]], tally: Tally, rng: random.Random) -> None:
        self.number = number
        self.base = base.rstrip("/")
        self.query = urllib.parse.urlencode(query)
        self.tally = tally
        self.rng = rng
        self.cookie = ""
        self.page_hash = ""
        self.cached: set[str] = set()
        self.panel_id = ""
        self.panel: dict | None = None
        self.fragments: dict[str, float] = {}
        self.waiting: asyncio.Future | None = None
        self.fragment_run = False
        self.ws: websockets.ClientConnection | None = None
        self.closing = False
        self.tasks: list[asyncio.Task] = []
        self.lock = asyncio.Lock()

    # connection -------------------------------------------------------------------
    def _get_index(self) -> None:
        with urllib.request.urlopen(f"{self.base}/?{self.query}", timeout=RUN_TIMEOUT) as r:
            r.read()
            cookies = [c.split(";", 1)[0] for c in r.headers.get_all("Set-Cookie") or []]
        self.cookie = "; ".join(cookies)

    async def open(self) -> float:
        """GET the page, connect, run it; returns the seconds to its finished run."""
        start = time.perf_counter()
        await asyncio.to_thread(self._get_index)
        ws_url = "ws" + self.base[len("http") :] + "/_stcore/stream"
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.ws = await websockets.connect(
            ws_url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=self.base,  # type: ignore[arg-type]
            additional_headers=headers,
            max_size=None,
            open_timeout=RUN_TIMEOUT,
            ping_interval=None,
        )
        self.tasks.append(asyncio.create_task(self._read()))
        await self._run()
        self.tasks.append(asyncio.create_task(self._auto_reruns()))
        return time.perf_counter() - start

    async def close(self) -> None:
        self.closing = True
        for task in self.tasks:
            task.cancel()
        if self.ws is not None:
            await self.ws.close()

    # runs -------------------------------------------------------------------------
    async def _run(self, trigger: dict | None = None, fragment: str = "") -> None:
        """Send one rerun_script and wait for its end (a full run: FINISHED_SUCCESSFULLY)."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.context_info.url = f"{self.base}/?{self.query}"
        state.context_info.timezone = "Asia/Baku"
        state.context_info.locale = "en-US"
        state.cached_message_hashes.extend(sorted(self.cached))
        if trigger is not None:
            widget = state.widget_states.widgets.add()
            widget.id = _make_trigger_id(self.panel_id, "events")
            widget.json_trigger_value = json.dumps([{"event": PANEL_EVENT, "value": trigger}])
        if fragment:
            state.fragment_id = fragment
            state.is_auto_rerun = True
        loop = asyncio.get_running_loop()
        self.waiting = loop.create_future()
        self.fragment_run = bool(fragment)
        assert self.ws is not None
        await self.ws.send(msg.SerializeToString())
        try:
            await asyncio.wait_for(self.waiting, RUN_TIMEOUT)
        finally:
            self.waiting = None

    async def change(self) -> float:
        """Change one filter in the panel; returns the seconds to the finished run."""
        if self.panel is None:
            raise RuntimeError("the page has no filter panel")
        async with self.lock:
            start = time.perf_counter()
            await self._run(trigger=new_pick(self.panel, self.rng))
            return time.perf_counter() - start

    async def _auto_reruns(self) -> None:
        """The browser's timers for the auto-rerun fragments (skipped while a run is on)."""
        due: dict[str, float] = {}
        while not self.closing:
            await asyncio.sleep(0.1)
            now = time.perf_counter()
            for fragment, interval in list(self.fragments.items()):
                due.setdefault(fragment, now + interval)
                if now < due[fragment] or self.lock.locked():
                    continue
                due[fragment] = now + interval
                async with self.lock:
                    start = time.perf_counter()
                    try:
                        await self._run(fragment=fragment)
                    except TimeoutError:
                        self.tally.error(self.number, "fragment run timed out")
                        continue
                    self.tally.fragments.append(time.perf_counter() - start)

    # messages ---------------------------------------------------------------------
    async def _read(self) -> None:
        assert self.ws is not None
        try:
            async for data in self.ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)  # type: ignore[arg-type]
                self._handle(msg)
        except ConnectionClosed as exc:
            if not self.closing:
                self.tally.error(self.number, f"socket dropped ({exc})")
                self._finish(RuntimeError("socket dropped"))
            return
        if not self.closing:
            self.tally.error(self.number, "socket closed by the server")
            self._finish(RuntimeError("socket closed"))

    def _finish(self, outcome: BaseException | None = None) -> None:
        if self.waiting is not None and not self.waiting.done():
            if outcome is None:
                self.waiting.set_result(None)
            else:
                self.waiting.set_exception(outcome)

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if msg.metadata.cacheable and msg.hash:
            self.cached.add(msg.hash)
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            what = element.WhichOneof("type")
            if what == "exception":
                problem = element.exception
                self.tally.error(self.number, f"exception element: {problem.type}: {problem.message}")
            elif what == "bidi_component" and element.bidi_component.component_name == PANEL:
                self.panel_id = element.bidi_component.id
                self.panel = json.loads(element.bidi_component.json)
        elif kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            self.fragments[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        elif kind == "page_not_found":
            self.tally.error(self.number, f"page not found: {msg.page_not_found.page_name}")
        elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
            self.tally.error(self.number, "script compilation exception")
        elif kind == "script_finished":
            status = msg.script_finished
            if status == FINISHED.FINISHED_WITH_COMPILE_ERROR:
                self.tally.error(self.number, "the script failed to compile")
                self._finish(RuntimeError("compile error"))
            elif status == FINISHED.FINISHED_SUCCESSFULLY:
                if self.waiting is None:
                    self.tally.server_runs += 1
                self._finish()
            elif status == FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY and self.fragment_run:
                self._finish()


# -- the server's processes, from /proc ------------------------------------------------


def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table, encoding="ascii") as f:
            for line in f.readlines()[1:]:
                cols = line.split()
                if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(cols[9])
    return inodes


def pids_listening(port: int) -> list[int]:
    """The processes that hold a listening socket on a local TCP port."""
    inodes = {f"socket:[{i}]" for i in _listening_inodes(port)}
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if any(os.readlink(fd) in inodes for fd in (entry / "fd").iterdir()):
                found.append(int(entry.name))
    return sorted(found)


def _comm(pid: int) -> str:
    return Path(f"/proc/{pid}/comm").read_text(encoding="ascii").strip()


def server_processes(port: int) -> tuple[list[int], list[int], list[str]]:
    """(Streamlit pids, nginx pids, each Streamlit process's own URL) serving a port: the
    process itself, or the Streamlit processes that `dev.sh serve` lists in
    var/serve/<port>/processes.json when nginx listens there."""
    pids = pids_listening(port)
    nginx = [p for p in pids if _comm(p).startswith("nginx")]
    if not nginx:
        return pids, [], [f"http://127.0.0.1:{port}"]
    listed = REPO / "var" / "serve" / str(port) / "processes.json"
    if not listed.exists():
        raise SystemExit(f"nginx listens on port {port}, but {listed} (written by `dev.sh serve`) is missing")
    state = json.loads(listed.read_text(encoding="utf-8"))
    processes = state["streamlit"]
    return [p["pid"] for p in processes], nginx, [f"http://127.0.0.1:{p['port']}" for p in processes]


def cpu_ms(pids: list[int]) -> float:
    """User + system CPU time of processes (all their threads), in ms."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total * 1000 / CLOCK_TICKS


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


# -- the crowd ---------------------------------------------------------------------------


def quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50_s": round(quantile(values, 0.5), 3),
        "p95_s": round(quantile(values, 0.95), 3),
        "max_s": round(max(values), 3) if values else float("nan"),
    }


class Meter:
    """CPU and memory of the server processes between two moments."""

    def __init__(self, pids: list[int], nginx: list[int]) -> None:
        self.pids, self.nginx = pids, nginx
        self.cpu, self.nginx_cpu, self.client, self.at = 0.0, 0.0, 0.0, 0.0
        self.mark()

    def mark(self) -> None:
        self.cpu, self.nginx_cpu = cpu_ms(self.pids), cpu_ms(self.nginx)
        self.client, self.at = time.process_time() * 1000, time.perf_counter()

    def since(self) -> dict[str, float]:
        out = {
            "seconds": time.perf_counter() - self.at,
            "server_cpu_ms": cpu_ms(self.pids) - self.cpu,
            "nginx_cpu_ms": cpu_ms(self.nginx) - self.nginx_cpu,
            "client_cpu_ms": time.process_time() * 1000 - self.client,
        }
        self.mark()
        return out


async def crowd(base: str, args: argparse.Namespace, pids: list[int], nginx: list[int], warm: list[str]) -> dict:
    rng = random.Random(args.seed)
    options = Options.of(load_dataset(REPO / "geodata").dataset or sys.exit("the shipped data does not load"))
    tally = Tally()
    for direct in warm:  # every process loads the data and its libraries before the crowd
        viewer = Viewer(-1, direct, [], Tally(), rng)
        await viewer.open()
        await viewer.close()
        await asyncio.sleep(1)
    meter = Meter(pids, nginx)
    rss_before = rss_mb(pids)
    load_before = os.getloadavg()
    viewers = [
        Viewer(i, base, options.random_view(rng), tally, random.Random(rng.random())) for i in range(args.viewers)
    ]
    started = time.perf_counter()

    async def open_one(v: Viewer) -> bool:
        try:
            tally.opens.append(await v.open())
            return True
        except Exception as exc:
            tally.error(v.number, f"page open failed: {type(exc).__name__}: {exc}")
            return False

    opened = await asyncio.gather(*(open_one(v) for v in viewers))
    live = [v for v, ok in zip(viewers, opened, strict=True) if ok]
    open_phase = meter.since()
    fragments_during_open = len(tally.fragments)
    rss_open = rss_mb(pids)

    async def change_all(v: Viewer) -> None:
        for _ in range(args.changes):
            await asyncio.sleep(rng.uniform(0, 2 * args.think))
            try:
                tally.changes.append(await v.change())
            except Exception as exc:
                tally.error(v.number, f"filter change failed: {type(exc).__name__}: {exc}")
                return

    fragments_before = len(tally.fragments)
    await asyncio.gather(*(change_all(v) for v in live))
    finished = time.perf_counter()
    change_phase = meter.since()
    fragments_during_changes = len(tally.fragments) - fragments_before
    # the poller alone: every page idle, only the auto-rerun fragments running
    fragments_before = len(tally.fragments)
    await asyncio.sleep(args.quiet)
    quiet = meter.since()
    quiet_fragments = len(tally.fragments) - fragments_before
    rss_end = rss_mb(pids)
    for v in viewers:
        await v.close()

    per_fragment = quiet["server_cpu_ms"] / quiet_fragments if quiet_fragments else 0.0
    pages = len(tally.opens) + len(tally.changes)
    opens, changes = max(1, len(tally.opens)), max(1, len(tally.changes))
    return {
        "target": base,
        "processes": len(pids),
        "viewers": args.viewers,
        "changes_each": args.changes,
        "seed": args.seed,
        "pages_served": (
            f"{len(tally.opens)}/{args.viewers} opens, {len(tally.changes)}/{args.viewers * args.changes} changes"
        ),
        "all_served": len(tally.opens) == args.viewers and len(tally.changes) == args.viewers * args.changes,
        "errors": len(tally.errors),
        "error_samples": tally.errors[:10],
        "page_open": summary(tally.opens),
        "filter_change": summary(tally.changes),
        "fragment_run": summary(tally.fragments),
        "server_started_runs": tally.server_runs,
        "throughput_pages_per_s": round(pages / (finished - started), 2),
        "wall_s": round(finished - started, 2),
        "cpu_ms_per_page_open": round(open_phase["server_cpu_ms"] / opens, 1),
        "cpu_ms_per_page_open_without_poller": round(
            (open_phase["server_cpu_ms"] - fragments_during_open * per_fragment) / opens, 1
        ),
        "cpu_ms_per_filter_change": round(change_phase["server_cpu_ms"] / changes, 1),
        "cpu_ms_per_filter_change_without_poller": round(
            (change_phase["server_cpu_ms"] - fragments_during_changes * per_fragment) / changes, 1
        ),
        "cpu_ms_per_poller_run": round(per_fragment, 2),
        "poller_runs": {"open": fragments_during_open, "changes": fragments_during_changes, "quiet": quiet_fragments},
        "nginx_cpu_ms": round(open_phase["nginx_cpu_ms"] + change_phase["nginx_cpu_ms"], 1),
        "client_cpu_ms": round(open_phase["client_cpu_ms"] + change_phase["client_cpu_ms"], 1),
        "rss_mb": {"before": round(rss_before, 1), "opened": round(rss_open, 1), "end": round(rss_end, 1)},
        "mb_per_session": round((rss_open - rss_before) / max(1, len(live)), 2),
        "load_before": [round(x, 2) for x in load_before],
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def report(result: dict) -> None:
    print(f"target {result['target']} ({result['processes']} Streamlit process(es))")
    print(f"load average before/after: {result['load_before']} / {result['load_average']}")
    print(f"pages served: {result['pages_served']}; errors: {result['errors']}")
    for sample in result["error_samples"]:
        print(f"  {sample}")
    for key in ("page_open", "filter_change", "fragment_run"):
        s = result[key]
        print(f"{key:>14}: n={s['n']:4d}  p50 {s['p50_s']:.3f} s  p95 {s['p95_s']:.3f} s  max {s['max_s']:.3f} s")
    print(f"throughput: {result['throughput_pages_per_s']} pages/s over {result['wall_s']} s")
    print(
        f"server CPU per page open: {result['cpu_ms_per_page_open']} ms "
        f"({result['cpu_ms_per_page_open_without_poller']} ms without the poller's runs)"
    )
    print(
        f"server CPU per filter change: {result['cpu_ms_per_filter_change']} ms "
        f"({result['cpu_ms_per_filter_change_without_poller']} ms without the poller's runs)"
    )
    print(f"server CPU per poller run: {result['cpu_ms_per_poller_run']} ms; runs {result['poller_runs']}")
    print(f"nginx CPU: {result['nginx_cpu_ms']} ms; this client's CPU: {result['client_cpu_ms']} ms")
    print(f"RSS {result['rss_mb']} MB; per session {result['mb_per_session']} MB")
    checks = [
        ("every page served", result["all_served"]),
        ("no error", result["errors"] == 0),
        ("p95 page open <= 3 s", result["page_open"]["p95_s"] <= 3.0),
        ("server CPU per page open <= 40 ms", result["cpu_ms_per_page_open"] <= 40),
        ("memory per session <= 1.5 MB", result["mb_per_session"] <= 1.5),
    ]
    print("targets (issue 12): " + "; ".join(f"{name}: {'met' if ok else 'NOT met'}" for name, ok in checks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server (default: start one Streamlit process)")
    parser.add_argument("--viewers", type=int, default=100)
    parser.add_argument("--changes", type=int, default=3, help="filter changes per viewer")
    parser.add_argument("--think", type=float, default=0.5, help="mean pause before each change, s")
    parser.add_argument("--quiet", type=float, default=6.0, help="seconds of poller-only load at the end")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--no-warm", dest="warm", action="store_false", help="skip the one warm-up page open")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results" / "load.json")
    parser.add_argument(
        "--serve",
        type=int,
        metavar="N",
        help="measure one process, then `dev.sh serve N` (both started here), and compare their throughput",
    )
    args = parser.parse_args()
    if args.url:
        results = [measure(args.url, args)]
    elif args.serve:
        with streamlit_server() as base:
            results = [measure(base, args)]
        with serve(args.serve) as served:
            results.append(measure(served.base, args))
    else:
        with streamlit_server() as base:
            results = [measure(base, args)]
    for result in results:
        report(result)
    if len(results) == 2:
        one, many = (r["throughput_pages_per_s"] for r in results)
        ratio = many / one if one else float("nan")
        print(
            f"throughput through serve {args.serve}: {many} pages/s = {ratio:.2f} x one process's {one} "
            f"(target >= 1.5: {'met' if ratio >= 1.5 else 'NOT met'})"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results if len(results) > 1 else results[0], indent=2), encoding="utf-8")


def measure(base: str, args: argparse.Namespace) -> dict:
    """The crowd against one URL (a Streamlit process, or serve's nginx)."""
    port = urllib.parse.urlsplit(base).port or 80
    pids, nginx, processes = server_processes(port)
    if not pids:
        raise SystemExit(f"no process listens on port {port}")
    return asyncio.run(crowd(base, args, pids, nginx, processes if args.warm else []))


if __name__ == "__main__":
    main()
