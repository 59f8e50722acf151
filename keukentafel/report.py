"""Stage 6: tell the user what happened, in Dutch: a summary table, then every problem once."""

from __future__ import annotations

from collections import defaultdict

from .diagnostics import Diagnostic, summary_line
from .pipeline import BuildResult, GemeenteResult, SourceFinding


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
        where = pages[0] if len(pages) == 1 else f"op {len(pages)} pagina's, zoals {pages[0]}"
        criterion_text = f" (WCAG {criterion})" if criterion else ""
        lines.append(f"{source}: {runner} {code}{criterion_text}: {message}\n    pagina: {where}" + (f"\n    element: {selector}" if selector else ""))
    for page in result.untested:
        lines.append(f"{page.path}: niet getest ({page.error}); telt als fout")
    return lines


def format_summary(result: BuildResult) -> str:
    width = max([len(g.slug) for g in result.gemeenten] + [8])
    out = ["", "Uitslag", f"  {'gemeente':{width}}  pagina's  uit cache  problemen  uitzonderingen  gepubliceerd"]
    for g in result.gemeenten:
        published = "ja" if g.published else "nee (de vorige versie blijft staan)"
        cached = sum(1 for p in g.pages if p.cached)
        out.append(f"  {g.slug:{width}}  {len(g.pages):8}  {cached:9}  {g.problem_count:9}  {len(g.ignored):14}  {published}")
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
        out += ["", f"Taal op gewone pagina's: {len(warnings)} {'waarschuwing' if len(warnings) == 1 else 'waarschuwingen'} (het publiceren gaat door; zie reports/<gemeente>/readability.json)"]
    if result.overview and (result.overview.findings or result.overview.error):
        out += ["", "Problemen op de overzichtspagina site/index.html:"]
        out += [f"  {f.runner} {f.code}: {f.message}" for f in result.overview.findings]
    total = sum(g.problem_count for g in result.gemeenten)
    out.append("")
    out.append("Klaar: alle sites zijn toegankelijk bevonden en gepubliceerd in site/." if result.passed else f"Niet alles gepubliceerd: {total} problemen gevonden.")
    return "\n".join(out) + "\n"
