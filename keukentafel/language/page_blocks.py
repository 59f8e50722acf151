"""The review stage's reading of a rendered site: every page as numbered blocks with their origin.

A block is one top-level element of the page as Markdown renders it (heading, paragraph, list,
note, table, form). Each block keeps the place an editor changes (content file or the gemeente's
YAML, with the line) and its origin: standard text, standard text that a gemeente setting switches
on or off (found from the `{% if %}` around it in the content file), or the gemeente's own text.

`python -m keukentafel.language.page_blocks <slug>` prints the pages as JSON; the `--since` comparison
runs it on an older version of the texts.
"""

from __future__ import annotations

import functools
import html
import json
import re
import sys
from dataclasses import asdict
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml

from keukentafel import ROOT
from keukentafel.config.loader import LoadedGemeente
from keukentafel.rendering.render import RenderedPage, RenderedSite
from keukentafel.language.blocks import Block, Origin, ReviewPage
from keukentafel.rendering.safe_markdown import SafeMarkdown

MKDOCS_CONFIG = ROOT / "mkdocs.yml"
GLOSSARY = "woordenlijst.md"
SKIPPED_STARTS = ("[Lees dit in makkelijke taal]", "[Lees de gewone tekst]", '!!! info "Voorbeeld"')


@functools.lru_cache(maxsize=1)
def markdown_extensions() -> tuple[list, dict]:
    """The site's own Markdown extensions and their settings, read from mkdocs.yml."""
    config = yaml.safe_load(MKDOCS_CONFIG.read_text(encoding="utf-8"))
    names, settings = [], {}
    for item in config.get("markdown_extensions", []):
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
        names.append(name)
        if options:
            settings[name] = options
    return names, settings


# --- which settings switch a content line on or off --------------------------------------

JINJA_TAG = re.compile(r"\{%-?\s*(if|elif|else|endif)\b(.*?)-?%\}", re.S)
GEMEENTE_KEY = re.compile(r"gemeente\.([a-z_]+(?:\.[a-z_]+)*)")
TERMIJN_KEY = re.compile(r"termijn\.(onderzoek|beschikking)_")


def condition_settings(expression: str) -> set[str]:
    """The gemeente config keys an `{% if %}` condition reads (termijn.* comes from termijnen.*)."""
    keys = set(GEMEENTE_KEY.findall(expression))
    keys |= {f"termijnen.{m}_weken" for m in TERMIJN_KEY.findall(expression)}
    return keys


def template_settings(source: str) -> dict[int, frozenset[str]]:
    """For each 1-based line of a content file: the settings whose `{% if %}` decides whether it shows.

    A line inside an if/elif/else branch depends on every condition of that `if`; a line with an
    inline `{% if %}...{% endif %}` depends on that condition too.
    """
    by_line: dict[int, list[tuple[str, str]]] = {}
    for m in JINJA_TAG.finditer(source):
        by_line.setdefault(source.count("\n", 0, m.start()) + 1, []).append((m.group(1), m.group(2)))
    result: dict[int, frozenset[str]] = {}
    stack: list[set[str]] = []
    for number in range(1, source.count("\n") + 2):
        here: set[str] = set().union(*stack) if stack else set()
        for kind, expression in by_line.get(number, ()):
            if kind == "if":
                stack.append(condition_settings(expression))
                here |= stack[-1]
            elif kind == "elif" and stack:
                stack[-1] |= condition_settings(expression)
                here |= stack[-1]
            elif kind == "endif" and stack:
                here |= stack.pop()
        if here:
            result[number] = frozenset(here)
    return result


@functools.lru_cache(maxsize=64)
def _settings_of_file(path: Path, modified: int) -> dict[int, frozenset[str]]:
    return template_settings(path.read_text(encoding="utf-8"))


# A content file's modification time, looked up once per page_blocks() call (a page has
# hundreds of source lines from a few files); None when it is not a file.
_stamps: dict[str, int | None] = {}


def _stamp(file: str) -> int | None:
    if file not in _stamps:
        try:
            _stamps[file] = (ROOT / file).stat().st_mtime_ns if (ROOT / file).is_file() else None
        except OSError:
            _stamps[file] = None
    return _stamps[file]


def settings_for(file: str, line: int) -> frozenset[str]:
    if not file.startswith("content/") or (modified := _stamp(file)) is None:
        return frozenset()
    return _settings_of_file(ROOT / file, modified).get(line, frozenset())


