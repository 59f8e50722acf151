"""The blank persoonlijk plan as documents to download: .odt (OpenDocument) and .docx, per gemeente.

All text comes from content/plan-secties.yml (the same source as the web form) and from the
gemeente's YAML and the legal facts; nothing Dutch is typed here except through those files.

Both formats get real heading styles (ODF "Heading_20_1"/"Heading_20_2" with an outline level,
Word "Heading 1"/"Heading 2"), so a screen reader and the word processor's navigation pane see
the sections. Output is byte-identical for the same input: zip entries get a fixed date and a
fixed order, pictures a fixed name, and document metadata a fixed date (no "now" anywhere).

The first page holds what the printed plan on the site holds: the gemeente's logo (where given),
name, where and how to hand the plan in (e-mail, visiting address, the legal term) and its phone
number. The section that asks about a cliëntondersteuner (`contact: clientondersteuning` in
plan-secties.yml) gets the gemeente's cliëntondersteuning: organisation, phone, website, e-mail.

Pages: the sections flow, as on the printed plan, with as many ruled lines as the printed form
(papier in plan-secties.yml). A section's title and questions stay with its first field, and a
field's lines stay together. Word honours "keep with next" for that, but LibreOffice drops it in
long chains (measured: a section's title left alone at the foot of a page), so `paginate` decides
the page breaks itself. Every paragraph has a fixed line height, so the height of each part is
known up to the wrapping of its text, which is estimated on the safe side; where a part would not
fit on the rest of the page, an explicit page break goes before it.

The logo: a PNG goes into both formats; an SVG goes into the .odt only (ODF embeds SVG as it is,
and LibreOffice and Word show it). python-docx cannot embed SVG, and Word would need a PNG copy
next to it that we cannot make without a rasteriser, so the .docx of a gemeente with an SVG logo
has its name without the logo (README: give a PNG logo to have it in the Word file too).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import math
import re
import struct
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIXED_DATE = dt.datetime(2026, 1, 1, 0, 0, 0)
FIXED_ISO = "2026-01-01T00:00:00"
ZIP_DATE = (2026, 1, 1, 0, 0, 0)

FONT_PT = {False: 12, True: 14}  # body text: standard plan, easy plan
LINE_CM = {False: 0.75, True: 1.0}  # one ruled line, as in templates/assets/print.css
DRAWING_LINES = 7  # empty lines inside the drawing box (one bordered paragraph), about 8 cm
LOGO_HEIGHT_CM = 2.0  # the logo on the first page; a wide logo is at most LOGO_MAX_WIDTH_CM wide
LOGO_MAX_WIDTH_CM = 8.0

VARIANTS = (("mijn-plan", False), ("mijn-plan-makkelijk", True))
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
# Characters XML 1.0 cannot hold (both formats are XML): a value is text, and these are no text.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: Any) -> Any:
    """Every string in value (nested in dicts and lists) without characters XML cannot hold."""
    if isinstance(value, str):
        return NOT_XML.sub("", value)
    if isinstance(value, dict):
        return {k: xml_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [xml_text(v) for v in value]
    return value


# --- one neutral description of the document, written to both formats ----------------------


@dataclass(frozen=True)
class Logo:
    """The gemeente's logo as it goes into a document: the file's bytes, its kind and its shape."""

    data: bytes
    suffix: str  # ".svg" or ".png"
    alt: str
    width_cm: float
    height_cm: float

    @property
    def mediatype(self) -> str:
        return "image/svg+xml" if self.suffix == ".svg" else "image/png"


def _svg_size(data: bytes) -> tuple[float, float]:
    root = ET.fromstring(data)
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0:
        return float(box[2]), float(box[3])
    number = re.compile(r"^\s*([0-9.]+)")
    width, height = (number.match(root.get(side) or "") for side in ("width", "height"))
    if width and height and float(width.group(1)) > 0 and float(height.group(1)) > 0:
        return float(width.group(1)), float(height.group(1))
    return 1.0, 1.0  # no size given: draw it square


def _png_size(data: bytes) -> tuple[float, float]:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("het logo is geen geldig PNG-bestand")
    width, height = struct.unpack(">II", data[16:24])
    return float(width), float(height)


def load_logo(path: Path | None, alt: str | None) -> Logo | None:
    """The logo file (SVG or PNG, checked by the configuration) as a Logo, or None without one."""
    if path is None:
        return None
    path = Path(path)
    data = path.read_bytes()
    suffix = path.suffix.lower()
    width, height = _svg_size(data) if suffix == ".svg" else _png_size(data)
    height_cm = LOGO_HEIGHT_CM
    width_cm = height_cm * width / height
    if width_cm > LOGO_MAX_WIDTH_CM:
        width_cm, height_cm = LOGO_MAX_WIDTH_CM, LOGO_MAX_WIDTH_CM * height / width
    return Logo(data, suffix, alt or "", round(width_cm, 2), round(height_cm, 2))


@dataclass(frozen=True)
class Block:
    # logo | titel | alinea | lijst | kop1 | kop2 | label | hint | regels | tekenvak | kader | pagina
    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    count: int = 0
    logo: Logo | None = None
    keep: bool = False  # stays on a page with what follows (the title and questions of a section)


def _fill(template: str, values: dict[str, str]) -> str:
    """Replace {name} by a known value; an unknown name is an error in plan-secties.yml."""

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise ValueError(
                f"content/plan-secties.yml: onbekende naam {{{name}}} in de tekst van het document; "
                f"bekend zijn: {', '.join('{' + k + '}' for k in sorted(values))}"
            )
        return values[name]

    return PLACEHOLDER_RE.sub(one, template)


def _values(gemeente: dict, wet: dict) -> dict[str, str]:
    adres = gemeente["contact"]["bezoekadres"]
    hulp = gemeente["clientondersteuning"]
    return {
        "gemeente": gemeente["naam"],
        "dagen": str(wet["persoonlijk_plan"]["termijn_dagen"]),
        "bron": wet["persoonlijk_plan"]["bron"],
        "email": gemeente["contact"]["email"],
        "telefoon": gemeente["contact"]["telefoon"],
        "adres": f"{adres['straat']}, {adres['postcode']} {adres['plaats']}",
        "gespreksvoerder": gemeente["gesprek"]["gespreksvoerder"],
        "co_organisatie": hulp["organisatie"],
        "co_telefoon": hulp["telefoon"],
        "co_website": hulp["website"],
        "co_email": hulp.get("email") or "",
    }


def _fill_lines(templates: list[str], values: dict[str, str]) -> tuple[str, ...]:
    """Fill each line; a line with a name whose value this gemeente left empty is left out."""
    return tuple(
        _fill(line, values) for line in templates
        if all(values.get(name, "?") for name in PLACEHOLDER_RE.findall(line))
    )


def _line_count(paper: dict, big_fields: int, drawing: bool) -> int:
    """Ruled lines for a big field (papier in plan-secties.yml; the site's print uses the same)."""
    if drawing and paper.get("regels_met_tekenvak"):
        return paper["regels_met_tekenvak"]
    return paper["regels_per_vak"] if big_fields > 1 else paper["regels"]


def plan_blocks(gemeente: dict, variant: dict, wet: dict, logo: Logo | None = None) -> list[Block]:
    """The document as a list of blocks: logo, title, introduction, then every section."""
    values = _values(gemeente, wet)
    doc = variant["document"]
    blocks = [Block("logo", logo.alt, logo=logo)] if logo else []
    blocks.append(Block("titel", _fill(doc["titel"], values)))
    for item in doc["inleiding"]:
        if isinstance(item, list):
            blocks.append(Block("lijst", items=tuple(_fill(i, values) for i in item)))
        else:
            blocks.append(Block("alinea", _fill(item, values)))
    for section in variant["secties"]:
        fields = section["velden"]
        big_fields = [f for f in fields if f.get("soort", "tekst") == "tekst"]
        blocks.append(Block("kop1", section["titel"]))
        if section.get("uitleg"):
            blocks.append(Block("alinea", section["uitleg"], keep=True))
        if section.get("vragen"):
            blocks.append(Block("alinea", doc["vragen_kop"], keep=True))
            blocks.append(Block("lijst", items=tuple(section["vragen"]), keep=True))
        if section.get("contact") == "clientondersteuning":
            if not doc.get("clientondersteuning"):
                raise ValueError(
                    f"content/plan-secties.yml: sectie {section['id']} heeft contact: clientondersteuning, "
                    "maar document.clientondersteuning (de regels voor de documenten) ontbreekt"
                )
            blocks.append(Block("kader", items=_fill_lines(doc["clientondersteuning"], values)))
        elif section.get("contact"):
            raise ValueError(f"content/plan-secties.yml: sectie {section['id']}: onbekend contact {section['contact']!r}; "
                             "bekend is: clientondersteuning")
        for field in fields:
            if field.get("soort", "tekst") == "regel":
                blocks.append(Block("label", field["label"] + ":"))
                if field.get("vraag"):
                    blocks.append(Block("hint", field["vraag"]))
                blocks.append(Block("regels", count=1))
                continue
            if len(big_fields) > 1:
                blocks.append(Block("kop2", field["label"]))
            else:
                blocks.append(Block("label", field["label"] + ":"))
            if field.get("vraag"):
                blocks.append(Block("hint", field["vraag"]))
            blocks.append(Block("regels", count=_line_count(variant["papier"], len(big_fields), bool(section.get("tekenvak")))))
        if section.get("tekenvak"):
            blocks.append(Block("tekenvak", section["tekenvak"], count=DRAWING_LINES))
    return blocks




# --- the page layout: the same numbers for both formats and for `paginate` -------------------

PT_CM = 2.54 / 72
PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 21.0, 29.7, 2.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM
TEXT_HEIGHT_CM = PAGE_HEIGHT_CM - 2 * MARGIN_CM
LIST_INDENT_CM = 0.9  # bullet and its room
BOX_PADDING_CM = {"kader": 0.2, "tekenvak": 0.3}
SAFETY_CM = 0.4  # kept free at the foot of every page, for the estimate's sake


@dataclass(frozen=True)
class Para:
    """One paragraph style: font size, fixed line height and the space above and below it."""

    size_pt: int
    line_cm: float
    before_cm: float = 0.0
    after_cm: float = 0.0
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Layout:
    font_pt: int  # body text
    line_cm: float  # one ruled line

    def _para(self, extra: int, factor: float, before: float, after: float, **kw: bool) -> Para:
        size = self.font_pt + extra
        return Para(size, round(size * PT_CM * factor, 3), before, after, **kw)

    @property
    def styles(self) -> dict[str, Para]:
        return {
            "titel": self._para(10, 1.25, 0.0, 0.4, bold=True),
            "kop1": self._para(6, 1.25, 0.4, 0.1, bold=True),
            "kop2": self._para(2, 1.3, 0.3, 0.05, bold=True),
            "alinea": self._para(0, 1.45, 0.0, 0.15),
            "lijst": self._para(0, 1.45, 0.0, 0.05),
            "label": self._para(0, 1.45, 0.2, 0.05, bold=True),
            "hint": self._para(0, 1.45, 0.0, 0.05, italic=True),
            "kader": self._para(0, 1.45, 0.15, 0.2),
            "tekenvak": Para(self.font_pt + 2, self.line_cm, 0.4, 0.0),
            "regels": Para(self.font_pt, self.line_cm),
            "logo": Para(self.font_pt, 0.0, 0.0, 0.3),
        }


def _char_em(char: str) -> float:
    """A generous width of a character in Arial, in em (so that wrapping is never underestimated)."""
    if char in " .,;:'!|ijlI":
        return 0.3
    if char in "frt()-/":
        return 0.38
    if char in "mwMW@":
        return 0.9
    if char.isupper():
        return 0.74
    return 0.58


def text_lines(text: str, size_pt: int, width_cm: float, bold: bool = False) -> int:
    """How many lines the text takes at most when a word processor wraps it."""
    em_cm = size_pt * PT_CM * (1.08 if bold else 1.0)
    lines, used = 1, 0.0
    for word in text.split():
        width = sum(_char_em(c) for c in word) * em_cm
        space = _char_em(" ") * em_cm if used else 0.0
        if used and used + space + width > width_cm:
            lines, used = lines + 1, width
        else:
            used += space + width
        while used > width_cm:  # a word longer than a line (such as a web address) breaks anywhere
            lines, used = lines + 1, used - width_cm
    return lines


def block_height(block: Block, layout: Layout) -> float:
    """The height of a block on the page in cm, on the safe side."""
    para = layout.styles.get(block.kind)
    if block.kind == "logo":
        return (block.logo.height_cm if block.logo else 0.0) + 0.3 + para.after_cm
    if block.kind == "regels":
        return block.count * (para.line_cm + 0.02)  # the line itself: 0.5 pt
    if block.kind == "lijst":
        width = TEXT_WIDTH_CM - LIST_INDENT_CM
        return sum(text_lines(t, para.size_pt, width) * para.line_cm + para.after_cm for t in block.items)
    if block.kind in BOX_PADDING_CM:
        padding = BOX_PADDING_CM[block.kind]
        width = TEXT_WIDTH_CM - 2 * padding
        texts = block.items if block.kind == "kader" else (block.text,)
        lines = sum(text_lines(t, para.size_pt, width) for t in texts) + block.count
        return para.before_cm + para.after_cm + 2 * padding + 0.1 + lines * para.line_cm
    if para is None:  # pagina
        return 0.0
    lines = text_lines(block.text, para.size_pt, TEXT_WIDTH_CM, para.bold)
    return para.before_cm + lines * para.line_cm + para.after_cm


def _parts(blocks: list[Block]) -> list[list[Block]]:
    """The blocks in parts that must not be split over two pages: a section's title, explanation,
    questions and contact with its first field; then each further field; a drawing box. Before the
    first section (the introduction), each block is a part of its own."""
    parts: list[list[Block]] = []
    in_sections = head_open = False
    for block in blocks:
        if block.kind == "kop1":
            in_sections = head_open = True
            parts.append([block])
            continue
        if not in_sections or not parts or block.kind == "tekenvak" or (block.kind in ("label", "kop2") and not head_open):
            parts.append([block])
        else:
            parts[-1].append(block)
        if block.kind == "regels":
            head_open = False
    return parts


def paginate(blocks: list[Block], layout: Layout) -> list[Block]:
    """The blocks with a page break ("pagina") before each part that would not fit on the page."""
    room = TEXT_HEIGHT_CM - SAFETY_CM
    result: list[Block] = []
    used = 0.0
    for part in _parts(blocks):
        height = sum(block_height(block, layout) for block in part)
        if used > 0 and used + height > room:
            result.append(Block("pagina"))
            used = 0.0
        result.extend(part)
        used += height
        if used > room:  # a part taller than a page (not in our plans): it breaks by itself
            used = math.fmod(used, room)
    return result

# --- reproducible zip files -----------------------------------------------------------------


def normalised_zip(data: bytes, first: str | None = None) -> bytes:
    """The same archive with a fixed date, fixed attributes and a fixed order of entries.

    `first` (ODF's "mimetype") is written first and uncompressed, as the ODF standard requires.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    if first is not None:
        entries.sort(key=lambda entry: entry[0] != first)  # stable: the rest keeps its order
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            if name == first:
                info.compress_type = zipfile.ZIP_STORED
                target.writestr(info, content)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, content, compresslevel=9)
    return out.getvalue()


# --- OpenDocument (odfpy) -------------------------------------------------------------------


@contextlib.contextmanager
def _fresh_odf_namespaces():
    """odfpy keeps the namespaces it has seen in one class-wide dict and declares all of them on
    every document it writes, so output would depend on what the process did before. Give each
    document its own dict, filled in a fixed order by building it; restore the old one after."""
    from odf.element import Element

    saved = Element.namespaces
    Element.namespaces = {}
    try:
        yield
    finally:
        Element.namespaces = saved



def odt_bytes(blocks: list[Block], title: str, author: str, layout: Layout) -> bytes:
    with _fresh_odf_namespaces():
        return _odt_bytes(blocks, title, author, layout)


def _odt_bytes(blocks: list[Block], title: str, author: str, layout: Layout) -> bytes:
    from odf import dc, meta
    from odf.draw import Frame, Image
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        DefaultStyle,
        FontFace,
        GraphicProperties,
        ListLevelProperties,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
        TextProperties,
    )
    from odf.svg import Title
    from odf.text import H, LineBreak, List, ListItem, ListLevelStyleBullet, ListStyle, P

    doc = OpenDocumentText()
    doc.meta.addElement(dc.Title(text=title))
    doc.meta.addElement(dc.Language(text="nl-NL"))
    doc.meta.addElement(meta.InitialCreator(text=author))
    doc.meta.addElement(dc.Creator(text=author))
    doc.meta.addElement(meta.CreationDate(text=FIXED_ISO))
    doc.meta.addElement(dc.Date(text=FIXED_ISO))

    doc.fontfacedecls.addElement(FontFace(name="Arial", fontfamily="Arial", fontfamilygeneric="swiss", fontpitch="variable"))

    sizes = layout.styles
    default = DefaultStyle(family="paragraph")
    default.addElement(TextProperties(fontname="Arial", fontsize=f"{layout.font_pt}pt", language="nl", country="NL"))
    doc.styles.addElement(default)

    def paragraph_style(name: str, display: str, parent: str | None = None, *, size: Para | None = None,
                        text: dict | None = None, para: dict | None = None, **attrs: Any) -> Style:
        style = Style(name=name, displayname=display, family="paragraph", **attrs)
        if parent:
            style.setAttribute("parentstylename", parent)
        para = dict(para or {})
        text = dict(text or {})
        if size:  # a fixed line height and fixed spacing: what `paginate` counts with
            para.update(lineheight=f"{size.line_cm}cm", margintop=f"{size.before_cm}cm", marginbottom=f"{size.after_cm}cm")
            text.update(fontsize=f"{size.size_pt}pt")
            if size.bold:
                text["fontweight"] = "bold"
            if size.italic:
                text["fontstyle"] = "italic"
        if para:
            style.addElement(ParagraphProperties(**para))
        if text:
            style.addElement(TextProperties(**text))
        doc.styles.addElement(style)
        return style

    paragraph_style("Standard", "Standard", size=sizes["alinea"])
    body = paragraph_style("Text_20_body", "Text Body", "Standard", size=sizes["alinea"])
    # The questions above a field: they stay on the page of the field.
    body_keep = paragraph_style("Hulptekst", "Hulptekst", "Text_20_body", para={"keepwithnext": "always"})
    list_text = paragraph_style("Opsommingstekst", "Opsommingstekst", "Text_20_body", size=sizes["lijst"])
    list_keep = paragraph_style("Opsommingstekst_20_vast", "Opsommingstekst vast", "Opsommingstekst",
                                para={"keepwithnext": "always"})
    paragraph_style("Heading", "Heading", "Standard", text={"fontweight": "bold"}, para={"keepwithnext": "always"},
                    nextstylename="Text_20_body")
    title_style = paragraph_style("Title", "Title", "Heading", size=sizes["titel"])
    h1 = paragraph_style("Heading_20_1", "Heading 1", "Heading", size=sizes["kop1"], defaultoutlinelevel="1",
                         nextstylename="Text_20_body")
    h2 = paragraph_style("Heading_20_2", "Heading 2", "Heading", size=sizes["kop2"], defaultoutlinelevel="2",
                         nextstylename="Text_20_body")
    label = paragraph_style("Invullabel", "Invullabel", "Text_20_body", size=sizes["label"], para={"keepwithnext": "always"})
    hint = paragraph_style("Hulpvraag", "Hulpvraag", "Text_20_body", size=sizes["hint"], para={"keepwithnext": "always"})
    # The lines of one field stay together on a page; only the last may be followed by a break.
    line = paragraph_style("Schrijfregel", "Schrijfregel", "Standard", size=sizes["regels"],
                           para={"borderbottom": "0.5pt solid #000000", "joinborder": "false", "keepwithnext": "always"})
    last_line = paragraph_style("Laatste_20_schrijfregel", "Laatste schrijfregel", "Schrijfregel",
                                para={"keepwithnext": "auto"})
    drawing = paragraph_style("Tekenvak", "Tekenvak", "Standard", size=sizes["tekenvak"],
                              para={"border": "0.5pt solid #000000", "padding": f"{BOX_PADDING_CM['tekenvak']}cm",
                                    "keeptogether": "always"})
    # Contact details in the text (such as the cliëntondersteuning): one framed paragraph.
    frame_text = paragraph_style("Kader", "Kader", "Text_20_body", size=sizes["kader"],
                                 para={"border": "0.5pt solid #000000", "padding": f"{BOX_PADDING_CM['kader']}cm",
                                       "keeptogether": "always", "keepwithnext": "always"})
    # The logo's paragraph grows with the picture (a fixed line height would cut it off).
    logo_paragraph = paragraph_style("Logo", "Logo", "Standard",
                                     para={"lineheight": "100%", "marginbottom": f"{sizes['logo'].after_cm}cm",
                                           "keepwithnext": "always"})
    logo_graphic = Style(name="Logo_20_afbeelding", displayname="Logo afbeelding", family="graphic")
    logo_graphic.addElement(GraphicProperties(verticalpos="top", verticalrel="baseline", horizontalpos="left",
                                              horizontalrel="paragraph"))
    doc.styles.addElement(logo_graphic)

    bullets = ListStyle(name="Opsomming", displayname="Opsomming")
    level = ListLevelStyleBullet(level="1", bulletchar="•")
    level.addElement(ListLevelProperties(spacebefore=f"{LIST_INDENT_CM - 0.6:.1f}cm", minlabelwidth="0.6cm"))
    bullets.addElement(level)
    doc.styles.addElement(bullets)

    page = PageLayout(name="A4")
    page.addElement(PageLayoutProperties(pagewidth=f"{PAGE_WIDTH_CM}cm", pageheight=f"{PAGE_HEIGHT_CM}cm",
                                         printorientation="portrait", margintop=f"{MARGIN_CM}cm",
                                         marginbottom=f"{MARGIN_CM}cm", marginleft=f"{MARGIN_CM}cm",
                                         marginright=f"{MARGIN_CM}cm"))
    doc.automaticstyles.addElement(page)
    doc.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=page))

    # A new page starts after the last paragraph before it (break-after), so that every heading
    # keeps its own named style "Heading_20_1" instead of an automatic copy of it.
    page_end_styles: dict[str, Style] = {}
    last: list[Any] = []

    def page_end_style(base: str) -> Style:
        if base not in page_end_styles:
            style = Style(name=f"Einde_20_pagina_{len(page_end_styles) + 1}", family="paragraph", parentstylename=base)
            style.addElement(ParagraphProperties(breakafter="page"))
            doc.automaticstyles.addElement(style)
            page_end_styles[base] = style
        return page_end_styles[base]

    def add(element, paragraph=None) -> None:
        doc.text.addElement(element)
        last[:] = [paragraph if paragraph is not None else element]

    for block in blocks:
        if block.kind == "titel":
            add(P(stylename=title_style, text=block.text))
        elif block.kind == "alinea":
            add(P(stylename=body_keep if block.keep else body, text=block.text))
        elif block.kind == "lijst":
            items = List(stylename=bullets)
            for text in block.items:
                item = ListItem()
                paragraph = P(stylename=list_keep if block.keep else list_text, text=text)
                item.addElement(paragraph)
                items.addElement(item)
            add(items, paragraph)
        elif block.kind == "pagina":
            if last:
                last[0].setAttribute("stylename", page_end_style(last[0].getAttribute("stylename")))
        elif block.kind == "kop1":
            add(H(outlinelevel=1, stylename=h1, text=block.text))
        elif block.kind == "kop2":
            add(H(outlinelevel=2, stylename=h2, text=block.text))
        elif block.kind == "label":
            add(P(stylename=label, text=block.text))
        elif block.kind == "hint":
            add(P(stylename=hint, text=block.text))
        elif block.kind == "regels":
            for number in range(block.count):
                add(P(stylename=line if number < block.count - 1 else last_line))
        elif block.kind == "tekenvak":
            # One bordered paragraph: the text, then empty lines (line breaks) as room to draw.
            box = P(stylename=drawing, text=block.text)
            for _ in range(block.count):
                box.addElement(LineBreak())
            add(box)
        elif block.kind == "kader":
            box = P(stylename=frame_text)
            for number, text in enumerate(block.items):
                if number:
                    box.addElement(LineBreak())
                box.addText(text)
            add(box)
        elif block.kind == "logo" and block.logo:
            logo = block.logo
            # A fixed name (odfpy would pick a random one), so the file stays the same every time.
            href = doc.addPicture(f"Pictures/logo{logo.suffix}", logo.mediatype, logo.data)
            frame = Frame(stylename=logo_graphic, anchortype="as-char", name="Logo",
                          width=f"{logo.width_cm}cm", height=f"{logo.height_cm}cm")
            frame.addElement(Image(href=href, type="simple", show="embed", actuate="onLoad"))
            frame.addElement(Title(text=logo.alt))
            paragraph = P(stylename=logo_paragraph)
            paragraph.addElement(frame)
            add(paragraph)
        else:  # pragma: no cover - a programming error
            raise ValueError(block.kind)

    raw = io.BytesIO()
    doc.write(raw)
    return normalised_zip(raw.getvalue(), first="mimetype")


# --- Word (python-docx) ---------------------------------------------------------------------


def _border_element(sides: dict[str, str], space_pt: int = 4):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right", "between"):
        if side in sides:
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), sides[side])
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:space"), str(space_pt))
            edge.set(qn("w:color"), "000000")
            borders.append(edge)
    return borders


# Elements that must come after <w:pBdr> in <w:pPr>, and after <w:lang> in <w:rPr> (OOXML schema order).
AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)
AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _set_borders(style, sides: dict[str, str], space_pt: int = 4) -> None:
    style.element.get_or_add_pPr().insert_element_before(_border_element(sides, space_pt), *AFTER_PBDR)


def set_language(style, language: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), language)
    style.element.get_or_add_rPr().insert_element_before(lang, *AFTER_LANG)


def plain_font(style, name: str) -> None:
    """Set the font by name and drop the template's theme fonts, which would otherwise win."""
    from docx.oxml.ns import qn

    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)




