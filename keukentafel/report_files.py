"""Report files: reports/<slug>/accessibility.json, reports/index.html and reports/junit.xml."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from pathlib import Path
from xml.etree import ElementTree as ET

import jinja2

from . import ROOT

REPORTS = ROOT / "reports"
INDEX_TEMPLATE = ROOT / "templates" / "rapport.html.j2"


def finding_dict(f) -> dict:
    d = asdict(f)
    return {k: d[k] for k in ("runner", "code", "criterion", "page", "selector", "source", "message", "context")}


def gemeente_report(g) -> dict:
    return {
        "gemeente": g.slug,
        "naam": g.naam,
        "gepubliceerd": g.published,
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


def junit_xml(result) -> bytes:
    suites = ET.Element("testsuites", name="Keukentafel toegankelijkheid")
    for g in result.gemeenten:
        failures = sum(1 for p in g.pages if p.findings or p.error) + (1 if g.source_findings else 0)
        suite = ET.SubElement(suites, "testsuite", name=g.slug, tests=str(len(g.pages) + 1), failures=str(failures))
        static = ET.SubElement(suite, "testcase", classname=g.slug, name="bronbestanden")
        if g.source_findings:
            failure = ET.SubElement(static, "failure", message=f"{len(g.source_findings)} bevindingen in de bronbestanden")
            failure.text = "\n".join(f"{f.file}:{f.line}: {f.code}: {f.message}" for f in g.source_findings)
        for p in g.pages:
            case = ET.SubElement(suite, "testcase", classname=g.slug, name=p.path)
            if p.error:
                ET.SubElement(case, "error", message=f"niet getest: {p.error}")
            elif p.findings:
                failure = ET.SubElement(case, "failure", message=f"{len(p.findings)} bevindingen")
                failure.text = "\n".join(f"{f.source}: {f.runner} {f.code} (WCAG {f.criterion or '-'}): {f.message} [{f.selector}]" for f in p.findings)
    ET.indent(suites)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True)


def write_reports(result, reports: Path = REPORTS) -> Path:
    if reports.exists():
        shutil.rmtree(reports)
    reports.mkdir(parents=True)
    summaries = []
    for g in result.gemeenten:
        data = gemeente_report(g)
        (reports / g.slug).mkdir()
        (reports / g.slug / "accessibility.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        if g.language is not None:
            readability = g.language.as_json()
            (reports / g.slug / "readability.json").write_text(json.dumps(readability, ensure_ascii=False, indent=2), encoding="utf-8")
            data = {**data, "leesbaarheid": readability["paginas"]}
        summaries.append(data)
    (reports / "junit.xml").write_bytes(junit_xml(result))
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    html = env.from_string(INDEX_TEMPLATE.read_text(encoding="utf-8")).render(gemeenten=summaries, versies=result.versions)
    (reports / "index.html").write_text(html, encoding="utf-8")
    return reports
