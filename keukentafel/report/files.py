"""Report files: reports/<slug>/accessibility.json, reports/index.html and reports/junit.xml.

A build writes the reports of the gemeenten it built (and of those it could not build because of
input errors) and keeps every other gemeente's reports as they are. index.html and junit.xml are
then made from all stored reports, so they always cover every gemeente ever checked here. Each
stored report carries the day of its check, so index.html shows it without asking the clock.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict
from pathlib import Path
from xml.etree import ElementTree as ET

import jinja2

from keukentafel import ROOT
from keukentafel.diagnostics import WARNING, Diagnostic
from keukentafel.files import write_atomic
from keukentafel.report.statement import check_day, dutch_date

REPORTS = ROOT / "reports"
INDEX_TEMPLATE = ROOT / "templates" / "rapport.html.j2"
REPORT_FILE = "accessibility.json"
READABILITY_FILE = "readability.json"
VERSIONS_FILE = "versies.json"  # the tools of the last check, for index.html (and merge-reports)


def finding_dict(f) -> dict:
    d = asdict(f)
    return {k: d[k] for k in ("runner", "code", "criterion", "page", "selector", "source", "message", "context")}


def gemeente_report(g, day: datetime.date) -> dict:
    """What a build found for a gemeente it checked on `day`."""
    return {
        "gemeente": g.slug,
        "naam": g.naam,
        "gecontroleerd_op": day.isoformat(),
        "gepubliceerd": g.published,
        "invoerfouten": None,
        "paginas": [
            {"pagina": p.path, "uitslag": "niet getest" if p.error else ("fout" if p.findings else "goed"), "uit_cache": p.cached, "fout": p.error}
            for p in g.pages
        ],
        "bevindingen_voor_de_browser": [asdict(f) for f in g.source_findings],
        "bevindingen": [finding_dict(f) for p in g.pages for f in p.findings],
        "uitzonderingen_toegepast": [
            {**finding_dict(f), "uitzondering": {"regel": e.regel, "paginas": e.paginas, "reden": e.reden}} for p in g.pages for f, e in p.ignored
        ],
    }


def invalid_report(stored: dict | None, invalid, day: datetime.date) -> dict:
    """The stored report of a gemeente not built on `day`: its last check stays, with the input errors added."""
    report = stored or {"gemeente": invalid.slug, "naam": invalid.slug, "gecontroleerd_op": None, "gepubliceerd": False, "paginas": []}
    fouten = [
        {"bestand": d.file, "regel": d.line, "kolom": d.column, "sleutel": d.key, "ernst": d.severity, "melding": d.message, "tip": d.hint}
        for d in invalid.diagnostics
    ]
    return {**report, "invoerfouten": {"gevonden_op": day.isoformat(), "fouten": fouten}}


def read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def stored_reports(reports: Path) -> list[dict]:
    """Every gemeente's stored report, in slug order; reports from older versions get the new keys."""
    found = []
    for path in sorted(reports.glob(f"*/{REPORT_FILE}")):
        data = read_json(path)
        if data is None:
            continue
        data = {"gemeente": path.parent.name, "naam": path.parent.name, "gecontroleerd_op": None, "gepubliceerd": False, "invoerfouten": None, **data}
        for key in ("paginas", "bevindingen_voor_de_browser", "bevindingen", "uitzonderingen_toegepast"):
            data.setdefault(key, [])
        readability = read_json(path.parent / READABILITY_FILE)
        data["leesbaarheid"] = readability.get("paginas", []) if readability else []
        found.append(data)
    return found


def _diagnostic_text(d: dict) -> str:
    return Diagnostic(d["bestand"], d["regel"], d["sleutel"], d["melding"], d["tip"], d["kolom"], d["ernst"]).format()


def _errors(invoer: dict) -> int:
    """The errors among the stored input problems (warnings about what was read anyway do not count)."""
    return sum(1 for d in invoer["fouten"] if d["ernst"] != WARNING)


