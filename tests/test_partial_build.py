"""Building some gemeenten: a bad one does not stop the others, and reports keep what was not rebuilt.

The report tests write reports from made-up results (no browser). The build tests start from the
session's example build (tests/conftest.py) and reuse its gate cache, so the pages they build again
are unchanged and need no new browser check.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import copy_examples, examples_with_extra_page
from keukentafel.config.loader import load_all
from keukentafel.diagnostics import Diagnostic, ExitCode, InvalidInput
from keukentafel.gate.browser import Finding, PageResult
from keukentafel.pipeline import BuildResult, GemeenteResult, InvalidGemeente, SourceFinding, build
from keukentafel.report.files import write_reports

HEER, SINT = "s-heerenbruk-aan-de-vliet", "sint-menadorp"


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


class Tables(HTMLParser):
    """The column headings and the rows (cell texts) of every table in a page."""

    def __init__(self, html: str):
        super().__init__()
        self.headings: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._scope = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell, self._scope = [], dict(attrs).get("scope")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            (self.headings if self._scope == "col" else self.rows[-1]).append(text)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def row(self, first: str) -> list[str]:
        (found,) = [r for r in self.rows if r and r[0] == first]
        return found


def gemeente(slug: str, naam: str, problem: bool = False) -> GemeenteResult:
    finding = Finding(f"/{slug}/gesprek/", "axe", "label", "1.3.1", "Formulierveld zonder label", selector="input", source="content/gesprek.md:12")
    pages = [PageResult(f"/{slug}/"), PageResult(f"/{slug}/gesprek/", findings=[finding] if problem else [])]
    result = GemeenteResult(slug, naam, pages=pages, published=not problem)
    if problem:
        result.source_findings = [SourceFinding("content/gesprek.md", 3, "kop-overgeslagen", "1.3.1", "kopniveau overgeslagen", "gesprek.md")]
    return result


def reports_of(reports: Path) -> tuple[Tables, ET.Element]:
    return Tables((reports / "index.html").read_text(encoding="utf-8")), ET.parse(reports / "junit.xml").getroot()


def test_reports_keep_the_gemeenten_this_build_did_not_build(tmp_path):
    reports = tmp_path / "reports"
    write_reports(BuildResult([gemeente(HEER, "'s-Heerenbrûk"), gemeente(SINT, "Sint-Ménadorp")], checked_on=datetime.date(2026, 3, 2)), reports)
    heer_before = tree_digest(reports / HEER)

    # A later build of sint-menadorp alone, which finds problems.
    write_reports(BuildResult([gemeente(SINT, "Sint-Ménadorp", problem=True)], checked_on=datetime.date(2026, 3, 5)), reports)

    assert tree_digest(reports / HEER) == heer_before, "the other gemeente's report stays as it was"
    index, junit = reports_of(reports)
    assert index.row("'s-Heerenbrûk")[:3] == ["'s-Heerenbrûk", "2 maart 2026", "2"], "its date comes from its stored report"
    assert index.row("Sint-Ménadorp")[:4] == ["Sint-Ménadorp", "5 maart 2026", "2", "2"]
    assert [s.get("name") for s in junit] == [HEER, SINT]
    suites = {s.get("name"): s for s in junit}
    assert suites[HEER].get("failures") == "0" and suites[SINT].get("failures") == "2"
    assert suites[HEER].find("properties/property").get("value") == "2026-03-02"


def test_a_gemeente_with_input_errors_keeps_its_last_check_and_shows_the_errors(tmp_path):
    reports = tmp_path / "reports"
    write_reports(BuildResult([gemeente(HEER, "'s-Heerenbrûk")], checked_on=datetime.date(2026, 3, 2)), reports)
    problem = Diagnostic("municipalities/s-heerenbruk-aan-de-vliet.yml", 10, "contact.telefoon", "verwacht een telefoonnummer", "tip", column=13)
    warning = Diagnostic("municipalities/s-heerenbruk-aan-de-vliet.yml", 4, "naam", "een harde spatie gelezen als spatie", severity="waarschuwing")
    invalid = [InvalidGemeente(HEER, [warning, problem]), InvalidGemeente("nieuw-dorp", [problem])]

    write_reports(BuildResult([gemeente(SINT, "Sint-Ménadorp")], invalid=invalid, checked_on=datetime.date(2026, 3, 6)), reports)

    stored = json.loads((reports / HEER / "accessibility.json").read_text(encoding="utf-8"))
    assert stored["gecontroleerd_op"] == "2026-03-02" and len(stored["paginas"]) == 2 and stored["gepubliceerd"]
    assert stored["invoerfouten"]["gevonden_op"] == "2026-03-06"
    assert [(d["regel"], d["kolom"], d["ernst"]) for d in stored["invoerfouten"]["fouten"]] == [(4, None, "waarschuwing"), (10, 13, "fout")]
    index, junit = reports_of(reports)
    assert index.row("'s-Heerenbrûk")[1] == "2 maart 2026"
    assert index.row("'s-Heerenbrûk")[-1] == "1 fout, niet gebouwd op 6 maart 2026", "the warning is no error"
    assert index.row("nieuw-dorp")[1:3] == ["nog niet getoetst", "0"]
    assert ["municipalities/s-heerenbruk-aan-de-vliet.yml:10:13", "contact.telefoon", "fout: verwacht een telefoonnummer", "tip"] in index.rows
    suites = {s.get("name"): s for s in junit}
    (error,) = suites[HEER].findall("testcase[@name='invoer']/error")
    assert error.get("message") == "niet gebouwd: 1 fout in de invoer"
    assert "municipalities/s-heerenbruk-aan-de-vliet.yml:10:13: contact.telefoon: verwacht een telefoonnummer" in error.text
    assert suites[HEER].get("errors") == "1" and suites["nieuw-dorp"].get("errors") == "1" and suites[SINT].get("errors") == "0"

    # Built again without errors: the input errors are gone from its report.
    write_reports(BuildResult([gemeente(HEER, "'s-Heerenbrûk")], checked_on=datetime.date(2026, 3, 7)), reports)
    index, _ = reports_of(reports)
    assert index.row("'s-Heerenbrûk")[1] == "7 maart 2026" and index.row("'s-Heerenbrûk")[-1] == "geen"


def test_report_from_an_older_version_is_shown_without_a_made_up_date(tmp_path):
    reports = tmp_path / "reports"
    (reports / "oud-dorp").mkdir(parents=True)
    old = {"gemeente": "oud-dorp", "naam": "Oud-Dorp", "gepubliceerd": True, "paginas": [{"pagina": "/oud-dorp/", "uitslag": "goed", "uit_cache": False, "fout": None}],
           "bevindingen_voor_de_browser": [], "bevindingen": [], "uitzonderingen_toegepast": []}
    (reports / "oud-dorp" / "accessibility.json").write_text(json.dumps(old), encoding="utf-8")
    write_reports(BuildResult([gemeente(SINT, "Sint-Ménadorp")], checked_on=datetime.date(2026, 3, 5)), reports)
    index, junit = reports_of(reports)
    assert index.row("Oud-Dorp")[1:3] == ["onbekend", "1"]
    assert [s.get("name") for s in junit] == ["oud-dorp", SINT]


def test_report_headings_say_what_each_column_holds(tmp_path):
    reports = tmp_path / "reports"
    failed = gemeente(SINT, "Sint-Ménadorp", problem=True)
    failed.pages[0].ignored = [(Finding(f"/{SINT}/", "axe", "region", "", "Inhoud buiten een landmark"), type("E", (), {"regel": "region", "paginas": "*", "reden": "Testgeval."})())]
    write_reports(BuildResult([failed], checked_on=datetime.date(2026, 3, 5)), reports)
    headings = Tables((reports / "index.html").read_text(encoding="utf-8")).headings
    assert "Toetsregel" in headings and "Datum van de laatste toets" in headings and "Waar aanpassen (bestand en regelnummer)" in headings
    assert not [h for h in headings if h.lower() in ("regel", "wat", "wcag")], "no heading that could mean two things"


# --- real builds ---------------------------------------------------------------------------------


def break_config(municipalities: Path) -> Path:
    """Two mistakes in 's-Heerenbrûk's YAML: a phone number and a postcode."""
    config = municipalities / f"{HEER}.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('telefoon: "0123 45 67 89"', 'telefoon: "bel ons"', 1).replace("postcode: 9999 AA", "postcode: 99999", 1)
    config.write_text(text, encoding="utf-8")
    return config


@pytest.fixture
def published(built_site, example_reports, tmp_path) -> dict[str, Path]:
    """A copy of the example build's site/, reports/ and gate cache, to build on."""
    paths = {"site": tmp_path / "site", "reports": tmp_path / "reports", "work": tmp_path / "werk"}
    shutil.copytree(built_site, paths["site"])
    shutil.copytree(example_reports, paths["reports"])
    paths["work"].mkdir()
    shutil.copyfile(built_site.parent / "werk" / "toetscache.json", paths["work"] / "toetscache.json")
    return paths


