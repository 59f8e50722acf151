"""The Wmo-raad review bundle as documents: one HTML file, a PDF printed from it by Chromium, and a .docx.

Input is a filled ReviewBundle (keukentafel/language/blocks.py); this module only writes it. All three
formats show the same content in the same order, with the same paragraph numbers ("4.3"):

    first page   title, date, how to respond and to whom, the legend of the three origins, contents
    changes      only with --since: per page, paragraphs added / removed and a word-level comparison
    pages        per site page: heading "N. title", a readability table, every block with its number
                 and origin (in words and by border style), the hardest sentences marked where they occur
    legal facts  each rule with its source
    settings     the gemeente's settings that switch standard text on or off, with their values
    appendix     for the editors: in which file (and line) each paragraph lives

Nothing is said by colour alone: origins, hard sentences and changed words also carry a text label.
Output is byte-identical for the same input: the HTML has no date but the bundle's own; the PDF's
creation and modification dates (the only bytes Chromium varies) get a fixed value of the same length;
the .docx gets fixed metadata and zip dates through keukentafel.rendering.plan_documents.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import jinja2
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from markupsafe import Markup
from playwright.sync_api import sync_playwright

from keukentafel import ROOT
from keukentafel.gate.browser import LAUNCH_ARGS, find_chromium
from keukentafel.rendering.plan_documents import plain_font, reproducible_docx, set_language
from keukentafel.language.blocks import ORIGIN_LABELS, Block, ChangeSet, HardSentence, Origin, ReviewBundle, ReviewPage

TEMPLATES = ROOT / "templates"
TEMPLATE_NAME = "review.html.j2"
FIXED_EPOCH = 1767225600  # 2026-01-01 00:00:00 UTC, when SOURCE_DATE_EPOCH is not set


def bundle_stem(slug: str) -> str:
    """File name without suffix: sint-menadorp-teksten-voor-de-wmo-raad(.html/.pdf/.docx)."""
    return f"{slug}-teksten-voor-de-wmo-raad"


def write_bundle(bundle: ReviewBundle, out_dir: Path) -> list[Path]:
    """Write <stem>.html, <stem>.pdf and <stem>.docx into out_dir; returns the paths in that order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    view = build_view(bundle)
    stem = bundle_stem(bundle.slug)
    html_path, pdf_path, docx_path = (out_dir / f"{stem}{suffix}" for suffix in (".html", ".pdf", ".docx"))
    html_path.write_text(render_html(view), encoding="utf-8")
    pdf_path.write_bytes(pdf_bytes(html_path, view.header))
    docx_path.write_bytes(docx_bytes(view))
    return [html_path, pdf_path, docx_path]


# --- wording shared by every format ------------------------------------------------------------

SHORT_LABELS = {"standaard": "standaard", "instelling": "instelling", "eigen": "eigen tekst"}
LEGEND = {
    "standaard": "Deze tekst staat op de website van elke gemeente die Keukentafel gebruikt.",
    "instelling": "Deze tekst staat op de website van elke gemeente, maar alleen bij een bepaalde keuze van de gemeente "
    "(een instelling). Bij de tekst staat welke instelling het is en hoe die nu staat.",
    "eigen": "Deze tekst heeft de gemeente zelf geschreven, voor haar eigen website.",
}
BORDER_WORDS = {"standaard": "dunne doorgetrokken lijn", "instelling": "brede gestreepte lijn", "eigen": "dikke dubbele lijn"}


def origin_short(origin: Origin, settings: dict[str, str]) -> str:
    """'standaard', 'eigen tekst', or 'instelling: gesprek.tolk.betaalt_gemeente (staat op: ja)'."""
    if origin.kind != "instelling":
        return SHORT_LABELS[origin.kind]
    if not origin.settings:
        return SHORT_LABELS["instelling"]
    named = [f"{key} (staat op: {settings[key]})" if key in settings else key for key in origin.settings]
    return "instelling: " + ", ".join(named)


def hard_marker(sentence: HardSentence) -> str:
    reasons = list(sentence.reasons)
    if not any("woord" in reason and reason.split()[0].isdigit() for reason in reasons):
        reasons.insert(0, f"{sentence.words} woorden")
    return "[moeilijke zin: " + "; ".join(reasons) + "]"


