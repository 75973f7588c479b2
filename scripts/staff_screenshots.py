"""Take the staff guide's screenshots (README, "Updating the data") with the browser
tests' tooling, on a temporary copy of the data and a temporary store.

.venv/bin/python scripts/staff_screenshots.py
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from dashboard.devtools.server import CHROMIUM_ARGS, REPO, chromium_path, streamlit_server
from dashboard.staff.auth import hash_password

OUT = REPO / "docs" / "staff"
PASSWORD = "screenshot-password-only"  # noqa: S105 (a throwaway server for screenshots)
HEADER = (
    "figure_id,metric,area,subset,period_type,period_start,period_end,value,qualifier,unit,"
    "issuing_body,source_id,flag,note\n"
)


def shot(page: Page, name: str) -> None:
    page.wait_for_timeout(1200)
    page.screenshot(path=str(OUT / name), full_page=True)


def upload(page: Page, path: Path) -> None:
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Check the file and add it to my draft").click()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        month = date.today().replace(day=1).isoformat()
        today = date.today().isoformat()
        good = work / "clearance-this-month.csv"
        good.write_text(
            HEADER + f"anama-{month[:7]}-ha,area_cleared,AZ,,cumulative,,{today},262000,over,ha,ANAMA,"
            "dayaz-1794541,,\n",
            encoding="utf-8",
        )
        bad = work / "clearance-typo.csv"
        bad.write_text(
            HEADER + f'anama-{month[:7]}-ha,area_cleared,AZ,,cumulative,,{today},"262,000",over,ha,ANAMA,'
            "dayaz-1794541,,\n"
            + f"anama-{month[:7]}-ap,ap_mines,AZ,,cumulative,,{today},36000,,mines,ANAMA,dayaz-17945,,\n",
            encoding="utf-8",
        )
        env = {"DASHBOARD_STORE": str(work / "store"), "DASHBOARD_STAFF_PASSWORD_HASH": hash_password(PASSWORD)}
        with streamlit_server(env=env) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(f"{base}/staff")
            page.get_by_label("Your name (kept in the history)").fill("Aysel Mammadova")
            page.get_by_label("Staff password").fill(PASSWORD)
            shot(page, "01-sign-in.png")
            page.get_by_role("button", name="Sign in").click()
            page.get_by_text("Signed in as").wait_for()
            shot(page, "02-edit-table.png")
            page.get_by_text("1. Or upload a file", exact=True).click()
            upload(page, bad)

            page.get_by_text("was not used").wait_for()
            shot(page, "03-upload-rejected.png")
            upload(page, good)
            page.get_by_text("was checked and put into your draft").wait_for()
            page.get_by_text("2. Preview and publish", exact=True).click()
            page.get_by_text("Figures the public will see change").wait_for()
            page.frame_locator("iframe[title*='st_folium']").locator("path.district").first.wait_for()
            page.get_by_label("Reason for this version (required, kept in the history)").fill("ANAMA monthly figures")
            page.keyboard.press("Tab")
            shot(page, "04-preview.png")
            page.get_by_role("button", name="Publish now").click()
            page.get_by_text("Published as version 2").wait_for()
            page.get_by_text("History", exact=True).click()
            page.get_by_text("Compare two versions").wait_for()
            shot(page, "05-history.png")
            browser.close()


if __name__ == "__main__":
    main()
