"""Every legal statement a resident may act on is right, on every shared page and its twin.

One test per rule from the legal review (issue 9), read from the built pages of both example
gemeenten. The two examples differ in every option that changes a legal sentence: 's-Heerenbrûk
promises a faster investigation, counts signing the verslag as the aanvraag, pays interpreters and
has an out-of-hours number; Sint-Ménadorp sets none of these.
"""

from __future__ import annotations

import re

import pytest
from site_text import EASY_PAGES, SHARED_PAGES, STANDARD_PAGES, all_sentences, near, text

from keukentafel.config.loader import discover, load_all
from keukentafel.config.legal import load_wet
from keukentafel.rendering.render import page_context

WET = load_wet()
GEMEENTEN = {g.slug: g for g in load_all(discover())}
SLUGS = sorted(GEMEENTEN)
BEZWAAR_WEKEN = WET["bezwaar"]["termijn_weken"]
ONDERZOEK_WEKEN = WET["onderzoek"]["termijn_weken"]


def test_the_examples_differ_in_every_option_that_changes_a_legal_sentence():
    rijk, kaal = GEMEENTEN["s-heerenbruk-aan-de-vliet"].gemeente, GEMEENTEN["sint-menadorp"].gemeente
    assert page_context(GEMEENTEN["s-heerenbruk-aan-de-vliet"])["termijn"]["onderzoek_sneller"]
    assert not page_context(GEMEENTEN["sint-menadorp"])["termijn"]["onderzoek_sneller"]
    assert (rijk.verslag.ondertekenen_is_aanvraag, kaal.verslag.ondertekenen_is_aanvraag) == (True, False)
    assert (rijk.gesprek.tolk.betaalt_gemeente, kaal.gesprek.tolk.betaalt_gemeente) == (True, None)
    assert rijk.spoed.telefoon and not kaal.spoed.telefoon
    assert rijk.eigen_bijdrage.toelichting and not kaal.eigen_bijdrage.toelichting
    assert rijk.wachttijden and not kaal.wachttijden


# 1. Spoed is a duty (Wmo 2015 art. 2.3.3): never "kan", always "moet".


@pytest.mark.parametrize("slug", SLUGS)
def test_spoed_is_a_duty_never_a_favour(built_site, slug):
    mentions, wrong = 0, []
    for page in SHARED_PAGES:
        for sentence in all_sentences(built_site, slug, page):
            if re.search(r"\bspoed", sentence, re.I):
                mentions += 1
                if re.search(r"\bkan\b|\bmag\b|\bmisschien\b", sentence, re.I):
                    wrong.append(f"{page}: {sentence}")
    assert mentions >= 6
    assert wrong == []
    for page in ("", "makkelijk", "na-het-gesprek", "makkelijk/na-het-gesprek", "woordenlijst"):
        assert re.search(r"spoed[^.?!]*\bmoet\b|\bmoet\b[^.?!]*spoed|spoed[^.?!]*[.?!]\s*(Dan|De gemeente)[^.?!]*\bmoet\b", text(built_site, slug, page), re.I), page
    assert WET["spoed"]["bron"] in text(built_site, slug, "na-het-gesprek")


@pytest.mark.parametrize("slug", SLUGS)
def test_spoed_says_how_to_reach_help_outside_office_hours(built_site, slug):
    spoed_telefoon = GEMEENTEN[slug].gemeente.spoed.telefoon
    for page in ("", "makkelijk"):
        start = text(built_site, slug, page)
        assert re.search(rf"\b{WET['spoed']['noodnummer']}\b", start), page
        if spoed_telefoon:
            assert spoed_telefoon in start, page


# 2. Signing the verslag: remarks, still apply, no bezwaar against a verslag (Wmo 2.3.2 lid 8, 9; Awb 8:1).

NO_BEZWAAR_AGAINST_VERSLAG = re.compile(r"(geen|niet)\s[^.?!]*bezwaar[^.?!]*verslag|verslag[^.?!]*\s(geen|niet)\s[^.?!]*bezwaar", re.I)


