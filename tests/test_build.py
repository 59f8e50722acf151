"""A full build of the example gemeenten with real MkDocs and real pa11y in real Chromium."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import examples_with_extra_page
from keukentafel import pipeline
from keukentafel.config.loader import load_all, discover
from keukentafel.pipeline import build
from keukentafel.rendering.render import render_site
from keukentafel.site.mkdocs_site import build_site

EXAMPLES = ["s-heerenbruk-aan-de-vliet", "sint-menadorp"]


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_examples_build_and_pass_the_gate(example_build):
    result, output = example_build
    assert [g.slug for g in result.gemeenten] == EXAMPLES
    for g in result.gemeenten:
        assert g.source_findings == []
        assert g.browser_findings == [], [(f.page, f.code, f.selector) for f in g.browser_findings]
        assert g.untested == []
        assert len(g.pages) >= 21, "every page and its twin is checked"
        assert g.published
        assert (output / g.slug / "index.html").is_file()
    assert result.passed
    assert result.versions["pa11y"] == "10.0.0"


def test_every_page_and_twin_exists_for_every_example(built_site):
    for slug in EXAMPLES:
        for name in ("", "gesprek/", "voorbereiden/", "eigen-plan/", "plan-invullen/", "iemand-meenemen/", "na-het-gesprek/", "niet-eens/", "woordenlijst/", "contact/"):
            assert (built_site / slug / name / "index.html").is_file(), f"{slug}/{name}"
            assert (built_site / slug / "makkelijk" / name / "index.html").is_file(), f"{slug}/makkelijk/{name}"


def test_overview_links_every_gemeente(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in html
    assert 'href="s-heerenbruk-aan-de-vliet/"' in html and "Gemeente &#39;s-Heerenbrûk aan de Vliet" in html
    assert 'href="sint-menadorp/"' in html and "Gemeente Sint-Ménadorp" in html


def test_pages_are_dutch_and_show_the_gemeente(built_site):
    html = (built_site / "sint-menadorp" / "gesprek" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in html
    assert "Sint-Ménadorp" in html
    assert "Lees dit in makkelijke taal" in html


def test_logo_has_the_configured_alternative_text(built_site):
    html = (built_site / "s-heerenbruk-aan-de-vliet" / "index.html").read_text(encoding="utf-8")
    assert "alt=\"Logo van de voorbeeldgemeente 's-Heerenbrûk aan de Vliet\"" in html or "alt=\"Logo van de voorbeeldgemeente &#39;s-Heerenbrûk aan de Vliet\"" in html
    assert 'alt="logo"' not in html


EXTERNAL_LOAD = re.compile(r"<(?:link|script|img|iframe|source|audio|video|embed|object)\b[^>]*\b(?:src|href|data)=[\"'](?:https?:)?//", re.I)
EXTERNAL_CSS = re.compile(r"url\(\s*[\"']?(?:https?:)?//|@import\s+[\"']?(?:https?:)?//", re.I)


def test_no_page_loads_anything_from_another_host(built_site, example_build):
    result, _ = example_build
    assert not [f for g in result.gemeenten for f in g.browser_findings if f.code == "extern-verzoek"]
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix == ".html" and EXTERNAL_LOAD.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path))
        if path.suffix == ".css" and EXTERNAL_CSS.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path))
    assert offenders == []
    assert "fonts.googleapis.com" not in "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))


def test_build_is_reproducible(tmp_path):
    """Same input, byte-identical output (site stage; the gate does not change files)."""
    gemeente = load_all(discover())[0]
    digests = []
    for run in ("a", "b"):
        build_site(gemeente, render_site(gemeente), tmp_path / f"werk-{run}", tmp_path / f"site-{run}")
        digests.append(tree_digest(tmp_path / f"site-{run}"))
    assert digests[0] == digests[1]
    assert len(digests[0]) > 40


BROKEN_PAGE = """# Een kapotte extra pagina

Hieronder staat een knop zonder naam en een invulveld zonder label.

