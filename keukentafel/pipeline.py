"""The whole build, in order: config → render → site → check → publish → report.

Each gemeente is validated on its own: one with input errors (its YAML, or a page made from it) is
not built and keeps its published site, and the others are built, checked and published as usual.
Only when no gemeente is valid (or the exceptions file, or a named gemeente that does not exist)
is InvalidInput raised before anything is built. A site is published only when every check on it
passed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from keukentafel import ROOT
from keukentafel.config.loader import MUNICIPALITIES, LoadedGemeente, discover, file_name_hint, load_all, path_for_slug, slug_from_argument, warnings_of
from keukentafel.diagnostics import Diagnostic, ExitCode, InvalidInput
from keukentafel.gate.cache import GateCache
from keukentafel.gate.check import SiteToCheck, check_sites
from keukentafel.gate.exceptions import EXCEPTIONS_FILE, GateException, load_exceptions
from keukentafel.gate.browser import Finding, PageResult, site_pages
from keukentafel.language.site_check import SiteLanguage
from keukentafel.language.site_check import check_site as check_language
from keukentafel.report.files import write_reports
from keukentafel.report.statement import PAGE_PATH as STATEMENT_PATH
from keukentafel.report.statement import PAGE_TITLE as STATEMENT_TITLE
from keukentafel.report.statement import Outcome, check_day, dutch_date, statement_page
from keukentafel.progress import Progress
from keukentafel.publish.folders import OUTPUT, clean_leftovers, publish_file, publish_site, published_slugs, staging_area
from keukentafel.rendering.render import RenderedSite, render_site
from keukentafel.site.mkdocs_site import build_site
from keukentafel.gate.static_checks import check_markdown
from keukentafel.wording import aantal, paginas

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
    config_warnings: list[Diagnostic] = field(default_factory=list)  # what the config loader fixed, and how

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


def site_pages_checked(result: GemeenteResult) -> int:
    """The site's own pages among the checks: not the 'niet gevonden' page, not the second look without JavaScript."""
    return sum(1 for p in result.pages if not p.path.endswith((NO_JS, "/404.html")))


@dataclass
class InvalidGemeente:
    """A gemeente not built because of errors in its input; its published site, if any, stays."""

    slug: str
    diagnostics: list[Diagnostic]  # all of them, in file and line order


@dataclass
class BuildResult:
    gemeenten: list[GemeenteResult]  # the gemeenten built and checked
    overview: PageResult | None = None
    versions: dict[str, str] = field(default_factory=dict)
    invalid: list[InvalidGemeente] = field(default_factory=list)  # not built: errors in their input
    checked_on: datetime.date | None = None  # the day of the check (also in each statement page)

    @property
    def checks_passed(self) -> bool:
        """Every built site and the overview passed the checks."""
        overview_ok = self.overview is None or (not self.overview.findings and not self.overview.error)
        return overview_ok and all(g.passed for g in self.gemeenten)

    @property
    def passed(self) -> bool:
        """Everything is fine: every gemeente valid, built, checked and published."""
        return not self.invalid and self.checks_passed

    @property
    def exit_code(self) -> ExitCode:
        """2 when a gemeente had input errors, even if a check failed too (staff fix the input first;
        the valid gemeenten are published all the same); else 1 when a check failed; else 0."""
        if self.invalid:
            return ExitCode.INVALID_INPUT
        return ExitCode.OK if self.checks_passed else ExitCode.CHECK_FAILED


