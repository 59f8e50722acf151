"""Reading the text a resident sees on the built pages (the article, as a screen reader reads it)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from keukentafel.config.pages import PAGES
from keukentafel.language.readability import SENTENCE_END, text_blocks


def page_url(file: str) -> str:
    """content/ file name → the page's folder in the built site ('' for the start page)."""
    stem = file.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index")


SHARED_PAGES = [page_url(p.file) for p in PAGES] + [page_url(p.easy_file) for p in PAGES]
EASY_PAGES = [page_url(p.easy_file) for p in PAGES]
STANDARD_PAGES = [page_url(p.file) for p in PAGES]


def blocks(site: Path, slug: str, page: str) -> list[str]:
    path = site / slug / page / "index.html"
    return [html.unescape(b) for b in text_blocks(path.read_text(encoding="utf-8"))]


def text(site: Path, slug: str, page: str) -> str:
    return " ".join(blocks(site, slug, page))


def sentences_of(text_: str) -> list[str]:
    """Sentences as a resident reads them (a block ends a sentence, as do . ? !)."""
    return [s.strip() for s in SENTENCE_END.split(text_) if s.strip()]


def all_sentences(site: Path, slug: str, page: str) -> list[str]:
    return [s for b in blocks(site, slug, page) for s in sentences_of(b)]


def near(text_: str, pattern: re.Pattern, wanted: re.Pattern, window: int) -> list[str]:
    """Each match of pattern that has no match of wanted within window characters either side."""
    missing = []
    for m in pattern.finditer(text_):
        around = text_[max(0, m.start() - window) : m.end() + window]
        if not wanted.search(around):
            missing.append(around)
    return missing
