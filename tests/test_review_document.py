"""The Wmo-raad review bundle as HTML, PDF and .docx, written from a small hand-made ReviewBundle.

What a council relies on: every paragraph number and every origin in words in all formats, hard
sentences and changed words marked in text (not by colour alone), how to respond on the first page,
the same bytes for the same input, and an HTML file that passes our own accessibility gate.
"""

from __future__ import annotations

import re
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from keukentafel.gate.browser import Target, run_browser_checks
from keukentafel.review.document import (
    bundle_stem,
    build_view,
    mark_sentences,
    normalise_pdf,
    parse_block_html,
    render_html,
    tokens_to_html,
    write_bundle,
)
from keukentafel.language.blocks import (
    Block,
    ChangeSet,
    HardSentence,
    LegalFact,
    Origin,
    PageChanges,
    PageLanguage,
    ParagraphChange,
    ReviewBundle,
    ReviewContact,
    ReviewPage,
)

STANDAARD = Origin("standaard")
TOLK = Origin("instelling", ("gesprek.tolk.betaalt_gemeente",))
EIGEN = Origin("eigen")

LONG_OWN = (
    "In Sint Menadorp komt de consulent bij u thuis, meestal op dinsdag of donderdag, en neemt zij de tijd om samen met u "
    "en de mensen om u heen uitgebreid te bespreken welke ondersteuning passend is."
)
TOLK_SENTENCE = "Dan regelt gemeente Sint Menadorp een tolk voor het gesprek."
NOT_LITERAL = "Een zin die de taaltoets anders schrijft dan hij op de pagina staat."


def block(kind, html, text, origin=STANDAARD, file="content/gesprek.md", line=3, level=0) -> Block:
    return Block(kind, html, text, file, line, origin, level)


