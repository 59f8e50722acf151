"""The content states each gemeente's own facts and the national legal facts, from one source each,
in plain language (measured on the rendered pages)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from keukentafel.config.loader import discover, load_all
from keukentafel.config.legal import load_wet
from keukentafel.config.pages import PAGES
from keukentafel.language.readability import EASY_AVERAGE_MAX, EASY_LONGEST_MAX, STANDARD_AVERAGE_MAX, measure_site, text_blocks
from keukentafel.rendering.render import page_context

ROOT = Path(__file__).resolve().parent.parent
GEMEENTEN = load_all(discover())


def page_text(site: Path, slug: str, page: str) -> str:
    path = site / slug / page / "index.html"
    return " ".join(text_blocks(path.read_text(encoding="utf-8")))


def weeks(n: int) -> str:
    return f"{n} {'week' if n == 1 else 'weken'}"


@pytest.mark.parametrize("gemeente", GEMEENTEN, ids=lambda g: g.slug)
def test_pages_state_the_gemeente_facts(built_site, gemeente):
    g = gemeente.gemeente
    termijn = page_context(gemeente)["termijn"]
    for page in ("", "makkelijk", "contact", "makkelijk/contact"):
        assert g.contact.telefoon in page_text(built_site, gemeente.slug, page), f"phone on {page or 'start'}"
    for page in ("iemand-meenemen", "makkelijk/iemand-meenemen", "contact"):
        text = page_text(built_site, gemeente.slug, page)
        assert g.clientondersteuning.organisatie in text, page
        assert g.clientondersteuning.telefoon in text, page
    for page in ("", "makkelijk"):
        text = page_text(built_site, gemeente.slug, page)
        assert weeks(termijn["onderzoek_weken"]) in text, f"promised investigation term on {page or 'start'}"
        assert weeks(termijn["beschikking_weken"]) in text, f"promised decision term on {page or 'start'}"
    assert weeks(termijn["beschikking_weken"]) in page_text(built_site, gemeente.slug, "na-het-gesprek")
    assert g.ombudsman.naam.removeprefix("de ") in page_text(built_site, gemeente.slug, "niet-eens")
    assert g.bezwaar.postadres.adres in page_text(built_site, gemeente.slug, "niet-eens")
    assert g.gesprek.gespreksvoerder in page_text(built_site, gemeente.slug, "gesprek")


@pytest.mark.parametrize("gemeente", GEMEENTEN, ids=lambda g: g.slug)
def test_pages_state_the_legal_facts_from_the_facts_file(built_site, gemeente):
    wet = load_wet()
    assert weeks(wet["bezwaar"]["termijn_weken"]) in page_text(built_site, gemeente.slug, "niet-eens")
    assert f"{wet['persoonlijk_plan']['termijn_dagen']} dagen" in page_text(built_site, gemeente.slug, "eigen-plan")
    assert f"{wet['persoonlijk_plan']['termijn_dagen']} dagen" in page_text(built_site, gemeente.slug, "makkelijk/eigen-plan")
    na = page_text(built_site, gemeente.slug, "na-het-gesprek")
    assert wet["eigen_bijdrage"]["bedrag_per_maand"] in html.unescape(na)
    assert weeks(wet["onderzoek"]["termijn_weken"]) in na, "the legal maximum for the investigation"
    assert wet["beschikking"]["bron"] in na or weeks(wet["beschikking"]["termijn_weken"]) in na


def test_gemeente_option_changes_the_text(built_site):
    """Signing the verslag counts as the aanvraag in one example and not in the other."""
    signing = {g.slug: g.gemeente.verslag.ondertekenen_is_aanvraag for g in GEMEENTEN}
    texts = {slug: page_text(built_site, slug, "na-het-gesprek") for slug in signing}
    assert signing == {"s-heerenbruk-aan-de-vliet": True, "sint-menadorp": False}
    assert texts["s-heerenbruk-aan-de-vliet"] != texts["sint-menadorp"].replace("Sint-Ménadorp", "'s-Heerenbrûk aan de Vliet")


NUMBER_WITH_UNIT = re.compile(r"\b\d+\s*(weken|week|dagen|dag|maanden|euro)\b|€\s*\d")


def test_no_fact_is_typed_into_a_page():
    """Terms and amounts come from variables: a number with a unit typed into content/ is a copied fact."""
    offenders = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if NUMBER_WITH_UNIT.search(re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", line)):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


@pytest.mark.parametrize("gemeente", GEMEENTEN, ids=lambda g: g.slug)
def test_sentence_lengths_meet_the_plain_language_targets(built_site, gemeente):
    measures = measure_site(built_site / gemeente.slug)
    assert len(measures) == 2 * len(PAGES) + 1, [m.page for m in measures]
    for m in measures:
        if m.easy:
            assert m.average <= EASY_AVERAGE_MAX, (m.page, m.average)
            assert m.longest <= EASY_LONGEST_MAX, (m.page, m.longest, m.longest_text)
        else:
            assert m.average <= STANDARD_AVERAGE_MAX, (m.page, m.average)


def test_twins_link_both_ways(built_site):
    for slug in ("sint-menadorp", "s-heerenbruk-aan-de-vliet"):
        standard = (built_site / slug / "gesprek" / "index.html").read_text(encoding="utf-8")
        easy = (built_site / slug / "makkelijk" / "gesprek" / "index.html").read_text(encoding="utf-8")
        assert re.search(r'href="\.\./makkelijk/gesprek/"[^>]*>Lees dit in makkelijke taal', standard)
        assert re.search(r'href="\.\./\.\./gesprek/"[^>]*>Lees de gewone tekst', easy)


def test_no_system_language_that_makes_residents_prove_need():
    banned = re.compile(r"\b(claim|claimen|indicatie|aanspraak|zelfredzaamheid)\b", re.I)
    offenders = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in sorted((ROOT / "content").rglob("*.md"))
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if banned.search(line)
    ]
    assert offenders == []
