"""The accessibility gate in real Chromium: it fails bad pages, passes good ones, and never turns
a crash into a green build."""

from __future__ import annotations

from pathlib import Path

import pytest

from keukentafel.diagnostics import ToolFailed
from keukentafel.gate.browser import MAX_PER_REGION, Finding, Target, criterion_for, keyboard_findings, parse_page, run_browser_checks
from keukentafel.rendering.render import RenderedPage
from keukentafel.gate.sources import locate, region_template

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


# --- keyboard checks: a Tab walk at 320 and 1280 px, and the header's menu and search ------------

KEYBOARD_FIXTURES = {
    # failing fixture → (passing fixture, finding code)
    "focusbaar-onzichtbaar.html": ("focusbaar-zichtbaar.html", "toetsenbord:onzichtbaar-focusbaar"),
    "focus-bedekt.html": ("focus-niet-bedekt.html", "toetsenbord:focus-onder-vaste-balk"),
    "focusring-zwak.html": ("focusring-sterk.html", "toetsenbord:focusring-te-zwak"),
    "bediening-zonder-naam.html": ("bediening-met-naam.html", "toetsenbord:bediening-zonder-naam"),
    "menu-focus-kwijt.html": ("menu-focus-terug.html", "toetsenbord:menu"),
}


@pytest.fixture(scope="module")
def keyboard_run():
    """Each fixture page is a site of its own: shapes are shared per site, and the header controls
    are checked once per site."""
    names = [name for pair in KEYBOARD_FIXTURES.items() for name in (pair[0], pair[1][0])]
    targets = [Target(name.removesuffix(".html"), HTML, [f"/{name}"]) for name in names]
    # One site with two pages that share a header: walked once, reported on both.
    targets.append(Target("thema", HTML, ["/thema-herhaald.html?pagina=1", "/thema-herhaald.html?pagina=2"]))
    run = run_browser_checks(targets)
    return {page.path: page for page in run.pages}


def keyboard(page) -> list:
    return [f for f in page.findings if f.code.startswith("toetsenbord:")]


@pytest.mark.parametrize("failing", list(KEYBOARD_FIXTURES))
def test_keyboard_fixture_fails_and_its_twin_passes(keyboard_run, failing):
    passing, code = KEYBOARD_FIXTURES[failing]
    bad = keyboard_run[f"/{failing.removesuffix('.html')}/{failing}"]
    good = keyboard_run[f"/{passing.removesuffix('.html')}/{passing}"]
    assert bad.error is None and good.error is None
    assert code in {f.code for f in keyboard(bad)}, bad.findings
    assert good.findings == [], good.findings


def test_hidden_focusable_elements_at_both_widths(keyboard_run):
    page = keyboard_run["/focusbaar-onzichtbaar/focusbaar-onzichtbaar.html"]
    messages = sorted(f.message for f in keyboard(page))
    assert messages == sorted(
        [
            'bij 320 px krijgt de link "Start" de focus met Tab, maar is dan niet te zien: het staat buiten het scherm',
            'bij 320 px krijgt de link "Het gesprek" de focus met Tab, maar is dan niet te zien: het staat buiten het scherm',
            'bij 320 px krijgt de link "Een doorzichtige link" de focus met Tab, maar is dan niet te zien: het is doorzichtig',
            'bij 1280 px krijgt de link "Start" de focus met Tab, maar is dan niet te zien: het staat buiten het scherm',
            'bij 1280 px krijgt de link "Het gesprek" de focus met Tab, maar is dan niet te zien: het staat buiten het scherm',
            'bij 1280 px krijgt de link "Een doorzichtige link" de focus met Tab, maar is dan niet te zien: het is doorzichtig',
        ]
    )
    assert {f.criterion for f in keyboard(page)} == {"2.4.7"}
    assert {f.selector for f in keyboard(page)} >= {"body > nav > ul > li:nth-of-type(1) > a", "body > main > p:nth-of-type(2) > a"}


def test_focus_under_a_fixed_bar(keyboard_run):
    (found, at_1280) = keyboard(keyboard_run["/focus-bedekt/focus-bedekt.html"])
    assert found.message == (
        'bij 320 px valt de link "Naar de eerste pagina" met de focus voor 100% onder een vaste balk (body > header); '
        "tip: scroll-padding-top of scroll-margin zo groot als de balk"
    )
    assert found.criterion == "2.4.11" and at_1280.message.startswith("bij 1280 px valt de link")


def test_faint_focus_ring_and_no_focus_style(keyboard_run):
    found = keyboard(keyboard_run["/focusring-zwak/focusring-zwak.html"])
    assert [f.message for f in found if "320" in f.message] == [
        'bij 320 px verschilt de focusring van de link "het gesprek" maar 1,6:1 van de toestand zonder focus (minstens 3:1)',
        'bij 320 px is niet te zien dat de knop "Opslaan" de focus heeft: er verandert niets',
    ]
    assert {f.criterion for f in found} == {"2.4.7, 1.4.11"}


def test_control_without_role_or_name(keyboard_run):
    found = keyboard(keyboard_run["/bediening-zonder-naam/bediening-zonder-naam.html"])
    assert [f.message for f in found if "320" in f.message] == [
        "bij 320 px is het element <div> zonder tekst een Tab-stop zonder rol en zonder naam",
        "bij 320 px heeft de knop zonder tekst (rol button) geen naam",
    ]
    assert {f.criterion for f in found} == {"4.1.2"}