def make_bundle(contact: ReviewContact | None = None, changes: bool = True) -> ReviewBundle:
    gesprek = ReviewPage(1, "Het gesprek", "gesprek.md", False, (
        block("alinea", '<p>Na uw <a href="woordenlijst.md#melding">melding</a> maakt gemeente Sint Menadorp een afspraak met u.\n'
              "U hebt dan een gesprek.</p>",
              "Na uw melding maakt gemeente Sint Menadorp een afspraak met u. U hebt dan een gesprek.", line=3),
        block("kop", '<h2 id="waar-gaat-het-gesprek-over">Waar gaat het gesprek over?</h2>', "Waar gaat het gesprek over?", line=5, level=2),
        block("lijst", "<ul>\n<li>Uw huis en hoe u woont.</li>\n<li>Uw <strong>gezondheid</strong>.</li>\n</ul>",
              "Uw huis en hoe u woont. Uw gezondheid.", line=7),
        block("alinea", '<p>Spreekt u niet goed Nederlands? Dan regelt gemeente Sint Menadorp een <a href="woordenlijst.md#tolk">tolk</a> '
              "voor het gesprek. De gemeente betaalt de tolk ook.</p>",
              "Spreekt u niet goed Nederlands? " + TOLK_SENTENCE + " De gemeente betaalt de tolk ook.", TOLK, line=12),
        block("alinea", f"<p>{LONG_OWN}</p>", LONG_OWN, EIGEN, "municipalities/sint-menadorp.yml", 40),
        block("kader", '<div class="admonition note">\n<p class="admonition-title">Let op</p>\n<p>Bron: '
              '<a href="https://wetten.overheid.nl/BWBR0035362">Wmo 2015, artikel 2.3.2</a>.</p>\n</div>',
              "Let op Bron: Wmo 2015, artikel 2.3.2.", line=20),
    ))
    makkelijk = ReviewPage(2, "Het gesprek", "makkelijk/gesprek.md", True, (
        block("alinea", "<p>U praat met de gemeente. Dat heet het gesprek.</p>", "U praat met de gemeente. Dat heet het gesprek.",
              file="content/makkelijk/gesprek.md", line=3),
        block("kop", '<h2 id="wanneer">Wanneer?</h2>', "Wanneer?", file="content/makkelijk/gesprek.md", line=5, level=2),
        block("tabel", "<table>\n<thead>\n<tr><th>Wat</th><th>Wanneer</th></tr>\n</thead>\n<tbody>\n"
              "<tr><td>Melding</td><td>Dag 1</td></tr>\n</tbody>\n</table>",
              "Wat Wanneer Melding Dag 1", file="content/makkelijk/gesprek.md", line=7),
    ))
    vervoer = ReviewPage(3, "Vervoer", "extra/vervoer.md", False, (
        block("kop", '<h2 id="regiotaxi">De regiotaxi</h2>', "De regiotaxi", EIGEN, "municipalities/extra/vervoer.md", 1, 2),
        block("alinea", '<p>Bel de <strong>regiotaxi</strong>. <img src="logo.png" alt="logo van de regiotaxi"></p>',
              "Bel de regiotaxi.", EIGEN, "municipalities/extra/vervoer.md", 3),
    ))
    language = {
        "gesprek.md": PageLanguage("gesprek.md", False, 9, 120, 13.3, 33, 61.5, 4.2, 3, 1, (
            HardSentence(LONG_OWN, 33, "municipalities/sint-menadorp.yml", 40, ("33 woorden",)),
            HardSentence(TOLK_SENTENCE, 10, "content/gesprek.md", 12, ("10 woorden", "ongewoon woord: tolk")),
            HardSentence(NOT_LITERAL, 14, "content/gesprek.md", 13, ("14 woorden",)),
        )),
        "makkelijk/gesprek.md": PageLanguage("makkelijk/gesprek.md", True, 3, 12, 4.0, 6, 88.0, 0.0, 0, 0, ()),
    }
    change_set = ChangeSet("v1.2", "3 november 2026", (
        PageChanges("Het gesprek", "gesprek.md", (
            ParagraphChange("gewijzigd", "1.4", "Spreekt u niet goed Nederlands? Vraag dan een tolk.",
                            "Spreekt u niet goed Nederlands? " + TOLK_SENTENCE,
                            (("gelijk", "Spreekt u niet goed Nederlands?"), ("eraf", "Vraag dan een tolk."),
                             ("erbij", TOLK_SENTENCE))),
            ParagraphChange("nieuw", "1.5", "", LONG_OWN),
            ParagraphChange("weg", "1.7", "Deze alinea stond er vroeger.", ""),
        )),
        PageChanges("Oude pagina", "extra/oud.md", (ParagraphChange("weg", "4.1", "Een oude eigen pagina.", ""),), status="weg"),
    )) if changes else None
    return ReviewBundle(
        slug="sint-menadorp",
        gemeente="Sint Menadorp",
        date="24 november 2026",
        pages=[gesprek, makkelijk, vervoer],
        language=language,
        legal_facts=[
            LegalFact("gebruikelijke_hulp", "Huisgenoten doen wat normaal is voor elkaar.", "Wmo 2015, artikel 2.3.2",
                      "https://wetten.overheid.nl/BWBR0035362"),
            LegalFact("persoonlijk_plan", "U mag een persoonlijk plan inleveren tot 7 dagen na uw melding.",
                      "Wmo 2015, artikel 2.3.2, lid 2", "https://wetten.overheid.nl/BWBR0035362/#Hoofdstuk2"),
        ],
        contact=contact or ReviewContact("Mevrouw J. de Boer", "wmoraad@sintmenadorp.example"),
        gemeente_email="info@sintmenadorp.example",
        changes=change_set,
        settings={"gesprek.tolk.betaalt_gemeente": "ja"},
    )


NUMBERS = ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "3.1", "3.2"]
ORIGIN_WORDS = ["[standaard]", "[instelling: gesprek.tolk.betaalt_gemeente (staat op: ja)]", "[eigen tekst]"]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict:
    """The bundle written twice, into two folders, with the time the first write took."""
    bundle = make_bundle()
    first, second = tmp_path_factory.mktemp("eerste"), tmp_path_factory.mktemp("tweede")
    started = time.perf_counter()
    paths = write_bundle(bundle, first)
    seconds = time.perf_counter() - started
    again = write_bundle(make_bundle(), second)
    return {"paths": paths, "again": again, "seconds": seconds, "dir": first}


