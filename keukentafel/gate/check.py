"""Stage 4 as a whole: cache, browser gate, source locations and written exceptions, per page.

PageChecker takes sites one by one while the browser already works on the earlier ones. A page
is sent to the browser only when it is needed:
- not when it passed before and neither it nor anything it loads changed (the cache);
- not when a page with exactly the same HTML and assets is already being checked in this run (two
  gemeenten whose settings give the same page): it gets that page's result.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from keukentafel.gate.browser import BrowserSession, PageResult, Target, shown_path
from keukentafel.gate.cache import GateCache, page_digest, site_asset_digest
from keukentafel.gate.exceptions import GateException, split_ignored
from keukentafel.gate.sources import locate
from keukentafel.rendering.render import RenderedPage


@dataclass
class SiteToCheck:
    name: str  # slug, or "" for the overview page
    directory: Path
    paths: list[str]
    pages: dict[str, RenderedPage] = field(default_factory=dict)  # docs path → rendered Markdown


class PageChecker:
    """Checks the pages of the sites it is given; results per site once finish() returns."""

    def __init__(
        self,
        cache: GateCache,
        exceptions: list[GateException],
        on_page: Callable[[PageResult, int], None] | None = None,
        concurrency: int = 2,
    ):
        self.cache = cache
        self.exceptions = exceptions
        self.on_page = on_page
        self.concurrency = concurrency
        self._session: BrowserSession | None = None
        self._sites: dict[str, SiteToCheck] = {}
        self._results: dict[str, dict[str, PageResult]] = {}
        self._digest: dict[str, str] = {}  # shown path → page digest
        self._site_of: dict[str, SiteToCheck] = {}
        self._first: dict[tuple[str, str], str] = {}  # (page digest, mode) → the shown path sent to the browser for it
        self._copies: dict[str, list[str]] = {}  # that shown path → pages with the same digest, waiting for it
        self._checked: dict[str, PageResult] = {}  # shown path → its result as the browser gave it
        self._sent = 0

    @property
    def versions(self) -> dict[str, str]:
        """The versions of the tools that check: of this run's browser, or of the last run."""
        return self._session.versions if self._session else self.cache.versions

    def start(self) -> dict[str, str]:
        """Start the browser now (it is otherwise started for the first page that needs it)."""
        if self._session is None:
            self._session = BrowserSession(self.concurrency)
            self.cache.versions = self._session.versions
        return self._session.versions

    def add(self, site: SiteToCheck) -> None:
        """Queue a site's pages. A site added again (a page of it rebuilt) keeps its other results."""
        self._sites.setdefault(site.name, site)
        self._results.setdefault(site.name, {})
        assets = site_asset_digest(site.directory)
        todo = []
        for path in site.paths:
            shown = shown_path(site.name, path)
            self._site_of[shown] = site
            digest = self._digest[shown] = page_digest(site.directory, path, assets)
            if self.cache.is_fresh(shown, digest):
                self._results[site.name][shown] = PageResult(shown, cached=True)
            elif (digest, _mode(path)) in self._first:
                first = self._first[digest, _mode(path)]
                self._sent += 1  # a check too, done when the page it copies is done
                if first in self._checked:  # already back from the browser
                    self._deliver(_renamed(self._checked[first], shown))
                else:
                    self._copies[first].append(shown)
            else:
                self._first[digest, _mode(path)] = shown
                self._copies[shown] = []
                todo.append(path)
        if todo:
            self.start()
            assert self._session is not None
            self._session.add(Target(site.name, site.directory, todo))
            self._sent += len(todo)
        self.poll()

    def poll(self, timeout: float | None = None) -> None:
        """Take in the results the browser has ready (waiting up to timeout for the first one)."""
        if self._session:
            for page in self._session.done(timeout=timeout):
                self._take(page)

    @property
    def outstanding(self) -> int:
        return self._session.outstanding if self._session else 0

    def _take(self, raw: PageResult) -> None:
        """A result from the browser: for its page, and for every page identical to it."""
        self._checked[raw.path] = _renamed(raw, raw.path)  # as the browser gave it, for copies added later
        for page in [raw] + [_renamed(self._checked[raw.path], shown) for shown in self._copies.pop(raw.path, [])]:
            self._deliver(page)

    def _deliver(self, page: PageResult) -> None:
        """A page's result, with its findings traced to the sources and the written exceptions applied."""
        shown = page.path
        site = self._site_of[shown]
        located = [locate(f, site.pages) for f in page.findings]
        page.findings, page.ignored = split_ignored(located, self.exceptions)
        self._results[site.name][shown] = page
        # Pages with set-aside findings are always checked again, so every run lists them.
        self.cache.remember(shown, self._digest[shown], passed=not page.findings and not page.error and not page.ignored)
        if self.on_page:
            self.on_page(page, self._sent)

    def wait(self) -> None:
        """Wait until every page added so far has its result."""
        if self._session:
            for page in self._session.done(wait=True):
                self._take(page)
        self.cache.save()

    def results(self, name: str) -> list[PageResult]:
        site = self._sites[name]
        return [self._results[name][shown_path(name, p)] for p in site.paths]

    def close(self) -> None:
        if self._session:
            self._session.close()
            self._session = None

    def __enter__(self) -> "PageChecker":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if self._session:
            self._session.__exit__(exc_type, *exc)
            self._session = None


def _mode(path: str) -> str:
    """How the page is checked besides its file: '#zonder-js' (without JavaScript), a query."""
    return path[len(re.split(r"[?#]", path, maxsplit=1)[0]) :]


def _renamed(page: PageResult, shown: str) -> PageResult:
    """The result of an identical page, as the result of this one."""
    return dataclasses.replace(page, path=shown, findings=[dataclasses.replace(f, page=shown) for f in page.findings], ignored=[])

