"""Hardened pages: a Content-Security-Policy on every page, and a gate that fails a page without one
or a page that breaks it.

- What is built: every page of a site (the 404 page too) starts its <head> with the site's policy:
  only its own scripts, styles, images and fonts; there is no inline script, style or event
  handler left for the policy to block; every link to another site has rel="noopener noreferrer".
  The standalone pages (overview, review bundle) allow exactly their one style block, by hash.
- The gate: csp-ontbreekt, csp-te-ruim and csp-overtreden from real Chromium on fixture pages, in the
  same visit as the other checks, and from stored JSON.
- The example site works under its policy: search (index and worker), the menu, the plan form with
  its storage, and printing, without a single violation.
"""

from __future__ import annotations

import base64
import hashlib
import re
import types
from html.parser import HTMLParser
from pathlib import Path

import playwright.sync_api as sync_api
import pytest

from conftest import ROOT
from keukentafel.site import mkdocs_hooks
from keukentafel.config.loader import load_all, path_for_slug
from keukentafel.gate.browser import (
    CSP_TEMPLATE,
    LAUNCH_ARGS,
    Target,
    csp_findings,
    csp_weaknesses,
    find_chromium,
    parse_page,
    parse_policy,
    run_browser_checks,
    serve_directory,
)
from keukentafel.pipeline import with_statement
from keukentafel.rendering.render import render_site
from keukentafel.rendering.safe_markdown import SafeMarkdown
from keukentafel.site.mkdocs_site import build_site, content_security_policy

HTML = Path(__file__).resolve().parent / "fixtures" / "html"
SLUG = "s-heerenbruk-aan-de-vliet"  # the example with a logo, an extra page and every link


# --- the policy and its judgement (pure) ------------------------------------------------------------


def test_the_site_policy_allows_only_the_site_itself():
    policy = parse_policy(content_security_policy())
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert policy["connect-src"] == policy["worker-src"] == ["'self'"], "the search index and its worker"
    assert csp_weaknesses([content_security_policy()]) == []


def test_the_gate_judges_a_policy_that_allows_inline_scripts_too_loose():
    loose = content_security_policy().replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    assert csp_weaknesses([loose]) == ["script-src (of default-src) staat 'unsafe-inline' toe"]


def test_mkdocs_hooks_add_safe_markdown_once():
    config = types.SimpleNamespace(markdown_extensions=["toc"], extra={})
    mkdocs_hooks.on_config(config)
    mkdocs_hooks.on_config(config)
    assert sum(isinstance(e, SafeMarkdown) for e in config.markdown_extensions) == 1


def test_findings_from_stored_json():
    missing = csp_findings("/x/", {"policies": [], "violations": []})
    assert [(f.code, f.source) for f in missing] == [("csp-ontbreekt", CSP_TEMPLATE)]
    assert missing[0].message == (
        "de pagina heeft geen Content-Security-Policy: zet bovenaan in <head> een "
        '<meta http-equiv="Content-Security-Policy"> die alleen de eigen scripts, stijlen en afbeeldingen van de site toestaat'
    )
    loose = csp_findings("/x/", {"policies": ["default-src *; script-src 'self' 'unsafe-eval'"], "violations": []})
    assert [f.message for f in loose] == [
        "de Content-Security-Policy is te ruim: script-src (of default-src) staat 'unsafe-eval' toe; object-src is niet 'none'; base-uri ontbreekt"
    ]
    style = {"directive": "style-src-attr", "blocked": "inline", "disposition": "enforce",
             "element": {"context": '<div class="plan-veld" style="--plan-regels: 4">', "selector": "div", "inArticle": True, "region": ""}}
    script = {"directive": "connect-src", "blocked": "https://elders.voorbeeld/x.json", "line": 12,
              "source": "http://127.0.0.1:1/assets/keukentafel/zoeken.js", "disposition": "enforce", "element": None}
    report_only = {**script, "disposition": "report"}
    violations = [style, style, style, script, report_only]
    found = csp_findings("/x/plan-invullen/", {"policies": [content_security_policy()], "violations": violations})
    assert [(f.code, f.message, f.in_article, f.source) for f in found] == [
        ("csp-overtreden", 'de Content-Security-Policy blokkeerde een style-attribuut (style-src-attr) bij <div class="plan-veld" style="--plan-regels: 4"> (3 keer op deze pagina)', True, ""),
        ("csp-overtreden", "de Content-Security-Policy blokkeerde het laden van https://elders.voorbeeld/x.json (connect-src) "
         "(door http://127.0.0.1:1/assets/keukentafel/zoeken.js, regel 12)", False, "templates/assets/zoeken.js"),
    ]