# --- HTML ------------------------------------------------------------------------------------------


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[int] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.marked: list[str] = []
        self.ins: list[str] = []
        self.dels: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag not in ("br", "img", "meta", "link", "input"):
            self.stack.append(tag)
        if tag in ("mark", "ins", "del"):
            getattr(self, {"mark": "marked", "ins": "ins", "del": "dels"}[tag]).append("")

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        for tag, store in (("mark", self.marked), ("ins", self.ins), ("del", self.dels)):
            if tag in self.stack:
                store[-1] += data


@pytest.fixture(scope="module")
def html_text(written) -> str:
    return written["paths"][0].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def outline(html_text) -> Outline:
    parser = Outline()
    parser.feed(html_text)
    return parser


def test_file_names(written):
    assert [p.name for p in written["paths"]] == [f"{bundle_stem('sint-menadorp')}{s}" for s in (".html", ".pdf", ".docx")]
    assert written["paths"][0].name == "sint-menadorp-teksten-voor-de-wmo-raad.html"


def test_html_has_one_h1_and_no_skipped_heading_levels(outline, html_text):
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    for before, after in zip(outline.headings, outline.headings[1:]):
        assert after <= before + 1, outline.headings
    assert '<html lang="nl">' in html_text
    assert sum(1 for tag, _ in outline.tags if tag == "main") == 1
    # Block headings sit under the page's h2.
    assert re.search(r"<h3>Waar gaat het gesprek over\?</h3>", html_text)
    assert "<h2>" not in html_text.split('id="pagina-1"')[1].split("</h2>", 1)[1].split('id="pagina-2"')[0]


def test_html_title_page_and_headings(html_text):
    assert "Teksten van de website over hulp thuis — gemeente Sint Menadorp, ter beoordeling door de Wmo-raad" in html_text
    assert "<h2 id=\"pagina-1-kop\">1. Het gesprek</h2>" in html_text
    assert "<h2 id=\"pagina-2-kop\">2. Het gesprek (makkelijke taal)</h2>" in html_text
    assert "Datum: 24 november 2026" in html_text


def test_html_every_paragraph_number_and_origin_in_words(outline):
    text = "".join(outline.text)
    for number in NUMBERS:
        assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", text), number
    for words in ORIGIN_WORDS:
        assert words in text
    for kind in ("standaard", "instelling", "eigen"):
        assert any(f"h-{kind}" in attrs.get("class", "") for tag, attrs in outline.tags if tag == "div")


def test_html_hard_sentences_marked_inline_with_text_marker(outline, html_text):
    assert LONG_OWN in outline.marked
    # A sentence across a link is marked piece by piece, and its label comes after the link.
    assert "[moeilijke zin: 10 woorden; ongewoon woord: tolk]" in html_text
    assert re.search(r'<mark>Dan regelt gemeente Sint Menadorp een </mark><span class="sitelink"><mark>tolk</mark></span>'
                     r'<mark> voor het gesprek.</mark> <span class="markering">\[moeilijke zin: 10 woorden', html_text)
    assert "[moeilijke zin: 33 woorden]" in html_text
    # Not literally in any block: listed under the block it comes from (same file, nearest line above).
    under = html_text.split('id="alinea-1-4"')[1].split('id="alinea-1-5"')[0]
    assert NOT_LITERAL in under and "[moeilijke zin: 14 woorden]" in under


def test_html_readability_table_and_legal_facts(html_text):
    assert "<caption>Leesbaarheid van pagina 1</caption>" in html_text
    assert "<th scope=\"row\">Flesch-Douma (hoger is makkelijker)</th><td>61,5</td>" in html_text
    assert '<a href="https://wetten.overheid.nl/BWBR0035362">Wmo 2015, artikel 2.3.2</a>' in html_text
    assert "Huisgenoten doen wat normaal is voor elkaar." in html_text


