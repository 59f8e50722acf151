"""The whole build, in order: config → render → site → check → publish → report.

Everything a user did wrong is collected and raised as InvalidInput before anything is built;
a site is published only when every check on it passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import ROOT
from .config import MUNICIPALITIES, LoadedGemeente, discover, load_all, path_for_slug, validate_file
from .diagnostics import Diagnostic, InvalidInput
from .cache import GateCache
from .check import SiteToCheck, check_sites
from .exceptions import EXCEPTIONS_FILE, GateException, load_exceptions
from .gate import Finding, PageResult, site_pages
from .language_check import SiteLanguage
from .language_check import check_site as check_language
from .report_files import write_reports
from .statement import PAGE_PATH as STATEMENT_PATH
from .statement import PAGE_TITLE as STATEMENT_TITLE
from .statement import Outcome, check_date, statement_page
from .progress import Progress
from .publish import OUTPUT, publish_file, publish_site, published_slugs, staging_area
from .render import RenderedSite, render_site
from .site import build_site
from .static_checks import check_markdown

WORK = ROOT / ".build"
NO_JS = "#zonder-js"
NO_JS_PAGES = ("/plan-invullen/",)
OVERVIEW_TEMPLATE = ROOT / "templates" / "overzicht.html.j2"


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
class GemeenteResult:
    slug: str
    naam: str
    pages: list[PageResult] = field(default_factory=list)
    source_findings: list[SourceFinding] = field(default_factory=list)
    published: bool = False
    language: SiteLanguage | None = None  # plain-language figures; its errors are among source_findings

    @property
    def ignored(self) -> list:
        return [pair for p in self.pages for pair in p.ignored]

    @property
    def browser_findings(self) -> list[Finding]:
        return [f for p in self.pages for f in p.findings]

    @property
    def untested(self) -> list[PageResult]:
        return [p for p in self.pages if p.error]

    @property
    def problem_count(self) -> int:
        return len(self.browser_findings) + len(self.source_findings) + len(self.untested)

    @property
    def passed(self) -> bool:
        return self.problem_count == 0 and bool(self.pages)


@dataclass
class BuildResult:
    gemeenten: list[GemeenteResult]
    overview: PageResult | None = None
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        overview_ok = self.overview is None or (not self.overview.findings and not self.overview.error)
        return overview_ok and all(g.passed for g in self.gemeenten)


def select_paths(slugs: list[str] | None, municipalities: Path = MUNICIPALITIES) -> list[Path]:
    """The YAML files to build: all, or the named ones (unknown names are an input error)."""
    if not slugs:
        paths = discover(municipalities)
        if not paths:
            raise InvalidInput([Diagnostic("municipalities/", None, None, "geen gemeenten gevonden", "maak een bestand municipalities/<naam>.yml aan")])
        return paths
    known = [p.stem for p in discover(municipalities)]
    missing = [s for s in slugs if s not in known]
    if missing:
        raise InvalidInput(
            [Diagnostic(f"municipalities/{s}.yml", None, None, "bestand bestaat niet", "bekende gemeenten: " + ", ".join(known)) for s in missing]
        )
    return [path_for_slug(s, municipalities) for s in slugs]


def load_and_render(slugs: list[str] | None, municipalities: Path = MUNICIPALITIES) -> list[tuple[LoadedGemeente, RenderedSite]]:
    """Validate every config and render every page; raise all input problems at once."""
    loaded = load_all(select_paths(slugs, municipalities))
    rendered, problems = [], []
    for gemeente in loaded:
        try:
            rendered.append((gemeente, render_site(gemeente)))
        except InvalidInput as e:
            problems += e.diagnostics
    if problems:
        unique = list(dict.fromkeys(problems))
        raise InvalidInput(unique)
    return rendered


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


def write_overview(staging: Path, sites: list[dict]) -> Path:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    html = env.from_string(OVERVIEW_TEMPLATE.read_text(encoding="utf-8")).render(sites=sites)
    target = staging / "overzicht" / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return target


def _overview_entries(loaded: list[LoadedGemeente], publishable: set[str], output: Path, municipalities: Path) -> list[dict]:
    """Every gemeente that has a site after this build, in name order."""
    by_slug = {}
    for slug in published_slugs(output):
        config = path_for_slug(slug, municipalities)
        earlier, _ = validate_file(config) if config.is_file() else (None, [])
        if earlier:
            by_slug[slug] = earlier
    by_slug.update({g.slug: g for g in loaded})
    slugs = publishable | {s for s in published_slugs(output) if s in by_slug}
    return [{"slug": s, "naam": by_slug[s].naam, "voorbeeld": by_slug[s].gemeente.voorbeeld} for s in sorted(slugs, key=lambda s: by_slug[s].naam.lstrip("'’").lower())]


def with_statement(site: RenderedSite, loaded: LoadedGemeente, outcome: Outcome | None) -> RenderedSite:
    """The site with its toegankelijkheidsverklaring page (placeholder or final) in place."""
    pages = [p for p in site.pages if p.path != STATEMENT_PATH] + [statement_page(loaded, outcome)]
    nav = [item for item in site.nav if STATEMENT_PATH not in item.values()]
    return RenderedSite(site.slug, pages, nav[:-1] + [{STATEMENT_TITLE: STATEMENT_PATH}] + nav[-1:])


def _build_and_list(gemeente: LoadedGemeente, site: RenderedSite, staging: Path, work: Path) -> SiteToCheck:
    build_site(gemeente, site, work / gemeente.slug, staging / gemeente.slug)
    directory = staging / gemeente.slug
    paths = site_pages(directory)
    # The plan form must also work for residents without JavaScript: check those pages twice.
    paths += [p + NO_JS for p in paths if p.endswith(NO_JS_PAGES)]
    return SiteToCheck(gemeente.slug, directory, paths, {p.path: p for p in site.pages})


def build(
    slugs: list[str] | None = None,
    progress: Progress | None = None,
    output: Path = OUTPUT,
    municipalities: Path = MUNICIPALITIES,
    work: Path = WORK,
    force: bool = False,
    reports: Path | None = None,
    cache_file: Path | None = None,
    exceptions_file: Path = EXCEPTIONS_FILE,
) -> BuildResult:
    """Build, check and publish; the first pass checks every page, the second the final statement page."""
    progress = progress or Progress(quiet=True)
    exceptions = load_exceptions(exceptions_file)
    rendered = [(g, with_statement(site, g, None)) for g, site in load_and_render(slugs, municipalities)]
    progress.stage("config", f"{len(rendered)} gemeente(n) geldig")
    cache = GateCache(cache_file or work / "toetscache.json", enabled=not force)
    results = {g.slug: GemeenteResult(g.slug, g.naam) for g, _ in rendered}
    with staging_area(output) as staging:
        to_check = []
        for index, (gemeente, site) in enumerate(rendered, 1):
            results[gemeente.slug].source_findings, results[gemeente.slug].language = check_sources(gemeente, site)
            to_check.append(_build_and_list(gemeente, site, staging, work))
            progress.gemeente_line(index, len(rendered), gemeente.slug, f"gebouwd: {len(to_check[-1].paths)} pagina's")
        overview_entries = _overview_entries([g for g, _ in rendered], set(results), output, municipalities)
        write_overview(staging, overview_entries)
        to_check.append(SiteToCheck("", staging / "overzicht", ["/"]))
        progress.stage("check", "pa11y (axe en htmlcs, WCAG2AA) en eigen toetsen in Chromium")
        checked = check_sites(to_check, cache, exceptions, progress.page_done)

        # Second pass: the statement page now states the measured outcome, and is checked itself.
        final = []
        for gemeente, site in rendered:
            result = results[gemeente.slug]
            result.pages = checked[gemeente.slug]
            if result.passed:
                outcome = Outcome(check_date(), len(result.pages), 0, cache.versions, _used(exceptions, result))
                final.append(_build_and_list(gemeente, with_statement(site, gemeente, outcome), staging, work))
        if final:
            progress.stage("check", "toegankelijkheidsverklaring met de uitslag")
            for name, pages in check_sites(final, cache, exceptions, progress.page_done).items():
                # A page the first pass just checked is "cached" now; keep the first pass's result.
                first = {p.path: p for p in results[name].pages}
                results[name].pages = [first.get(p.path, p) if p.cached else p for p in pages]

        overview = checked[""][0]
        for result in results.values():
            if result.passed:
                publish_site(staging / result.slug, result.slug, output)
                result.published = True
        publishable = {r.slug for r in results.values() if r.published}
        final_entries = _overview_entries([g for g, _ in rendered], publishable, output, municipalities)
        if final_entries and not overview.findings and not overview.error:
            publish_file(write_overview(staging, final_entries), "index.html", output)
    result = BuildResult(list(results.values()), overview, cache.versions)
    if reports is not None:
        write_reports(result, reports)
    return result


def _used(exceptions: list[GateException], result: GemeenteResult) -> list[GateException]:
    used = {id(e) for p in result.pages for _, e in p.ignored}
    return [e for e in exceptions if id(e) in used]


def validate(slugs: list[str] | None = None, municipalities: Path = MUNICIPALITIES) -> tuple[int, int, list[SourceFinding], list]:
    """Check configs, content and the exceptions file without building.

    Returns (gemeenten, pages, source findings, plain-language warnings of the standard pages).
    """
    load_exceptions()
    rendered = load_and_render(slugs, municipalities)
    findings, warnings = [], []
    for gemeente, site in rendered:
        found, language = check_sources(gemeente, with_statement(site, gemeente, None))
        findings += found
        warnings += language.warnings
    return len(rendered), sum(len(site.pages) for _, site in rendered), findings, warnings