def test_a_page_that_could_not_be_checked_gets_no_csp_finding():
    assert parse_page({"id": "/x/", "error": "HTTP 404", "issues": [], "requests": [], "csp": {"policies": []}}).findings == []
    assert [f.code for f in parse_page({"id": "/x/", "issues": [], "requests": [], "csp": {"policies": []}}).findings] == ["csp-ontbreekt"]


STANDALONE = [p for p in sorted((ROOT / "templates").glob("*.html.j2")) if "Content-Security-Policy" in p.read_text(encoding="utf-8")]


def test_the_overview_and_the_review_bundle_have_a_policy():
    assert {p.name for p in STANDALONE} >= {"overzicht.html.j2", "review.html.j2"}


@pytest.mark.parametrize("template", STANDALONE, ids=lambda p: p.name)
def test_a_standalone_page_allows_exactly_its_own_style_block(template):
    text = template.read_text(encoding="utf-8")
    (style,) = re.findall(r"<style>(.*?)</style>", text, re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    policy = parse_policy(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text).group(1))
    assert policy["style-src"] == [f"'sha256-{digest}'"], "recompute the hash after changing the style block"
    assert csp_weaknesses([";".join(f"{k} {' '.join(v)}" for k, v in policy.items())]) == []
    assert "<script" not in text


