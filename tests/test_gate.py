"""The accessibility gate in real Chromium: it fails bad pages, passes good ones, and never turns
a crash into a green build."""

from __future__ import annotations

from pathlib import Path

import pytest

from keukentafel.diagnostics import ToolFailed
from keukentafel.gate import Target, criterion_for, parse_page, run_browser_checks

HTML = Path(__file__).resolve().parent / "fixtures" / "html"
CRASHING_CHROMIUM = Path(__file__).resolve().parent / "fixtures" / "chromium-crasht.sh"


@pytest.fixture(scope="module")
def fixture_run():
    pages = ["/toegankelijk.html", "/ontoegankelijk.html", "/extern-verzoek.html", "/te-breed.html", "/tekst-valt-weg.html"]
    run = run_browser_checks([Target("fixtures", HTML, pages)])
    return {page.path.removeprefix("/fixtures"): page for page in run.pages}, run.versions


def codes(page) -> set[tuple[str, str]]:
    return {(f.runner, f.code) for f in page.findings}


def test_accessible_page_passes(fixture_run):
    pages, _ = fixture_run
    assert pages["/toegankelijk.html"].error is None
    assert pages["/toegankelijk.html"].findings == []


def test_inaccessible_page_fails_with_both_runners(fixture_run):
    pages, _ = fixture_run
    found = codes(pages["/ontoegankelijk.html"])
    assert ("axe", "color-contrast") in found
    assert ("axe", "image-alt") in found
    assert ("axe", "label") in found
    assert ("axe", "button-name") in found
    assert any(runner == "htmlcs" and "1_1_1.H37" in code for runner, code in found), found
    assert any(runner == "htmlcs" and "G18" in code for runner, code in found), found


def test_request_to_another_host_is_a_finding(fixture_run):
    pages, _ = fixture_run
    external = [f for f in pages["/extern-verzoek.html"].findings if f.code == "extern-verzoek"]
    assert [f.context for f in external] == ["https://fonts.googleapis.com/css?family=Roboto"]
    assert external[0].message == "de pagina laadt iets van een andere host: https://fonts.googleapis.com/css?family=Roboto"


def test_page_wider_than_320_px_is_a_finding(fixture_run):
    pages, _ = fixture_run
    reflow = [f for f in pages["/te-breed.html"].findings if f.code == "reflow-320"]
    assert len(reflow) == 1 and reflow[0].criterion == "1.4.10"
    assert all(f.code != "reflow-320" for f in pages["/toegankelijk.html"].findings)


def test_text_cut_off_at_200_percent_is_a_finding(fixture_run):
    pages, _ = fixture_run
    zoom = [f for f in pages["/tekst-valt-weg.html"].findings if f.code == "tekst-200-procent"]
    assert len(zoom) == 1 and zoom[0].criterion == "1.4.4"
    assert "Dit vak is precies 26 pixels hoog" in zoom[0].message
    assert all(f.code != "tekst-200-procent" for f in pages["/toegankelijk.html"].findings)


def test_versions_are_reported(fixture_run):
    _, versions = fixture_run
    assert versions["pa11y"] == "10.0.0"
    assert versions["axe-core"].startswith("4.")
    assert "Chrome" in versions["chromium"]


def test_missing_page_counts_as_failed_never_as_passed():
    run = run_browser_checks([Target("fixtures", HTML, ["/bestaat-niet.html"])])
    (page,) = run.pages
    assert page.error and "404" in page.error


def test_chromium_crash_mid_run_is_a_tool_failure(monkeypatch):
    monkeypatch.setenv("KEUKENTAFEL_CHROMIUM", str(CRASHING_CHROMIUM))
    monkeypatch.setenv("KEUKENTAFEL_CRASH_AFTER", "3")
    many = [f"/{name}?keer={i}" for i in range(15) for name in ("toegankelijk.html", "ontoegankelijk.html", "te-breed.html")]
    with pytest.raises(ToolFailed) as caught:
        run_browser_checks([Target("fixtures", HTML, many)])
    assert "de toegankelijkheidstoets in Chromium is mislukt" in str(caught.value)


def test_parse_page_keeps_only_errors_and_adds_own_checks():
    record = {
        "id": "/x/",
        "url": "http://127.0.0.1:1/",
        "issues": [
            {"type": "error", "runner": "htmlcs", "code": "WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail", "message": "laag contrast", "selector": "p"},
            {"type": "warning", "runner": "axe", "code": "region", "message": "waarschuwing"},
        ],
        "requests": ["https://cdn.example/x.js"],
        "reflow": {"overflow": 280, "widest": "p.vast"},
        "zoom": {"clipped": []},
    }
    page = parse_page(record)
    assert [(f.runner, f.code, f.criterion) for f in page.findings] == [
        ("htmlcs", "WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail", "1.4.3"),
        ("keukentafel", "extern-verzoek", ""),
        ("keukentafel", "reflow-320", "1.4.10"),
    ]


def test_criterion_for_axe_and_htmlcs():
    assert criterion_for("htmlcs", "WCAG2AA.Principle2.Guideline2_4.2_4_4.H77") == "2.4.4"
    assert criterion_for("axe", "image-alt") == "1.1.1"
    assert criterion_for("axe", "onbekende-regel") == ""


def test_request_to_another_host_is_caught_in_a_reused_tab():
    """One tab checks page after page; a request on the second page must still be recorded."""
    run = run_browser_checks([Target("fixtures", HTML, ["/toegankelijk.html", "/extern-verzoek.html"])], concurrency=1)
    assert [f.code for f in run.pages[1].findings if f.runner == "keukentafel"] == ["extern-verzoek"]
