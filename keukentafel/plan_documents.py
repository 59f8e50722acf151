"""The blank persoonlijk plan as documents to download: .odt (OpenDocument) and .docx, per gemeente.

All text comes from content/plan-secties.yml (the same source as the web form) and from the
gemeente's YAML and the legal facts; nothing Dutch is typed here except through those files.

Both formats get real heading styles (ODF "Heading_20_1"/"Heading_20_2" with an outline level,
Word "Heading 1"/"Heading 2"), so a screen reader and the word processor's navigation pane see
the sections. Output is byte-identical for the same input: zip entries get a fixed date and a
fixed order, and document metadata a fixed date (no "now" anywhere).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIXED_DATE = dt.datetime(2026, 1, 1, 0, 0, 0)
FIXED_ISO = "2026-01-01T00:00:00"
ZIP_DATE = (2026, 1, 1, 0, 0, 0)

# How much room to write, in ruled lines of 0.9 cm; each section starts on a new page.
LINES_SINGLE = 18  # the one big field of a section
LINES_PART = 5  # each big field of a section with several (such as the areas of life)
LINES_EASY_SINGLE = 14
LINES_EASY_PART = 8
LINES_EASY_WITH_DRAWING = 5  # the big field of a section that also has a drawing box
DRAWING_LINES = 9  # empty lines inside the drawing box (one bordered paragraph)
FONT_PT = {False: 12, True: 14}  # body text: standard plan, easy plan

VARIANTS = (("mijn-plan", False), ("mijn-plan-makkelijk", True))
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")


# --- one neutral description of the document, written to both formats ----------------------


@dataclass(frozen=True)
class Block:
    kind: str  # titel | alinea | lijst | pagina | kop1 | kop2 | label | hint | regels | tekenvak
    text: str = ""
    items: tuple[str, ...] = ()
    count: int = 0


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
    return {
        "gemeente": gemeente["naam"],
        "dagen": str(wet["persoonlijk_plan"]["termijn_dagen"]),
        "bron": wet["persoonlijk_plan"]["bron"],
        "email": gemeente["contact"]["email"],
        "adres": f"{adres['straat']}, {adres['postcode']} {adres['plaats']}",
        "gespreksvoerder": gemeente["gesprek"]["gespreksvoerder"],
    }


def _line_count(easy: bool, big_fields: int, drawing: bool) -> int:
    if not easy:
        return LINES_PART if big_fields > 1 else LINES_SINGLE
    if drawing:
        return LINES_EASY_WITH_DRAWING
    return LINES_EASY_PART if big_fields > 1 else LINES_EASY_SINGLE


def plan_blocks(gemeente: dict, variant: dict, wet: dict, easy: bool) -> list[Block]:
    """The document as a list of blocks: title, introduction, then every section."""
    values = _values(gemeente, wet)
    doc = variant["document"]
    blocks = [Block("titel", _fill(doc["titel"], values))]
    for item in doc["inleiding"]:
        if isinstance(item, list):
            blocks.append(Block("lijst", items=tuple(_fill(i, values) for i in item)))
        else:
            blocks.append(Block("alinea", _fill(item, values)))
    for number, section in enumerate(variant["secties"]):
        fields = section["velden"]
        big_fields = [f for f in fields if f.get("soort", "tekst") == "tekst"]
        # A short first section (only one-line fields, such as a name) shares the first page.
        if number or big_fields or section.get("tekenvak"):
            blocks.append(Block("pagina"))
        blocks.append(Block("kop1", section["titel"]))
        if section.get("uitleg"):
            blocks.append(Block("alinea", section["uitleg"]))
        if section.get("vragen"):
            blocks.append(Block("alinea", doc["vragen_kop"]))
            blocks.append(Block("lijst", items=tuple(section["vragen"])))
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
            blocks.append(Block("regels", count=_line_count(easy, len(big_fields), bool(section.get("tekenvak")))))
        if section.get("tekenvak"):
            blocks.append(Block("tekenvak", section["tekenvak"], count=DRAWING_LINES))
    return blocks


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


def odt_bytes(blocks: list[Block], title: str, author: str, font_pt: int = 12) -> bytes:
    with _fresh_odf_namespaces():
        return _odt_bytes(blocks, title, author, font_pt)


def _odt_bytes(blocks: list[Block], title: str, author: str, font_pt: int) -> bytes:
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        DefaultStyle,
        FontFace,
        ListLevelProperties,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
        TextProperties,
    )
    from odf.text import H, LineBreak, List, ListItem, ListLevelStyleBullet, ListStyle, P

    doc = OpenDocumentText()
    doc.meta.addElement(dc.Title(text=title))
    doc.meta.addElement(dc.Language(text="nl-NL"))
    doc.meta.addElement(meta.InitialCreator(text=author))
    doc.meta.addElement(dc.Creator(text=author))
    doc.meta.addElement(meta.CreationDate(text=FIXED_ISO))
    doc.meta.addElement(dc.Date(text=FIXED_ISO))

    doc.fontfacedecls.addElement(FontFace(name="Arial", fontfamily="Arial", fontfamilygeneric="swiss", fontpitch="variable"))

    default = DefaultStyle(family="paragraph")
    default.addElement(TextProperties(fontname="Arial", fontsize=f"{font_pt}pt", language="nl", country="NL"))
    doc.styles.addElement(default)

    def paragraph_style(name: str, display: str, parent: str | None = None, *, text: dict | None = None,
                        para: dict | None = None, **attrs: Any) -> Style:
        style = Style(name=name, displayname=display, family="paragraph", **attrs)
        if parent:
            style.setAttribute("parentstylename", parent)
        if para:
            style.addElement(ParagraphProperties(**para))
        if text:
            style.addElement(TextProperties(**text))
        doc.styles.addElement(style)
        return style

    paragraph_style("Standard", "Standard", para={"lineheight": "150%"})
    body = paragraph_style("Text_20_body", "Text Body", "Standard", para={"margintop": "0cm", "marginbottom": "0.25cm"})
    paragraph_style("Heading", "Heading", "Standard", text={"fontweight": "bold"},
                    para={"margintop": "0.4cm", "marginbottom": "0.3cm", "keepwithnext": "always"},
                    nextstylename="Text_20_body")
    title_style = paragraph_style("Title", "Title", "Heading", text={"fontsize": f"{font_pt + 10}pt", "fontweight": "bold"},
                                  para={"marginbottom": "0.6cm"})
    h1 = paragraph_style("Heading_20_1", "Heading 1", "Heading", text={"fontsize": f"{font_pt + 6}pt", "fontweight": "bold"},
                         defaultoutlinelevel="1", nextstylename="Text_20_body")
    h2 = paragraph_style("Heading_20_2", "Heading 2", "Heading", text={"fontsize": f"{font_pt + 2}pt", "fontweight": "bold"},
                         para={"margintop": "0.5cm"}, defaultoutlinelevel="2", nextstylename="Text_20_body")
    label = paragraph_style("Invullabel", "Invullabel", "Text_20_body", text={"fontweight": "bold"},
                            para={"margintop": "0.3cm", "keepwithnext": "always"})
    hint = paragraph_style("Hulpvraag", "Hulpvraag", "Text_20_body", text={"fontstyle": "italic"},
                           para={"keepwithnext": "always"})
    # The lines of one field stay together on a page; only the last may be followed by a break.
    line = paragraph_style("Schrijfregel", "Schrijfregel", "Standard",
                           para={"lineheight": "0.9cm", "borderbottom": "0.5pt solid #000000",
                                 "joinborder": "false", "margintop": "0cm", "marginbottom": "0cm",
                                 "keepwithnext": "always"})
    last_line = paragraph_style("Laatste_20_schrijfregel", "Laatste schrijfregel", "Schrijfregel",
                                para={"keepwithnext": "auto"})
    drawing = paragraph_style("Tekenvak", "Tekenvak", "Standard", text={"fontsize": f"{font_pt + 2}pt"},
                              para={"lineheight": "0.9cm", "margintop": "0.5cm", "border": "0.5pt solid #000000",
                                    "padding": "0.3cm", "keeptogether": "always"})

    bullets = ListStyle(name="Opsomming", displayname="Opsomming")
    level = ListLevelStyleBullet(level="1", bulletchar="•")
    level.addElement(ListLevelProperties(spacebefore="0.3cm", minlabelwidth="0.6cm"))
    bullets.addElement(level)
    doc.styles.addElement(bullets)

    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm", printorientation="portrait",
                                           margintop="2cm", marginbottom="2cm", marginleft="2cm", marginright="2cm"))
    doc.automaticstyles.addElement(layout)
    doc.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))

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
            add(P(stylename=body, text=block.text))
        elif block.kind == "lijst":
            items = List(stylename=bullets)
            for text in block.items:
                item = ListItem()
                paragraph = P(stylename=body, text=text)
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
        else:  # pragma: no cover - a programming error
            raise ValueError(block.kind)

    raw = io.BytesIO()
    doc.write(raw)
    return normalised_zip(raw.getvalue(), first="mimetype")


# --- Word (python-docx) ---------------------------------------------------------------------


def _border_element(sides: dict[str, str]):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right", "between"):
        if side in sides:
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), sides[side])
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:space"), "4")
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


def _set_borders(style, sides: dict[str, str]) -> None:
    style.element.get_or_add_pPr().insert_element_before(_border_element(sides), *AFTER_PBDR)


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


def docx_bytes(blocks: list[Block], title: str, author: str, font_pt: int = 12) -> bytes:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = Cm(2)

    styles = document.styles
    normal = styles["Normal"]
    plain_font(normal, "Arial")
    normal.font.size = Pt(font_pt)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.3
    set_language(normal, "nl-NL")

    black = RGBColor(0, 0, 0)
    for name, extra in (("Title", 10), ("Heading 1", 6), ("Heading 2", 2)):
        style = styles[name]
        plain_font(style, "Arial")
        style.font.size = Pt(font_pt + extra)
        style.font.bold = True
        style.font.color.rgb = black

    def new_style(name: str, *, bold: bool = False, italic: bool = False, size: int | None = None):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.bold = bold or None
        style.font.italic = italic or None
        if size:
            style.font.size = Pt(size)
        return style

    label = new_style("Invullabel", bold=True)
    label.paragraph_format.keep_with_next = True
    label.paragraph_format.space_before = Pt(8)
    hint = new_style("Hulpvraag", italic=True)
    hint.paragraph_format.keep_with_next = True
    line = new_style("Schrijfregel")
    line.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    line.paragraph_format.line_spacing = Pt(26)
    line.paragraph_format.space_before = line.paragraph_format.space_after = Pt(0)
    _set_borders(line, {"bottom": "single", "between": "single"})
    drawing = new_style("Tekenvak", size=font_pt + 2)
    drawing.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    drawing.paragraph_format.line_spacing = Pt(26)
    drawing.paragraph_format.space_before = Pt(12)
    drawing.paragraph_format.space_after = Pt(0)
    drawing.paragraph_format.keep_together = True
    _set_borders(drawing, {"top": "single", "left": "single", "bottom": "single", "right": "single"})

    new_page = False
    for block in blocks:
        if block.kind == "pagina":
            new_page = True  # set on the next heading itself; its style stays "Heading 1"
        elif block.kind == "titel":
            document.add_paragraph(block.text, style="Title")
        elif block.kind == "alinea":
            document.add_paragraph(block.text)
        elif block.kind == "lijst":
            for text in block.items:
                document.add_paragraph(text, style="List Bullet")
        elif block.kind == "kop1":
            heading = document.add_heading(block.text, level=1)
            if new_page:
                heading.paragraph_format.page_break_before = True
                new_page = False
        elif block.kind == "kop2":
            document.add_heading(block.text, level=2)
        elif block.kind == "label":
            document.add_paragraph(block.text, style=label)
        elif block.kind == "hint":
            document.add_paragraph(block.text, style=hint)
        elif block.kind == "regels":
            for number in range(block.count):
                paragraph = document.add_paragraph(style=line)
                if number < block.count - 1:  # the lines of one field stay together on a page
                    paragraph.paragraph_format.keep_with_next = True
        elif block.kind == "tekenvak":
            # One bordered paragraph: the text, then empty lines (line breaks) as room to draw.
            run = document.add_paragraph(style=drawing).add_run(block.text)
            for _ in range(block.count):
                run.add_break()
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


def write_plan_documents(gemeente: dict, plan: dict, wet: dict, out_dir: Path) -> list[Path]:
    """Write mijn-plan.odt, mijn-plan.docx, mijn-plan-makkelijk.odt and mijn-plan-makkelijk.docx.

    gemeente: the gemeente's data as a dict (naam, contact, gesprek, ...), defaults filled;
    plan: content/plan-secties.yml as loaded by yaml.safe_load; wet: data/wettelijke-feiten.yml.
    Returns the written paths in that order.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    author = f"Gemeente {gemeente['naam']}"
    written = []
    for stem, easy in VARIANTS:
        variant = plan["makkelijk"] if easy else plan
        blocks = plan_blocks(gemeente, variant, wet, easy)
        title = blocks[0].text
        for suffix, make in ((".odt", odt_bytes), (".docx", docx_bytes)):
            path = out_dir / f"{stem}{suffix}"
            path.write_bytes(make(blocks, title, author, FONT_PT[easy]))
            written.append(path)
    return written