<form><input type="text"> <button type="submit"></button></form>
"""


def test_failed_build_leaves_the_published_site_in_place(built_site, tmp_path):
    output = tmp_path / "site"
    shutil.copytree(built_site, output)
    before = tree_digest(output)
    municipalities = examples_with_extra_page(tmp_path / "municipalities", "kapot.md", "Kapot", BROKEN_PAGE)

    result = build(["sint-menadorp"], output=output, municipalities=municipalities, work=tmp_path / "werk")

    (gemeente,) = result.gemeenten
    assert not result.passed and not gemeente.published
    found = {(f.runner, f.code) for f in gemeente.browser_findings if f.page == "/sint-menadorp/extra/kapot/"}
    assert ("axe", "button-name") in found and ("axe", "label") in found
    assert tree_digest(output) == before, "the earlier site must stay exactly as it was"
    assert not list(tmp_path.glob(".bouw-*")), "the staging folder is removed"


def test_interrupted_build_leaves_the_published_site_in_place(built_site, tmp_path, monkeypatch):
    output = tmp_path / "site"
    shutil.copytree(built_site, output)
    before = tree_digest(output)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline.PageChecker, "wait", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(["sint-menadorp"], output=output, work=tmp_path / "werk")
    assert tree_digest(output) == before
    assert not list(tmp_path.glob(".bouw-*"))


def test_broken_link_is_reported_in_dutch_with_file_and_line(tmp_path):
    from keukentafel.diagnostics import InvalidInput

    page = "# Een extra pagina\n\nZie [de pagina die er niet is](bestaat-niet.md).\n\nEn [een kop die er niet is](../gesprek.md#geen-kop).\n"
    municipalities = examples_with_extra_page(tmp_path / "municipalities", "link.md", "Link", page)
    with pytest.raises(InvalidInput) as caught:
        build(["sint-menadorp"], output=tmp_path / "site", municipalities=municipalities, work=tmp_path / "werk")
    messages = [d.format().split("municipalities/")[-1] for d in caught.value.diagnostics]
    assert "extra/link.md:3: de link 'bestaat-niet.md' gaat naar een pagina die niet bestaat\n    tip: controleer de link en het anker" in messages
    assert "extra/link.md:5: de link '../gesprek.md#geen-kop' wijst naar het anker '#geen-kop', maar 'gesprek.md' heeft geen kop met dat anker\n    tip: controleer de link en het anker" in messages
    assert not (tmp_path / "site" / "sint-menadorp").exists()


def test_each_site_is_built_once_and_an_unchanged_gemeente_not_at_all(tmp_path, monkeypatch):
    """The statement page states the outcome from the first build on (the browser names its tool
    versions before the sites are built); a gemeente whose inputs did not change is not built
    again; --alles-opnieuw builds it anyway. A stand-in browser passes every page: what is tested
    is how often MkDocs builds, not the gate.
    """
    from keukentafel import workers
    from keukentafel.gate import check
    from test_publish import PassingBrowser

    monkeypatch.setattr(check, "BrowserSession", PassingBrowser)
    builds = []
    real = workers.build_site
    monkeypatch.setattr(workers, "build_site", lambda gemeente, *rest: builds.append(gemeente.slug) or real(gemeente, *rest))
    output = tmp_path / "site"

    (gemeente,) = build(["sint-menadorp"], output=output, work=tmp_path / "werk").gemeenten
    assert builds == ["sint-menadorp"], "one MkDocs build, also the first time"
    statement = (output / "sint-menadorp" / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")
    assert f"Aantal geteste pagina's: {pipeline.site_pages_checked(gemeente)}, ook deze pagina." in statement
    assert pipeline.site_pages_checked(gemeente) == len(gemeente.pages) - 3, "not the 404 page, not the plan form's second look"

    builds.clear()
    again = build(["sint-menadorp"], output=output, work=tmp_path / "werk")
    assert builds == [] and again.gemeenten == [] and again.unchanged == ["sint-menadorp"]
    assert again.exit_code == 0

    forced = build(["sint-menadorp"], output=output, work=tmp_path / "werk", force=True)
    assert builds == ["sint-menadorp"] and forced.gemeenten[0].published


def test_identical_pages_of_two_gemeenten_are_checked_once(tmp_path, monkeypatch):
    """Two gemeenten with the same settings make the same pages: the browser gets each page once,
    and both gemeenten get its result (here a finding on one page, reported for both)."""
    from keukentafel.gate import check
    from keukentafel.gate.browser import Finding, PageResult
    from test_publish import PassingBrowser

    sent: list[str] = []

    class CountingBrowser(PassingBrowser):
        def add(self, target) -> None:
            sent.extend(target.shown(path) for path in target.paths)
            for path in target.paths:
                shown = target.shown(path)
                findings = [Finding(shown, "axe", "color-contrast", "1.4.3", "te weinig contrast", "p")] if path == "/gesprek/" else []
                self.waiting.append(PageResult(shown, findings))

    monkeypatch.setattr(check, "BrowserSession", CountingBrowser)
    municipalities = tmp_path / "gemeenten"
    municipalities.mkdir()
    for slug in ("tweeling-a", "tweeling-b"):
        shutil.copyfile(pipeline.MUNICIPALITIES / "sint-menadorp.yml", municipalities / f"{slug}.yml")
    result = build(None, output=tmp_path / "site", municipalities=municipalities, work=tmp_path / "werk")
    a, b = result.gemeenten
    assert [p.path.split("/", 2)[2] for p in a.pages] == [p.path.split("/", 2)[2] for p in b.pages]
    site_pages_sent = [p for p in sent if p.startswith("/tweeling-")]
    assert len(site_pages_sent) == len(a.pages), "every page once, for one of the two"
    assert [f.page for f in a.browser_findings] == ["/tweeling-a/gesprek/"]
    assert [f.page for f in b.browser_findings] == ["/tweeling-b/gesprek/"]
    assert not a.passed and not b.passed
