"""Measure the dashboard against a bare st_folium page, in one run.

    .venv/bin/python benchmarks/bench_dashboard.py [--runs 12]

Prints (and writes to benchmarks/results/latest.json):
- page open to map drawn (median of --runs warm loads, app and reference taking turns),
  and the ratio: from the browser's navigation start to the frame that paints the
  15th district polygon, timed inside the page;
- filter change to map updated (median of --runs changes, after one change to each of
  the two views that fills the server's caches, given apart): from the moment the
  period list's value changes (its change event) to the frame that paints the new
  district colours, timed inside the page. Both are also given as Playwright sees them
  from outside ("wall"), which adds Playwright's own round trips;
- server time per rerun, warm (median of 2 x --runs AppTest reruns);
- bytes of the map payload (the st_folium arguments) for both pages, and the bytes
  the browser received over the websocket during one page load.
Targets (issue 3): rerun <= 50 ms; filter change <= 300 ms; open <= 1.3 x reference;
map payload <= 300 KB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

from playwright.sync_api import sync_playwright
from streamlit.testing.v1 import AppTest

from dashboard.devtools.server import CHROMIUM_ARGS, REPO, chromium_path, streamlit_server

MAP = "iframe[title*='st_folium']"
# The district colours of a map document, as one string (JavaScript).
FILLS_OF = "(doc) => Array.from(doc.querySelectorAll('path.district'), (p) => p.getAttribute('fill')).join(',')"
FILLS = f"() => ({FILLS_OF})(document)"

# Runs in the top page. Once the map's frame has loaded it notes, on the page's own
# clock (ms since navigation start), the animation frame that first paints `count`
# polygons matching `selector` in it, and the one that paints new district colours
# after `window.__watchFills()` was called; it also notes when a form control changes.
PAGE_CLOCK = """
(([selector, count]) => {
  if (window !== window.top) return;
  const painted = (key) => requestAnimationFrame(() => { window[key] = performance.now(); });
  document.addEventListener("change", (e) => { window.__changedAt = e.timeStamp; }, true);
  const fills = FILLS_OF;
  let before = null;
  let mapDoc = null;
  window.__watchFills = () => { before = fills(mapDoc); window.__updatedAt = null; };
  const watch = (doc) => {
    mapDoc = doc;
    new MutationObserver(() => {
      if (window.__drawnAt === undefined && doc.querySelectorAll(selector).length >= count) {
        window.__drawnAt = null;
        painted("__drawnAt");
      }
      if (before !== null && fills(doc) !== before) {
        before = null;
        painted("__updatedAt");
      }
    }).observe(doc, { subtree: true, childList: true, attributes: true, attributeFilter: ["fill"] });
  };
  new MutationObserver((_, self) => {
    const frame = document.querySelector(MAP);
    if (!frame) return;
    self.disconnect();
    frame.addEventListener("load", () => watch(frame.contentDocument));
  }).observe(document, { subtree: true, childList: true });
})
""".replace("FILLS_OF", FILLS_OF).replace("MAP", json.dumps(MAP))


def new_page(browser, selector: str, count: int = 15):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.add_init_script(f"{PAGE_CLOCK}({json.dumps([selector, count])})")
    return page


def page_value(page, name: str) -> float:
    """A number noted by PAGE_CLOCK, once it is there."""
    page.wait_for_function(f"() => typeof window.{name} === 'number'", timeout=30_000)
    return float(page.evaluate(f"() => window.{name}"))


def open_once(browser, base: str, selector: str, count: int) -> tuple[float, float, int]:
    """Page open to `count` polygons painted, in ms (in the page; and as Playwright saw
    it); and the websocket bytes received."""
    page = new_page(browser, selector, count)
    frames: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: frames.append(len(p))))
    start = time.perf_counter()
    page.goto(base + "/")
    page.frame_locator(MAP).locator(selector).nth(count - 1).wait_for(state="attached", timeout=60_000)
    wall = (time.perf_counter() - start) * 1000
    inside = page_value(page, "__drawnAt")
    page.wait_for_timeout(300)
    page.close()
    return inside, wall, sum(frames)


def open_times(browser, pages: dict[str, tuple[str, str]], runs: int) -> dict[str, dict]:
    """Open each page `runs` times, taking turns, so that the machine's slower and faster
    moments fall on both alike. The first load of each warms its server and is not counted."""
    out: dict[str, dict] = {name: {"inside": [], "wall": [], "ws": 0} for name in pages}
    for i in range(runs + 1):
        for name, (base, selector) in pages.items():
            inside, wall, received = open_once(browser, base, selector, 15)
            if i:
                out[name]["inside"].append(inside)
                out[name]["wall"].append(wall)
                out[name]["ws"] = received
    return out


def filter_times(browser, base: str, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Choose a period, then wait until the district fills change, in ms (in the page,
    from the change event; and as Playwright saw it). The first change to each of the
    two views fills the server's caches and is not counted, as with page open."""
    page = new_page(browser, "path.district")
    page.goto(base + "/")
    frame_loc = page.frame_locator(MAP)
    frame_loc.locator("path.district").first.wait_for(state="attached", timeout=60_000)
    frame = page.locator(MAP).element_handle().content_frame()
    period = page.get_by_role("combobox", name="Period")
    inside, wall, cold = [], [], []
    for i in range(runs + 2):
        before = frame.evaluate(FILLS)
        page.evaluate("() => window.__watchFills()")
        start = time.perf_counter()
        period.select_option("2023" if i % 2 == 0 else "cumulative")
        frame.wait_for_function(f"(before) => ({FILLS})() !== before", arg=before, timeout=30_000)
        wall.append((time.perf_counter() - start) * 1000)
        inside.append(page_value(page, "__updatedAt") - page_value(page, "__changedAt"))
        if i < 2:  # warm-up: kept apart
            cold.append(inside.pop())
            wall.pop()
        page.wait_for_timeout(200)
    assert page.locator(MAP).element_handle().content_frame() == frame, "the map iframe was replaced"
    page.close()
    return inside, wall, cold