def docx_bytes(blocks: list[Block], title: str, author: str, layout: Layout) -> bytes:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = Cm(MARGIN_CM)

    sizes = layout.styles
    styles = document.styles

    def apply(style, size: Para) -> None:
        """A fixed line height and fixed spacing: what `paginate` counts with."""
        style.font.size = Pt(size.size_pt)
        form = style.paragraph_format
        form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        form.line_spacing = Cm(size.line_cm)
        form.space_before = Cm(size.before_cm)
        form.space_after = Cm(size.after_cm)

    normal = styles["Normal"]
    plain_font(normal, "Arial")
    apply(normal, sizes["alinea"])
    set_language(normal, "nl-NL")

    black = RGBColor(0, 0, 0)
    for name, kind in (("Title", "titel"), ("Heading 1", "kop1"), ("Heading 2", "kop2"), ("List Bullet", "lijst")):
        style = styles[name]
        plain_font(style, "Arial")
        apply(style, sizes[kind])
        style.paragraph_format.keep_with_next = kind != "lijst" or None
        style.font.bold = sizes[kind].bold or None
        style.font.color.rgb = black
        # The template's Title has a rule under it and "no space between equal paragraphs" rules: off.
        for tag in ("w:pBdr", "w:contextualSpacing"):
            for element in style.element.pPr.findall(qn(tag)):
                style.element.pPr.remove(element)

    def new_style(name: str, kind: str):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        apply(style, sizes[kind])
        style.font.bold = sizes[kind].bold or None
        style.font.italic = sizes[kind].italic or None
        return style

    label = new_style("Invullabel", "label")
    label.paragraph_format.keep_with_next = True
    hint = new_style("Hulpvraag", "hint")
    hint.paragraph_format.keep_with_next = True
    line = new_style("Schrijfregel", "regels")
    _set_borders(line, {"bottom": "single", "between": "single"}, space_pt=0)
    box = {"top": "single", "left": "single", "bottom": "single", "right": "single"}
    drawing = new_style("Tekenvak", "tekenvak")
    drawing.paragraph_format.keep_together = True
    frame_text = new_style("Kader", "kader")
    frame_text.paragraph_format.keep_together = True
    frame_text.paragraph_format.keep_with_next = True
    for style, kind in ((drawing, "tekenvak"), (frame_text, "kader")):
        # Word draws a paragraph's border outside its text: indent the text so it stays inside the page.
        style.paragraph_format.left_indent = style.paragraph_format.right_indent = Cm(BOX_PADDING_CM[kind])
        _set_borders(style, box)

    new_page = False

    style_ids: dict[str, str | None] = {}

    def add(text: str | None = None, style=None):
        # As document.add_paragraph(text, style), which looks the style up among all styles for
        # every paragraph: here once per style.
        paragraph = document.add_paragraph(text)
        if style is not None:
            key = style if isinstance(style, str) else style.style_id
            if key not in style_ids:
                style_ids[key] = document.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
            paragraph._p.style = style_ids[key]
        nonlocal new_page
        if new_page:  # set on the first paragraph of the new page; its style stays as it is
            paragraph.paragraph_format.page_break_before = True
            new_page = False
        return paragraph

    for block in blocks:
        if block.kind == "pagina":
            new_page = True
        elif block.kind == "titel":
            add(block.text, "Title")
        elif block.kind == "alinea":
            paragraph = add(block.text)
            if block.keep:  # the questions above a field stay on the page of the field
                paragraph.paragraph_format.keep_with_next = True
        elif block.kind == "lijst":
            for text in block.items:
                paragraph = add(text, "List Bullet")
                if block.keep:
                    paragraph.paragraph_format.keep_with_next = True
        elif block.kind == "kop1":
            add(block.text, "Heading 1")
        elif block.kind == "kop2":
            add(block.text, "Heading 2")
        elif block.kind == "label":
            add(block.text, label)
        elif block.kind == "hint":
            add(block.text, hint)
        elif block.kind == "regels":
            for number in range(block.count):
                paragraph = add(style=line)
                if number < block.count - 1:  # the lines of one field stay together on a page
                    paragraph.paragraph_format.keep_with_next = True
        elif block.kind == "tekenvak":
            # One bordered paragraph: the text, then empty lines (line breaks) as room to draw.
            run = add(style=drawing).add_run(block.text)
            for _ in range(block.count):
                run.add_break()
        elif block.kind == "kader":
            run = add(style=frame_text).add_run()
            for number, text in enumerate(block.items):
                if number:
                    run.add_break()
                run.add_text(text)
        elif block.kind == "logo" and block.logo:
            # python-docx embeds PNG, not SVG (see the module's docstring): an SVG logo is left out here.
            if block.logo.suffix == ".png":
                picture = add()
                form = picture.paragraph_format
                form.line_spacing_rule, form.line_spacing = WD_LINE_SPACING.SINGLE, None  # grows with the picture
                form.space_after = Cm(sizes["logo"].after_cm)
                form.keep_with_next = True
                picture.add_run().add_picture(io.BytesIO(block.logo.data), height=Cm(block.logo.height_cm))
                for properties in picture._p.xpath(".//wp:docPr"):
                    properties.set("descr", block.logo.alt)
                    properties.set("name", "Logo")
        else:  # pragma: no cover - a programming error
            raise ValueError(block.kind)

    return reproducible_docx(document, title, author)


