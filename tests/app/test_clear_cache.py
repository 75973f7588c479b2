"""A visitor cannot make every visitor's next page slow: Streamlit's ``clear_cache``
message, which any websocket client may send, leaves the shared caches as they were.

Speaks Streamlit's websocket protocol to a real server, as benchmarks/bench_load.py
does (its client is reused here), and measures the server's own CPU time per page open.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
from concurrent.futures import ThreadPoolExecutor

import websockets
from paths import REPO
from streamlit.proto.BackMsg_pb2 import BackMsg

from dashboard.devtools.server import streamlit_server

sys.path.insert(0, str(REPO / "benchmarks"))
from bench_load import CLOCK_TICKS, Tally, Viewer, cpu_ms, pids_listening

VIEW = [("lang", "en"), ("metric", "area_cleared"), ("period", "cumulative")]


async def _open(base: str, pids: list[int]) -> float:
    """Server CPU (ms) for one page open of VIEW by a new visitor."""
    tally = Tally()
    viewer = Viewer(0, base, VIEW, tally, random.Random(0))
    before = cpu_ms(pids)
    await viewer.open()
    used = cpu_ms(pids) - before
    await viewer.close()
    assert tally.errors == []
    return used


async def _clear_cache(base: str) -> None:
    """What an anonymous client can send: connect and ask for the caches to be cleared."""
    url = "ws" + base[len("http") :] + "/_stcore/stream"
    async with websockets.connect(url, subprotocols=["streamlit"], origin=base) as ws:  # type: ignore[list-item]
        msg = BackMsg()
        msg.clear_cache = True
        await ws.send(msg.SerializeToString())
        await asyncio.sleep(1.0)  # let the server handle it before the socket closes


def test_clear_cache_from_a_visitor_leaves_the_next_page_open_as_cheap_as_before():
    with streamlit_server() as base:
        pids = pids_listening(int(base.rsplit(":", 1)[1]))

        async def scenario() -> tuple[float, list[float], float]:
            cold = await _open(base, pids)
            warm = [await _open(base, pids) for _ in range(4)]
            await _clear_cache(base)
            after = await _open(base, pids)
            return cold, warm, after

        # in a thread of its own, with an event loop of its own: after a browser test,
        # Playwright's sync API owns this thread's loop and asyncio.run() would refuse to
        # start here. The thread's exception, if any, is raised here by result().
        with ThreadPoolExecutor(max_workers=1) as worker:
            cold, warm, after = worker.submit(asyncio.run, scenario()).result()
    typical = statistics.median(warm)
    tick = 1000 / CLOCK_TICKS  # /proc counts CPU time in clock ticks (10 ms): one is noise
    print(f"server CPU per page open: cold {cold:.0f} ms, warm {warm} ms, after clear_cache {after:.0f} ms")
    assert after <= 2 * typical + tick, f"after clear_cache {after:.0f} ms, warm {typical:.0f} ms (cold {cold:.0f} ms)"