def map_payload(script: str) -> int:
    at = AppTest.from_file(str(REPO / script), default_timeout=120)
    at.run()
    component = at.get("component_instance")[0]
    return len(component.proto.json_args.encode())


def rerun_times(runs: int) -> list[float]:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.run()
    for key in ("2023", "cumulative"):  # warm the caches of both views
        at.session_state["period"] = key  # what the filter panel does on a change
        at.run()
    times = []
    for i in range(2 * runs):
        at.session_state["period"] = "2023" if i % 2 else "cumulative"
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=12)
    args = parser.parse_args()
    path = chromium_path()
    if path is None:
        raise SystemExit("Chromium is needed: apt-get install chromium")
    # Streamlit serves ./static beside the main script: the reference page shares the app's.
    link = REPO / "benchmarks" / "static"
    if not link.exists():
        link.symlink_to(REPO / "static", target_is_directory=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        with streamlit_server("benchmarks/reference_page.py") as ref_base, streamlit_server("app.py") as base:
            opened = open_times(
                browser, {"ref": (ref_base, ".leaflet-overlay-pane path"), "app": (base, "path.district")}, args.runs
            )
            ref, app = opened["ref"], opened["app"]
            change, change_wall, change_cold = filter_times(browser, base, args.runs)
        browser.close()
    rerun = rerun_times(args.runs)
    results = {
        "open_ms_app_median": statistics.median(app["inside"]),
        "open_ms_reference_median": statistics.median(ref["inside"]),
        "open_ratio": statistics.median(app["inside"]) / statistics.median(ref["inside"]),
        "open_wall_ms_app_median": statistics.median(app["wall"]),
        "open_wall_ms_reference_median": statistics.median(ref["wall"]),
        "open_wall_ratio": statistics.median(app["wall"]) / statistics.median(ref["wall"]),
        "filter_change_ms_median": statistics.median(change),
        "filter_change_ms_max": max(change),
        "filter_change_ms_first_to_each_view": max(change_cold),
        # a view no one opened yet (the server computes it) / back to the opened one (only the
        # browser's first swap of the layers): tells a cold server from a cold browser
        "filter_change_ms_first_to_new_view": change_cold[0],
        "filter_change_ms_first_back_to_opened_view": change_cold[1],
        "filter_change_wall_ms_median": statistics.median(change_wall),
        "rerun_ms_median": statistics.median(rerun),
        "map_payload_bytes_app": map_payload("app.py"),
        "map_payload_bytes_reference": map_payload("benchmarks/reference_page.py"),
        "websocket_bytes_per_load_app": app["ws"],
        "websocket_bytes_per_load_reference": ref["ws"],
        "runs": args.runs,
    }
    out = REPO / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    for key, value in results.items():
        print(f"{key:44s} {value:,.2f}" if isinstance(value, float) else f"{key:44s} {value:,}")
    checks = [
        ("page open <= 1.3 x reference", results["open_ratio"] <= 1.3),
        ("filter change median <= 300 ms", results["filter_change_ms_median"] <= 300),
        ("rerun median <= 50 ms", results["rerun_ms_median"] <= 50),
        ("first change to a new view < 250 ms", results["filter_change_ms_first_to_new_view"] < 250),
    ]
    print(f"load average: {[round(x, 2) for x in os.getloadavg()]}")
    print("targets (issue 12): " + "; ".join(f"{name}: {'met' if ok else 'NOT met'}" for name, ok in checks))


if __name__ == "__main__":
    main()