OWN_TEXT_LINE = re.compile(r"^\s*\{\{\s*gemeente\.([a-z_.]+)\s*\}\}\s*$")
# Config keys that hold a gemeente's own sentences (not data such as an address or a number).
OWN_TEXT_KEYS = frozenset(
    {"melding.toelichting", "klachten.toelichting", "gesprek.tolk.toelichting", "eigen_bijdrage.toelichting", "wachttijden", "hardheidsclausule"}
)


@functools.lru_cache(maxsize=64)
def _lines_of_file(path: Path, modified: int) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def own_text_key(file: str, line: int) -> str | None:
    """The config key when a content line does nothing but print one of the gemeente's own texts."""
    if not file.startswith("content/") or (modified := _stamp(file)) is None:
        return None
    lines = _lines_of_file(ROOT / file, modified)
    m = OWN_TEXT_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    return m.group(1) if m and m.group(1) in OWN_TEXT_KEYS else None


def origin_of(sources: list[tuple[str, int]]) -> Origin:
    """The origin of a block from the source lines it was rendered from."""
    if any(file.startswith("municipalities/") for file, _ in sources):
        return Origin("eigen")
    own = sorted({key for file, line in sources if (key := own_text_key(file, line))})
    if own:
        return Origin("eigen", tuple(own))
    settings = sorted(set().union(*(settings_for(file, line) for file, line in sources)))
    return Origin("instelling", tuple(settings)) if settings else Origin("standaard")


# --- splitting a page into blocks ----------------------------------------------------------


