"""Command line: python build.py [naam ...] | validate [naam ...] | serve naam | review naam.

Everything the user reads is Dutch, argparse's own words included, and no traceback reaches them:
an unexpected error becomes a short message, a log file with the details, and exit code 3.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from keukentafel.diagnostics import ExitCode, InvalidInput, ToolFailed
from keukentafel.progress import Progress
from keukentafel.wording import aantal, paginas

PROG = "python build.py"
UNPUBLISHED = "Een site die nog niet helemaal getoetst was, is niet gepubliceerd: daar blijft de vorige versie staan."
USAGE = """python build.py                  bouw en toets alle gemeenten
  python build.py <naam> ...       bouw en toets alleen deze gemeenten
  python build.py --alles-opnieuw  bouw en toets ook wat niet veranderd is
  python build.py --shard 2/4      bouw en toets deel 2 van 4 (voor CI met meerdere machines)
  python build.py --zonder-toets   bouw om te bekijken, zonder toets en zonder te publiceren
  python build.py merge-reports <map> ...
                                   voeg de rapporten van de delen samen in reports/
  python build.py validate [naam]  controleer instellingen en teksten zonder te bouwen
  python build.py serve <naam>     bekijk de site van een gemeente terwijl u werkt
  python build.py review <naam> [--sinds VERSIE]
                                   alle teksten van een gemeente voor de Wmo-raad (HTML, PDF, Word)"""
EPILOG = """uitkomst:
  0  alles goed
  1  een toets vond problemen; die sites zijn niet bijgewerkt
  2  een fout in uw invoer (een YAML-bestand, een tekst, een optie, een bezette poort)
  3  een hulpprogramma of Keukentafel zelf faalde; er is niets half gepubliceerd"""

# argparse writes its own words through gettext; these are their Dutch versions (the msgids of
# Python 3.11 to 3.13). A message missing here would stay English: tests/test_cli.py reads the help
# and the errors our options can give and fails on any English word.
ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "woorden",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "onbekende optie: %s",
    "the following arguments are required: %s": "dit ontbreekt: %s",
    "expected one argument": "hier hoort een waarde achter",
    "ignored explicit argument %r": "hier hoort geen waarde achter (gevonden %r)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s is niet duidelijk: bedoelt u %(matches)s?",
}


@contextmanager
def _dutch_argparse() -> Iterator[None]:
    """Let argparse speak Dutch while it builds, parses and prints; restore it afterwards."""
    saved = argparse._
    argparse._ = lambda message: ARGPARSE_DUTCH.get(message, message)
    try:
        yield
    finally:
        argparse._ = saved


class DutchArgumentParser(argparse.ArgumentParser):
    def __init__(self, **kwargs) -> None:
        with _dutch_argparse():
            super().__init__(**kwargs)

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        with _dutch_argparse():
            return super().parse_args(args, namespace)

    def format_usage(self) -> str:
        with _dutch_argparse():
            return super().format_usage()

    def format_help(self) -> str:
        with _dutch_argparse():
            return super().format_help()

    def error(self, message: str):  # type: ignore[override]
        self.exit(ExitCode.INVALID_INPUT, f"{self.prog}: fout: {message}\n    tip: '{self.prog} --help' toont wat kan\n")


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"verwacht een poortnummer van 1 tot en met 65535, gevonden '{text}'")
    return int(text)


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"verwacht een aantal van 1 of meer, gevonden '{text}'")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog=PROG,
        usage=USAGE,
        description="Keukentafel bouwt per gemeente een gecontroleerde, toegankelijke informatiesite over het Wmo-gesprek.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("woorden", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--stil", action="store_true", help="geen voortgang tonen")
    parser.add_argument(
        "--alles-opnieuw", "--force", dest="alles_opnieuw", action="store_true",
        help="bouw en toets alles opnieuw, ook gemeenten en pagina's die niet veranderd zijn",
    )
    parser.add_argument(
        "--shard", "--deel", dest="shard", metavar="DEEL/AANTAL",
        help="bouw en toets alleen dit deel van de gemeenten, zoals 2/4 (op volgorde van de korte namen verdeeld)",
    )
    parser.add_argument(
        "--zonder-toets", dest="zonder_toets", action="store_true",
        help="bouw zonder toets in de browser, naar .build/ongetoetst/ om te bekijken; publiceert nooit",
    )
    parser.add_argument(
        "--processen", type=_count, metavar="N",
        help="bouw met zoveel processen tegelijk (standaard: één per processorkern)",
    )
    parser.add_argument("--poort", type=_port, default=8000, help="poort voor 'serve' (standaard 8000)")
    parser.add_argument(
        "--sinds", "--since", dest="sinds", metavar="VERSIE",
        help="voor 'review': laat zien wat er veranderd is sinds deze git-versie (tag of commit)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)
    words = args.woorden
    try:
        return _run(words, args)
    except InvalidInput as e:
        from keukentafel.report.console import format_diagnostics

        sys.stderr.write(format_diagnostics(e.diagnostics))
        return ExitCode.INVALID_INPUT
    except ToolFailed as e:
        print(f"Gestopt: een hulpprogramma faalde: {e}", file=sys.stderr)
        print(UNPUBLISHED, file=sys.stderr)
        return ExitCode.TOOL_FAILED
    except KeyboardInterrupt:
        print(f"\nAfgebroken. {UNPUBLISHED}", file=sys.stderr)
        return ExitCode.TOOL_FAILED
    except Exception as e:  # anything else is our fault or a tool's: no traceback, but a log file
        return _unexpected(e, argv)


def _run(words: list[str], args: argparse.Namespace) -> int:
    if words[:1] == ["validate"]:
        return _validate(words[1:])
    if words[:1] == ["serve"]:
        if len(words) != 2:
            print(f"Gebruik: {PROG} serve <naam>, bijvoorbeeld: {PROG} serve sint-menadorp", file=sys.stderr)
            return ExitCode.INVALID_INPUT
        from keukentafel.preview.serve import serve

        return serve(words[1], args.poort)
    if words[:1] == ["review"]:
        if len(words) != 2:
            print(f"Gebruik: {PROG} review <naam> [--sinds VERSIE], bijvoorbeeld: {PROG} review sint-menadorp", file=sys.stderr)
            return ExitCode.INVALID_INPUT
        return _review(words[1], args.sinds)
    if words[:1] in (["merge-reports"], ["rapporten-samenvoegen"]):
        return _merge(words[1:])
    shard = None
    if args.shard is not None:
        from keukentafel.shard import parse_shard

        shard = parse_shard(args.shard)
    return _build(words, Progress(quiet=args.stil), args.alles_opnieuw, shard, not args.zonder_toets, args.processen)


def _unexpected(error: Exception, argv: list[str]) -> int:
    from keukentafel.crash_log import explain, write_log

    missing = getattr(error, "name", None) if isinstance(error, ModuleNotFoundError) else None
    if missing and not missing.startswith("keukentafel"):
        print(f"Er ontbreekt een onderdeel van Keukentafel: de Python-module '{missing}'.", file=sys.stderr)
        print("    tip: draai eerst 'make setup' en start dan met '.venv/bin/python build.py'", file=sys.stderr)
        return ExitCode.TOOL_FAILED
    print(explain(write_log(error, argv)), file=sys.stderr)
    return ExitCode.TOOL_FAILED


def _review(slug: str, since: str | None) -> int:
    import time

    from keukentafel.review.bundle import review

    started = time.monotonic()
    bundle, paths = review(slug, since)
    paragraphs = aantal(sum(len(p.blocks) for p in bundle.pages), "genummerde alinea", "genummerde alinea's")
    print(f"Teksten van gemeente {bundle.gemeente} voor de Wmo-raad: {paginas(len(bundle.pages))}, {paragraphs}.")
    if bundle.changes:
        changed = aantal(sum(len(p.changes) for p in bundle.changes.pages), "alinea", "alinea's")
        print(f"Veranderd sinds {bundle.changes.since} ({bundle.changes.since_date}): {changed} op {paginas(len(bundle.changes.pages))}.")
    for path in paths:
        print(f"  {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")  # Dutch decimal comma
    print(f"Klaar in {seconds} seconden.")
    return ExitCode.OK


def _validate(slugs: list[str]) -> int:
    from keukentafel.diagnostics import format_warnings
    from keukentafel.pipeline import validate
    from keukentafel.report.console import format_language_warning, format_source_finding

    gemeenten, pages, findings, warnings, config_warnings = validate(slugs or None)
    sys.stdout.write(format_warnings(config_warnings))
    for f in findings:
        print(format_source_finding(f))
    for w in warnings:
        print(format_language_warning(w))
    if warnings:
        print(f"{aantal(len(warnings), 'waarschuwing', 'waarschuwingen')} over taal op gewone pagina's (het bouwen gaat door)")
    if findings:
        print(f"Gestopt: {aantal(len(findings), 'probleem', 'problemen')} in de teksten")
        return ExitCode.CHECK_FAILED
    print(f"Geldig: {aantal(gemeenten, 'gemeente', 'gemeenten')}, samen {paginas(pages)}, zonder fouten.")
    return ExitCode.OK


def _build(slugs: list[str], progress: Progress, force: bool, shard=None, browser_check: bool = True, workers: int | None = None) -> int:
    from keukentafel.pipeline import build
    from keukentafel.report.console import format_summary
    from keukentafel.report.files import REPORTS

    result = build(slugs or None, progress, force=force, reports=REPORTS if browser_check else None, shard=shard, browser_check=browser_check, workers=workers)
    sys.stdout.write(format_summary(result))
    if browser_check:
        print("Rapporten: reports/index.html, reports/<gemeente>/accessibility.json en reports/junit.xml")
    return result.exit_code


def _merge(folders: list[str]) -> int:
    from keukentafel.report.files import REPORTS
    from keukentafel.report.merge import merge_reports

    if not folders:
        print(f"Gebruik: {PROG} merge-reports <map> ..., bijvoorbeeld: {PROG} merge-reports deel-1/reports deel-2/reports", file=sys.stderr)
        return ExitCode.INVALID_INPUT
    merged = merge_reports([Path(f) for f in folders], REPORTS)
    print(f"Samengevoegd: rapporten van {aantal(merged.gemeenten, 'gemeente', 'gemeenten')} uit {aantal(len(folders), 'map', 'mappen')} in reports/ (index.html, junit.xml).")
    if merged.with_problems:
        shown = ", ".join(merged.with_problems[:10]) + (" en meer" if len(merged.with_problems) > 10 else "")
        print(f"Niet gepubliceerd of met fouten in de invoer: {aantal(len(merged.with_problems), 'gemeente', 'gemeenten')} ({shown}); zie reports/index.html.")
        return ExitCode.CHECK_FAILED
    return ExitCode.OK