def test_html_changes_with_ins_del_and_text_markers(outline, html_text):
    assert "Wat is er veranderd sinds v1.2 (3 november 2026)" in html_text
    assert f"[erbij: {TOLK_SENTENCE}]" in outline.ins
    assert "[eraf: Vraag dan een tolk.]" in outline.dels
    assert f"[erbij: {LONG_OWN}]" in outline.ins  # a new paragraph
    assert "[eraf: Deze alinea stond er vroeger.]" in outline.dels  # a removed paragraph
    assert "Alinea 1.7 (oude nummering) is weggehaald" in html_text
    assert "Deze pagina staat niet meer op de website." in html_text


def test_html_loads_nothing_and_needs_no_script(outline):
    for tag, attrs in outline.tags:
        assert tag not in ("script", "link", "iframe", "img"), tag
        assert "src" not in attrs
        if "href" in attrs:
            href = attrs["href"]
            assert tag == "a" and re.match(r"(#|mailto:|https://)", href), href
    assert "style" in {tag for tag, _ in outline.tags}


def test_html_internal_links_and_images_become_text(html_text):
    assert 'href="woordenlijst.md' not in html_text
    assert '<span class="sitelink">melding</span>' in html_text
    assert "[afbeelding: logo van de regiotaxi]" in html_text
    assert 'id="waar-gaat-het-gesprek-over"' not in html_text  # ids from the pages would repeat


def test_first_page_says_how_and_to_whom():
    def front(bundle):
        return render_html(build_view(bundle)).split('<nav class="inhoud"')[0]

    with_contact = front(make_bundle())
    assert "Hoe reageert u?" in with_contact and "4.3" in with_contact
    assert "Mevrouw J. de Boer" in with_contact and 'href="mailto:wmoraad@sintmenadorp.example"' in with_contact
    assert "Word" in with_contact
    fallback = front(make_bundle(ReviewContact(None, None)))
    assert 'href="mailto:info@sintmenadorp.example"' in fallback and "Mevrouw" not in fallback
    name_only = front(make_bundle(ReviewContact("De Wmo-raad", None)))
    assert "De Wmo-raad, via" in name_only and "info@sintmenadorp.example" in name_only


def test_html_without_changes_has_no_changes_section():
    html = render_html(build_view(make_bundle(changes=False)))
    assert "Wat is er veranderd" not in html


def test_bundle_html_passes_the_accessibility_gate(written):
    html = written["paths"][0]
    run = run_browser_checks([Target("review", html.parent, [f"/{html.name}"])], concurrency=1)
    (page,) = run.pages
    assert page.error is None
    assert page.findings == [], "\n".join(f"{f.runner} {f.code}: {f.message} ({f.selector})" for f in page.findings)


# --- the pieces ------------------------------------------------------------------------------------


def test_mark_sentences_across_whitespace_and_elements():
    tokens = parse_block_html("<p>Eerste zin.\n  Tweede <em>zin hier</em> nu. Rest.</p>")
    marked, missing = mark_sentences(tokens, [HardSentence("Tweede zin hier nu.", 4, "x", 1, ("4 woorden",)),
                                              HardSentence("Bestaat niet.", 2, "x", 1, ())])
    assert [s.text for s in missing] == ["Bestaat niet."]
    assert tokens_to_html(marked) == ('<p>Eerste zin.\n  <mark>Tweede </mark><em><mark>zin hier</mark></em><mark> nu.</mark> '
                                      '<span class="markering">[moeilijke zin: 4 woorden]</span> Rest.</p>')