def nl_number(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def fold(text: str) -> str:
    return " ".join(text.split())


def build_date(epoch: str | None = None) -> dt.datetime:
    """The fixed date for document metadata: SOURCE_DATE_EPOCH when set, otherwise 1 January 2026."""
    value = epoch if epoch is not None else os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(value) if value.strip().isdigit() else FIXED_EPOCH
    return dt.datetime.fromtimestamp(seconds, dt.UTC).replace(tzinfo=None)


# --- block HTML: parsed once into tokens, written out as HTML and as Word paragraphs ------------

VOID = {"br", "hr", "img", "wbr", "input", "col", "source", "meta", "link"}
INLINE = {"a", "abbr", "b", "cite", "code", "dfn", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u"}
DROPPED = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "form", "button", "select", "textarea"}
KEPT_ATTRIBUTES = {"th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}, "ol": {"start"}, "abbr": {"title"}}
OWN_LINK = re.compile(r"^(https?:|mailto:|tel:)", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    kind: str  # start | end | text | mark (text in a hard sentence) | marker (the text label after one)
    value: str = ""  # tag name for start/end, text otherwise
    attrs: tuple[tuple[str, str], ...] = ()


class _BlockParser(HTMLParser):
    """Our renderer's HTML → tokens, made fit for one document with many pages in it:

    headings move one level down (the page title is the h2), ids go (they repeat between pages), links
    to other sites stay links, links inside the site become plain marked text (their targets are not
    in this document), images become "[afbeelding: alt]" (nothing may be loaded), scripts and forms go.
    """

    def __init__(self, heading_shift: int) -> None:
        super().__init__(convert_charrefs=True)
        self.shift = heading_shift
        self.tokens: list[Token] = []
        self.dropping = 0  # depth inside a dropped element
        self.renamed: list[str] = []  # stack of tag names as written, for the end tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self.dropping or tag in DROPPED or (tag == "a" and "headerlink" in values.get("class", "").split()):
            if tag not in VOID:
                self.dropping += 1
            return
        if tag == "img":
            alt = values.get("alt", "").strip()
            self.tokens.append(Token("text", f"[afbeelding: {alt}]" if alt else "[afbeelding]"))
            return
        name = tag
        kept: list[tuple[str, str]] = []
        if re.fullmatch(r"h[1-6]", tag):
            name = f"h{min(6, int(tag[1]) + self.shift)}"
        elif tag == "a":
            href = values.get("href", "")
            if OWN_LINK.match(href):
                kept.append(("href", href))
            else:
                name = "span"
                kept.append(("class", "sitelink"))
        elif tag == "div" and "admonition" in values.get("class", "").split():
            kept.append(("class", "kader"))
        elif tag == "p" and "admonition-title" in values.get("class", "").split():
            kept.append(("class", "kader-titel"))
        kept += [(k, v) for k, v in attrs if k in KEPT_ATTRIBUTES.get(tag, set()) and v is not None]
        if tag in VOID:
            self.tokens.append(Token("start", name, tuple(kept)))
            return
        self.renamed.append(name)
        self.tokens.append(Token("start", name, tuple(kept)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping or tag in DROPPED:
            return  # nothing inside to drop
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.dropping:
            self.dropping -= 1
            return
        if self.renamed:
            self.tokens.append(Token("end", self.renamed.pop()))

    def handle_data(self, data: str) -> None:
        if not self.dropping and data:
            self.tokens.append(Token("text", data))

    def close_all(self) -> list[Token]:
        self.close()
        while self.renamed:
            self.tokens.append(Token("end", self.renamed.pop()))
        return self.tokens


def parse_block_html(markup: str, heading_shift: int = 1) -> list[Token]:
    parser = _BlockParser(heading_shift)
    parser.feed(markup)
    return parser.close_all()


def _folded_with_map(raw: str) -> tuple[str, list[int]]:
    """raw with whitespace runs folded to one space (and no leading space), plus folded index → raw index."""
    chars: list[str] = []
    where: list[int] = []
    for i, char in enumerate(raw):
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                where.append(i)
            continue
        chars.append(char)
        where.append(i)
    return "".join(chars), where


def _find(haystack: str, needle: str) -> int:
    found = haystack.find(needle)
    if found < 0 and len(haystack.lower()) == len(haystack) and len(needle.lower()) == len(needle):
        found = haystack.lower().find(needle.lower())
    return found


def tokens_text(tokens: Iterable[Token]) -> str:
    return "".join(t.value for t in tokens if t.kind in ("text", "mark"))


def contains_sentence(tokens: list[Token], sentence: str) -> bool:
    folded, _ = _folded_with_map(tokens_text(tokens))
    return bool(fold(sentence)) and _find(folded, fold(sentence)) >= 0


def mark_sentences(tokens: list[Token], sentences: list[HardSentence]) -> tuple[list[Token], list[HardSentence]]:
    """Split the text where each sentence occurs into "mark" tokens and put its marker after it.

    A sentence that runs across a link or bold text gets one mark per piece of text, so the HTML
    stays well nested. Returns the new tokens and the sentences that were not found.
    """
    raw = tokens_text(tokens)
    folded, where = _folded_with_map(raw)
    ranges: list[tuple[int, int, HardSentence]] = []
    missing: list[HardSentence] = []
    for sentence in sentences:
        needle = fold(sentence.text)
        at = _find(folded, needle) if needle else -1
        if at < 0:
            missing.append(sentence)
            continue
        start, end = where[at], where[at + len(needle) - 1] + 1
        if any(start < e and s < end for s, e, _ in ranges):
            missing.append(sentence)  # overlaps a sentence already marked
            continue
        ranges.append((start, end, sentence))
    ranges.sort(key=lambda r: r[0])

    out: list[Token] = []
    last_piece: dict[int, int] = {}  # range index → index in out of its last marked piece
    offset = 0
    for token in tokens:
        if token.kind == "mark":  # marked before: kept as it is
            offset += len(token.value)
        if token.kind != "text":
            out.append(token)
            continue
        text, begin = token.value, offset
        offset += len(text)
        cuts = {0, len(text)}
        for s, e, _ in ranges:
            for point in (s, e):
                if begin < point < offset:
                    cuts.add(point - begin)
        points = sorted(cuts)
        for a, b in zip(points, points[1:]):
            piece = text[a:b]
            inside = next((n for n, (s, e, _) in enumerate(ranges) if s <= begin + a and begin + b <= e), None)
            if inside is None:
                out.append(Token("text", piece))
            else:
                out.append(Token("mark", piece))
                last_piece[inside] = len(out) - 1
    # Markers after each sentence, outside inline elements that close right after it; back to front.
    for n in sorted(last_piece, key=lambda n: last_piece[n], reverse=True):
        position = last_piece[n] + 1
        while position < len(out) and out[position].kind == "end" and out[position].value in INLINE:
            position += 1
        out[position:position] = [Token("text", " "), Token("marker", hard_marker(ranges[n][2]))]
    return out, missing


def tokens_to_html(tokens: Iterable[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        if token.kind == "start":
            attrs = "".join(f' {name}="{html_lib.escape(value, quote=True)}"' for name, value in token.attrs)
            parts.append(f"<{token.value}{attrs}>")
        elif token.kind == "end":
            parts.append(f"</{token.value}>")
        elif token.kind == "text":
            parts.append(html_lib.escape(token.value, quote=False))
        elif token.kind == "mark":
            parts.append(f"<mark>{html_lib.escape(token.value, quote=False)}</mark>")
        elif token.kind == "marker":
            parts.append(f'<span class="markering">{html_lib.escape(token.value, quote=False)}</span>')
    return "".join(parts)


# --- the view: everything the three writers need, computed once ---------------------------------


@dataclass
class BlockView:
    number: str  # "4.3"
    anchor: str  # "alinea-4-3"
    block: Block
    kind: str  # origin kind
    label: str  # origin in words, short
    tokens: list[Token]
    unmatched: list[HardSentence] = field(default_factory=list)  # hard sentences not found literally
    hard: int = 0  # hard sentences in this block

    @property
    def label_html(self) -> Markup:
        """The label, with a line-break opportunity after each dot and underscore of a setting name."""
        return Markup(re.sub(r"([._])(?=\w)", r"\1<wbr>", html_lib.escape(self.label, quote=False)))

    @property
    def html(self) -> Markup:
        # Trusted: block.html comes from our own Markdown renderer; tokens_to_html escapes all text again.
        return Markup(tokens_to_html(self.tokens))


@dataclass
class PageView:
    page: ReviewPage
    anchor: str
    heading: str
    figures: list[tuple[str, str]]  # (what, value) rows of the readability table; empty when not measured
    blocks: list[BlockView]
    loose: list[HardSentence]  # hard sentences that belong to no block
    hard_numbers: list[BlockView]


@dataclass
class ChangeView:
    title: str  # "Alinea 4.3 is nieuw"
    number: str
    anchor: str  # link target in the pages ("" when the paragraph is gone)
    kind: str
    segments: list[tuple[str, str]]  # ("gelijk" | "erbij" | "eraf", text)


@dataclass
class PageChangesView:
    heading: str
    anchor: str
    status_text: str
    changes: list[ChangeView]


@dataclass
class ChangesView:
    heading: str
    pages: list[PageChangesView]


@dataclass
class View:
    bundle: ReviewBundle
    title: str
    header: str  # short title for the PDF page header
    respond_to: str  # plain text
    respond_name: str | None
    respond_email: str
    legend: list[tuple[str, str, str, str]]  # (kind, short label, long label, explanation)
    pages: list[PageView]
    changes: ChangesView | None
    settings: list[tuple[str, str]]
    sources: list[tuple[str, str]]  # (page heading, "4.1–4.3 content/x.md (regel 3, 5, 9); ...")
    toc: list[tuple[str, str, int]]  # (anchor, text, level) — level 1 = h2


def page_heading(page: ReviewPage) -> str:
    return f"{page.number}. {page.title}" + (" (makkelijke taal)" if page.easy else "")


def readability_rows(bundle: ReviewBundle, page: ReviewPage) -> list[tuple[str, str]]:
    figures = bundle.language.get(page.path)
    if figures is None:
        return []
    return [
        ("Aantal zinnen", str(figures.sentences)),
        ("Gemiddeld aantal woorden per zin", nl_number(figures.average)),
        ("Langste zin", f"{figures.longest} woorden"),
        ("Flesch-Douma (hoger is makkelijker)", nl_number(figures.flesch_douma)),
        ("Ongewone woorden", f"{nl_number(figures.uncommon_percent)} %"),
        ("Lange woorden", str(figures.long_words)),
        ("Zinnen in de lijdende vorm", str(figures.passive)),
    ]


def _owner_of(sentence: HardSentence, blocks: list[BlockView]) -> BlockView | None:
    """The block a sentence that is not literally in any block comes from: same file, nearest line above."""
    candidates = [b for b in blocks if b.block.file == sentence.file and b.block.line <= sentence.line]
    return max(candidates, key=lambda b: b.block.line) if candidates else None


def page_view(bundle: ReviewBundle, page: ReviewPage) -> PageView:
    blocks = [
        BlockView(
            page.paragraph_number(i),
            f"alinea-{page.number}-{i + 1}",
            block,
            block.origin.kind,
            origin_short(block.origin, bundle.settings),
            parse_block_html(block.html),
        )
        for i, block in enumerate(page.blocks)
    ]
    figures = bundle.language.get(page.path)
    loose: list[HardSentence] = []
    found: dict[int, list[HardSentence]] = {}  # block index → its sentences, hardest first
    for sentence in figures.hardest if figures else ():
        home = next((i for i, b in enumerate(blocks) if contains_sentence(b.tokens, sentence.text)), None)
        if home is not None:
            found.setdefault(home, []).append(sentence)
            continue
        owner = _owner_of(sentence, blocks)
        if owner is None:
            loose.append(sentence)
        else:
            owner.unmatched.append(sentence)
            owner.hard += 1
    for index, sentences in found.items():
        view = blocks[index]
        view.tokens, missing = mark_sentences(view.tokens, sentences)
        view.hard += len(sentences) - len(missing)
        view.unmatched += missing  # only when two of them overlap
    return PageView(page, f"pagina-{page.number}", page_heading(page), readability_rows(bundle, page), blocks, loose,
                    [b for b in blocks if b.hard])


def changes_view(changes: ChangeSet, pages: list[ReviewPage]) -> ChangesView:
    by_path = {page.path: page for page in pages}
    out = []
    for page_changes in changes.pages:
        page = by_path.get(page_changes.path)
        if page_changes.status == "nieuw":
            status = "Deze pagina is nieuw."
        elif page_changes.status == "weg":
            status = "Deze pagina staat niet meer op de website."
        else:
            status = ""
        heading = page_heading(page) if page and page_changes.status != "weg" else page_changes.title
        views = []
        for change in page_changes.changes:
            exists = page is not None and change.kind != "weg"
            anchor = f"alinea-{change.number.replace('.', '-')}" if exists else ""
            if change.kind == "nieuw":
                title, segments = f"Alinea {change.number} is nieuw", [("erbij", change.new_text)]
            elif change.kind == "weg":
                title, segments = f"Alinea {change.number} (oude nummering) is weggehaald", [("eraf", change.old_text)]
            else:
                title = f"Alinea {change.number} is gewijzigd"
                segments = [(op, text) for op, text in change.words] or [("eraf", change.old_text), ("erbij", change.new_text)]
            views.append(ChangeView(title, change.number, anchor, change.kind, [(op, fold(text)) for op, text in segments if fold(text)]))
        out.append(PageChangesView(heading, f"pagina-{page.number}" if page and page_changes.status != "weg" else "", status, views))
    return ChangesView(f"Wat is er veranderd sinds {changes.since} ({changes.since_date})", out)


def change_marker(op: str, text: str) -> str:
    return f"[{op}: {text}]"


def source_lines(page: PageView) -> str:
    """'4.1–4.3 content/gesprek.md (regel 3, 5, 9); 4.4 municipalities/x.yml (regel 12)'."""
    groups: list[list[BlockView]] = []
    for view in page.blocks:
        if groups and groups[-1][-1].block.file == view.block.file:
            groups[-1].append(view)
        else:
            groups.append([view])
    parts = []
    for group in groups:
        numbers = group[0].number if len(group) == 1 else f"{group[0].number}–{group[-1].number}"
        lines = ", ".join(str(v.block.line) for v in group)
        parts.append(f"{numbers} {group[0].block.file} ({'regel' if len(group) == 1 else 'regels'} {lines})")
    return "; ".join(parts)


def build_view(bundle: ReviewBundle) -> View:
    title = f"Teksten van de website over hulp thuis — gemeente {bundle.gemeente}, ter beoordeling door de Wmo-raad"
    contact = bundle.contact
    email = contact.email or bundle.gemeente_email
    if contact.name and contact.email:
        respond_to = f"{contact.name} ({contact.email})"
    elif contact.name:
        respond_to = f"{contact.name}, via {bundle.gemeente_email}"
    elif contact.email:
        respond_to = contact.email
    else:
        respond_to = f"gemeente {bundle.gemeente}: {bundle.gemeente_email}"
    pages = [page_view(bundle, page) for page in bundle.pages]
    changes = changes_view(bundle.changes, bundle.pages) if bundle.changes else None
    legend = [(kind, SHORT_LABELS[kind], ORIGIN_LABELS[kind], LEGEND[kind]) for kind in ("standaard", "instelling", "eigen")]
    toc: list[tuple[str, str, int]] = []
    if changes:
        toc.append(("veranderd", changes.heading, 1))
    toc += [(p.anchor, p.heading, 1) for p in pages]
    toc.append(("wettelijke-feiten", "Wettelijke feiten op deze site", 1))
    if bundle.settings:
        toc.append(("instellingen", f"Instellingen van gemeente {bundle.gemeente}", 1))
    toc.append(("bronnen", "Voor de redactie: waar staat elke alinea?", 1))
    return View(
        bundle=bundle,
        title=title,
        header=f"Teksten voor de Wmo-raad — gemeente {bundle.gemeente}",
        respond_to=respond_to,
        respond_name=contact.name,
        respond_email=email,
        legend=legend,
        pages=pages,
        changes=changes,
        settings=sorted(bundle.settings.items()),
        sources=[(p.heading, source_lines(p)) for p in pages if p.blocks],
        toc=toc,
    )


# --- HTML ---------------------------------------------------------------------------------------


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(hard_marker=hard_marker, change_marker=change_marker, border_words=BORDER_WORDS)
    return env


def render_html(view: View) -> str:
    return _environment().get_template(TEMPLATE_NAME).render(v=view, b=view.bundle)


# --- PDF (Chromium through Playwright) ----------------------------------------------------------

PDF_MARGIN = {"top": "18mm", "bottom": "20mm", "left": "18mm", "right": "18mm"}
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")


def pdf_bytes(html_path: Path, header: str, epoch: str | None = None) -> bytes:
    """Print the HTML file to a tagged A4 PDF with bookmarks and page numbers, with fixed dates."""
    header_html = f'<div style="font-size:8pt;width:100%;padding:0 18mm;color:#333">{html_lib.escape(header)}</div>'
    footer_html = ('<div style="font-size:9pt;width:100%;text-align:center;color:#1a1a1a">'
                   'pagina <span class="pageNumber"></span> van <span class="totalPages"></span></div>')
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            # Self-contained: anything not in the file itself is refused.
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort())
            page.goto(html_path.resolve().as_uri(), wait_until="load")
            data = page.pdf(
                format="A4",
                margin=PDF_MARGIN,
                display_header_footer=True,
                header_template=header_html,
                footer_template=footer_html,
                print_background=True,
                tagged=True,
                outline=True,
            )
        finally:
            browser.close()
    return normalise_pdf(data, build_date(epoch))


def normalise_pdf(data: bytes, when: dt.datetime) -> bytes:
    """Chromium (Skia) writes the print time as /CreationDate and /ModDate: replace it by `when`.

    The replacement has exactly the length of the original, so the xref offsets stay valid.
    """
    digits = when.strftime("%Y%m%d%H%M%S").encode()

    def one(match: re.Match) -> bytes:
        suffix = match.group(3)
        fixed = (b"+00'00'" if len(suffix) == 7 else b"Z" + b" " * (len(suffix) - 1) if suffix else b"")
        return b"/" + match.group(1) + b" (D:" + digits + fixed + b")"

    out = PDF_DATE.sub(one, data)
    assert len(out) == len(data)
    return out


# --- Word (python-docx) -------------------------------------------------------------------------

FONT_PT = 11
SHADING = {"standaard": None, "instelling": "E8EEF7", "eigen": "FDF1DC"}
LEFT_BORDER = {"standaard": ("single", 6), "instelling": ("dashed", 18), "eigen": ("double", 18)}  # (style, eighths of a point)
MARK_FILL = "FFE14D"

# OOXML schema order inside <w:pPr> after <w:pBdr> and after <w:shd>.
AFTER_SHD = (
    "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str = ""
    highlight: bool = False
    marker: bool = False
    underline: bool = False
    strike: bool = False
    small: bool = False


@dataclass
class Para:
    style: str  # Normal, Heading n, List Bullet (2, 3), List Number (2, 3), List Continue, Kadertitel
    runs: list[Run] = field(default_factory=list)


@dataclass
class Table:
    rows: list[list[tuple[bool, list[Run]]]]  # cells: (is header, runs)


def _fold_runs(runs: list[Run]) -> list[Run]:
    """Fold whitespace as a browser would: one space between words, none at the start or end."""
    out: list[Run] = []
    for run in runs:
        text = re.sub(r"\s+", " ", run.text) if run.text != "\n" else "\n"
        previous = out[-1].text if out else ""
        if text.startswith(" ") and (not out or previous.endswith((" ", "\n"))):
            text = text[1:]
        if text:
            out.append(Run(**{**run.__dict__, "text": text}))
    while out and out[-1].text.endswith(" "):
        out[-1].text = out[-1].text.rstrip(" ")
        if not out[-1].text:
            out.pop()
    return out


def tokens_to_word(tokens: list[Token]) -> list[Para | Table]:
    """Block tokens → Word paragraphs (headings, list items, text) and tables."""
    items: list[Para | Table] = []
    current: Para | None = None
    lists: list[str] = []  # "ul" / "ol" nesting
    inline: list[Token] = []  # open inline elements
    table: Table | None = None
    cell: list[Run] | None = None
    cell_header = False
    in_kader = False

    def flush() -> None:
        nonlocal current
        if current is not None:
            current.runs = _fold_runs(current.runs)
            if current.runs:
                items.append(current)
        current = None

    def list_style() -> str:
        base = "List Number" if lists and lists[-1] == "ol" else "List Bullet"
        depth = min(len(lists), 3)
        return base if depth <= 1 else f"{base} {depth}"

    def run_for(text: str, kind: str) -> Run:
        names = {t.value for t in inline}
        href = next((dict(t.attrs).get("href", "") for t in inline if t.value == "a"), "")
        return Run(
            text,
            bold=bool(names & {"strong", "b"}),
            italic=bool(names & {"em", "i", "cite", "dfn"}),
            code=bool(names & {"code", "kbd"}),
            href=href,
            underline="span" in names and any(dict(t.attrs).get("class") == "sitelink" for t in inline),
            highlight=kind == "mark",
            marker=kind == "marker",
        )

    for token in tokens:
        if token.kind == "start":
            tag = token.value
            attrs = dict(token.attrs)
            if tag in INLINE:
                inline.append(token)
            elif tag == "br":
                target = cell if cell is not None else (current.runs if current else None)
                if target is not None:
                    target.append(Run("\n"))
            elif tag in ("ul", "ol"):
                flush()
                lists.append(tag)
            elif tag == "li":
                flush()
                current = Para(list_style())
            elif tag == "table":
                flush()
                table = Table([])
            elif tag == "tr" and table is not None:
                table.rows.append([])
            elif tag in ("td", "th") and table is not None:
                cell, cell_header = [], tag == "th"
            elif re.fullmatch(r"h[1-6]", tag):
                flush()
                current = Para(f"Heading {max(1, int(tag[1]) - 1)}")
            elif tag == "div" and attrs.get("class") == "kader":
                flush()
                in_kader = True
            elif tag == "p" and attrs.get("class") == "kader-titel":
                flush()
                current = Para("Kadertitel")
            elif tag in ("p", "pre", "blockquote", "dt", "dd", "div", "figure", "figcaption", "details", "summary"):
                if current is not None and current.style.startswith("List") and not _fold_runs(current.runs):
                    continue  # <li><p>: the item's first paragraph
                flush()
                if lists:
                    current = Para("List Continue" if len(lists) == 1 else f"List Continue {min(len(lists), 3)}")
                else:
                    current = Para("Kader" if in_kader else "Normal")
        elif token.kind == "end":
            tag = token.value
            if tag in INLINE:
                for i in range(len(inline) - 1, -1, -1):
                    if inline[i].value == tag:
                        del inline[i]
                        break
            elif tag in ("ul", "ol"):
                flush()
                if lists:
                    lists.pop()
            elif tag in ("td", "th") and table is not None and cell is not None:
                if table.rows:
                    table.rows[-1].append((cell_header, _fold_runs(cell)))
                cell = None
            elif tag == "table" and table is not None:
                items.append(table)
                table = None
            elif tag == "div" and in_kader:
                flush()
                in_kader = False
            elif tag in ("p", "li", "pre", "blockquote", "dt", "dd", "figcaption", "summary") or re.fullmatch(r"h[1-6]", tag):
                flush()
        else:
            run = run_for(token.value, token.kind)
            if cell is not None:
                cell.append(run)
            elif table is not None:
                continue  # whitespace between table rows
            else:
                if current is None:
                    if not token.value.strip():
                        continue
                    current = Para(list_style() if lists else ("Kader" if in_kader else "Normal"))
                current.runs.append(run)
    flush()
    return items


def _add_run(paragraph, run: Run):
    if run.text == "\n":
        paragraph.add_run().add_break()
        return
    if run.href:
        return _add_hyperlink(paragraph, run)
    r = paragraph.add_run(run.text)
    r.bold = run.bold or run.marker or None
    r.italic = run.italic or None
    if run.code:
        r.font.name = "Courier New"
    if run.highlight:
        r.font.highlight_color = WD_COLOR_INDEX.YELLOW
    if run.underline:
        r.font.underline = True
    if run.strike:
        r.font.strike = True
    if run.small:
        r.font.size = Pt(FONT_PT - 1)
    return r


def _add_hyperlink(paragraph, run_spec: Run) -> None:
    """A link to a web page or e-mail address (python-docx has no API for it), bold and marked as the run says."""
    rid = paragraph.part.relate_to(run_spec.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    for wanted, tag, value in ((run_spec.bold, "w:b", None), (run_spec.italic, "w:i", None), (run_spec.highlight, "w:highlight", "yellow")):
        if wanted:  # in schema order: rStyle, b, i, ..., highlight
            element = OxmlElement(tag)
            if value:
                element.set(qn("w:val"), value)
            props.append(element)
    run.append(props)
    text_element = OxmlElement("w:t")
    text_element.text = run_spec.text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _mark_origin(paragraph, kind: str) -> None:
    """Left border (style and width differ per origin) and background shading, as in the HTML."""
    ppr = paragraph._p.get_or_add_pPr()
    style, size = LEFT_BORDER[kind]
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    left.set(qn("w:val"), style)
    left.set(qn("w:sz"), str(size))
    left.set(qn("w:space"), "8")
    left.set(qn("w:color"), "1A1A1A")
    borders.append(left)
    ppr.insert_element_before(borders, "w:shd", *AFTER_SHD)
    if SHADING[kind]:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), SHADING[kind])
        ppr.insert_element_before(shading, *AFTER_SHD)


def _add_field(paragraph, instruction: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) with the text shown before Word updates it."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _field_char(paragraph, kind: str, instruction: str | None = None) -> None:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    paragraph._p.append(run)
    if instruction is not None:
        run = OxmlElement("w:r")
        text = OxmlElement("w:instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = instruction
        run.append(text)
        paragraph._p.append(run)


def _write_paragraphs(document, items: list[Para | Table], kind: str | None, prefix: list[Run]) -> None:
    """Write a block's paragraphs; the first starts with the prefix (number and origin), all get the origin marking.

    A block that starts with a list or table gets a paragraph of its own for the prefix.
    """
    first = True
    for item in items:
        if first and (isinstance(item, Table) or item.style.startswith("List")):
            label = document.add_paragraph(style="Normal")
            label.paragraph_format.keep_with_next = True
            for run in _label_only(prefix):
                _add_run(label, run)
            if kind:
                _mark_origin(label, kind)
        elif first:
            item.runs = prefix + item.runs
        first = False
        if isinstance(item, Table):
            columns = max((len(row) for row in item.rows), default=0)
            if not columns:
                continue
            table = document.add_table(rows=0, cols=columns)
            table.style = document.styles["Table Grid"]
            for row in item.rows:
                cells = table.add_row().cells
                for cell, (header, runs) in zip(cells, row):
                    paragraph = cell.paragraphs[0]
                    for run in runs:
                        if header:
                            run = Run(**{**run.__dict__, "bold": True})
                        _add_run(paragraph, run)
            continue
        paragraph = document.add_paragraph(style=item.style)
        for run in item.runs:
            _add_run(paragraph, run)
        if kind:
            _mark_origin(paragraph, kind)
    if first and prefix:  # an empty block still shows its number
        paragraph = document.add_paragraph(style="Normal")
        for run in _label_only(prefix):
            _add_run(paragraph, run)
        if kind:
            _mark_origin(paragraph, kind)


def _prefix(number: str, label: str) -> list[Run]:
    return [Run(number + " ", bold=True), Run(f"[{label}] ", italic=True, small=True)]


def _label_only(prefix: list[Run]) -> list[Run]:
    """The prefix as a paragraph of its own: without the space at the end."""
    return prefix[:-1] + [Run(**{**prefix[-1].__dict__, "text": prefix[-1].text.rstrip()})]


def _setup_document(view: View):
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin = section.right_margin = Cm(2)
    styles = document.styles
    normal = styles["Normal"]
    plain_font(normal, "Arial")
    normal.font.size = Pt(FONT_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.25
    set_language(normal, "nl-NL")
    black = RGBColor(0x1A, 0x1A, 0x1A)
    for name, size in (("Title", 20), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12), ("Heading 4", 11),
                       ("Heading 5", 11), ("TOC Heading", 16)):
        style = styles[name]
        plain_font(style, "Arial")
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = black
    toc1 = styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    toc1.base_style = normal
    toc1.paragraph_format.space_after = Pt(2)
    kader = styles.add_style("Kader", WD_STYLE_TYPE.PARAGRAPH)
    kader.base_style = normal
    kader.paragraph_format.left_indent = Cm(0.5)
    kadertitel = styles.add_style("Kadertitel", WD_STYLE_TYPE.PARAGRAPH)
    kadertitel.base_style = kader
    kadertitel.font.bold = True
    kadertitel.paragraph_format.keep_with_next = True
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = RGBColor(0x0B, 0x4F, 0x9C)
    for style, builtin_name in ((toc1, "toc 1"), (link, "Hyperlink")):
        # Word's own styles: Word fills the TOC with "toc 1" and knows "Hyperlink"; not custom ones.
        style.element.name_val = builtin_name
        style.element.attrib.pop(qn("w:customStyle"), None)
    return document


def _track_revisions(document) -> None:
    """Switch 'track changes' on, so every edit a council member makes shows as a tracked change."""
    settings = document.settings.element
    settings.insert_element_before(OxmlElement("w:trackRevisions"), "w:doNotTrackMoves", "w:doNotTrackFormatting",
                                   "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet",
                                   "w:defaultTabStop")


def _footer(document) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = 1  # centre
    paragraph.add_run("pagina ")
    _add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" van ")
    _add_field(paragraph, "NUMPAGES", "1")


def _docx_front(document, view: View) -> None:
    document.add_paragraph(view.title, style="Title")
    document.add_paragraph(f"Datum: {view.bundle.date}")
    document.add_heading("Hoe reageert u?", level=1)
    for runs in respond_lines(view):
        paragraph = document.add_paragraph(style="List Bullet")
        for run in runs:
            _add_run(paragraph, run)
    document.add_heading("Wat betekenen de markeringen?", level=1)
    document.add_paragraph(
        "Elke alinea begint met haar nummer en, tussen haken, waar de tekst vandaan komt. "
        "Ook de lijn links en de achtergrond verschillen per soort tekst:"
    )
    for kind, short, long, explanation in view.legend:
        paragraph = document.add_paragraph()
        _add_run(paragraph, Run(f"[{short}] ", italic=True))
        _add_run(paragraph, Run(f"{long}. ", bold=True))
        _add_run(paragraph, Run(f"{explanation} Lijn links: {BORDER_WORDS[kind]}."))
        _mark_origin(paragraph, kind)
    paragraph = document.add_paragraph()
    _add_run(paragraph, Run("Moeilijke zinnen zijn geel gemarkeerd en hebben er een label achter, bijvoorbeeld "))
    _add_run(paragraph, Run("[moeilijke zin: 21 woorden]", marker=True))
    _add_run(paragraph, Run(". Woorden die op de website een link zijn naar een andere pagina van de site, zijn onderstreept."))
    document.add_paragraph("Inhoud", style="TOC Heading")
    # A TOC field that Word fills in with page numbers (right-click, "Veld bijwerken"), with as its
    # present result a plain list, so it can be read without updating anything.
    entries = view.toc
    for i, (_, text, _level) in enumerate(entries):
        paragraph = document.add_paragraph(style="toc 1")
        if i == 0:
            _field_char(paragraph, "begin", ' TOC \\o "1-1" \\h \\z \\u ')
            _field_char(paragraph, "separate")
        paragraph.add_run(text)
        if i == len(entries) - 1:
            _field_char(paragraph, "end")


def respond_lines(view: View) -> list[list[Run]]:
    """The 'Hoe reageert u?' list of the .docx (templates/review.html.j2 has the HTML wording)."""
    lines = [
        [Run("Noem bij elke opmerking het nummer van de alinea, bijvoorbeeld "), Run("4.3", bold=True),
         Run(": pagina 4, alinea 3. De nummers zijn in de HTML-, PDF- en Word-versie hetzelfde.")],
    ]
    lines.append([Run("U kunt ook in dit Word-bestand werken: zet een opmerking bij de tekst (Invoegen, Opmerking), "
                      "of verander de tekst zelf. 'Wijzigingen bijhouden' staat al aan, dus wij zien precies wat u "
                      "veranderd hebt.")])
    send = [Run("Stuur uw reactie naar ")]
    if view.respond_name and view.bundle.contact.email:
        send += [Run(view.respond_name + ", "), Run(view.respond_email, href=f"mailto:{view.respond_email}")]
    elif view.respond_name:
        send += [Run(view.respond_name + ", via "), Run(view.respond_email, href=f"mailto:{view.respond_email}")]
    else:
        send += [Run(f"gemeente {view.bundle.gemeente}: "), Run(view.respond_email, href=f"mailto:{view.respond_email}")]
    send.append(Run("."))
    lines.append(send)
    return lines


def _docx_readability(document, page: PageView) -> None:
    if not page.figures:
        document.add_paragraph("Voor deze pagina zijn geen taalcijfers gemeten.")
        return
    paragraph = document.add_paragraph()
    _add_run(paragraph, Run(f"Leesbaarheid van pagina {page.page.number}", bold=True))
    paragraph.paragraph_format.keep_with_next = True
    table = document.add_table(rows=0, cols=2)
    table.style = document.styles["Table Grid"]
    for what, value in page.figures:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(what)
        cells[1].paragraphs[0].add_run(value)
    if page.hard_numbers:
        document.add_paragraph("Moeilijkste zinnen, geel gemarkeerd in: " + ", ".join(b.number for b in page.hard_numbers) + ".")
    for sentence in page.loose:
        paragraph = document.add_paragraph()
        _add_run(paragraph, Run("Moeilijke zin op deze pagina: "))
        _add_run(paragraph, Run(sentence.text, highlight=True))
        _add_run(paragraph, Run(" " + hard_marker(sentence), marker=True))


def _docx_page(document, page: PageView) -> None:
    heading = document.add_heading(page.heading, level=1)
    heading.paragraph_format.page_break_before = True
    _docx_readability(document, page)
    for block in page.blocks:
        items = tokens_to_word(block.tokens)
        _write_paragraphs(document, items, block.kind, _prefix(block.number, block.label))
        for sentence in block.unmatched:
            paragraph = document.add_paragraph()
            _add_run(paragraph, Run(f"Moeilijke zin in {block.number} (niet letterlijk in de tekst gevonden): "))
            _add_run(paragraph, Run(sentence.text, highlight=True))
            _add_run(paragraph, Run(" " + hard_marker(sentence), marker=True))
            _mark_origin(paragraph, block.kind)


def _docx_changes(document, changes: ChangesView) -> None:
    heading = document.add_heading(changes.heading, level=1)
    heading.paragraph_format.page_break_before = True
    document.add_paragraph(CHANGES_INTRO)
    if not changes.pages:
        document.add_paragraph("Er is niets veranderd aan de teksten.")
    for page in changes.pages:
        document.add_heading(page.heading, level=2)
        if page.status_text:
            document.add_paragraph(page.status_text)
        for change in page.changes:
            title = document.add_paragraph()
            _add_run(title, Run(change.title, bold=True))
            title.paragraph_format.keep_with_next = True
            paragraph = document.add_paragraph()
            for i, (op, text) in enumerate(change.segments):
                if i:
                    _add_run(paragraph, Run(" "))
                if op == "gelijk":
                    _add_run(paragraph, Run(text))
                else:
                    _add_run(paragraph, Run(change_marker(op, text), underline=op == "erbij", strike=op == "eraf", bold=op == "erbij"))


CHANGES_INTRO = (
    "Per pagina ziet u welke alinea's nieuw zijn, welke zijn weggehaald en welke woorden zijn veranderd. "
    "Nieuwe woorden staan tussen [erbij: …] en zijn onderstreept. Weggehaalde woorden staan tussen [eraf: …] "
    "en zijn doorgestreept. De nummers zijn die van nu; bij een weggehaalde alinea het oude nummer."
)


def _docx_end(document, view: View) -> None:
    heading = document.add_heading("Wettelijke feiten op deze site", level=1)
    heading.paragraph_format.page_break_before = True
    document.add_paragraph("Deze regels uit de wet staan in de teksten. Bij elke regel staat waar hij vandaan komt.")
    for fact in view.bundle.legal_facts:
        paragraph = document.add_paragraph(style="List Bullet")
        _add_run(paragraph, Run(fact.rule + " Bron: "))
        _add_run(paragraph, Run(fact.source, href=fact.source_url) if fact.source_url else Run(fact.source))
        _add_run(paragraph, Run("."))
    if view.settings:
        document.add_heading(f"Instellingen van gemeente {view.bundle.gemeente}", level=1)
        document.add_paragraph("Deze keuzes van de gemeente zetten standaardtekst aan of uit. Zo staan ze nu:")
        table = document.add_table(rows=1, cols=2)
        table.style = document.styles["Table Grid"]
        for cell, text in zip(table.rows[0].cells, ("Instelling", "Staat op")):
            cell.paragraphs[0].add_run(text).bold = True
        for key, value in view.settings:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(key)
            cells[1].paragraphs[0].add_run(value)
    document.add_heading("Voor de redactie: waar staat elke alinea?", level=1)
    document.add_paragraph("Per pagina: de alineanummers met het bestand (en de regel) waarin de tekst staat.")
    for heading_text, lines in view.sources:
        paragraph = document.add_paragraph()
        _add_run(paragraph, Run(heading_text + ": ", bold=True))
        _add_run(paragraph, Run(lines, small=True))


def docx_bytes(view: View, epoch: str | None = None) -> bytes:
    document = _setup_document(view)
    _footer(document)
    _track_revisions(document)
    _docx_front(document, view)
    if view.changes:
        _docx_changes(document, view.changes)
    for page in view.pages:
        _docx_page(document, page)
    _docx_end(document, view)
    return reproducible_docx(document, title=view.title, author=f"Gemeente {view.bundle.gemeente}", when=build_date(epoch))