class _TopLevel(HTMLParser):
    """Split HTML into its top-level elements (outer HTML of each)."""

    VOID = {"br", "hr", "img", "input", "meta", "link", "col", "area", "source", "wbr"}

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.offsets = [0]
        for line in text.splitlines(keepends=True):
            self.offsets.append(self.offsets[-1] + len(line))
        self.depth = 0
        self.start = 0
        self.parts: list[str] = []

    def _pos(self) -> int:
        line, column = self.getpos()
        return self.offsets[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.start = self._pos()
        if tag not in self.VOID:
            self.depth += 1
        elif self.depth == 0:
            self.parts.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        self.depth -= 1
        if self.depth == 0:
            end = self.text.index(">", self._pos()) + 1
            self.parts.append(self.text[self.start : end])


def top_level_elements(page_html: str) -> list[str]:
    parser = _TopLevel(page_html)
    parser.feed(page_html)
    parser.close()
    return parser.parts


class _Text(HTMLParser):
    SKIP = {"script", "style", "button", "textarea", "select"}
    BREAK = {"p", "li", "br", "div", "h2", "h3", "h4", "h5", "h6", "td", "th", "label", "legend", "dt", "dd"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.glossary: list[str] = []
        self.link: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        if tag in self.BREAK:
            self.parts.append("\n")
        if tag == "a" and GLOSSARY in (dict(attrs).get("href") or ""):
            self.link = []

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag in self.BREAK:
            self.parts.append("\n")
        if tag == "a" and self.link is not None:
            self.glossary.append(" ".join("".join(self.link).split()))
            self.link = None

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)
            if self.link is not None:
                self.link.append(data)


def plain_text(fragment: str) -> tuple[str, tuple[str, ...]]:
    """The text of an HTML fragment (lines kept where the page breaks them) and its glossary link texts."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line), tuple(parser.glossary)


LINK = re.compile(r"<a\b[^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>", re.S)


def review_html(fragment: str) -> str:
    """Block HTML for the bundle: links inside the site become plain text, links elsewhere stay."""
    return LINK.sub(lambda m: m.group(0) if m.group(1).startswith(("https://", "mailto:", "tel:")) else f"<span>{m.group(2)}</span>", fragment)


MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MD_NOISE = re.compile(r"\{[^}]*\}|[*_`#>|]|^\s*([-+]|\d+\.)\s+|!!!\s*\w+")


def _plain_markdown_line(line: str) -> str:
    # Printed values are character references in the Markdown (&#39;s-Heerenbrûk): read them as text.
    return " ".join(MD_NOISE.sub(" ", MD_LINK.sub(r"\1", html.unescape(line))).split()).lower()


def _kind(element: str) -> tuple[str, int]:
    tag = re.match(r"<\s*([a-zA-Z0-9]+)", element)
    name = tag.group(1).lower() if tag else ""
    if re.fullmatch(r"h[2-6]", name):
        return "kop", int(name[1])
    if name == "p":
        return "alinea", 0
    if name in ("ul", "ol"):
        return "lijst", 0
    if name == "table":
        return "tabel", 0
    if name == "div" and "admonition" in element[:200]:
        return "kader", 0
    return "html", 0


def page_blocks(page: RenderedPage) -> list[Block]:
    """Split a rendered page into blocks, each traced to the source lines it came from."""
    _stamps.clear()
    names, settings = markdown_extensions()
    rendered = markdown.Markdown(extensions=[*names, SafeMarkdown()], extension_configs=settings).convert(page.text)
    plain_lines = [_plain_markdown_line(line) for line in page.lines]
    elements = []
    for element in top_level_elements(rendered):
        if element.startswith("<h1") or 'class="taalwissel"' in element[:80] or "admonition info" in element[:80] and "Voorbeeld" in element[:200]:
            continue
        text, glossary = plain_text(element)
        if text:
            elements.append((element, text, glossary))
    # Find where each block starts in the Markdown lines, in order; a block runs to the next one.
    starts, cursor = [], 0
    for _, text, _ in elements:
        needle = " ".join(text.split()[:6]).lower()
        found = next((i for i in range(cursor, len(plain_lines)) if needle and needle in plain_lines[i]), None)
        if found is None:
            first = " ".join(text.split()[:2]).lower()
            found = next((i for i in range(cursor, len(plain_lines)) if first and first in plain_lines[i]), cursor)
        starts.append(found)
        cursor = found
    blocks = []
    for index, (element, text, glossary) in enumerate(elements):
        start = starts[index]
        end = max(start + 1, starts[index + 1] if index + 1 < len(starts) else len(page.lines))
        kind, level = _kind(element)
        if kind != "html":  # a Markdown block ends at the first blank line
            end = next((i for i in range(start, end) if not page.lines[i].strip()), end)
        sources = [page.sources[i] for i in range(start, min(end, len(page.sources))) if page.lines[i].strip()]
        file, line = sources[0] if sources else page.sources[min(start, len(page.sources) - 1)]
        blocks.append(Block(kind, review_html(element), text, file, line, origin_of(sources or [(file, line)]), level, glossary))
    return blocks


def review_pages(site: RenderedSite, skip: tuple[str, ...] = ("toegankelijkheid.md",)) -> list[ReviewPage]:
    """Every page in the site's reading order (standard pages, the gemeente's extra pages, easy pages)."""
    by_path = {p.path: p for p in site.pages if p.path not in skip}
    ordered = [p for p in by_path.values() if not p.path.startswith("makkelijk/")] + [p for p in by_path.values() if p.path.startswith("makkelijk/")]
    return [
        ReviewPage(number, page.title, page.path, page.path.startswith("makkelijk/"), tuple(page_blocks(page)))
        for number, page in enumerate(ordered, 1)
    ]


def setting_values(pages: list[ReviewPage], loaded: LoadedGemeente) -> dict[str, str]:
    """Every setting named in an origin, with the value this gemeente gave it, as a reader sees it."""
    data = loaded.gemeente.model_dump()
    values = {}
    for key in sorted({s for p in pages for b in p.blocks for s in b.origin.settings}):
        value: object = data
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None or value == [] or value == {}:
            values[key] = "niet ingevuld"
        elif isinstance(value, bool):
            values[key] = "ja" if value else "nee"
        elif isinstance(value, list):
            values[key] = ", ".join(map(str, value))
        else:
            values[key] = str(value)
    return values


def main(argv: list[str]) -> int:
    """Print the review pages of one gemeente as JSON (used to compare with an older version)."""
    from keukentafel.config.loader import load_all, path_for_slug
    from keukentafel.diagnostics import InvalidInput
    from keukentafel.rendering.render import render_site

    try:
        (loaded,) = load_all([path_for_slug(argv[0])])
        pages = review_pages(render_site(loaded, allow_missing=True))
    except InvalidInput as e:
        json.dump({"fouten": [d.format() for d in e.diagnostics]}, sys.stdout, ensure_ascii=False)
        return 2
    json.dump({"paginas": [asdict(p) for p in pages]}, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