def test_one_bad_gemeente_does_not_stop_the_others(published, built_site, tmp_path):
    site, reports = published["site"], published["reports"]
    municipalities = copy_examples(tmp_path / "municipalities")
    config = break_config(municipalities)
    with pytest.raises(InvalidInput) as alone:
        load_all([config])
    heer_site = tree_digest(site / HEER)
    shutil.rmtree(site / SINT)  # so this build must publish it again
    stored = json.loads((reports / HEER / "accessibility.json").read_text(encoding="utf-8"))
    stored["gecontroleerd_op"] = "2025-11-03"
    (reports / HEER / "accessibility.json").write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")

    result = build(output=site, municipalities=municipalities, work=published["work"], reports=reports)

    (invalid,) = result.invalid
    assert invalid.slug == HEER and invalid.diagnostics == alone.value.diagnostics, "every problem, as validate reports them"
    assert [d.key for d in invalid.diagnostics if not d.is_warning] == ["contact.telefoon", "contact.bezoekadres.postcode"]
    assert result.exit_code == ExitCode.INVALID_INPUT and result.checks_passed and not result.passed
    (built,) = result.gemeenten
    assert built.slug == SINT and built.published
    assert tree_digest(site / SINT) == tree_digest(built_site / SINT)
    assert tree_digest(site / HEER) == heer_site, "the bad gemeente's published site stays exactly as it was"
    overview = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="{HEER}/"' in overview and f'href="{SINT}/"' in overview, "the overview keeps linking the site that stays"

    index, junit = reports_of(reports)
    heer_row = [r for r in index.rows if r and r[0] == "'s-Heerenbrûk aan de Vliet"][0]
    assert heer_row[1] == "3 november 2025" and heer_row[-1].startswith("2 fouten, niet gebouwd op ")
    assert index.row("Sint-Ménadorp")[1] != "3 november 2025"
    assert {s.get("name"): s.get("errors") for s in junit} == {HEER: "1", SINT: "0"}