@pytest.mark.parametrize("slug", SLUGS)
def test_verslag_pages_say_what_to_do_when_it_is_wrong(built_site, slug):
    for page in ("gesprek", "makkelijk/gesprek", "na-het-gesprek", "makkelijk/na-het-gesprek"):
        page_text = text(built_site, slug, page)
        assert NO_BEZWAAR_AGAINST_VERSLAG.search(page_text), f"{page}: bezwaar is only against the decision"
        assert re.search(r"opmerkingen|wat (er )?niet klopt", page_text, re.I), page
        assert "toch een aanvraag" in page_text, page


# 3. The bezwaar term runs on while you talk (Awb 6:7): the warning stands next to every "talk first".

TALK_FIRST = re.compile(r"praat (er )?eerst|eerst[^.?!]{0,40}\bpraten\b|eerst (even )?bellen", re.I)
TERM_RUNS_ON = re.compile(rf"{BEZWAAR_WEKEN} weken voor bezwaar (lopen|loopt)[^.?!]*door", re.I)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_bezwaar_warning_stands_next_to_every_talk_first(built_site, slug):
    talks = 0
    for page in SHARED_PAGES:
        page_text = text(built_site, slug, page)
        talks += len(TALK_FIRST.findall(page_text))
        assert near(page_text, TALK_FIRST, TERM_RUNS_ON, 300) == [], page
    assert talks >= 2, "both niet-eens pages advise talking first"


# 4. The aanvraag: in writing (Awb 4:1); also when you disagree; also after a late onderzoek (Wmo 2.3.2 lid 9).

WRITTEN = re.compile(r"schriftelijk|op papier", re.I)
DISAGREEING = re.compile(r"niet eens[^.?!]*\?\s*Dan mag u toch een aanvraag doen", re.I)
LATE = re.compile(rf"langer dan {ONDERZOEK_WEKEN} weken\?\s*Dan mag u (toch|ook)[^.?!]*aanvraag", re.I)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_page_that_mentions_the_aanvraag_gives_both_routes(built_site, slug):
    pages = [p for p in SHARED_PAGES if re.search(r"\baanvraag\b", text(built_site, slug, p), re.I)]
    assert {"", "makkelijk", "na-het-gesprek", "makkelijk/na-het-gesprek", "woordenlijst", "makkelijk/woordenlijst"} <= set(pages)
    missing = []
    for page in pages:
        page_text = text(built_site, slug, page)
        for name, pattern in (("schriftelijk", WRITTEN), ("ook als u het niet eens bent", DISAGREEING), ("na een te laat onderzoek", LATE)):
            if not pattern.search(page_text):
                missing.append(f"{page}: {name}")
    assert missing == []


# 5. A legal maximum is not a promise: only a gemeente that promises a shorter term "belooft".

PROMISE = re.compile(r"\bbelo(ofd|ven|ooft|ft|fte)|\bbelooft\b", re.I)


@pytest.mark.parametrize("slug", SLUGS)
def test_a_legal_maximum_is_never_called_a_promise(built_site, slug):
    termijn = page_context(GEMEENTEN[slug])["termijn"]
    promised = [f"{termijn['onderzoek_weken']} weken"] if termijn["onderzoek_sneller"] else []
    promised += [f"{termijn['beschikking_weken']} weken"] if termijn["beschikking_sneller"] else []
    wrong = []
    for page in SHARED_PAGES:
        for sentence in all_sentences(built_site, slug, page):
            if PROMISE.search(sentence) and not any(p in sentence for p in promised):
                wrong.append(f"{page}: {sentence}")
    assert wrong == []


def test_a_gemeente_without_a_promise_quotes_the_law(built_site):
    for page in ("", "makkelijk", "na-het-gesprek", "makkelijk/na-het-gesprek"):
        page_text = text(built_site, "sint-menadorp", page)
        assert not PROMISE.search(page_text), page
        assert re.search(rf"wet[^.?!]*{ONDERZOEK_WEKEN} weken", page_text), page


# 6. Gebruikelijke hulp, voluntary mantelzorg, the mantelzorger's own needs (Wmo 1.1.1; 2.3.2 lid 4b, 4d).


@pytest.mark.parametrize("slug", SLUGS)
def test_gebruikelijke_hulp_and_mantelzorg_are_explained(built_site, slug):
    for page in ("gesprek", "woordenlijst", "makkelijk/gesprek", "makkelijk/woordenlijst"):
        assert re.search(r"gebruikelijke hulp", text(built_site, slug, page), re.I), page
    gesprek = text(built_site, slug, "gesprek")
    assert re.search(r"vrijwillig", gesprek, re.I)
    assert WET["gebruikelijke_hulp"]["bron"] in gesprek
    assert WET["mantelzorger"]["bron"] in gesprek
    assert re.search(r"mantelzorger[^.?!]*(zelf|eigen)[^.?!]*(nodig|hulp|ondersteuning)", gesprek, re.I), "the mantelzorger's own needs"


