"""The gate at full strength: findings point at the source, written exceptions, the cache,
the reports and the toegankelijkheidsverklaring."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import examples_with_extra_page
from keukentafel.gate.cache import GateCache
from keukentafel.config.loader import load_all, path_for_slug
from keukentafel.diagnostics import InvalidInput
from keukentafel.gate.exceptions import GateException, load_exceptions, split_ignored
from keukentafel.gate.browser import Finding, Target, run_browser_checks
from keukentafel.pipeline import build, site_pages_checked
from keukentafel.rendering.render import RenderedPage
from keukentafel.gate.sources import doc_path_for, locate
from keukentafel.report.statement import LABELS, check_day, status

FIXTURES = Path(__file__).resolve().parent / "fixtures"

BROKEN_PAGE = """# Een kapotte extra pagina

Hieronder staat een knop zonder naam en een invulveld zonder label.

<form><input type="text"> <button type="submit"></button></form>

Een plaatje zonder tekst: ![](data:image/gif;base64,R0lGODlhAQABAAAAACw=)
"""


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    """sint-menadorp with an inaccessible extra page, and a written exception for one rule."""
    base = tmp_path_factory.mktemp("kapot")
    municipalities = examples_with_extra_page(base / "municipalities", "kapot.md", "Kapot", BROKEN_PAGE)
    result = build(["sint-menadorp"], output=base / "site", municipalities=municipalities, work=base / "werk", reports=base / "reports", exceptions_file=FIXTURES / "uitzonderingen" / "knop.yml")
    return result, base


def test_browser_finding_points_at_the_markdown_line(broken_build):
    result, _ = broken_build
    (g,) = result.gemeenten
    label = [f for f in g.browser_findings if f.code == "label" and f.page == "/sint-menadorp/extra/kapot/"]
    assert label and label[0].source.endswith("municipalities/extra/kapot.md:5"), label[0].source


def test_static_finding_points_at_the_markdown_line(broken_build):
    result, _ = broken_build
    (g,) = result.gemeenten
    found = [(f.file.split("municipalities/")[-1], f.line, f.code) for f in g.source_findings]
    assert found == [("extra/kapot.md", 7, "afbeelding-zonder-alt")]


def test_written_exception_sets_a_finding_aside_and_is_reported(broken_build):
    result, base = broken_build
    (g,) = result.gemeenten
    assert not any(f.code == "button-name" for f in g.browser_findings)
    assert [(f.code, e.reden[:10]) for f, e in g.ignored] == [("button-name", "Testgeval.")]
    assert not g.published
    report = json.loads((base / "reports" / "sint-menadorp" / "accessibility.json").read_text(encoding="utf-8"))
    assert [u["code"] for u in report["uitzonderingen_toegepast"]] == ["button-name"]
    assert {"runner", "code", "criterion", "page", "selector", "source"} <= set(report["bevindingen"][0])
    junit = (base / "reports" / "junit.xml").read_text(encoding="utf-8")
    assert '<testsuite name="sint-menadorp"' in junit and "<failure" in junit


def test_exceptions_file_needs_a_reason_and_one_rule():
    with pytest.raises(InvalidInput) as caught:
        load_exceptions(FIXTURES / "uitzonderingen" / "zonder-reden.yml")
    assert [d.format().split("/")[-1] for d in caught.value.diagnostics] == [
        "zonder-reden.yml:2: uitzonderingen[0].reden: een uitzondering heeft een geschreven reden van minstens 20 tekens\n"
        "    tip: leg uit waarom dit geen probleem is voor inwoners",
        "zonder-reden.yml:4: uitzonderingen[1].regel: '*' zou elke regel uitzetten\n    tip: noem één regel",
    ]


def test_split_ignored_matches_rule_and_page_pattern():
    rule = GateException("color-contrast", "/*/woordenlijst/", "Een reden die lang genoeg is.")
    hit = Finding("/a/woordenlijst/", "axe", "color-contrast", "1.4.3", "m")
    other_page = Finding("/a/gesprek/", "axe", "color-contrast", "1.4.3", "m")
    other_rule = Finding("/a/woordenlijst/", "axe", "label", "1.3.1", "m")
    kept, ignored = split_ignored([hit, other_page, other_rule], [rule])
    assert kept == [other_page, other_rule] and ignored == [(hit, rule)]


def test_theme_findings_point_at_the_template():
    f = Finding("/x/gesprek/", "axe", "aria-dialog-name", "4.1.2", "m", ".md-search", region=".md-search")
    assert locate(f, {}).source == "templates/overrides/partials/search.html"
    page = RenderedPage("gesprek.md", "Het gesprek", ["# Het gesprek", "", "Zie [de woordenlijst](woordenlijst.md)."], [("content/gesprek.md", 1), ("content/gesprek.md", 2), ("content/gesprek.md", 9)])
    inside = Finding("/x/gesprek/", "axe", "link-name", "2.4.4", "m", "a", in_article=True, element_text="de woordenlijst")
    assert locate(inside, {"gesprek.md": page}).source == "content/gesprek.md:9"


def test_doc_path_for_directory_urls():
    assert doc_path_for("/x/") == "index.md"
    assert doc_path_for("/x/gesprek/") == "gesprek.md"
    assert doc_path_for("/x/makkelijk/") == "makkelijk/index.md"
    assert doc_path_for("/x/makkelijk/gesprek/") == "makkelijk/gesprek.md"
    assert doc_path_for("/x/extra/vervoer/") == "extra/vervoer.md"


def test_every_example_site_has_a_statement_that_passed_the_gate(example_build, built_site):
    result, _ = example_build
    for g in result.gemeenten:
        statement = [p for p in g.pages if p.path == f"/{g.slug}/toegankelijkheid/"]
        assert statement and not statement[0].findings and not statement[0].error
        html = (built_site / g.slug / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")
        assert f"Aantal geteste pagina's: {site_pages_checked(g)}, ook deze pagina." in html
        assert "Gevonden fouten: 0." in html
        assert "pa11y 10.0.0" in html and "axe-core 4." in html and "HTML_CodeSniffer 2." in html
        (loaded,) = load_all([path_for_slug(g.slug)])
        letter, _ = status(loaded.gemeente.toegankelijkheid, check_day())
        assert "WCAG-EM" in html and f"Deze website heeft status {letter}: {LABELS[letter]}." in html
        assert "Deze pagina wordt ingevuld" not in html


def test_reports_are_written_and_the_overview_is_accessible(example_reports):
    for slug in ("s-heerenbruk-aan-de-vliet", "sint-menadorp"):
        data = json.loads((example_reports / slug / "accessibility.json").read_text(encoding="utf-8"))
        assert data["gepubliceerd"] is True and data["bevindingen"] == []
        assert len(data["paginas"]) >= 22
    run = run_browser_checks([Target("rapporten", example_reports, ["/"])])
    assert run.pages[0].findings == [] and run.pages[0].error is None


def test_unchanged_pages_are_not_checked_again_unless_forced(built_site, tmp_path):
    """An unchanged gemeente is not built at all; when it is built again (here: its fingerprints
    are gone), its unchanged pages come from the gate cache."""
    work = tmp_path / "werk"
    first = build(["sint-menadorp"], output=tmp_path / "site", work=work)
    unchanged = build(["sint-menadorp"], output=tmp_path / "site", work=work)
    assert unchanged.gemeenten == [] and unchanged.unchanged == ["sint-menadorp"] and unchanged.passed
    (tmp_path / ".site-invoer.json").unlink()
    second = build(["sint-menadorp"], output=tmp_path / "site", work=work)
    (g1,), (g2,) = first.gemeenten, second.gemeenten
    assert g1.passed and g2.passed
    assert sum(p.cached for p in g2.pages) >= len(g2.pages) - 1, "only the statement page may be checked again"
    assert sum(p.cached for p in g1.pages) <= 1
    forced = GateCache(work / "toetscache.json", enabled=False)
    assert not any(forced.is_fresh(p.path, "x") for p in g2.pages)
    assert forced.versions["pa11y"] == "10.0.0", "versions survive in the cache for the statement"


def test_a_page_whose_tab_stops_were_all_judged_before_needs_no_tab_keys(built_site):
    """Shapes judged on one page are not walked again: the second visit of a page presses no key
    at 320 or 1280 px and reports the same stops. At 320 px this needs the closed drawer (which
    fades out after a width change) to count as hidden from the start of the walk."""
    site = built_site / "sint-menadorp"
    run = run_browser_checks([Target("sint-menadorp", site, ["/gesprek/?bezoek=1", "/gesprek/?bezoek=2"])], concurrency=1)
    first, second = run.pages
    assert [w["width"] for w in first.tab_walks] == [w["width"] for w in second.tab_walks] == [320, 1280]
    assert all(w["keys"] > 0 and w["stops"] > 10 for w in first.tab_walks), first.tab_walks
    assert [w["keys"] for w in second.tab_walks] == [0, 0], second.tab_walks
    assert [w["stops"] for w in second.tab_walks] == [w["stops"] for w in first.tab_walks]
    assert first.findings == second.findings == []
