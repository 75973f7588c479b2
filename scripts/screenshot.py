"""Take the README's screenshots with the browser tests' tooling (Playwright + Chromium).

.venv/bin/python scripts/screenshot.py
"""

from __future__ import annotations

from playwright.sync_api import sync_playwright

from dashboard.devtools.server import CHROMIUM_ARGS, REPO, chromium_path, streamlit_server

SHOTS = {  # file: (address, viewport width, height): the most common laptop and projector screens
    "screenshot-map.png": ("/?period=2023", 1366, 768),
    "screenshot-map-az.png": ("/?lang=az&metric=returns", 1366, 768),
    "screenshot-present.png": ("/?present=1&view=jabrayil", 1280, 720),
}


def main() -> None:
    with streamlit_server() as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for name, (query, width, height) in SHOTS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(base + query)
            page.frame_locator("iframe[title*='st_folium']").locator(".map-label").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(REPO / "docs" / name))
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
