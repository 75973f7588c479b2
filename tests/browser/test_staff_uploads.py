"""Uploads on the running staff page: messages show data as text, a file of 200,000 bad
rows gets its message within seconds, a zip holding a 2 GB CSV is refused without the
server's memory growing, and public pages stay quick meanwhile."""

from __future__ import annotations

import asyncio
import random
import re
import sys
import threading
import time
import zipfile
from pathlib import Path

from paths import GEODATA, REPO, copy_geodata
from playwright.sync_api import Page, expect

from dashboard.devtools.server import streamlit_server
from dashboard.staff.auth import HASH_ENV, hash_password
from dashboard.ui.text import WORD_JOINER

sys.path.insert(0, str(REPO / "benchmarks"))
from bench_load import Tally, Viewer, pids_listening  # the websocket client of the load benchmark

PASSWORD = "granite-orchard-lantern"
SOURCES_HEADER = "source_id,publisher,title,url,published,language,note"
# Values that Streamlit's Markdown would turn into something else if shown unescaped.
HOSTILE = [
    "root:x:0",
    ":x: :+1:",
    ":streamlit:",
    ":red[red text]",
    ":material/delete:",
    "**bold** _it_",
    "[link](http://x.example)",
    "http://x.example/a www.x.example a@b.example",
    "$x^2$",
    "<b>b</b> &amp;",
    "a -- b -> c >= d",
    "# heading",
    "=HYPERLINK(1)",
]
PUBLIC_VIEWS = [
    [("lang", "en"), ("metric", "area_cleared"), ("period", "cumulative")],
    [("lang", "az"), ("metric", "ap_mines"), ("period", "2023")],
]


def _server_env(tmp_path: Path) -> dict[str, str]:
    seed = copy_geodata(tmp_path / "geodata", GEODATA)
    return {
        "DASHBOARD_GEODATA": str(seed),
        "DASHBOARD_STORE": str(tmp_path / "store"),
        HASH_ENV: hash_password(PASSWORD),
    }


def _sign_in_and_open_uploads(page: Page, base: str) -> None:
    page.goto(f"{base}/staff")
    page.get_by_label("Your name (kept in the history)").fill("Upload tester")
    page.get_by_label("Staff password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("1. Or upload a file", exact=True).click()


def _upload(page: Page, path: Path) -> float:
    """Upload a file and press the check button; seconds until the verdict shows."""
    page.locator("input[type=file]").set_input_files(str(path))
    # the file has reached the server when its chip offers "Remove" instead of "Cancel upload"
    expect(page.get_by_role("button", name=f"Remove {path.name}")).to_be_visible(timeout=60_000)
    button = page.get_by_role("button", name="Check the file and add it to my draft")
    expect(button).to_be_enabled()
    start = time.monotonic()
    button.click()
    expect(page.get_by_text(re.compile(f"^{re.escape(path.name)} was not used"))).to_be_visible(timeout=60_000)
    return time.monotonic() - start


class PublicPages:
    """Visitors opening public pages (Streamlit's websocket protocol) while staff upload:
    the time to the end of each page's run."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.times: list[float] = []
        self.errors: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    async def _run(self) -> None:
        n = 0
        while not self.stop.is_set():
            tally = Tally()
            viewer = Viewer(n, self.base, PUBLIC_VIEWS[n % 2], tally, random.Random(n))
            self.times.append(await viewer.open())
            await viewer.close()
            self.errors += tally.errors
            n += 1

    def __enter__(self) -> PublicPages:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=120)


def _peak_growth_mb(pid: int, action) -> tuple[object, float]:
    """Run ``action`` and return its result and the growth of a process's peak memory."""

    def vm(field: str) -> int:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        raise KeyError(field)

    rss = vm("VmRSS")
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # VmHWM starts again from the current size
    result = action()
    return result, (vm("VmHWM") - rss) / 1024


def test_messages_show_values_from_files_as_text(browser, tmp_path):
    rows = [f'hostile-{i},Test,Title,https://example.org/{i},"{value}",en,' for i, value in enumerate(HOSTILE)]
    path = tmp_path / "sources.csv"
    path.write_text("\n".join([SOURCES_HEADER, *rows]) + "\n", encoding="utf-8")
    with streamlit_server(env=_server_env(tmp_path)) as base:
        context = browser.new_context(viewport={"width": 1440, "height": 1100})
        page = context.new_page()
        _sign_in_and_open_uploads(page, base)
        _upload(page, path)
        alerts = page.locator("[data-testid='stAlertContentError']")
        expect(alerts.filter(has_text="expected an ISO date")).to_have_count(len(HOSTILE))
        texts = [t.replace(WORD_JOINER, "") for t in alerts.all_inner_texts()]
        for value in HOSTILE:
            assert any(f"found '{value}'; expected an ISO date" in t for t in texts), (value, texts)
        # nothing the values could have turned into: the logo, icons, links, formatting, maths
        for selector in (
            "img",
            "a",
            "strong:has-text('bold')",
            "em",
            "b",
            "h1",
            ".katex",
            "[data-testid='stIconMaterial']",
        ):
            assert alerts.locator(selector).count() == 0, selector
        context.close()


def test_200000_bad_rows_and_a_2_gb_csv_zip_are_refused_quickly_while_public_pages_stay_quick(browser, tmp_path):
    bad = tmp_path / "sources.csv"
    bad.write_text(SOURCES_HEADER + "\n" + "".join(f"x{i}\n" for i in range(200_000)), encoding="utf-8")
    row = b"f-1,area_cleared,AZ-CAB,,month,2025-05-01,2025-05-31,12,,ha,ANAMA,dayaz-1794541,,\n"
    bomb = tmp_path / "clearance.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z, z.open("clearance.csv", "w") as f:
        block = row * (2**20 // len(row))
        for _ in range(2_000_000_000 // len(block)):
            f.write(block)
    with streamlit_server(env=_server_env(tmp_path)) as base:
        (pid,) = pids_listening(int(base.rsplit(":", 1)[1]))
        context = browser.new_context(viewport={"width": 1440, "height": 1100})
        page = context.new_page()
        _sign_in_and_open_uploads(page, base)
        # the public views were seen before, as on a live server (in a thread: Playwright owns this one's loop)
        warm = threading.Thread(target=lambda: asyncio.run(_one_public_page(base)))
        warm.start()
        warm.join()
        page.get_by_text("replaces the whole table").click()
        with PublicPages(base) as public:
            rows_seconds, rows_growth = _peak_growth_mb(pid, lambda: _upload(page, bad))
            expect(page.get_by_text(re.compile(r"^sources\.csv, line 2: found 1 values"))).to_be_visible()
            zip_seconds, zip_growth = _peak_growth_mb(pid, lambda: _upload(page, bomb))
            expect(page.get_by_text(re.compile(r"the zip unpacks to 1,907 MB; the limit is 200 MB"))).to_be_visible()
        context.close()
    print(
        f"200,000 bad rows: message after {rows_seconds:.1f} s (server peak memory +{rows_growth:.0f} MB); "
        f"2 GB CSV in a {bomb.stat().st_size / 2**20:.0f} MB zip: {zip_seconds:.1f} s, +{zip_growth:.0f} MB; "
        f"public pages meanwhile: {len(public.times)} opened, slowest {max(public.times):.2f} s"
    )
    assert rows_seconds < 10
    assert zip_growth < 100
    assert public.errors == [] and public.times
    assert max(public.times) < 3.0


async def _one_public_page(base: str) -> None:
    for view in PUBLIC_VIEWS:
        viewer = Viewer(0, base, view, Tally(), random.Random(0))
        await viewer.open()
        await viewer.close()
