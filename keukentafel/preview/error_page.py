"""The page the preview shows instead of the site while a file has a mistake.

Readable without JavaScript and without anything from elsewhere: Dutch, one main heading, per
problem the file, line, key, what was expected, what was found and a tip, and the line itself as it
stands in the file. Colours are far above WCAG AA; every value is escaped, so a file full of HTML is
shown as text.
"""

from __future__ import annotations

import re
from html import escape

from keukentafel import ROOT
from keukentafel.diagnostics import Diagnostic
from keukentafel.wording import aantal

EXPECTED_FOUND = re.compile(r"verwacht (?P<expected>.+?), gevonden (?P<found>.+)", re.S)

STYLE = """
body { margin: 0; background: #ffffff; color: #1b1b1b; font: 1.125rem/1.5 system-ui, sans-serif; }
main { max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.25; border-left: 0.5rem solid #a4001d; padding-left: 0.75rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dt { font-weight: 700; }
dd { margin: 0; overflow-wrap: anywhere; }
code, pre { font-family: ui-monospace, monospace; background: #f2f2f2; color: #1b1b1b; }
pre { padding: 0.5rem; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.5rem; } }
"""


def _document(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'  # no request for a favicon the preview does not have
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def _source_line(file: str, line: int | None) -> str | None:
    """The line as it stands in the file (bytes that are not UTF-8 shown as �), or None."""
    path = ROOT / file
    if line is None or not path.is_file():
        return None
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else None


def _rows(d: Diagnostic) -> list[tuple[str, str]]:
    """(term, HTML) pairs describing one problem."""
    rows = [("Bestand", f"<code>{escape(d.file)}</code>")]
    if d.line is not None:
        rows.append(("Regel", str(d.line)))
    if d.line is not None and d.column:
        rows.append(("Kolom", str(d.column)))
    if d.key:
        rows.append(("Sleutel", f"<code>{escape(d.key)}</code>"))
    split = EXPECTED_FOUND.fullmatch(d.message)
    if split:
        rows += [("Verwacht", escape(split["expected"])), ("Gevonden", escape(split["found"]))]
    else:
        rows.append(("Wat er mis is", escape(d.message)))
    if d.hint:
        rows.append(("Tip", escape(d.hint)))
    text = _source_line(d.file, d.line)
    if text is not None:
        rows.append((f"Regel {d.line} in het bestand", f"<pre>{escape(text)}</pre>"))
    return rows


def counted(diagnostics: list[Diagnostic]) -> str:
    """'1 fout in 1 bestand', '3 fouten in 2 bestanden (en 1 waarschuwing)'."""
    errors = [d for d in diagnostics if not d.is_warning]
    files = {d.file for d in errors}
    text = f"{aantal(len(errors), 'fout', 'fouten')} in {aantal(len(files), 'bestand', 'bestanden')}"
    warnings = len(diagnostics) - len(errors)
    return text + (f" (en {aantal(warnings, 'waarschuwing', 'waarschuwingen')})" if warnings else "")


def error_page(diagnostics: list[Diagnostic]) -> str:
    """The page for the problems that stop the preview (problems in the user's files)."""
    errors = [d for d in diagnostics if not d.is_warning]
    verb = "staat" if len(errors) == 1 else "staan"
    body = (
        "<h1>De voorbeeldweergave wacht op een verbetering</h1>\n"
        f"<p>Keukentafel kan de site nu niet maken: er {verb} {counted(diagnostics)}. Verbeter het bestand en sla het op. "
        "Deze pagina ververst dan vanzelf; werkt dat niet, ververs de pagina dan zelf.</p>\n"
    )
    warnings = [d for d in diagnostics if d.is_warning]
    for kind, group in (("Fout", errors), ("Waarschuwing", warnings)):
        for number, d in enumerate(group, 1):
            where = d.file if d.line is None else f"{d.file}, regel {d.line}"
            rows = "".join(f"<dt>{term}</dt><dd>{value}</dd>\n" for term, value in _rows(d))
            body += f"<h2>{kind} {number}: {escape(where)}</h2>\n<dl>\n{rows}</dl>\n"
    return _document(f"Fout in {', '.join(sorted({d.file for d in diagnostics}))} - voorbeeldweergave", body)


def unexpected_page(explanation: str) -> str:
    """The page for an error that is not in the user's files (explanation: the lines the terminal shows)."""
    paragraphs = "".join(f"<p>{escape(line)}</p>\n" for line in explanation.splitlines())
    body = (
        "<h1>De voorbeeldweergave kon de site niet maken</h1>\n"
        f"{paragraphs}"
        "<p>De voorbeeldweergave blijft werken: sla een bestand opnieuw op om het nog eens te proberen. "
        "Deze pagina ververst dan vanzelf.</p>\n"
    )
    return _document("Er ging iets mis - voorbeeldweergave", body)