def junit_xml(gemeenten: list[dict]) -> bytes:
    """One suite per stored report: the input, the source files, and every page checked."""
    suites = ET.Element("testsuites", name="Keukentafel toegankelijkheid")
    for g in gemeenten:
        slug, pages = g["gemeente"], g["paginas"]
        failures = sum(1 for p in pages if p["uitslag"] == "fout") + (1 if g["bevindingen_voor_de_browser"] else 0)
        errors = sum(1 for p in pages if p["uitslag"] == "niet getest") + (1 if g["invoerfouten"] else 0)
        suite = ET.SubElement(suites, "testsuite", name=slug, tests=str(len(pages) + 2), failures=str(failures), errors=str(errors))
        if g["gecontroleerd_op"]:
            properties = ET.SubElement(suite, "properties")
            ET.SubElement(properties, "property", name="gecontroleerd_op", value=g["gecontroleerd_op"])
        case = ET.SubElement(suite, "testcase", classname=slug, name="invoer")
        if g["invoerfouten"]:
            n = _errors(g["invoerfouten"])
            error = ET.SubElement(case, "error", message=f"niet gebouwd: {n} {'fout' if n == 1 else 'fouten'} in de invoer")
            error.text = "\n".join(_diagnostic_text(d) for d in g["invoerfouten"]["fouten"])
        static = ET.SubElement(suite, "testcase", classname=slug, name="bronbestanden")
        if g["bevindingen_voor_de_browser"]:
            found = g["bevindingen_voor_de_browser"]
            failure = ET.SubElement(static, "failure", message=f"{len(found)} {'bevinding' if len(found) == 1 else 'bevindingen'} in de bronbestanden")
            failure.text = "\n".join(f"{f['file']}:{f['line']}: {f['code']}: {f['message']}" for f in found)
        for p in pages:
            case = ET.SubElement(suite, "testcase", classname=slug, name=p["pagina"])
            if p["uitslag"] == "niet getest":
                ET.SubElement(case, "error", message=f"niet getest: {p['fout']}")
            elif p["uitslag"] == "fout":
                found = [f for f in g["bevindingen"] if f["page"] == p["pagina"]]
                failure = ET.SubElement(case, "failure", message=f"{len(found)} {'bevinding' if len(found) == 1 else 'bevindingen'}")
                failure.text = "\n".join(f"{f['source']}: {f['runner']} {f['code']} (WCAG {f['criterion'] or '-'}): {f['message']} [{f['selector']}]" for f in found)
    ET.indent(suites)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True)


def _dutch_day(iso: str | None) -> str:
    return dutch_date(datetime.date.fromisoformat(iso)) if iso else ""


def index_html(gemeenten: list[dict], versions: dict[str, str]) -> str:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["datum"] = _dutch_day
    env.filters["fouten"] = _errors
    return env.from_string(INDEX_TEMPLATE.read_text(encoding="utf-8")).render(gemeenten=gemeenten, versies=versions)


def _write_json(path: Path, data: dict) -> None:
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))


def write_reports(result, reports: Path = REPORTS) -> Path:
    """Write this build's reports, keep the others, and make index.html and junit.xml from all of them."""
    day = result.checked_on or check_day()
    for g in result.gemeenten:
        _write_json(reports / g.slug / REPORT_FILE, gemeente_report(g, day))
        readability = reports / g.slug / READABILITY_FILE
        if g.language is not None:
            _write_json(readability, g.language.as_json())
        else:
            readability.unlink(missing_ok=True)
    for invalid in result.invalid:
        path = reports / invalid.slug / REPORT_FILE
        _write_json(path, invalid_report(read_json(path), invalid, day))
    gemeenten = stored_reports(reports)
    versions = result.versions or read_json(reports / VERSIONS_FILE) or {}
    write_atomic(reports / VERSIONS_FILE, json.dumps(versions, indent=1, sort_keys=True).encode("utf-8"))
    write_atomic(reports / "junit.xml", junit_xml(gemeenten))
    write_atomic(reports / "index.html", index_html(gemeenten, versions).encode("utf-8"))
    return reports
