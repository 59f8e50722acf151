"""Screenshots of built gemeente sites at phone and desktop width, to look at with your own eyes.

Usage:
    .venv/bin/python benchmarks/screenshots.py SITE_ROOT OUT_DIR [--full] [--forced-colors] [--no-js]

SITE_ROOT is a published site folder with one sub-folder per gemeente (for example site/ or
/tmp/kt-G/site). For every example gemeente it writes PNGs of the start, gesprek, makkelijk start and
plan-invullen pages at 360 and 1280 px wide into OUT_DIR, named <slug>--<page>--<width>.png, plus
one of the opened menu and one of the opened search at 360 px. --full captures the whole page
instead of the first screen; --forced-colors emulates Windows high contrast; --no-js switches
JavaScript off. Only files on 127.0.0.1 are requested.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keukentafel.gate.browser import LAUNCH_ARGS, find_chromium, serve_directory  # noqa: E402

PAGES = {"start": "", "gesprek": "gesprek/", "makkelijk-start": "makkelijk/", "plan-invullen": "plan-invullen/"}
WIDTHS = {360: 640, 1280: 800}


def _local_only(route) -> None:
    url = route.request.url
    if url.startswith(("http://127.0.0.1", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def take(site_root: Path, out: Path, *, full: bool = False, forced_colors: bool = False, javascript: bool = True) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    slugs = sorted(p.name for p in site_root.iterdir() if (p / "index.html").is_file() and (p / "makkelijk").is_dir())
    written: list[Path] = []
    with serve_directory(site_root) as origin, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        try:
            for slug in slugs:
                for width, height in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL",
                                                  java_script_enabled=javascript,
                                                  forced_colors="active" if forced_colors else "none")
                    context.route("**/*", _local_only)
                    page = context.new_page()
                    for name, path in PAGES.items():
                        page.goto(f"{origin}/{slug}/{path}", wait_until="load")
                        page.wait_for_timeout(150)
                        target = out / f"{slug}--{name}--{width}.png"
                        page.screenshot(path=str(target), full_page=full)
                        written.append(target)
                    if javascript and width == 360:
                        page.goto(f"{origin}/{slug}/", wait_until="load")
                        menu = page.locator("button.kt-menuknop")
                        if menu.count():
                            menu.click()
                            page.wait_for_timeout(400)
                            target = out / f"{slug}--menu-open--{width}.png"
                            page.screenshot(path=str(target))
                            written.append(target)
                            page.keyboard.press("Escape")
                        search = page.locator("button.kt-zoekknop")
                        if search.count():
                            search.click()
                            page.keyboard.type("bezwaar")
                            page.wait_for_timeout(900)
                            target = out / f"{slug}--zoeken-open--{width}.png"
                            page.screenshot(path=str(target))
                            written.append(target)
                    context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site_root", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--full", action="store_true", help="the whole page instead of the first screen")
    parser.add_argument("--forced-colors", action="store_true", help="emulate Windows high contrast")
    parser.add_argument("--no-js", action="store_true", help="JavaScript switched off")
    args = parser.parse_args(argv)
    for path in take(args.site_root, args.out_dir, full=args.full, forced_colors=args.forced_colors, javascript=not args.no_js):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
