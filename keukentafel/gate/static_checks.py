"""Static accessibility checks on rendered Markdown, before a browser starts.

A careful scanner, not a Markdown parser. It first masks what is not markup (front matter,
fenced code, code spans, HTML comments, script bodies, backslash escapes) without changing the
length of the text, so every offset in the masked text is an offset in the source. Where Python-Markdown (what
MkDocs uses) differs from CommonMark, it follows Python-Markdown: `#Titel` is a heading, and a
single line followed by `---` is a level-2 heading.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class StaticFinding:
    line: int  # 1-based line in the given text
    code: str
    criterion: str  # WCAG success criterion
    message: str  # Dutch, for communication staff


CRITERIA = {
    "afbeelding-zonder-alt": "1.1.1",
    "linktekst-leeg": "2.4.4",
    "linktekst-nietszeggend": "2.4.4",
    "kopniveau-overgeslagen": "1.3.1",
    "meerdere-h1": "1.3.1",
    "geen-h1": "2.4.6",
    "tabel-zonder-kop": "1.3.1",
    "html-inline-kleur": "1.4.3",
    "html-script": "4.1.2",
    "html-event-handler": "2.1.1",
}
VAGUE_LINK_TEXTS = {
    "klik hier", "hier", "lees meer", "meer", "link", "deze link", "klik", "verder lezen",
    "meer informatie",
}
ESCAPED = "\ue000"  # stands in for each character of a backslash escape
Report = Callable[[int, str, str], None]  # (offset in the text, code, message)

FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN_RE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
BACKSLASH_ESCAPE_RE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!<>|~\"']")
IMAGE_RE = re.compile(r"!\[([^\[\]]*)\](?:\(\s*<?([^()\s>]*)[^()\n]*\)|\[([^\[\]\n]*)\])")
LINK_RE = re.compile(r"\[([^\[\]]*)\](?:\(\s*<?([^()\s>]*)[^()\n]*\)|\[([^\[\]\n]*)\])")
ATTR_LIST_AFTER_RE = re.compile(r"\{:?([^{}\n]*)\}")
AUTOLINK_RE = re.compile(r"<((?:https?|ftp)://[^\s<>]+)>", re.IGNORECASE)
ATTR_RE = re.compile(r"""([^\s=/>"'{}:]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`{}]+))?""")
TAG_RE = re.compile(
    r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>"""
)
SCRIPT_OR_STYLE_BODY_RE = re.compile(
    r"(<(script|style)\b[^>]*>)(.*?)(</\2\s*>|\Z)", re.IGNORECASE | re.DOTALL
)
HTML_LINK_RE = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
HTML_TABLE_RE = re.compile(r"<table\b.*?(?:</table\s*>|\Z)", re.IGNORECASE | re.DOTALL)
ATTR_LIST_RE = re.compile(r"\{:?([^{}\n]*=[^{}\n]*)\}")
ATX_HEADING_RE = re.compile(r"^(#{1,6})")
SETEXT_UNDERLINE_RE = re.compile(r"^([=-])[=-]* *$")
TABLE_DELIMITER_RE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
COLOUR_STYLE_RE = re.compile(r"(?<![\w-])(color|background|background-color)\s*:", re.IGNORECASE)


def check_markdown(text: str) -> list[StaticFinding]:
    """All findings, sorted by line."""
    masked = mask_non_markup(text.replace("\r\n", "\n"))
    newlines = [i for i, char in enumerate(masked) if char == "\n"]
    found: list[tuple[int, StaticFinding]] = []

    def report(offset: int, code: str, message: str) -> None:
        line = bisect.bisect_left(newlines, offset) + 1
        found.append((offset, StaticFinding(line, code, CRITERIA[code], message)))

    check_links_and_images(masked, report)
    check_html(masked, report)
    check_pipe_tables(masked, report)
    check_heading_order(find_headings(masked), report)
    return [finding for _, finding in sorted(found, key=lambda pair: pair[0])]


def mask_non_markup(text: str) -> str:
    """Blank out front matter, fenced code, comments and script bodies, and neutralise code spans
    and escapes. Every replacement keeps the length, so offsets and lines stay those of the text."""
    lines = text.split("\n")
    if lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            lines[: end + 1] = [blank(line) for line in lines[: end + 1]]
    fence = None
    for i, line in enumerate(lines):
        opening = FENCE_RE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and opening and opening.group(1)[0] == fence[0] \
                and len(opening.group(1)) >= len(fence) and not line.strip(fence[0] + " \t"):
            fence = None
        elif fence is None:
            continue
        lines[i] = blank(line)
    masked = "\n".join(lines)
    masked = CODE_SPAN_RE.sub(lambda m: m.group(1) + "x" * len(m.group(2)) + m.group(1), masked)
    masked = COMMENT_RE.sub(lambda m: blank(m.group()), masked)
    masked = SCRIPT_OR_STYLE_BODY_RE.sub(lambda m: m.group(1) + blank(m.group(3)) + m.group(4), masked)
    return BACKSLASH_ESCAPE_RE.sub(ESCAPED * 2, masked)


def link_target(match: re.Match) -> str:
    """The destination of an inline link or image, or the label of a reference-style one."""
    return match.group(2) if match.group(3) is None else match.group(3)


def blank(fragment: str) -> str:
    return re.sub(r"[^\n]", " ", fragment)


def parse_attributes(source: str) -> dict[str, str]:
    return {name.lower(): value.strip("\"'") for name, value in ATTR_RE.findall(source)}


def visible_text(fragment: str) -> str:
    """What a reader sees of a piece of link text: no tags, emphasis or escape markers."""
    fragment = re.sub(r"<[^>]*>", "", fragment).replace(ESCAPED, "")
    return " ".join(re.sub(r"[*_~]", "", fragment).split())


def check_link_text(offset: int, text: str, target: str, report: Report) -> None:
    core = re.sub(r"^\W+|\W+$", "", text.lower())
    if not text:
        report(offset, "linktekst-leeg",
               f"Link naar '{target}' heeft geen linktekst. Een schermlezer kan dan niet zeggen "
               "waar de link heen gaat. Schrijf tekst in de link, bijvoorbeeld 'Aanvraagformulier Wmo'.")
    elif core.startswith(("http://", "https://", "www.")):
        report(offset, "linktekst-nietszeggend",
               f"Linktekst '{text}' is een webadres; een schermlezer leest dat teken voor teken voor. "
               "Schrijf in woorden waar de link heen gaat, bijvoorbeeld [Website van de gemeente](...).")
    elif core in VAGUE_LINK_TEXTS or not core:
        report(offset, "linktekst-nietszeggend",
               f"Linktekst '{text}' zegt niet waar de link heen gaat. Schrijf dat in de link zelf, "
               f"bijvoorbeeld 'Lees meer over het keukentafelgesprek' in plaats van '{text}'.")


def check_links_and_images(masked: str, report: Report) -> None:
    def replace_image(match: re.Match) -> str:
        alt, source = match.group(1), link_target(match)
        if not visible_text(alt):
            report(match.start(), "afbeelding-zonder-alt",
                   f"Afbeelding '{source}' heeft geen alt-tekst. Beschrijf tussen de rechte haken wat "
                   f"er te zien is, bijvoorbeeld ![Medewerker in gesprek met een inwoner]({source}). "
                   "Is de afbeelding alleen versiering? Gebruik dan HTML met alt=\"\".")
        # A linked image reads as its alt text: keep only that, in its place.
        return "  " + alt + blank(match.group()[2 + len(alt):])

    with_alts = IMAGE_RE.sub(replace_image, masked)
    for match in LINK_RE.finditer(with_alts):
        if re.search(r"\n\s*\n", match.group(1)):
            continue  # a blank line ends a paragraph, so this is not a link
        attr_list = ATTR_LIST_AFTER_RE.match(with_alts, match.end())
        if attr_list and parse_attributes(attr_list.group(1)).get("aria-label", "").strip():
            continue
        check_link_text(match.start(), visible_text(match.group(1)), link_target(match), report)
    for match in AUTOLINK_RE.finditer(masked):
        url = match.group(1).replace(ESCAPED, "")
        check_link_text(match.start(), url, url, report)


def check_html(masked: str, report: Report) -> None:
    for match in HTML_LINK_RE.finditer(masked):
        attributes = parse_attributes(match.group(1))
        if "href" not in attributes:
            continue  # an anchor target such as <a id="melding"></a>, not a link
        inner = re.sub(r"<img\b[^>]*>", lambda m: parse_attributes(m.group()[4:]).get("alt", ""),
                       match.group(2), flags=re.IGNORECASE)
        name = attributes.get("aria-label", "").strip() or visible_text(inner)
        if name or not (attributes.get("aria-labelledby") or attributes.get("title")):
            check_link_text(match.start(), name, attributes["href"], report)
    for match in TAG_RE.finditer(masked):
        tag, attributes = match.group(1).lower(), parse_attributes(match.group(2))
        if tag == "img" and "alt" not in attributes:
            report(match.start(), "afbeelding-zonder-alt",
                   f"Afbeelding '{attributes.get('src', '')}' heeft geen alt-attribuut. Voeg alt=\"...\" "
                   "toe met een korte beschrijving, of alt=\"\" als de afbeelding alleen versiering is.")
        elif tag == "script":
            report(match.start(), "html-script",
                   "Script in de pagina (<script>). Scripts horen niet in de tekst van een pagina en "
                   "kunnen het gebruik met toetsenbord of schermlezer verstoren. Haal het script weg.")
        check_attributes(match.start(), tag, attributes, report)
    for match in ATTR_LIST_RE.finditer(masked):
        check_attributes(match.start(), "", parse_attributes(match.group(1)), report)
    for match in HTML_TABLE_RE.finditer(masked):
        if not re.search(r"<th\b", match.group(), re.IGNORECASE):
            report(match.start(), "tabel-zonder-kop",
                   "HTML-tabel zonder kopcellen (<th>). Maak van de cellen in de eerste rij <th>-cellen "
                   "met korte namen voor de kolommen, zodat een schermlezer ze bij elke cel voorleest.")


def check_attributes(offset: int, tag: str, attributes: dict[str, str], report: Report) -> None:
    """Inline colours and event handlers, in an HTML tag or a Markdown attribute list { ... }."""
    style, shown = attributes.get("style", ""), ""
    if COLOUR_STYLE_RE.search(style):
        shown = f'style="{style}"'
    elif tag == "font" and "color" in attributes:
        shown = f'<font color="{attributes["color"]}">'
    if shown:
        report(offset, "html-inline-kleur",
               f"Vaste kleur in de tekst ({shown}). Zo'n kleur kan te weinig contrast geven, zeker in "
               "het donkere kleurenschema. Laat de kleur weg; de huisstijl van de site regelt kleuren.")
    for name in attributes:
        if re.fullmatch(r"on[a-z]+", name):
            report(offset, "html-event-handler",
                   f"Het attribuut {name} start een script bij een klik of andere gebeurtenis. Dat werkt "
                   f"vaak niet met het toetsenbord. Gebruik een gewone link of knop zonder {name}.")


def find_headings(masked: str) -> list[tuple[int, int]]:
    """(offset, level) of every heading: ATX and setext as Python-Markdown sees them, and <h1>-<h6>."""
    headings = [(m.start(), int(m.group(1)[1])) for m in TAG_RE.finditer(masked)
                if re.fullmatch(r"[hH][1-6]", m.group(1))]
    offset, lines = 0, masked.split("\n")
    for i, line in enumerate(lines):
        atx = ATX_HEADING_RE.match(line)
        underline = SETEXT_UNDERLINE_RE.match(line)
        if atx:
            headings.append((offset, len(atx.group(1))))
        elif underline and i and lines[i - 1].strip() and (i == 1 or not lines[i - 2].strip()) \
                and not re.match(r"#|\t| {4}", lines[i - 1]):
            level = 1 if underline.group(1) == "=" else 2
            headings.append((offset - len(lines[i - 1]) - 1, level))
        offset += len(line) + 1
    return sorted(headings)


def check_heading_order(headings: list[tuple[int, int]], report: Report) -> None:
    first_h1 = None
    for index, (offset, level) in enumerate(headings):
        previous = headings[index - 1][1] if index else None
        if previous is not None and level > previous + 1:
            report(offset, "kopniveau-overgeslagen",
                   f"Kop van niveau {level} volgt op een kop van niveau {previous}; niveau {previous + 1} "
                   f"wordt overgeslagen. Maak hiervan een kop van niveau {previous + 1} "
                   f"({'#' * (previous + 1)}), of zet er eerst een kop van niveau {previous + 1} boven.")
        if level == 1 and first_h1 is None:
            first_h1 = offset
        elif level == 1:
            report(offset, "meerdere-h1",
                   "Nog een kop van niveau 1. Een pagina heeft één titel met #; maak van deze kop "
                   "een kop van niveau 2 (##).")
    if first_h1 is None:
        report(0, "geen-h1",
               "De pagina heeft geen titel (kop van niveau 1). Begin de pagina met een regel als "
               "'# Het keukentafelgesprek'.")


def check_pipe_tables(masked: str, report: Report) -> None:
    lines, offset = masked.split("\n"), 0
    for i, line in enumerate(lines):
        if i and "|" in line and TABLE_DELIMITER_RE.match(line) and "|" in lines[i - 1]:
            header_cells = lines[i - 1].strip().strip("|").split("|")
            if not any(visible_text(cell) for cell in header_cells):
                report(offset - len(lines[i - 1]) - 1, "tabel-zonder-kop",
                       "Tabel zonder kopregel: de cellen in de eerste rij zijn leeg. Zet daar korte "
                       "namen voor de kolommen, zodat een schermlezer ze bij elke cel voorleest.")
        offset += len(line) + 1
