"""The whole build, in order: config → render → site → check → publish → report.

Each gemeente is validated on its own: one with input errors (its YAML, or a page made from it) is
not built and keeps its published site, and the others are built, checked and published as usual.
Only when no gemeente is valid (or the exceptions file, or a named gemeente that does not exist)
is InvalidInput raised before anything is built. A site is published only when every check on it
passed.
"""

from __future__ import annotations

import datetime
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from keukentafel import ROOT
from keukentafel.config.loader import MUNICIPALITIES, LoadedGemeente, discover, file_name_hint, load_all, path_for_slug, slug_from_argument, warnings_of
from keukentafel.diagnostics import Diagnostic, ExitCode, InvalidInput
from keukentafel.fingerprint import BuildRecord, gemeente_digest, shared_digest
from keukentafel.gate.browser import CHROMIUM_CANDIDATES, Finding, PageResult
from keukentafel.gate.cache import GateCache
from keukentafel.gate.check import PageChecker, SiteToCheck
from keukentafel.gate.exceptions import EXCEPTIONS_FILE, GateException, load_exceptions
from keukentafel.language.site_check import SiteLanguage
from keukentafel.progress import Progress
from keukentafel.publish.folders import OUTPUT, clean_leftovers, publish_file, publish_site, published_slugs, staging_area
from keukentafel.rendering.render import RenderedSite, render_site
from keukentafel.report.files import write_reports
from keukentafel.report.statement import PAGE_PATH as STATEMENT_PATH
from keukentafel.report.statement import Outcome, check_day, dutch_date
from keukentafel.shard import Shard
from keukentafel.site.mkdocs_site import rebuild_page
from keukentafel.wording import aantal, paginas
from keukentafel.workers import NO_JS, Job, MadeSite, SiteMaker, SourceFinding, check_sources, with_statement  # noqa: F401 - SourceFinding, check_sources, with_statement also for report.console and tests

WORK = ROOT / ".build"
UNCHECKED = WORK / "ongetoetst"  # sites built with --zonder-toets: for looking at, never published
OVERVIEW_TEMPLATE = ROOT / "templates" / "overzicht.html.j2"


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
    unchanged: list[str] = field(default_factory=list)  # not built: inputs as for their published site
    browser_checked: bool = True  # False: built with --zonder-toets, nothing checked in the browser or published

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
        if not self.browser_checked:  # a look without the browser check: only the checks before it count
            return ExitCode.CHECK_FAILED if any(g.source_findings for g in self.gemeenten) else ExitCode.OK
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