def reproducible_docx(document, title: str, author: str, when: dt.datetime = FIXED_DATE) -> bytes:
    """Save a python-docx Document byte-identically: fixed core properties (dates, revision) and a
    normalised zip (fixed entry dates, attributes and order). Also used for the Wmo-raad review bundle."""
    props = document.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.language = "nl-NL"
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    props.comments = ""
    props.subject = ""
    props.keywords = ""

    raw = io.BytesIO()
    document.save(raw)
    return normalised_zip(raw.getvalue())




# --- the public function --------------------------------------------------------------------


def write_plan_documents(gemeente: dict, plan: dict, wet: dict, out_dir: Path, logo: Path | None = None) -> list[Path]:
    """Write mijn-plan.odt, mijn-plan.docx, mijn-plan-makkelijk.odt and mijn-plan-makkelijk.docx.

    gemeente: the gemeente's data as a dict (naam, contact, gesprek, ...), defaults filled;
    plan: content/plan-secties.yml as loaded by yaml.safe_load; wet: data/wettelijke-feiten.yml;
    logo: the gemeente's logo file (huisstijl.logo, seen from its municipalities/ folder), if any.
    Returns the written paths in that order.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    gemeente = xml_text(gemeente)  # the documents are written through XML libraries: values stay text
    author = f"Gemeente {gemeente['naam']}"
    picture = load_logo(logo, (gemeente.get("huisstijl") or {}).get("logo_alt"))
    written = []
    for stem, easy in VARIANTS:
        variant = plan["makkelijk"] if easy else plan
        layout = Layout(FONT_PT[easy], LINE_CM[easy])
        blocks = paginate(plan_blocks(gemeente, variant, wet, picture), layout)
        title = next(block.text for block in blocks if block.kind == "titel")
        for suffix, make in ((".odt", odt_bytes), (".docx", docx_bytes)):
            path = out_dir / f"{stem}{suffix}"
            path.write_bytes(make(blocks, title, author, layout))
            written.append(path)
    return written
