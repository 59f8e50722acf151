"""Stage 6: tell the user what happened, in Dutch: a summary table, then every problem once."""

from __future__ import annotations

from collections import defaultdict

from keukentafel.diagnostics import Diagnostic, summary_line
from keukentafel.diagnostics import format_warnings
from keukentafel.pipeline import BuildResult, GemeenteResult, SourceFinding, site_pages_checked
from keukentafel.wording import aantal, paginas


def format_diagnostics(diagnostics: list[Diagnostic]) -> str:
    return "\n".join(d.format() for d in diagnostics) + "\n" + summary_line(diagnostics) + "\n"


def format_source_finding(f: SourceFinding) -> str:
    criterion = f" (WCAG {f.criterion})" if f.criterion else ""
    return f"{f.file}:{f.line}: {f.code}{criterion}: {f.message}"


def format_language_warning(f) -> str:
    sentence = f': "{f.sentence}"' if f.sentence else ""
    return f"{f.file}:{f.line}: waarschuwing taal:{f.code}: {f.message}{sentence}"


def _grouped_browser_findings(result: GemeenteResult) -> list[str]:
    """Each distinct finding once; one repeated on several pages (a template) with a count."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    for f in result.browser_findings:
        groups[(f.source, f.runner, f.code, f.criterion, f.message, f.selector)].append(f.page)
    lines = []
    for (source, runner, code, criterion, message, selector), pages in groups.items():
        where = pages[0] if len(pages) == 1 else f"op {paginas(len(pages))}, zoals {pages[0]}"
        criterion_text = f" (WCAG {criterion})" if criterion else ""
        lines.append(f"{source}: {runner} {code}{criterion_text}: {message}\n    pagina: {where}" + (f"\n    element: {selector}" if selector else ""))
    for page in result.untested:
        lines.append(f"{page.path}: niet getest ({page.error}); telt als fout")
    return lines


def format_unchecked(result: BuildResult) -> str:
    """The summary of a build with --zonder-toets: what was built where, and that nothing was published."""
    out = ["", "Gebouwd zonder toets in de browser (niet gepubliceerd, alleen om te bekijken):"]
    out += [f"  {g.slug}: .build/ongetoetst/{g.slug}/index.html" for g in result.gemeenten]
    for g in result.gemeenten:
        if g.source_findings:
            out += ["", f"Problemen in de teksten van gemeente {g.slug}:"] + ["  " + format_source_finding(f) for f in g.source_findings]
    if result.invalid:
        out += ["", "Niet gebouwd door fouten in de invoer:"] + ["  " + d.format().replace("\n", "\n  ") for g in result.invalid for d in g.diagnostics]
    out += ["", "Publiceren kan alleen na de toets: draai daarvoor 'python build.py' zonder --zonder-toets."]
    return "\n".join(out) + "\n"


def format_summary(result: BuildResult) -> str:
    if not result.browser_checked:
        return format_unchecked(result)
    width = max([len(g.slug) for g in result.gemeenten] + [8])
    out = [""]
    if result.unchanged:
        shown = ", ".join(result.unchanged[:5]) + (f" en {len(result.unchanged) - 5} meer" if len(result.unchanged) > 5 else "")
        out += [
            f"Ongewijzigd, niet opnieuw gebouwd of getoetst: {aantal(len(result.unchanged), 'gemeente', 'gemeenten')} ({shown}).",
            "    tip: 'python build.py --alles-opnieuw' bouwt en toetst ook die opnieuw",
        ]
    if not result.gemeenten:
        out += ["", _closing_line(result, 0)]
        return "\n".join(out) + "\n"
    out += ["Uitslag", f"  {'gemeente':{width}}  pagina's  toetsen  uit cache  problemen  uitzonderingen  gepubliceerd"]
    for g in result.gemeenten:
        published = "ja" if g.published else "nee (de vorige versie blijft staan)"
        cached = sum(1 for p in g.pages if p.cached)
        counts = f"{site_pages_checked(g):8}  {len(g.pages):7}  {cached:9}  {g.problem_count:9}  {len(g.ignored):14}"
        out.append(f"  {g.slug:{width}}  {counts}  {published}")
    for g in result.gemeenten:
        for f, e in g.ignored:
            out.append(f"  uitzondering: {f.page}: {f.code} ({e.reden})")
    for g in result.gemeenten:
        if g.passed:
            continue
        out += ["", f"Problemen bij gemeente {g.slug}:"]
        out += ["  " + format_source_finding(f) for f in g.source_findings]
        out += ["  " + line for line in _grouped_browser_findings(g)]
    warnings = [w for g in result.gemeenten if g.language for w in g.language.warnings]
    if warnings:
        counted = aantal(len(warnings), "waarschuwing", "waarschuwingen")
        out += ["", f"Taal op gewone pagina's: {counted} (het publiceren gaat door; zie reports/<gemeente>/readability.json)"]
    config_warnings = [w for g in result.gemeenten for w in g.config_warnings]
    if config_warnings:
        out += ["", "Instellingen:"] + ["  " + line for line in format_warnings(config_warnings).rstrip("\n").split("\n")]
    if result.invalid:
        out += ["", "Niet gebouwd door fouten in de invoer (de vorige versie van de site blijft staan):"]
        out += ["  " + d.format().replace("\n", "\n  ") for g in result.invalid for d in g.diagnostics]
    overview = result.overview
    overview_problems = len(overview.findings) + (1 if overview.error else 0) if overview else 0
    if overview_problems:
        out += ["", "Problemen op de overzichtspagina site/index.html:"]
        out += [f"  {f.runner} {f.code}: {f.message}" for f in overview.findings]
        if overview.error:
            out.append(f"  niet getest ({overview.error}); telt als fout")
    out += ["", _closing_line(result, sum(g.problem_count for g in result.gemeenten) + overview_problems)]
    return "\n".join(out) + "\n"


def _closing_line(result: BuildResult, problems: int) -> str:
    if result.passed:
        return "Klaar: alle sites zijn toegankelijk bevonden en gepubliceerd in site/."
    parts = []
    if result.invalid:
        slugs = ", ".join(g.slug for g in result.invalid)
        parts.append(f"{aantal(len(result.invalid), 'gemeente', 'gemeenten')} niet gebouwd door fouten in de invoer ({slugs})")
    if problems:
        parts.append(f"{aantal(problems, 'probleem', 'problemen')} gevonden bij het toetsen")
    return "Niet alles gepubliceerd: " + "; ".join(parts) + "."