# 7. Eigen bijdrage: at most the abonnementstarief, the verordening decides, and more (Wmo 2.1.4).


@pytest.mark.parametrize("slug", SLUGS)
def test_the_eigen_bijdrage_is_a_maximum_decided_by_the_verordening(built_site, slug):
    amount = WET["eigen_bijdrage"]["bedrag_per_maand"]
    shown_on = [p for p in SHARED_PAGES if amount in text(built_site, slug, p)]
    assert {"na-het-gesprek", "makkelijk/na-het-gesprek"} <= set(shown_on)
    for page in shown_on:
        for sentence in all_sentences(built_site, slug, page):
            if amount in sentence:
                assert re.search(r"hoogstens|ten hoogste|maximaal|niet meer dan", sentence, re.I), f"{page}: {sentence}"
    na = text(built_site, slug, "na-het-gesprek")
    for needed in (r"verordening", r"algemene voorziening[^.?!]*(geld|kost|betal)", r"niets", r"begint|start", r"stopt"):
        assert re.search(needed, na, re.I), needed
    toelichting = GEMEENTEN[slug].gemeente.eigen_bijdrage.toelichting
    if toelichting:
        assert toelichting.split(".")[0] in na
        assert toelichting.split(".")[0] not in text(built_site, slug, "makkelijk/na-het-gesprek")


# 8. Pgb: payments on your behalf, consequences explained, all conditions (Wmo 2.3.6 lid 2; 2.3.2 lid 6).

CASH_IN_HAND = re.compile(r"krijgt (u )?(het )?geld|u krijgt (een|het) budget|krijgt u (een|het) budget|geld op uw rekening", re.I)


@pytest.mark.parametrize("slug", SLUGS)
def test_a_pgb_is_not_cash_in_hand(built_site, slug):
    wrong = [f"{p}: {m.group(0)}" for p in SHARED_PAGES for m in CASH_IN_HAND.finditer(text(built_site, slug, p))]
    assert wrong == []
    na = text(built_site, slug, "na-het-gesprek")
    assert WET["pgb_of_natura"]["uitbetaler"].removeprefix("de ") in na
    for condition in ("veilig", "doeltreffend", "cliëntgericht"):
        assert condition in na, condition
    assert re.search(r"gevolgen|wat het voor u betekent als u ervoor kiest", na), "the consequences of choosing a pgb"


# 9. After bezwaar: hearing (Awb 7:2), beroep (8:1), voorlopige voorziening (8:81), beroep for not deciding (6:12).


@pytest.mark.parametrize("slug", SLUGS)
def test_niet_eens_explains_what_comes_after_bezwaar(built_site, slug):
    standard = text(built_site, slug, "niet-eens")
    for fact in ("horen", "beroep", "voorlopige_voorziening"):
        assert WET[fact]["bron"] in standard, fact
    for needed in (r"rechtbank", r"griffierecht", r"voorlopige voorziening", r"toelichten|horen"):
        assert re.search(needed, standard, re.I), needed
    easy = text(built_site, slug, "makkelijk/niet-eens")
    assert re.search(r"rechter", easy)
    assert re.search(r"uitleggen|vertellen|toelichten", easy)


# 10. A late decision: a new date (Awb 4:14), a stopped clock (4:15), at most 42 days of dwangsom (4:17), beroep (6:12).


@pytest.mark.parametrize("slug", SLUGS)
def test_a_late_decision_is_explained_in_full(built_site, slug):
    na = text(built_site, slug, "na-het-gesprek")
    for fact in ("verdaging", "opschorting", "te_laat_besluit"):
        assert WET[fact]["bron"] in na, fact
    assert f"{WET['te_laat_besluit']['dwangsom_max_dagen']} dagen" in na
    assert re.search(r"nieuwe datum", na)
    assert re.search(r"stil", na)
    assert re.search(r"beroep", na)
    assert f"{WET['te_laat_besluit']['dwangsom_max_dagen']} dagen" in text(built_site, slug, "makkelijk/na-het-gesprek")