def load_configs(slugs: list[str] | None, municipalities: Path = MUNICIPALITIES, shard: Shard | None = None) -> tuple[list[LoadedGemeente], list[InvalidGemeente]]:
    """Validate each gemeente's config on its own (in this shard): the valid ones, and the invalid
    ones with all their problems. Pages are rendered later, per gemeente, on all cores.

    Raises InvalidInput (every problem of every file) when not one gemeente is valid.
    """
    valid, invalid = [], []
    paths = select_paths(slugs, municipalities)
    if shard:
        held = set(shard.select([p.stem for p in paths]))
        paths = [p for p in paths if p.stem in held]
    for path in paths:
        try:
            (gemeente,) = load_all([path])
            valid.append(gemeente)
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
    shard: Shard | None = None,
    browser_check: bool = True,
    workers: int | None = None,
) -> BuildResult:
    """Build, check and publish, as a pipeline: while worker processes render and build the sites
    with MkDocs, the browser checks the sites already built.

    A gemeente whose inputs (fingerprint.py) are those of its published site is not built again
    (unless force). Each site is built once, its statement page stating the outcome expected when
    every page passes; only when the measured outcome differs is that one page built again
    (rebuild_page) and checked. browser_check=False builds without the browser check into
    .build/ongetoetst/ and publishes nothing.
    """
    progress = progress or Progress(quiet=True)
    clean_leftovers(output)
    exceptions = load_exceptions(exceptions_file)
    loaded, invalid = load_configs(slugs, municipalities, shard)
    if not loaded and not invalid:  # a shard that holds none of the gemeenten
        progress.stage("config", f"geen gemeenten in deel {shard}")
        return BuildResult([], None, {}, [], check_day())
    record = BuildRecord(record_file(output), enabled=not force)
    shared = shared_digest(exceptions_file=exceptions_file, chromium=_chromium())
    digests = {g.slug: gemeente_digest(g, shared) for g in loaded}
    todo = [g for g in loaded if not (browser_check and record.unchanged(g.slug, digests[g.slug], output))]
    unchanged = sorted(g.slug for g in loaded if g not in todo)
    progress.stage("config", _config_line(len(loaded), invalid, len(unchanged)))
    day = check_day()
    cache = GateCache(cache_file or work / "toetscache.json", enabled=not force)
    results: dict[str, GemeenteResult] = {}
    made: dict[str, MadeSite] = {}
    by_slug = {g.slug: g for g in loaded}
    with staging_area(output) as staging, SiteMaker(len(todo), workers) as maker, PageChecker(cache, exceptions, progress.page_done) as checker:
        if todo and browser_check and not cache.versions:
            checker.start()  # the tool versions, for the statement pages, before the first site is built
        jobs = [Job(g, staging, work, day, checker.versions if browser_check else {}) for g in todo]
        if todo:
            progress.stage("site", f"{aantal(len(todo), 'site', 'sites')} bouwen met {aantal(maker.workers, 'proces', 'processen')}" + (", en tegelijk toetsen" if browser_check else ""))
        for index, site in enumerate(maker.make(jobs, poll=checker.poll), 1):
            gemeente = by_slug[site.slug]
            if site.diagnostics:
                invalid.append(InvalidGemeente(site.slug, site.diagnostics))
                progress.gemeente_line(index, len(todo), site.slug, "niet gebouwd: fouten in de invoer")
                continue
            made[site.slug] = site
            results[site.slug] = GemeenteResult(site.slug, gemeente.naam, source_findings=site.source_findings, language=site.language, config_warnings=list(gemeente.warnings))
            assert site.listed is not None
            if browser_check:
                checker.add(site.listed)
            checks = aantal(len(site.listed.paths), "toets", "toetsen")
            progress.gemeente_line(index, len(todo), site.slug, f"gebouwd: {paginas(site.pages)}, {checks}")
        maker.close()  # its processes are not needed for the rest
        if not results and not unchanged:
            raise _nothing_valid(invalid)
        invalid.sort(key=lambda g: g.slug)
        if not browser_check:
            _keep_unchecked(staging, results, work)
            return BuildResult(sorted(results.values(), key=lambda r: r.slug), None, {}, invalid, day, unchanged, browser_checked=False)
        built = [by_slug[s] for s in sorted(results)]
        if shard is None:  # a shard knows only its own gemeenten: no overview of all of them
            write_overview(staging, _overview_entries(built, set(results) | set(unchanged), output, municipalities))
            checker.add(SiteToCheck("", staging / "overzicht", ["/"]))
        progress.stage("check", "pa11y (axe en htmlcs, WCAG2AA) en eigen toetsen in Chromium")
        checker.wait()

        # The statement pages whose expected outcome was not the measured one: that page again.
        again = []
        for slug, result in sorted(results.items()):
            result.pages = checker.results(slug)
            if result.passed:
                outcome = Outcome(dutch_date(day), site_pages_checked(result), 0, checker.versions, _used(exceptions, result))
                if outcome != made[slug].expected:
                    site = made[slug]
                    assert site.bare is not None and site.listed is not None
                    final = with_statement(site.bare, by_slug[slug], outcome)
                    rebuild_page(by_slug[slug], final, STATEMENT_PATH, work / slug)
                    statement_url = "/" + STATEMENT_PATH[: -len(".md")] + "/"
                    checker.add(SiteToCheck(slug, staging / slug, [statement_url], {p.path: p for p in final.pages}))
                    again.append(slug)
        if again:
            progress.stage("check", "toegankelijkheidsverklaring met de uitslag")
            checker.wait()
            for slug in again:
                results[slug].pages = checker.results(slug)
        overview = checker.results("")[0] if shard is None else None

        for slug, result in sorted(results.items()):
            record.not_published(slug)
            if result.passed:
                record.save()  # first forget the old fingerprint: a kill while publishing means "build again"
                publish_site(staging / slug, slug, output)
                result.published = True
                record.published(slug, digests[slug])
        record.save()
        publishable = {r.slug for r in results.values() if r.published} | set(unchanged)
        final_entries = _overview_entries(built, publishable, output, municipalities) if overview else []
        if overview and final_entries and not overview.findings and not overview.error:
            publish_file(write_overview(staging, final_entries), "index.html", output)
    result = BuildResult(sorted(results.values(), key=lambda r: r.slug), overview, checker.versions, invalid, day, unchanged)
    if reports is not None:
        write_reports(result, reports)
    return result


def record_file(output: Path) -> Path:
    """Where the fingerprints of the published sites are kept: beside the output folder (site/ →
    .site-invoer.json), so that they travel with it, also in a CI cache."""
    return output.parent / f".{output.name}-invoer.json"


def _chromium() -> str | None:
    return next((c for c in CHROMIUM_CANDIDATES if Path(c).is_file()), None)


def _keep_unchecked(staging: Path, results: dict[str, GemeenteResult], work: Path) -> None:
    """Sites built without the browser check go to .build/ongetoetst/<slug>, never to site/."""
    target = work / "ongetoetst"
    target.mkdir(parents=True, exist_ok=True)
    for slug in results:
        if (target / slug).exists():
            shutil.rmtree(target / slug)
        shutil.move(str(staging / slug), str(target / slug))


def _config_line(valid: int, invalid: list[InvalidGemeente], unchanged: int = 0) -> str:
    line = f"{aantal(valid, 'gemeente', 'gemeenten')} geldig"
    if unchanged:
        line += f", waarvan {unchanged} ongewijzigd sinds de vorige keer (niet opnieuw gebouwd of getoetst)"
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