def test_menu_that_loses_focus_on_escape(keyboard_run):
    (found,) = keyboard(keyboard_run["/menu-focus-kwijt/menu-focus-kwijt.html"])
    assert found.message == "bij 320 px gaat na Escape de focus niet terug naar de menuknop (maar naar de pagina)"
    assert (found.criterion, found.selector) == ("2.4.3", "#menuknop")


def test_theme_region_walked_once_is_reported_on_every_page(keyboard_run):
    first, second = (keyboard(keyboard_run[f"/thema/thema-herhaald.html?pagina={n}"]) for n in (1, 2))
    assert [(f.code, f.message, f.selector, f.region) for f in first] == [(f.code, f.message, f.selector, f.region) for f in second]
    assert [f.message for f in first] == [
        'bij 320 px krijgt de link "Verborgen link in de kop" de focus met Tab, maar is dan niet te zien: het staat buiten het scherm',
        'bij 1280 px krijgt de link "Verborgen link in de kop" de focus met Tab, maar is dan niet te zien: het staat buiten het scherm',
    ]
    assert {f.region for f in first} == {".md-header"}


def test_keyboard_checks_can_be_left_out():
    run = run_browser_checks([Target("fixtures", HTML, ["/focusring-zwak.html"])], keyboard=False)
    assert not keyboard(run.pages[0])


def test_keyboard_findings_from_stored_json():
    record = {
        "id": "/x/gesprek/",
        "keyboard": {
            "walks": [
                {
                    "width": 320,
                    "stops": 3,
                    "measured": 3,
                    "findings": [
                        {"check": "onzichtbaar-focusbaar", "reason": "buiten-beeld", "selector": "nav a", "region": ".md-sidebar--primary", "inArticle": False, "tag": "a", "text": "Start"},
                        {"check": "focus-onder-vaste-balk", "covered": 0.6, "bar": "header", "barRegion": ".md-header", "selector": "article a", "region": "", "inArticle": True, "tag": "a", "text": "Lees meer"},
                        {"check": "focusring-te-zwak", "contrast": 1.84, "changed": 120, "selector": "footer a", "region": ".md-footer", "tag": "a", "text": "Volgende"},
                    ],
                }
            ],
            "controls": {"width": 320, "findings": [{"check": "zoeken", "problem": "niet-bereikbaar", "selector": "label", "region": ".md-header", "tag": "label", "text": ""}]},
        },
    }
    found = parse_page(record).findings
    assert [(f.code, f.criterion, f.region, f.in_article) for f in found] == [
        ("toetsenbord:onzichtbaar-focusbaar", "2.4.7", ".md-sidebar--primary", False),
        ("toetsenbord:focus-onder-vaste-balk", "2.4.11", ".md-header", False),
        ("toetsenbord:focusring-te-zwak", "2.4.7, 1.4.11", ".md-footer", False),
        ("toetsenbord:zoeken", "2.1.1", ".md-header", False),
    ]
    assert found[2].message == 'bij 320 px verschilt de focusring van de link "Volgende" maar 1,8:1 van de toestand zonder focus (minstens 3:1)'
    assert found[3].message == "bij 320 px is de zoekknop (het element <label> zonder tekst) niet met Tab te bereiken"


def test_many_hidden_stops_in_one_region_are_summed_up():
    hidden = [{"check": "onzichtbaar-focusbaar", "reason": "buiten-beeld", "selector": f"nav li:nth-of-type({i}) a", "region": ".md-sidebar--primary", "tag": "a", "text": f"Pagina {i}"} for i in range(14)]
    found = keyboard_findings("/x/", {"walks": [{"width": 320, "findings": hidden}]})
    assert len(found) == MAX_PER_REGION + 1
    assert found[-1].message == "bij 320 px nog 4 Tab-stops in .md-sidebar--primary met hetzelfde probleem"


def test_keyboard_findings_point_at_what_to_change():
    ring = Finding("/x/gesprek/", "keukentafel", "toetsenbord:focusring-te-zwak", "2.4.7, 1.4.11", "m", "article a", in_article=True, element_text="Lees meer")
    assert locate(ring, {}).source == "templates/assets/keukentafel.css (focusstijl)"
    bar = Finding("/x/gesprek/", "keukentafel", "toetsenbord:focus-onder-vaste-balk", "2.4.11", "m", "article a", region=".md-header")
    assert locate(bar, {}).source == region_template(".md-header")
    drawer = Finding("/x/gesprek/", "keukentafel", "toetsenbord:onzichtbaar-focusbaar", "2.4.7", "m", "nav a", region=".md-sidebar--primary")
    assert locate(drawer, {}).source == region_template(".md-sidebar--primary")
    page = RenderedPage("gesprek.md", "Het gesprek", ["# Het gesprek", "", "Zie [de woordenlijst](woordenlijst.md)."], [("content/gesprek.md", 1), ("content/gesprek.md", 2), ("content/gesprek.md", 9)])
    content = Finding("/x/gesprek/", "keukentafel", "toetsenbord:bediening-zonder-naam", "4.1.2", "m", "article a", in_article=True, element_text="de woordenlijst")
    assert locate(content, {"gesprek.md": page}).source == "content/gesprek.md:9"


def test_region_template_prefers_our_override(tmp_path):
    assert region_template(".md-header", tmp_path) == "thema: Material partials/header.html (kleuren: templates/assets/keukentafel.css)"
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "header.html").write_text("", encoding="utf-8")
    assert region_template(".md-header", tmp_path) == "templates/overrides/partials/header.html (kleuren: templates/assets/keukentafel.css)"
    (tmp_path / "partials" / "nav-item.html").write_text("", encoding="utf-8")
    assert region_template(".md-sidebar--primary", tmp_path) == "templates/overrides/partials/nav-item.html"