def test_a_gemeente_whose_pages_have_a_broken_link_does_not_stop_the_others(published, tmp_path):
    page = "# Een extra pagina\n\nZie [de pagina die er niet is](bestaat-niet.md).\n"
    municipalities = examples_with_extra_page(tmp_path / "municipalities", "link.md", "Link", page)
    before = tree_digest(published["site"] / SINT)

    result = build(output=published["site"], municipalities=municipalities, work=published["work"])

    (invalid,) = result.invalid
    assert invalid.slug == SINT
    assert [d.format().split("municipalities/")[-1] for d in invalid.diagnostics] == [
        "extra/link.md:3: de link 'bestaat-niet.md' gaat naar een pagina die niet bestaat\n    tip: controleer de link en het anker"
    ]
    assert [g.slug for g in result.gemeenten if g.published] == [HEER]
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert tree_digest(published["site"] / SINT) == before


def test_one_named_bad_gemeente_stops_as_before(tmp_path):
    municipalities = copy_examples(tmp_path / "municipalities")
    config = break_config(municipalities)
    with pytest.raises(InvalidInput) as alone:
        load_all([config])
    with pytest.raises(InvalidInput) as caught:
        build([HEER], output=tmp_path / "site", municipalities=municipalities, work=tmp_path / "werk")
    assert caught.value.diagnostics == alone.value.diagnostics
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").iterdir())
