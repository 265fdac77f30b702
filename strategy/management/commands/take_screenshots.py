"""Screenshots of the public pages for the README, taken in Debian's Chromium.

`make screenshots` serves a freshly seeded database and runs this against it, so the
pictures are of the real pages with the real figures.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PAGES = {
    "home": "/",
    "target": "/targets/gva-per-hour-worked/",
}
WIDTHS = {"desktop": 1280, "mobile": 375}


class Command(BaseCommand):
    help = "Take screenshots of the home page and a target page, desktop and mobile widths."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")
        parser.add_argument("--out", default=str(settings.BASE_DIR / "docs" / "screenshots"))
        parser.add_argument(
            "--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
        )

    def handle(self, *args, base_url, out, chromium, **options):
        try:
            from playwright.sync_api import Error, sync_playwright
        except ImportError as error:
            raise CommandError("Playwright is missing: pip install -e '.[test]'") from error
        if not Path(chromium).exists():
            raise CommandError(f"No Chromium at {chromium}: apt-get install chromium")
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            for width_name, width in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": 900})
                for page_name, path in PAGES.items():
                    try:
                        response = page.goto(base_url + path)
                    except Error as error:
                        raise CommandError(f"Could not open {base_url + path}: {error}") from error
                    if response.status != 200:
                        raise CommandError(f"{path} answered {response.status}")
                    page.wait_for_load_state("networkidle")
                    target = folder / f"{page_name}-{width_name}.png"
                    # The whole home page; the top of a target's page, down to its chart.
                    clip = None
                    if page_name == "target":
                        clip = {
                            "x": 0,
                            "y": 0,
                            "width": width,
                            "height": 1900 * width // 1280 + 1400,
                        }
                    page.screenshot(path=target, full_page=True, clip=clip)
                    self.stdout.write(f"Wrote {target.relative_to(settings.BASE_DIR)}")
                page.close()
            browser.close()
