"""Stage 4 as a whole: cache, browser gate, source locations and written exceptions, per page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from keukentafel.gate.cache import GateCache, page_digest, site_asset_digest
from keukentafel.gate.exceptions import GateException, split_ignored
from keukentafel.gate.browser import PageResult, Target, run_browser_checks, shown_path
from keukentafel.rendering.render import RenderedPage
from keukentafel.gate.sources import locate


@dataclass
class SiteToCheck:
    name: str  # slug, or "" for the overview page
    directory: Path
    paths: list[str]
    pages: dict[str, RenderedPage] = field(default_factory=dict)  # docs path → rendered Markdown


def check_sites(
    sites: list[SiteToCheck],
    cache: GateCache,
    exceptions: list[GateException],
    on_page: Callable[[PageResult, int], None] | None = None,
) -> dict[str, list[PageResult]]:
    """PageResults per site name, in page order. Unchanged pages that passed before are not rechecked."""
    results: dict[str, dict[str, PageResult]] = {s.name: {} for s in sites}
    digests: dict[str, str] = {}
    site_of: dict[str, SiteToCheck] = {}
    targets = []
    for site in sites:
        assets = site_asset_digest(site.directory)
        todo = []
        for path in site.paths:
            shown = shown_path(site.name, path)
            site_of[shown] = site
            digests[shown] = page_digest(site.directory, path, assets)
            if cache.is_fresh(shown, digests[shown]):
                results[site.name][shown] = PageResult(shown, cached=True)
            else:
                todo.append(path)
        if todo:
            targets.append(Target(site.name, site.directory, todo))
    total = sum(len(t.paths) for t in targets)

    def finished(page: PageResult) -> None:
        if on_page:
            on_page(page, total)

    if targets:
        run = run_browser_checks(targets, on_page=finished)
        cache.versions = run.versions
        for page in run.pages:
            site = site_of[page.path]
            located = [locate(f, site.pages) for f in page.findings]
            page.findings, page.ignored = split_ignored(located, exceptions)
            results[site.name][page.path] = page
            # Pages with set-aside findings are always checked again, so every run lists them.
            cache.remember(page.path, digests[page.path], passed=not page.findings and not page.error and not page.ignored)
    cache.save()
    return {site.name: [results[site.name][shown_path(site.name, p)] for p in site.paths] for site in sites}