def select_paths(slugs: list[str] | None, municipalities: Path = MUNICIPALITIES) -> list[Path]:
    """The YAML files to build: all, or the named ones (unknown names are an input error)."""
    if not slugs:
        paths = discover(municipalities)
        if not paths:
            raise InvalidInput([Diagnostic("municipalities/", None, None, "geen gemeenten gevonden", "maak een bestand municipalities/<naam>.yml aan")])
        return paths
    slugs = [slug_from_argument(s) for s in slugs]  # 'naam', 'naam.yml', 'municipalities/naam.yaml'
    known = [p.stem for p in discover(municipalities)]
    missing = [s for s in slugs if s not in known]
    if missing:
        raise InvalidInput(
            [
                Diagnostic(f"municipalities/{s}.yml", None, None, "bestand bestaat niet", file_name_hint(s, municipalities) or "bekende gemeenten: " + ", ".join(known))
                for s in missing
            ]
        )
    return [path_for_slug(s, municipalities) for s in slugs]


def load_each(slugs: list[str] | None, municipalities: Path = MUNICIPALITIES) -> tuple[list[tuple[LoadedGemeente, RenderedSite]], list[InvalidGemeente]]:
    """Validate and render each gemeente on its own: the valid ones, and the invalid ones with all their problems.

    Raises InvalidInput (every problem of every file) when not one gemeente is valid: then there is
    nothing to build, as when a shared content file is broken.
    """
    valid, invalid = [], []
    for path in select_paths(slugs, municipalities):
        try:
            (gemeente,) = load_all([path])
            valid.append((gemeente, render_site(gemeente)))
        except InvalidInput as e:
            invalid.append(InvalidGemeente(path.stem, list(dict.fromkeys(e.diagnostics))))
    if invalid and not valid:
        raise _nothing_valid(invalid)
    return valid, invalid


def _nothing_valid(invalid: list[InvalidGemeente]) -> InvalidInput:
    """Not one gemeente can be built: every problem of every file at once, as a plain input error."""
    return InvalidInput(list(dict.fromkeys(d for g in invalid for d in g.diagnostics)))


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
    """Every gemeente that has a site after this build and still has a YAML file, in name order."""
    entries = {g.slug: {"slug": g.slug, "naam": g.naam, "voorbeeld": g.gemeente.voorbeeld} for g in loaded}
    for slug in published_slugs(output):
        config = path_for_slug(slug, municipalities)
        if slug not in entries and config.is_file():
            entries[slug] = _entry_from_file(slug, config)
    slugs = publishable | {s for s in published_slugs(output) if s in entries}
    return [entries[s] for s in sorted(slugs, key=lambda s: entries[s]["naam"].lstrip("'’").lower())]


