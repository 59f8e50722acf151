"""Command line: python build.py [slug ...] | validate [slug ...] | serve slug."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diagnostics import ExitCode, InvalidInput, ToolFailed
from .progress import Progress

USAGE = """python build.py                 bouw en controleer alle gemeenten
  python build.py <naam> ...      bouw en controleer alleen deze gemeenten
  python build.py --force         toets ook pagina's die niet veranderd zijn
  python build.py validate [naam] controleer instellingen en teksten zonder te bouwen
  python build.py serve <naam>    bekijk de site van een gemeente terwijl u werkt
  python build.py review <naam> [--since VERSIE]
                                  alle teksten van een gemeente voor de Wmo-raad (HTML, PDF, Word)"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python build.py",
        usage=USAGE,
        description="Keukentafel bouwt per gemeente een gecontroleerde, toegankelijke informatiesite over het Wmo-gesprek.",
        add_help=True,
    )
    parser.add_argument("woorden", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--stil", action="store_true", help="geen voortgang tonen")
    parser.add_argument("--force", action="store_true", help="toets alle pagina's opnieuw, ook als ze niet veranderd zijn")
    parser.add_argument("--poort", type=int, default=8000, help="poort voor 'serve' (standaard 8000)")
    parser.add_argument(
        "--since", "--sinds", dest="sinds", metavar="VERSIE", help="voor 'review': laat zien wat er veranderd is sinds deze git-versie (tag of commit)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    words = args.woorden
    try:
        if words[:1] == ["validate"]:
            return _validate(words[1:])
        if words[:1] == ["serve"]:
            if len(words) != 2:
                print("Gebruik: python build.py serve <naam>, bijvoorbeeld: python build.py serve sint-menadorp", file=sys.stderr)
                return ExitCode.INVALID_INPUT
            from .serve import serve

            return serve(words[1], args.poort)
        if words[:1] == ["review"]:
            if len(words) != 2:
                print("Gebruik: python build.py review <naam> [--since VERSIE], bijvoorbeeld: python build.py review sint-menadorp", file=sys.stderr)
                return ExitCode.INVALID_INPUT
            return _review(words[1], args.sinds)
        return _build(words, Progress(quiet=args.stil), args.force)
    except InvalidInput as e:
        from .report import format_diagnostics

        sys.stderr.write(format_diagnostics(e.diagnostics))
        return ExitCode.INVALID_INPUT
    except ToolFailed as e:
        print(f"Gestopt: een hulpprogramma faalde: {e}", file=sys.stderr)
        print("Er is niets gepubliceerd; de vorige versie van elke site blijft staan.", file=sys.stderr)
        return ExitCode.TOOL_FAILED
    except KeyboardInterrupt:
        print("\nAfgebroken. Er is niets gepubliceerd; de vorige versie van elke site blijft staan.", file=sys.stderr)
        return ExitCode.TOOL_FAILED


def _review(slug: str, since: str | None) -> int:
    import time

    from .review import review

    started = time.monotonic()
    bundle, paths = review(slug, since)
    print(f"Teksten van gemeente {bundle.gemeente} voor de Wmo-raad: {len(bundle.pages)} pagina's, {sum(len(p.blocks) for p in bundle.pages)} genummerde alinea's.")
    if bundle.changes:
        changed = sum(len(p.changes) for p in bundle.changes.pages)
        pages = len(bundle.changes.pages)
        paragraphs_word = "alinea" if changed == 1 else "alinea's"
        pages_word = "pagina" if pages == 1 else "pagina's"
        print(f"Veranderd sinds {bundle.changes.since} ({bundle.changes.since_date}): {changed} {paragraphs_word} op {pages} {pages_word}.")
    for path in paths:
        print(f"  {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    print(f"Klaar in {time.monotonic() - started:.1f} seconden.")
    return ExitCode.OK


def _validate(slugs: list[str]) -> int:
    from .pipeline import validate
    from .report import format_language_warning, format_source_finding

    gemeenten, pages, findings, warnings = validate(slugs or None)
    for f in findings:
        print(format_source_finding(f))
    for w in warnings:
        print(format_language_warning(w))
    if warnings:
        print(f"{len(warnings)} {'waarschuwing' if len(warnings) == 1 else 'waarschuwingen'} over taal op gewone pagina's (het bouwen gaat door)")
    if findings:
        print(f"Gestopt: {len(findings)} problemen in de teksten")
        return ExitCode.CHECK_FAILED
    print(f"Geldig: {gemeenten} gemeente(n), {pages} pagina's ingevuld zonder fouten.")
    return ExitCode.OK


def _build(slugs: list[str], progress: Progress, force: bool) -> int:
    from .pipeline import build
    from .report import format_summary
    from .report_files import REPORTS

    result = build(slugs or None, progress, force=force, reports=REPORTS)
    sys.stdout.write(format_summary(result))
    print("Rapporten: reports/index.html, reports/<gemeente>/accessibility.json en reports/junit.xml")
    return ExitCode.OK if result.passed else ExitCode.CHECK_FAILED
