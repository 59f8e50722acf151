#!/usr/bin/env python3
"""Benchmark: our gate against pa11y-ci 4 at its default settings, on the same pages.

Builds every example gemeente (MkDocs only), repeats its pages with a query string until there
are at least --pages of them, checks them all with (a) pa11y-ci (default settings: concurrency 1,
its own navigation) and (b) keukentafel's gate (one Chromium, reused tabs, 2 at a time), both
with the runners axe and htmlcs and the standard WCAG2AA, and prints pages per second, the ratio,
and whether both found exactly the same pa11y issues. (b) is the whole gate as `make site` runs
it: besides pa11y also the requests to other hosts, reflow at 320 px, text at 200 %, and the
keyboard checks (a Tab walk at 320 and 1280 px on every page, the header's menu and search once
per site).

    .venv/bin/python benchmarks/gate_speed.py [--pages 200] [--ook-zonder-toetsenbord]

--ook-zonder-toetsenbord also times (c) the gate without the keyboard checks, to see what they cost.

Prints figures; it passes or fails nothing (the target, at least 5x, is for people to read).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keukentafel.gate.browser import LAUNCH_ARGS, Target, find_chromium, run_browser_checks, serve_directory, site_pages  # noqa: E402
from keukentafel.pipeline import load_and_render  # noqa: E402
from keukentafel.site.mkdocs_site import build_site  # noqa: E402


def build_examples(base: Path) -> list[tuple[str, Path]]:
    sites = []
    for gemeente, site in load_and_render(None):
        build_site(gemeente, site, base / "werk" / gemeente.slug, base / "site" / gemeente.slug)
        sites.append((gemeente.slug, base / "site" / gemeente.slug))
    return sites


FIXTURES = ROOT / "tests" / "fixtures" / "html"


def repeated_paths(sites: list[tuple[str, Path]], minimum: int) -> dict[str, list[str]]:
    paths = {slug: site_pages(directory) for slug, directory in sites}
    # Two deliberately broken pages, so that "identical findings" compares real findings.
    paths["fixtures"] = ["/ontoegankelijk.html", "/toegankelijk.html"]
    total = sum(map(len, paths.values()))
    rounds = -(-minimum // total)
    return {slug: [f"{p}?herhaling={i}" for i in range(rounds) for p in ps] for slug, ps in paths.items()}


def pa11y_ci(urls: list[str], workdir: Path) -> tuple[float, set]:
    config = {
        "defaults": {
            "runners": ["axe", "htmlcs"],
            "standard": "WCAG2AA",
            "chromeLaunchConfig": {"executablePath": find_chromium(), "args": LAUNCH_ARGS},
        },
        "urls": urls,
    }
    config_file = workdir / "pa11y-ci.json"
    config_file.write_text(json.dumps(config), encoding="utf-8")
    start = time.perf_counter()
    proc = subprocess.run(
        [str(ROOT / "node_modules" / ".bin" / "pa11y-ci"), "--config", str(config_file), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    data = json.loads(proc.stdout)
    issues = set()
    for url, found in data["results"].items():
        for issue in found:
            if "code" not in issue:
                issues.add((url, "pa11y-ci", "page-failed", issue.get("message", "")))
                continue
            issues.add((url, issue["runner"], issue["code"], issue["selector"]))
    return seconds, issues


def ours(targets: list[Target], shown_to_url: dict[str, str], keyboard: bool = True) -> tuple[float, set, int]:
    start = time.perf_counter()
    run = run_browser_checks(targets, keyboard=keyboard)
    seconds = time.perf_counter() - start
    issues = set()
    keyboard_findings = 0
    for page in run.pages:
        url = shown_to_url[page.path]
        if page.error:
            issues.add((url, "keukentafel", "page-failed", page.error))
        for f in page.findings:
            if f.runner in ("axe", "htmlcs"):
                issues.add((url, f.runner, f.code, f.selector))
            keyboard_findings += f.code.startswith("toetsenbord:")
    return seconds, issues, keyboard_findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--ook-zonder-toetsenbord", action="store_true", help="time the gate without the keyboard checks as well")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        base = Path(tmp)
        sites = build_examples(base)
        paths = repeated_paths(sites, args.pages)
        sites.append(("fixtures", FIXTURES))
        origins = {slug: stack.enter_context(serve_directory(directory)) for slug, directory in sites}
        shown_to_url = {f"/{slug}{p}": origins[slug] + p for slug, ps in paths.items() for p in ps}
        urls = list(shown_to_url.values())
        n = len(urls)
        print(f"pagina's: {n} (alle pagina's van {len(sites) - 1} voorbeeldgemeenten en 2 kapotte testpagina's, elk {len(paths['fixtures']) // 2} keer)")

        ci_seconds, ci_issues = pa11y_ci(urls, base)
        print(f"(a) pa11y-ci 4, standaardinstellingen: {ci_seconds:7.1f} s  {n / ci_seconds:6.2f} pagina's/s")
        targets = [Target(slug, d, paths[slug]) for slug, d in sites]
        our_seconds, our_issues, keyboard_found = ours(targets, shown_to_url)
        print(f"(b) keukentafel-toets:                 {our_seconds:7.1f} s  {n / our_seconds:6.2f} pagina's/s  (met toetsenbordtoetsen: {keyboard_found} bevindingen)")
        print(f"verhouding (b)/(a): {ci_seconds / our_seconds:.2f}x  (doel: minstens 5x)")
        if args.ook_zonder_toetsenbord:
            plain_seconds, _, _ = ours(targets, shown_to_url, keyboard=False)
            print(f"(c) keukentafel-toets zonder toetsenbord: {plain_seconds:7.1f} s  {n / plain_seconds:6.2f} pagina's/s  (verhouding (c)/(a): {ci_seconds / plain_seconds:.2f}x)")
        identical = ci_issues == our_issues
        print(f"bevindingen gelijk: {'ja' if identical else 'nee'} (pa11y-ci {len(ci_issues)}, keukentafel {len(our_issues)})")
        if not identical:
            for issue in sorted(ci_issues - our_issues)[:10]:
                print("  alleen pa11y-ci:", issue)
            for issue in sorted(our_issues - ci_issues)[:10]:
                print("  alleen keukentafel:", issue)
    return 0


if __name__ == "__main__":
    sys.exit(main())