def test_two_hard_sentences_in_one_block_are_both_marked():
    first, second = "Dit is de eerste lange zin.", "Dit is de tweede lange zin."
    bundle = make_bundle(changes=False)
    page = bundle.pages[1]
    bundle.pages[1] = ReviewPage(page.number, page.title, page.path, page.easy, (
        block("alinea", f"<p>{first} Kort. {second}</p>", f"{first} Kort. {second}", file="content/makkelijk/gesprek.md"),
    ) + page.blocks[1:])
    figures = bundle.language["makkelijk/gesprek.md"]
    bundle.language["makkelijk/gesprek.md"] = PageLanguage(
        figures.page, True, 3, 12, 4.0, 6, 88.0, 0.0, 0, 0,
        (HardSentence(second, 6, "content/makkelijk/gesprek.md", 3, ("6 woorden",)),
         HardSentence(first, 6, "content/makkelijk/gesprek.md", 3, ("6 woorden", "lang woord: eerste"))),
    )
    html = render_html(build_view(bundle))
    assert (f'<p><mark>{first}</mark> <span class="markering">[moeilijke zin: 6 woorden; lang woord: eerste]</span> Kort. '
            f'<mark>{second}</mark> <span class="markering">[moeilijke zin: 6 woorden]</span></p>') in html


def test_block_html_is_escaped_again():
    assert tokens_to_html(parse_block_html("<p>a &lt;b&gt; &amp; c<script>alert(1)</script></p>")) == "<p>a &lt;b&gt; &amp; c</p>"


def test_normalise_pdf_keeps_length():
    import datetime as dt

    data = b"<< /CreationDate (D:20261124061613+00'00')\n/ModDate (D:20261124061613+01'00') >>"
    out = normalise_pdf(data, dt.datetime(2026, 1, 1))
    assert len(out) == len(data)
    assert out.count(b"(D:20260101000000+00'00')") == 2


# --- PDF ---------------------------------------------------------------------------------------------


def test_pdf_is_tagged_with_outline_and_pages(written):
    data = written["paths"][1].read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/StructTreeRoot" in data
    assert b"/Outlines" in data
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data)) >= 2
    assert b"/Lang (nl)" in data


# --- Word --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def document(written):
    from docx import Document

    return Document(str(written["paths"][2]))


def test_docx_uses_real_heading_styles(document):
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", "Teksten van de website over hulp thuis — gemeente Sint Menadorp, ter beoordeling door de Wmo-raad") in styles
    heading1 = [text for style, text in styles if style == "Heading 1"]
    assert "Hoe reageert u?" in heading1
    assert "1. Het gesprek" in heading1 and "2. Het gesprek (makkelijke taal)" in heading1
    assert "Wettelijke feiten op deze site" in heading1
    heading2 = [text for style, text in styles if style == "Heading 2"]
    assert any(text.startswith("1.2 ") and "Waar gaat het gesprek over?" in text for text in heading2)
    assert any(style.startswith("List Bullet") and "Uw huis en hoe u woont." in text for style, text in styles)


def test_docx_numbers_origins_marks_and_changes(document, written):
    texts = [p.text for p in document.paragraphs]
    for number in NUMBERS:
        assert any(text.startswith(number + " ") for text in texts), number
    body = "\n".join(texts)
    for words in ORIGIN_WORDS:
        assert words in body
    assert "[moeilijke zin: 33 woorden]" in body
    assert "[eraf: Vraag dan een tolk.]" in body and f"[erbij: {TOLK_SENTENCE}]" in body
    assert "wmoraad@sintmenadorp.example" in body  # inside a hyperlink
    highlighted = [run.text for p in document.paragraphs for run in p.runs if run.font.highlight_color is not None]
    assert LONG_OWN in highlighted
    struck = [run.text for p in document.paragraphs for run in p.runs if run.font.strike]
    assert "[eraf: Vraag dan een tolk.]" in struck
    with zipfile.ZipFile(written["paths"][2]) as archive:
        xml = archive.read("word/document.xml").decode()
        settings = archive.read("word/settings.xml").decode()
    assert 'TOC \\o "1-1"' in xml  # a table of contents that Word can fill in ...
    assert "1. Het gesprek" in xml.split("fldCharType=\"end\"")[0]  # ... that can already be read as it is
    assert "<w:trackRevisions/>" in settings


# --- the same bytes, in seconds -----------------------------------------------------------------------


def test_byte_identical_output(written):
    for first, second in zip(written["paths"], written["again"]):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_written_in_seconds(written):
    assert written["seconds"] < 20, f"{written['seconds']:.1f} s"
