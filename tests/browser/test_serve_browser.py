"""The app through `dev.sh serve 2` in a browser: the map is drawn through nginx, a page's
websocket stays on the process that served the page, a publication through one process
reaches a page held by the other within 5 s, and a page whose process is killed shows
the map again within 15 s, served by the other process, with nobody touching it."""

from __future__ import annotations

import os
import signal
import time
import urllib.request
from datetime import date

import pytest
from paths import GEODATA, copy_geodata
from playwright.sync_api import Page, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from test_dashboard import MAP, card_value, region_codes
from test_two_servers import HEADER, ROW, staff_sign_in, upload_and_publish

from dashboard.devtools.server import Served, serve
from dashboard.serve.nginx import COOKIE
from dashboard.staff.auth import HASH_ENV, hash_password
from dashboard.staff.store import open_store

PASSWORD = "serve-browser-password"


pytestmark = pytest.mark.usefixtures("nginx")


def route_to(served: Served, port: int) -> str:
    """A value of the affinity cookie that nginx sends to the process on `port`."""
    for n in range(200):
        value = f"test-route-{n}"
        url = f"{served.base}/_stcore/health?probe={n}"
        request = urllib.request.Request(url, headers={"Cookie": f"{COOKIE}={value}"})
        urllib.request.urlopen(request, timeout=10).read()
        deadline = time.monotonic() + 5
        while True:  # nginx logs a request just after its response
            lines = [line for line in served.access_log() if f"probe={n} " in line]
            if lines or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        if lines and f"upstream=127.0.0.1:{port} " in lines[0]:
            return value
    raise AssertionError(f"no route value reaches port {port}")


def browser_on(browser, served: Served, port: int) -> Page:
    """A new browser window whose affinity cookie sends it to the process on `port`."""
    context = browser.new_context(viewport={"width": 1440, "height": 1100})
    context.set_default_timeout(60_000)
    context.add_cookies([{"name": COOKIE, "value": route_to(served, port), "url": served.base}])
    return context.new_page()


def staff_env(tmp_path) -> dict[str, str]:
    seed = copy_geodata(tmp_path / "geodata", GEODATA)
    store = open_store(tmp_path / "store", seed=seed)
    store.ensure("test")
    return {"DASHBOARD_GEODATA": str(seed), "DASHBOARD_STORE": str(store.root), HASH_ENV: hash_password(PASSWORD)}


def test_a_page_whose_process_is_killed_shows_the_map_again_from_the_other(browser, tmp_path):
    with serve(2, env=staff_env(tmp_path)) as served:
        doomed, survivor = served.state()["streamlit"]
        page = browser_on(browser, served, doomed["port"])
        sockets: list[WebSocket] = []
        finished: list[float] = []

        def on_socket(ws: WebSocket) -> None:
            sockets.append(ws)

            def on_frame(payload: bytes | str) -> None:
                msg = ForwardMsg()
                if isinstance(payload, bytes):
                    msg.ParseFromString(payload)
                    if msg.WhichOneof("type") == "script_finished" and len(sockets) > 1:
                        finished.append(time.monotonic())

            ws.on("framereceived", on_frame)

        page.on("websocket", on_socket)
        page.goto(f"{served.base}/")
        frame = page.frame_locator(MAP)
        expect(frame.locator("path.district")).to_have_count(len(region_codes()))
        page.evaluate("window.__notReloaded = true")

        os.kill(doomed["pid"], signal.SIGKILL)
        killed = time.monotonic()
        # Streamlit's page reconnects by itself; nginx finds the process gone and sends it
        # to the other one, which runs the page (its URL holds the view) and draws the map
        deadline = killed + 15
        while not finished:
            assert time.monotonic() < deadline, "the page did not run again on the other process within 15 s"
            page.wait_for_timeout(100)
        expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=max(1, deadline - time.monotonic()) * 1000)
        expect(frame.locator("path.district")).to_have_count(len(region_codes()))
        expect(card_value(page, "Hectares cleared")).to_be_visible()
        assert time.monotonic() - killed <= 15.0
        assert page.evaluate("window.__notReloaded") is True
        assert len(sockets) == 2
        assert served.upstreams("/_stcore/stream")[-1] == f"127.0.0.1:{doomed['port']}"  # the broken one
        # the page came from the doomed process, the new websocket went to the survivor
        assert served.upstreams("/")[-1] == f"127.0.0.1:{doomed['port']}"
        assert closed_stream(served, page) == f"127.0.0.1:{survivor['port']}"


def closed_stream(served: Served, page: Page) -> str:
    """Close a page's window; the process its websocket was on (nginx logs it on close)."""
    before = len(served.upstreams("/_stcore/stream"))
    page.context.close()
    deadline = time.monotonic() + 10
    while len(streams := served.upstreams("/_stcore/stream")) == before:
        assert time.monotonic() < deadline, "nginx logged no websocket"
        time.sleep(0.05)
    return streams[-1]


def test_a_publication_through_one_process_reaches_a_page_on_the_other_within_5_s(browser, tmp_path):
    with serve(2, env=staff_env(tmp_path)) as served:
        first, second = served.state()["streamlit"]
        viewer = browser_on(browser, served, second["port"])
        staff = browser_on(browser, served, first["port"])
        upload = tmp_path / "clearance-new.csv"
        upload.write_text(HEADER + ROW.format(end=date.today().isoformat()), encoding="utf-8")

        viewer.goto(f"{served.base}/")
        card = card_value(viewer, "Hectares cleared")
        expect(card).to_be_visible()
        assert card.inner_text() != "987,654 ha"
        viewer.evaluate("window.__notReloaded = true")

        staff_sign_in(staff, served.base, "Aysel Mammadova", PASSWORD)
        upload_and_publish(staff, upload, "Published as version 2")
        published = time.monotonic()
        expect(card).to_have_text("987,654 ha", timeout=5_000)
        assert time.monotonic() - published <= 5.0
        assert viewer.evaluate("window.__notReloaded") is True
        # each page's websocket (and the staff page's upload) stayed on its own process
        assert closed_stream(served, viewer) == f"127.0.0.1:{second['port']}"
        assert closed_stream(served, staff) == f"127.0.0.1:{first['port']}"
        uploads = [line for line in served.access_log() if "/_stcore/upload_file/" in line]
        assert uploads and all(f"upstream=127.0.0.1:{first['port']} " in line for line in uploads)
