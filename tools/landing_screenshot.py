"""Screenshot a built package's index.html in Debian's headless Chromium, offline, for the README.

    .venv/bin/python tools/landing_screenshot.py output docs/landing.png
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def _small_png(data: bytes, target: Path) -> None:
    image = Image.open(io.BytesIO(data)).convert("RGB").quantize(colors=64, dither=0)
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, format="PNG", optimize=True)


def screenshot(package: Path, target: Path, profile: Path) -> None:
    """The page's first screen at 1366 x 768, and (as <target>-provenance.png) a Barnet row's provenance, opened
    from the keyboard: small palette PNGs."""
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(str(profile), executable_path="/usr/bin/chromium",
                                                       headless=True, args=FLAGS, offline=True,
                                                       viewport={"width": 1366, "height": 768})
        page = context.new_page()
        page.goto((package / "index.html").resolve().as_uri())
        _small_png(page.screenshot(type="png"), target)
        article = page.locator("#resource-borough_performance")
        article.locator("input.search").fill("Barnet")
        article.locator(".rows tbody tr").first.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelector('#provenance .page img').complete")
        _small_png(page.screenshot(type="png"), target.with_name(target.stem + "-provenance.png"))
        context.close()


if __name__ == "__main__":
    import tempfile

    if len(sys.argv) != 3:
        sys.exit("usage: landing_screenshot.py PACKAGE_DIR TARGET_PNG")
    with tempfile.TemporaryDirectory() as profile:
        screenshot(Path(sys.argv[1]), Path(sys.argv[2]), Path(profile))