def _entry_from_file(slug: str, config: Path) -> dict:
    """The overview entry of a site not built now. When its YAML has errors, the site stays
    published, so it keeps its place: with the name read leniently from the file, or the slug."""
    try:
        (gemeente,) = load_all([config])
        return {"slug": slug, "naam": gemeente.naam, "voorbeeld": gemeente.gemeente.voorbeeld}
    except InvalidInput:
        pass
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8", errors="replace"))
    except yaml.YAMLError:
        data = None
    data = data if isinstance(data, dict) else {}
    naam = data.get("naam")
    return {"slug": slug, "naam": naam.strip() if isinstance(naam, str) and naam.strip() else slug, "voorbeeld": data.get("voorbeeld") is True}


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
    """Build, check and publish. The first pass builds every page with the statement page stating the
    outcome expected when all pages pass; a second pass builds the statement again only when the
    measured outcome differs, and checks that page."""
    progress = progress or Progress(quiet=True)
    clean_leftovers(output)
    exceptions = load_exceptions(exceptions_file)
    rendered, invalid = load_each(slugs, municipalities)
    progress.stage("config", _config_line(len(rendered), invalid))
    day = check_day()
    cache = GateCache(cache_file or work / "toetscache.json", enabled=not force)
    results: dict[str, GemeenteResult] = {}
    expected: dict[str, Outcome | None] = {}
    with staging_area(output) as staging:
        to_check = []
        for index, (gemeente, bare) in enumerate(rendered, 1):
            expected[gemeente.slug] = _expected_outcome(bare, gemeente, day, cache.versions)
            site = with_statement(bare, gemeente, expected[gemeente.slug])
            try:
                listed = _build_and_list(gemeente, site, staging, work)
            except InvalidInput as e:  # MkDocs found a broken link in this gemeente's pages
                invalid.append(InvalidGemeente(gemeente.slug, list(dict.fromkeys(e.diagnostics))))
                progress.gemeente_line(index, len(rendered), gemeente.slug, "niet gebouwd: fouten in de invoer")
                continue
            result = results[gemeente.slug] = GemeenteResult(gemeente.slug, gemeente.naam, config_warnings=list(gemeente.warnings))
            result.source_findings, result.language = check_sources(gemeente, site)
            to_check.append(listed)
            checks = aantal(len(listed.paths), "toets", "toetsen")
            progress.gemeente_line(index, len(rendered), gemeente.slug, f"gebouwd: {paginas(len(site.pages))}, {checks}")
        if not results:
            raise _nothing_valid(invalid)
        invalid.sort(key=lambda g: g.slug)
        rendered = [(g, site) for g, site in rendered if g.slug in results]
        overview_entries = _overview_entries([g for g, _ in rendered], set(results), output, municipalities)
        write_overview(staging, overview_entries)
        to_check.append(SiteToCheck("", staging / "overzicht", ["/"]))
        progress.stage("check", "pa11y (axe en htmlcs, WCAG2AA) en eigen toetsen in Chromium")
        checked = check_sites(to_check, cache, exceptions, progress.page_done)

        # Second pass, unless the first already stated the measured outcome: the statement page with it, checked itself.
        final = []
        for gemeente, bare in rendered:
            result = results[gemeente.slug]
            result.pages = checked[gemeente.slug]
            if result.passed:
                outcome = Outcome(dutch_date(day), site_pages_checked(result), 0, cache.versions, _used(exceptions, result))
                if outcome != expected[gemeente.slug]:
                    final.append(_build_and_list(gemeente, with_statement(bare, gemeente, outcome), staging, work))
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
    result = BuildResult(list(results.values()), overview, cache.versions, invalid, day)
    if reports is not None:
        write_reports(result, reports)
    return result


def _expected_outcome(site: RenderedSite, gemeente: LoadedGemeente, day: datetime.date, versions: dict[str, str]) -> Outcome | None:
    """The outcome the statement will state if every page passes, so a passing build needs one pass.

    None (the placeholder) until a browser check has named the tool versions. When the real outcome
    differs (a page failed, an exception was used, a tool was updated) the second pass builds the
    statement again, so this guess only saves time and is never published unchecked.
    """
    if not versions:
        return None
    return Outcome(dutch_date(day), len(with_statement(site, gemeente, None).pages), 0, dict(versions), [])


def _config_line(valid: int, invalid: list[InvalidGemeente]) -> str:
    line = f"{aantal(valid, 'gemeente', 'gemeenten')} geldig"
    if invalid:
        line += f"; niet gebouwd door fouten in de invoer: {', '.join(g.slug for g in invalid)}"
    return line


def _used(exceptions: list[GateException], result: GemeenteResult) -> list[GateException]:
    used = {id(e) for p in result.pages for _, e in p.ignored}
    return [e for e in exceptions if id(e) in used]


def validate(slugs: list[str] | None = None, municipalities: Path = MUNICIPALITIES) -> tuple[int, int, list[SourceFinding], list, list[Diagnostic]]:
    """Check configs, content and the exceptions file without building.

    Returns (gemeenten, pages (each site's Markdown pages, the statement included), source findings,
    plain-language warnings of the standard pages, warnings about what the config loader fixed).
    """
    load_exceptions()
    rendered = load_and_render(slugs, municipalities)
    findings, warnings, pages = [], [], 0
    for gemeente, site in rendered:
        complete = with_statement(site, gemeente, None)
        found, language = check_sources(gemeente, complete)
        findings += found
        warnings += language.warnings
        pages += len(complete.pages)
    return len(rendered), pages, findings, warnings, warnings_of([g for g, _ in rendered])


