"""Making the sites on every core: rendering, the checks before the browser and MkDocs, per gemeente.

One gemeente's site is one job. Jobs run in worker processes (one per core) that MkDocs, Material
and the language tools are loaded into once, so each job pays only for its own site: MkDocs runs
in-process, and what is the same for every site (the compiled theme templates, the plan
documents' styles) is made once per worker. With one job, or one core, the job runs in this
process. The workers are forked before the browser check starts its threads.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from keukentafel.config.loader import LoadedGemeente
from keukentafel.diagnostics import Diagnostic, InvalidInput
from keukentafel.gate.browser import site_pages
from keukentafel.gate.check import SiteToCheck
from keukentafel.language.site_check import SiteLanguage
from keukentafel.language.site_check import check_site as check_language
from keukentafel.gate.static_checks import check_markdown
from keukentafel.rendering.render import RenderedSite, render_site
from keukentafel.report.statement import PAGE_PATH as STATEMENT_PATH
from keukentafel.report.statement import PAGE_TITLE as STATEMENT_TITLE
from keukentafel.report.statement import Outcome, dutch_date, statement_page
from keukentafel.site.mkdocs_site import build_site

NO_JS = "#zonder-js"
NO_JS_PAGES = ("/plan-invullen/",)


@dataclass(frozen=True)
class SourceFinding:
    """A problem found before the browser, with the place in the source an editor can change."""

    file: str
    line: int
    code: str
    criterion: str
    message: str
    page: str  # the rendered page it was found in


@dataclass
class MadeSite:
    """What a job made of one gemeente: its site, ready for the browser, or its input errors."""

    slug: str
    bare: RenderedSite | None = None  # the rendered pages without the statement page
    listed: SiteToCheck | None = None
    expected: Outcome | None = None  # the outcome its statement page states
    pages: int = 0  # Markdown pages, the statement included
    source_findings: list[SourceFinding] = field(default_factory=list)
    language: SiteLanguage | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)  # input errors: not built


def with_statement(site: RenderedSite, loaded: LoadedGemeente, outcome: Outcome | None) -> RenderedSite:
    """The site with its toegankelijkheidsverklaring page (placeholder or final) in place."""
    pages = [p for p in site.pages if p.path != STATEMENT_PATH] + [statement_page(loaded, outcome)]
    nav = [item for item in site.nav if STATEMENT_PATH not in item.values()]
    return RenderedSite(site.slug, pages, nav[:-1] + [{STATEMENT_TITLE: STATEMENT_PATH}] + nav[-1:])


def static_findings(site: RenderedSite) -> list[SourceFinding]:
    findings = []
    for page in site.pages:
        for f in check_markdown(page.text):
            file, line = page.sources[f.line - 1] if 0 < f.line <= len(page.sources) else (page.path, f.line)
            findings.append(SourceFinding(file, line, f.code, f.criterion, f.message, page.path))
    return findings


def language_findings(language: SiteLanguage) -> list[SourceFinding]:
    """The plain-language rules an easy page breaks, as findings that stop publishing."""
    return [
        SourceFinding(f.file, f.line, f"taal:{f.code}", "", f.message + (f': "{f.sentence}"' if f.sentence else ""), f.page)
        for f in language.errors
    ]


def check_sources(gemeente: LoadedGemeente, site: RenderedSite) -> tuple[list[SourceFinding], SiteLanguage]:
    """Everything checked before the browser: the Markdown rules and the plain-language rules."""
    language = check_language(site, gemeente)
    return static_findings(site) + language_findings(language), language


def list_pages(slug: str, site: RenderedSite, directory: Path) -> SiteToCheck:
    """The pages of a built site the browser checks: every HTML page, and the plan form once more without JavaScript."""
    paths = site_pages(directory)
    paths += [p + NO_JS for p in paths if p.endswith(NO_JS_PAGES)]
    return SiteToCheck(slug, directory, paths, {p.path: p for p in site.pages})


def expected_outcome(site: RenderedSite, day: datetime.date, versions: dict[str, str]) -> Outcome | None:
    """The outcome the statement will state if every page passes, so a passing site is built once.

    None (the placeholder) while no tool versions are known. When the measured outcome differs (an
    exception was used, a tool was updated) the build writes the statement page again, so this
    guess only saves time and is never published unchecked.
    """
    if not versions:
        return None
    return Outcome(dutch_date(day), len(site.pages) + (0 if any(p.path == STATEMENT_PATH for p in site.pages) else 1), 0, dict(versions), [])


@dataclass(frozen=True)
class Job:
    gemeente: LoadedGemeente
    staging: Path  # the site goes to staging/<slug>
    work: Path  # MkDocs' docs and config go to work/<slug>
    day: datetime.date
    versions: dict


def make_site(job: Job) -> MadeSite:
    """Render, check the sources, and build one gemeente's site with MkDocs."""
    gemeente = job.gemeente
    try:
        bare = render_site(gemeente)
        expected = expected_outcome(bare, job.day, job.versions)
        site = with_statement(bare, gemeente, expected)
        directory = job.staging / gemeente.slug
        build_site(gemeente, site, job.work / gemeente.slug, directory)
    except InvalidInput as e:  # its pages, or a broken link MkDocs found in them
        return MadeSite(gemeente.slug, diagnostics=list(dict.fromkeys(e.diagnostics)))
    findings, language = check_sources(gemeente, site)
    listed = list_pages(gemeente.slug, site, directory)
    return MadeSite(gemeente.slug, bare, listed, expected, len(site.pages), findings, language)


def _nothing() -> None:
    pass


def worker_count(jobs: int, wanted: int | None = None) -> int:
    """Processes for this many jobs: one per core (or as asked), never more than there are jobs."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(jobs, wanted or cores))


class SiteMaker:
    """Runs make_site for many gemeenten, on all cores; results as soon as each is ready."""

    def __init__(self, jobs: int, workers: int | None = None):
        self.workers = worker_count(jobs, workers)
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        if self.workers > 1:
            # Fork now, before any thread starts: a forked child inherits only the forking thread.
            self._pool = concurrent.futures.ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
            self._pool.submit(_nothing).result()  # Python 3.11+ starts every worker at the first job

    def make(self, jobs: list[Job], poll=None) -> Iterator[MadeSite]:
        """Each job's MadeSite, in the order they finish; poll() is called while waiting."""
        if self._pool is None:
            for job in jobs:
                yield make_site(job)
                if poll:
                    poll()
            return
        pending = {self._pool.submit(make_site, job) for job in jobs}
        while pending:
            finished, pending = concurrent.futures.wait(pending, timeout=0.2, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: f.result().slug):
                yield future.result()
            if poll:
                poll()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "SiteMaker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