# --- what is built -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """One example site, built with MkDocs only (the gate is tested on fixtures below)."""
    base = tmp_path_factory.mktemp("csp")
    (loaded,) = load_all([path_for_slug(SLUG)])
    build_site(loaded, with_statement(render_site(loaded), loaded, None), base / "werk", base / "site")
    return base / "site"


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head: list[tuple[str, dict]] = []  # the elements of <head>, in order
        self.in_head = False
        self.scripts: list[dict] = []
        self.styles = 0
        self.style_attributes: list[str] = []
        self.handlers: list[str] = []
        self.external_links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        if tag == "head":
            self.in_head = True
        elif self.in_head:
            self.head.append((tag, values))
        if tag == "script":
            self.scripts.append(values)
        if tag == "style":
            self.styles += 1
        if "style" in values:
            self.style_attributes.append(tag)
        self.handlers += [f"{tag} {k}" for k in values if k.startswith("on")]
        if tag == "a" and re.match(r"https?://", values.get("href", "")):
            self.external_links.append(values)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def _read(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_starts_with_the_site_policy_and_leaves_it_nothing_to_block(site):
    pages = sorted(site.rglob("*.html"))
    assert site / "404.html" in pages and len(pages) >= 28
    links = 0
    for page in pages:
        read = _read(page)
        (first, attrs), rest = read.head[1], read.head[2:]
        assert read.head[0][0] == "meta" and "charset" in read.head[0][1], page
        policy = (first, attrs.get("http-equiv"), attrs.get("content"))
        assert policy == ("meta", "Content-Security-Policy", content_security_policy()), page
        assert not [t for t, a in rest if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"], page
        inline = [s for s in read.scripts if not s.get("src") and s.get("type") != "application/json"]
        assert inline == [] and read.styles == 0 and read.style_attributes == [] and read.handlers == [], page
        for link in read.external_links:
            assert {"noopener", "noreferrer"} <= set(link.get("rel", "").split()), (page, link)
        links += len(read.external_links)
    assert links > 20, "the pages link to laws, forms and the cliëntondersteuning"


# --- the gate, in Chromium ---------------------------------------------------------------------------

FIXTURES = ["/csp-ontbreekt.html", "/csp-te-ruim.html", "/csp-overtreden.html", "/csp-in-orde.html"]


@pytest.fixture(scope="module")
def gate_run() -> dict:
    run = run_browser_checks([Target("fixtures", HTML, FIXTURES)])
    return {page.path.removeprefix("/fixtures"): page for page in run.pages}


def csp(page) -> list:
    return [f for f in page.findings if f.code.startswith("csp-")]


def test_a_page_without_a_policy_fails(gate_run):
    page = gate_run["/csp-ontbreekt.html"]
    assert page.error is None
    assert [f.code for f in page.findings] == ["csp-ontbreekt"]


def test_a_policy_that_lets_any_script_run_fails(gate_run):
    (found,) = csp(gate_run["/csp-te-ruim.html"])
    assert found.message == "de Content-Security-Policy is te ruim: script-src (of default-src) staat 'unsafe-inline' toe; object-src is niet 'none'; base-uri ontbreekt"


def test_everything_the_policy_blocks_is_a_finding(gate_run):
    messages = sorted(f.message for f in csp(gate_run["/csp-overtreden.html"]))
    assert messages == sorted(
        [
            "de Content-Security-Policy blokkeerde een <style>-blok in de pagina (style-src-elem) bij <style>",
            'de Content-Security-Policy blokkeerde een style-attribuut (style-src-attr) bij <p style="font-weight: 700">',
            "de Content-Security-Policy blokkeerde een event-handler-attribuut (zoals onclick) (script-src-attr) bij "
            "<button type=\"button\" onclick=\"this.textContent = 'geklikt'\">",
            "de Content-Security-Policy blokkeerde het laden van https://voorbeeld.invalid/plaatje.png (img-src)",
            "de Content-Security-Policy blokkeerde een script in de pagina zelf (<script> zonder src) (script-src-elem) bij <script>",
        ]
    )
    assert {f.criterion for f in csp(gate_run["/csp-overtreden.html"])} == {""}


def test_a_page_that_keeps_to_its_policy_passes_and_its_own_script_runs(gate_run):
    page = gate_run["/csp-in-orde.html"]
    assert page.error is None and page.findings == []


# --- the example site works under its policy ------------------------------------------------------------

RECORD = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(e.effectiveDirective + " " + e.blockedURI), true);
"""


def test_search_menu_plan_and_print_work_without_a_violation(site):
    with serve_directory(site) as origin, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 320, "height": 640})
            page.add_init_script(RECORD)
            violations = []

            def collect():
                violations.extend(page.evaluate("window.__cspViolations"))

            page.goto(origin + "/")
            assert page.evaluate("window.__md_scope.href") == origin + "/", "Material's helpers, from md-basis.js"
            page.locator("button.kt-menuknop").click()
            sync_api.expect(page.locator("#kt-menu")).to_be_visible()
            page.keyboard.press("Escape")
            page.locator("button.kt-zoekknop").click()
            page.locator("input.md-search__input").press_sequentially("gesprek", delay=20)
            sync_api.expect(page.locator(".md-search-result__link").first).to_be_visible(timeout=10000)
            collect()

            page.goto(origin + "/plan-invullen/")
            page.locator("textarea").first.fill("Ik wil graag zelf boodschappen doen.")
            page.locator("textarea").first.blur()
            stored = page.evaluate("JSON.stringify(Object.values(localStorage))")
            assert "zelf boodschappen" in stored
            page.emulate_media(media="print")
            lines = page.evaluate(
                "getComputedStyle(document.querySelector('.plan-veld textarea')).getPropertyValue('--plan-regels').trim()"
            )
            assert lines == page.evaluate("document.querySelector('.plan-veld:has(textarea)').dataset.regels")
            page.pdf()
            collect()

            page.goto(origin + "/404.html")
            collect()
            assert violations == []
        finally:
            browser.close()
