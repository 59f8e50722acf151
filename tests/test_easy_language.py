"""The easy-language twins are really easy: one sentence per line, one word for one thing,
no abbreviations, and a gemeente's own text only when it wrote an easy variant.

Measured on the built pages of both example gemeenten (real MkDocs), as a resident reads them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from site_text import EASY_PAGES, blocks, sentences_of, text

from keukentafel.config.loader import validate_file
from keukentafel.rendering.render import one_sentence_per_line

ROOT = Path(__file__).resolve().parent.parent
WORD_LIST = yaml.safe_load((ROOT / "data" / "makkelijke-woorden.yml").read_text(encoding="utf-8"))
SLUGS = ("s-heerenbruk-aan-de-vliet", "sint-menadorp")
GLOSSARY = "makkelijk/woordenlijst"


def running_text(site: Path, slug: str, page: str) -> list[str]:
    """The text blocks of an easy page; on the easy glossary without its headings, which name
    the word a resident finds on a letter so that they can look it up."""
    found = blocks(site, slug, page)
    if page != GLOSSARY:
        return found
    html_text = (site / slug / page / "index.html").read_text(encoding="utf-8")
    headings = {re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html_text, re.S)}
    return [b for b in found if b not in headings]


def whole_word(word: str) -> re.Pattern:
    return re.compile(rf"(?<![\w\-@.]){re.escape(word)}(?![\w\-])", re.I)


AVOID = [(entry["gebruik"], whole_word(word)) for entry in WORD_LIST["voorkeur"] for word in entry["niet"]]
ABBREVIATIONS = [whole_word(a) for a in WORD_LIST["afkortingen"]]
ARTICLE_NUMBER = re.compile(r"\b\d+\.\d+\.\d+\b|\b\d+:\d+\b")
CAPITALS = re.compile(r"\b[A-Z]{2,}\b")
POSTCODE = re.compile(r"\b[1-9]\d{3} ?[A-Z]{2}\b")
ADDRESS = re.compile(r"\S+@\S+|https?://\S+")  # e-mail and web addresses are addresses, not words


def words_only(block: str) -> str:
    return ADDRESS.sub(" ", block)


@pytest.mark.parametrize("slug", SLUGS)
def test_easy_pages_use_one_word_for_one_thing(built_site, slug):
    offenders = []
    for page in EASY_PAGES:
        for block in map(words_only, running_text(built_site, slug, page)):
            for preferred, pattern in AVOID:
                for m in pattern.finditer(block):
                    offenders.append(f"{page}: '{m.group(0)}' (gebruik '{preferred}') in: {block[:90]}")
    assert offenders == []


@pytest.mark.parametrize("slug", SLUGS)
def test_easy_pages_have_no_abbreviations_file_formats_or_article_numbers(built_site, slug):
    offenders = []
    for page in EASY_PAGES:
        for block in map(words_only, running_text(built_site, slug, page)):
            for pattern in ABBREVIATIONS:
                offenders += [f"{page}: '{m.group(0)}' in: {block[:90]}" for m in pattern.finditer(block)]
            offenders += [f"{page}: artikelnummer '{m.group(0)}' in: {block[:90]}" for m in ARTICLE_NUMBER.finditer(block)]
            offenders += [f"{page}: afkorting '{m.group(0)}' in: {block[:90]}" for m in CAPITALS.finditer(POSTCODE.sub("", block))]
    assert offenders == []


@pytest.mark.parametrize("slug", SLUGS)
def test_easy_pages_show_one_sentence_per_line(built_site, slug):
    """Each line a resident sees (paragraph line, list item, heading) holds one sentence."""
    offenders = []
    for page in EASY_PAGES:
        for block in blocks(built_site, slug, page):
            found = sentences_of(block)
            if len(found) > 1:
                offenders.append(f"{page}: {len(found)} zinnen op één regel: {block[:100]}")
    assert offenders == []


def test_one_sentence_per_line_breaks_paragraph_lines_only():
    lines = ["# Kop", "", "Een.", "Twee.", "", "- een", "- twee", "", "!!! note \"Let op\"", "    Drie.", "    Vier.", "Vijf.  ", "Zes."]
    assert one_sentence_per_line(lines) == [
        "# Kop", "", "Een.  ", "Twee.", "", "- een", "- twee", "", "!!! note \"Let op\"", "    Drie.  ", "    Vier.", "Vijf.  ", "Zes.",
    ]


def test_easy_pages_show_only_the_gemeentes_easy_own_text(built_site):
    """'s-Heerenbrûk wrote an easy variant for the start page; its standard text stays off the easy page."""
    config = yaml.safe_load((ROOT / "municipalities" / "s-heerenbruk-aan-de-vliet.yml").read_text(encoding="utf-8"))
    own = config["pagina_teksten"]["start"]
    easy_start = text(built_site, "s-heerenbruk-aan-de-vliet", "makkelijk")
    standard_start = text(built_site, "s-heerenbruk-aan-de-vliet", "")
    for line in own["makkelijk"]["boven"].splitlines():
        assert line in easy_start
        assert line not in standard_start
    assert own["boven"].split(".")[0] in standard_start
    assert own["boven"].split(".")[0] not in easy_start
    # The contact page has a standard own text and no easy variant: the easy page shows nothing of it.
    assert config["pagina_teksten"]["contact"]["onder"].split("?")[0] not in text(built_site, "s-heerenbruk-aan-de-vliet", "makkelijk/contact")


def test_a_long_sentence_in_an_easy_own_text_is_an_error_with_its_line(tmp_path):
    municipalities = tmp_path / "municipalities"
    shutil.copytree(ROOT / "municipalities", municipalities)
    config = municipalities / "sint-menadorp.yml"
    long_sentence = "Wij zijn er voor iedereen die in onze mooie gemeente woont en die hulp nodig heeft bij het wonen in huis."
    config.write_text(
        config.read_text(encoding="utf-8") + f"\npagina_teksten:\n  contact:\n    makkelijk:\n      onder: |-\n        Bel ons gerust.\n        {long_sentence}\n",
        encoding="utf-8",
    )
    loaded, problems = validate_file(config)
    assert loaded is None
    assert len(problems) == 1
    problem = problems[0]
    line = config.read_text(encoding="utf-8").splitlines().index(f"        {long_sentence}") + 1
    assert (problem.line, problem.key) == (line, "pagina_teksten.contact.makkelijk.onder")
    assert "zin van 21 woorden" in problem.message and "hoogstens 15" in problem.message
