"""Sentence lengths of the rendered pages, measured on the text a resident reads.

`python -m keukentafel.language.readability [site/<slug>]` prints, per page and twin, the number of
sentences, the average and the longest sentence in words, and the Flesch-Douma score.
Each paragraph, list item, heading and table cell ends a sentence, as does . ? ! or a colon
before a list.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from keukentafel.language.plain_language import load_config

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "legend", "label", "figcaption", "summary", "div", "br"}
SKIP = {"script", "style", "textarea", "button", "select", "option"}
WORD = re.compile(r"[0-9]+(?:[.,:][0-9]+)*|[A-Za-zÀ-ÿ€]+(?:[-'’][0-9A-Za-zÀ-ÿ]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý'‘’\"(])")

# Standard (B1) and easy-language (about A2) targets: read from data/taalregels.yml, the one file
# with the plain-language limits (plain_language.py checks the rest of them).
_LIMITS = load_config()
STANDARD_AVERAGE_MAX = int(_LIMITS.standard.average) if _LIMITS.standard.average.is_integer() else _LIMITS.standard.average
EASY_AVERAGE_MAX = int(_LIMITS.easy.average) if _LIMITS.easy.average.is_integer() else _LIMITS.easy.average
EASY_LONGEST_MAX = _LIMITS.easy.longest


class _ArticleText(HTMLParser):
    """Collect the text blocks of the page's article (Material: <article class="md-content__inner">)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 while inside the article
        self.skip = 0
        self.blocks: list[str] = []
        self.current: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "article" and "md-content__inner" in classes:
            self.depth = 1
            return
        if self.depth:
            if tag == "article":
                self.depth += 1
            if tag in SKIP:
                self.skip += 1
            if tag in BLOCKS:
                self._flush()

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag in SKIP and self.skip:
            self.skip -= 1
        if tag in BLOCKS:
            self._flush()
        if tag == "article":
            self.depth -= 1
            if not self.depth:
                self._flush()

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.current.append(data)


def text_blocks(html: str) -> list[str]:
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    return parser.blocks


def sentences(blocks: list[str]) -> list[list[str]]:
    result = []
    for block in blocks:
        for part in SENTENCE_END.split(block):
            for piece in re.split(r":\s*$", part):
                words = WORD.findall(piece)
                if words:
                    result.append(words)
    return result


@dataclass(frozen=True)
class PageMeasure:
    page: str
    sentences: int
    average: float
    longest: int
    longest_text: str

    @property
    def easy(self) -> bool:
        return "/makkelijk/" in f"/{self.page}"


def measure_html(page: str, html: str) -> PageMeasure:
    found = sentences(text_blocks(html))
    if not found:
        return PageMeasure(page, 0, 0.0, 0, "")
    longest = max(found, key=len)
    return PageMeasure(page, len(found), sum(map(len, found)) / len(found), len(longest), " ".join(longest))


def measure_site(site_dir: Path) -> list[PageMeasure]:
    measures = []
    for html in sorted(site_dir.rglob("index.html")):
        page = html.parent.relative_to(site_dir).as_posix()
        page = {".": "start", "makkelijk": "makkelijk/start"}.get(page, page)
        if page.startswith("extra/"):
            continue  # the gemeente's own pages are its own text
        measures.append(measure_html(page, html.read_text(encoding="utf-8")))
    return measures


def problems(measure: PageMeasure) -> list[str]:
    found = []
    if measure.easy:
        if measure.average > EASY_AVERAGE_MAX:
            found.append(f"gemiddeld {measure.average:.1f} woorden per zin (hoogstens {EASY_AVERAGE_MAX})")
        if measure.longest > EASY_LONGEST_MAX:
            found.append(f"langste zin {measure.longest} woorden (hoogstens {EASY_LONGEST_MAX}): {measure.longest_text}")
    elif measure.average > STANDARD_AVERAGE_MAX:
        found.append(f"gemiddeld {measure.average:.1f} woorden per zin (hoogstens {STANDARD_AVERAGE_MAX})")
    return found


def main(argv: list[str]) -> int:
    sites = [Path(a) for a in argv] or sorted(p for p in Path("site").iterdir() if p.is_dir() and not p.name.startswith("."))
    bad = 0
    for site in sites:
        print(f"\n{site.name}")
        print(f"  {'pagina':32} {'zinnen':>6} {'gemiddeld':>9} {'langste':>7}")
        for m in measure_site(site):
            issues = problems(m)
            bad += bool(issues)
            print(f"  {m.page:32} {m.sentences:6} {m.average:9.1f} {m.longest:7}" + ("  <- " + "; ".join(issues) if issues else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