# 11. Interpreters: who pays (gemeente setting), a sign-language interpreter via the national route.


@pytest.mark.parametrize("slug", SLUGS)
def test_interpreters_who_pays_and_sign_language(built_site, slug):
    pays = GEMEENTEN[slug].gemeente.gesprek.tolk.betaalt_gemeente
    for page in ("gesprek", "iemand-meenemen", "makkelijk/gesprek", "makkelijk/iemand-meenemen"):
        page_text = text(built_site, slug, page)
        assert WET["gebarentolk"]["bemiddeling"] in page_text, page
        if pays is True:
            assert re.search(r"betaalt de tolk", page_text) and not re.search(r"betaalt geen tolk", page_text), page
        elif pays is False:
            assert re.search(r"betaalt geen tolk", page_text), page
        elif pays is None:
            assert re.search(r"[Vv]raag[^.?!]*(tolk|betaalt)", page_text), page


# New topics: each on both sites, standard and easy, with facts from config or the data file.


@pytest.mark.parametrize("slug", SLUGS)
def test_the_new_topics_are_on_every_site(built_site, slug):
    g = GEMEENTEN[slug].gemeente
    soorten = text(built_site, slug, "soorten-hulp")
    for kind in ("hulpmiddel", "woningaanpassing|aanpassing", "huishoudelijke hulp|huishouden", "begeleiding", "vervoer", "dagbesteding"):
        assert re.search(kind, soorten, re.I), kind
    assert WET["wijkverpleging"]["bron"] in soorten and WET["langdurige_zorg"]["bron"] in soorten
    assert re.search(r"zorgverzeker", soorten) and re.search(r"CIZ", soorten)
    besluit = text(built_site, slug, "na-het-besluit")
    assert WET["herbeoordeling"]["bron"] in besluit and WET["wijzigingen_melden"]["bron"] in besluit
    if g.wachttijden:
        assert g.wachttijden.split(".")[0] in besluit
    gegevens = text(built_site, slug, "uw-gegevens")
    assert re.search(r"toestemming", gegevens) and re.search(r"inzien|bekijken|zien", gegevens) and re.search(r"verbeter", gegevens)
    assert WET["gegevens_geven"]["bron"] in gegevens
    assert WET["privacy"]["toezichthouder"].removeprefix("de ") in gegevens
    if g.privacy.email:
        assert g.privacy.email in gegevens
    assert re.search(r"opne(men|emt)", text(built_site, slug, "gesprek")), "recording the conversation"
    for page in ("makkelijk/soorten-hulp", "makkelijk/na-het-besluit", "makkelijk/uw-gegevens"):
        assert len(all_sentences(built_site, slug, page)) >= 15, page
    assert re.search(r"toestemming", text(built_site, slug, "makkelijk/uw-gegevens"))


@pytest.mark.parametrize("slug", SLUGS)
def test_standard_pages_give_the_source_of_each_new_legal_fact(built_site, slug):
    everything = " ".join(text(built_site, slug, p) for p in STANDARD_PAGES)
    for fact in ("spoed", "aanvraag", "gebruikelijke_hulp", "mantelzorger", "horen", "beroep", "voorlopige_voorziening", "verdaging", "opschorting", "herbeoordeling", "wijzigingen_melden", "gegevens_geven"):
        assert WET[fact]["bron"] in everything, fact


@pytest.mark.parametrize("slug", SLUGS)
def test_easy_pages_name_no_law_articles(built_site, slug):
    for page in EASY_PAGES:
        assert not re.search(r"\bartikel\b|Algemene wet bestuursrecht", text(built_site, slug, page)), page


def test_the_facts_file_states_duties_as_duties():
    assert re.search(r"\bmoet\b", WET["spoed"]["regel"]) and not re.search(r"\bkan\b", WET["spoed"]["regel"])
    assert "schriftelijk" in WET["aanvraag"]["regel"] and "niet eens" in WET["aanvraag"]["regel"]
    assert "hoogstens" in WET["eigen_bijdrage"]["regel"] and "verordening" in WET["eigen_bijdrage"]["regel"]
    assert not CASH_IN_HAND.search(WET["pgb_of_natura"]["regel"])
    for fact in WET.values():
        assert fact["bron"] and fact["bron_url"].startswith("https://"), fact
