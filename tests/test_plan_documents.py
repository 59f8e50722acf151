"""The blank persoonlijk plan as .odt and .docx: parseable, with the gemeente's name, phone, e-mail,
address and logo, the cliëntondersteuning where the plan asks about it, every section as a real
heading, reproducible to the byte, and convertible to PDF by LibreOffice without a section torn
over two pages (LibreOffice: `make test` installs libreoffice-writer-nogui and poppler-utils)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
import yaml

from keukentafel import ROOT
from keukentafel.config.loader import discover, load_all
from keukentafel.config.legal import load_wet
from keukentafel.rendering.plan_documents import ZIP_DATE, _fill, text_lines, write_plan_documents

PLAN_FILE = ROOT / "content" / "plan-secties.yml"
NAMES = ("mijn-plan.odt", "mijn-plan.docx", "mijn-plan-makkelijk.odt", "mijn-plan-makkelijk.docx")


@pytest.fixture(scope="module")
def plan() -> dict:
    return yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gemeenten() -> dict[str, dict]:
    return {loaded.slug: loaded.gemeente.model_dump() for loaded in load_all(discover())}


@pytest.fixture(scope="module")
def logos() -> dict[str, Path | None]:
    """slug -> the logo file (huisstijl.logo, seen from municipalities/), as the build passes it."""
    return {
        loaded.slug: loaded.path.parent / loaded.gemeente.huisstijl.logo if loaded.gemeente.huisstijl.logo else None
        for loaded in load_all(discover())
    }


@pytest.fixture(scope="module")
def documents(tmp_path_factory, plan, gemeenten, logos) -> dict[str, list[Path]]:
    """slug -> the four written documents."""
    wet = load_wet()
    return {
        slug: write_plan_documents(gemeente, plan, wet, tmp_path_factory.mktemp(slug), logo=logos[slug])
        for slug, gemeente in gemeenten.items()
    }


def _odt_paragraphs_in_order(path: Path) -> list[str]:
    """Headings and paragraphs in document order (teletype keeps line breaks as newlines)."""
    from odf import teletype
    from odf.opendocument import load

    found = []

    def walk(node) -> None:
        if node.qname[1] in ("p", "h") and node.qname[0].endswith(":text:1.0"):
            found.append(teletype.extractText(node))
            return
        for child in node.childNodes:
            if child.nodeType == child.ELEMENT_NODE:
                walk(child)

    walk(load(str(path)).text)
    return found


def _docx_paragraphs_in_order(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def _png(width: int, height: int) -> bytes:
    """A small valid PNG (one colour), made here so the test needs no image library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x0b\x5e\x55" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _variant(plan: dict, name: str) -> dict:
    return plan["makkelijk"] if "makkelijk" in name else plan


# --- the source: content/plan-secties.yml ----------------------------------------------------------


def test_plan_sections_are_well_formed(plan):
    for variant in (plan, plan["makkelijk"]):
        ids = [section["id"] for section in variant["secties"]]
        assert len(ids) == len(set(ids)), f"dubbele sectie-id in {PLAN_FILE.name}: {ids}"
        for section in variant["secties"]:
            assert re.fullmatch(r"[a-z0-9-]+", section["id"])
            assert section["titel"].strip()
            assert len(section.get("vragen") or []) <= 3
            fields = section["velden"]
            assert fields, f"sectie {section['id']} heeft geen velden"
            field_ids = [field["id"] for field in fields]
            assert len(field_ids) == len(set(field_ids))
            for field in fields:
                assert field.get("soort", "tekst") in ("tekst", "regel")
                assert field["label"].strip()
                # Every field has help: its own question, the section's questions, or it is a short line.
                assert field.get("vraag") or section.get("vragen") or field.get("soort") == "regel"
    assert len(plan["makkelijk"]["secties"]) < len(plan["secties"]), "het makkelijke plan heeft minder onderdelen"
    for variant in (plan, plan["makkelijk"]):  # room to write on paper: the printed form and the documents
        paper = variant["papier"]
        assert all(isinstance(paper[key], int) and paper[key] >= 1 for key in ("regels", "regels_per_vak"))
        assert paper.get("regels_met_tekenvak", 1) >= 1


def test_easy_questions_are_short(plan):
    for section in plan["makkelijk"]["secties"]:
        questions = list(section.get("vragen") or []) + [f["vraag"] for f in section["velden"] if f.get("vraag")]
        for question in questions:
            assert len(question.split()) <= 10, f"te lang voor makkelijke taal: {question!r}"


def test_unknown_placeholder_names_the_file():
    with pytest.raises(ValueError, match=r"plan-secties\.yml: onbekende naam \{postcode\}"):
        _fill("Stuur het naar {postcode}.", {"email": "x@example.nl"})


# --- the documents -------------------------------------------------------------------------------


def test_all_four_documents_are_written(documents):
    for paths in documents.values():
        assert [p.name for p in paths] == list(NAMES)
        assert all(p.stat().st_size > 1000 for p in paths)


def test_odt_has_the_gemeente_and_every_section_as_heading(documents, gemeenten, plan):
    from odf import teletype, text
    from odf.namespaces import STYLENS, TEXTNS
    from odf.opendocument import load

    for slug, paths in documents.items():
        naam = gemeenten[slug]["naam"]
        for path in (p for p in paths if p.suffix == ".odt"):
            doc = load(str(path))
            headings = [
                (h.getAttrNS(TEXTNS, "outline-level"), h.getAttrNS(TEXTNS, "style-name"), teletype.extractText(h))
                for h in doc.getElementsByType(text.H)
            ]
            level1 = [title for level, style, title in headings if level == "1" and style == "Heading_20_1"]
            for section in _variant(plan, path.name)["secties"]:
                assert section["titel"] in level1, f"{slug}/{path.name}: geen kop 1 '{section['titel']}'"
            styles = {s.getAttrNS(STYLENS, "name"): s for s in doc.styles.childNodes if s.qname[1] == "style"}
            assert styles["Heading_20_1"].getAttrNS(STYLENS, "default-outline-level") == "1"
            assert styles["Heading_20_2"].getAttrNS(STYLENS, "default-outline-level") == "2"
            body = "\n".join(teletype.extractText(p) for p in doc.getElementsByType(text.P))
            assert naam in body
            assert gemeenten[slug]["contact"]["email"] in body
            assert "{" not in body and "}" not in body, "niet ingevulde naam in de tekst"


def test_docx_has_the_gemeente_and_every_section_as_heading(documents, gemeenten, plan):
    import docx

    for slug, paths in documents.items():
        naam = gemeenten[slug]["naam"]
        for path in (p for p in paths if p.suffix == ".docx"):
            document = docx.Document(str(path))
            level1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
            for section in _variant(plan, path.name)["secties"]:
                assert section["titel"] in level1, f"{slug}/{path.name}: geen Heading 1 '{section['titel']}'"
            body = "\n".join(p.text for p in document.paragraphs)
            assert naam in body
            assert gemeenten[slug]["contact"]["email"] in body
            assert "{" not in body and "}" not in body, "niet ingevulde naam in de tekst"
            props = document.core_properties
            assert props.created.year == 2026 and props.modified == props.created
            assert naam in props.title


def test_documents_hold_the_gemeentes_phone_email_and_address_before_the_first_section(documents, gemeenten, plan):
    for slug, paths in documents.items():
        contact = gemeenten[slug]["contact"]
        wanted = [contact["telefoon"], contact["email"], contact["bezoekadres"]["straat"],
                  f"{contact['bezoekadres']['postcode']} {contact['bezoekadres']['plaats']}"]
        for path in paths:
            read = _odt_paragraphs_in_order if path.suffix == ".odt" else _docx_paragraphs_in_order
            paragraphs = read(path)
            first_section = paragraphs.index(_variant(plan, path.name)["secties"][0]["titel"])
            introduction = "\n".join(paragraphs[:first_section])
            for value in wanted:
                assert value in introduction, f"{slug}/{path.name}: {value!r} niet op de eerste bladzijde"


def test_documents_give_the_clientondersteuning_where_the_plan_asks_about_it(documents, gemeenten, plan):
    for slug, paths in documents.items():
        hulp = gemeenten[slug]["clientondersteuning"]
        wanted = [hulp["organisatie"], hulp["telefoon"], hulp["website"]] + ([hulp["email"]] if hulp.get("email") else [])
        for path in paths:
            sections = _variant(plan, path.name)["secties"]
            asking = [s for s in sections if s.get("contact") == "clientondersteuning"]
            assert asking, f"geen onderdeel met contact: clientondersteuning in het plan voor {path.name}"
            titles = {s["titel"] for s in sections}
            read = _odt_paragraphs_in_order if path.suffix == ".odt" else _docx_paragraphs_in_order
            paragraphs = read(path)
            for section in asking:
                start = paragraphs.index(section["titel"])
                end = next((i for i in range(start + 1, len(paragraphs)) if paragraphs[i] in titles), len(paragraphs))
                text = "\n".join(paragraphs[start:end])
                assert any("cliëntondersteuner" in q for q in section["vragen"]), "het onderdeel vraagt naar een cliëntondersteuner"
                for value in wanted:
                    assert value in text, f"{slug}/{path.name}: {value!r} niet bij '{section['titel']}'"
        # A gemeente without an e-mail address for its cliëntondersteuning gets no empty "E-mail:" line.
        if not hulp.get("email"):
            for path in paths:
                read = _odt_paragraphs_in_order if path.suffix == ".odt" else _docx_paragraphs_in_order
                assert not any(re.search(r"E-mail:\s*$", line, re.M) for line in read(path)), f"{slug}/{path.name}"


def test_an_svg_logo_goes_into_the_odt_and_is_left_out_of_the_docx(documents, gemeenten):
    paths = dict((p.name, p) for p in documents["s-heerenbruk-aan-de-vliet"])
    alt = gemeenten["s-heerenbruk-aan-de-vliet"]["huisstijl"]["logo_alt"]
    for name in ("mijn-plan.odt", "mijn-plan-makkelijk.odt"):
        with zipfile.ZipFile(paths[name]) as archive:
            assert "Pictures/logo.svg" in archive.namelist()
            assert b'manifest:full-path="Pictures/logo.svg" manifest:media-type="image/svg+xml"' in archive.read("META-INF/manifest.xml")
            content = archive.read("content.xml").decode()
            assert 'xlink:href="Pictures/logo.svg"' in content
            assert f"<svg:title>{alt}</svg:title>" in content.replace("&apos;", "'")
    for name in ("mijn-plan.docx", "mijn-plan-makkelijk.docx"):
        with zipfile.ZipFile(paths[name]) as archive:
            assert not [n for n in archive.namelist() if n.startswith("word/media/")], "python-docx kan geen SVG invoegen"
    for path in documents["sint-menadorp"]:  # no logo: no picture at all
        with zipfile.ZipFile(path) as archive:
            assert not [n for n in archive.namelist() if n.startswith(("Pictures/", "word/media/"))]


def test_a_png_logo_goes_into_both_formats_with_its_alternative_text(tmp_path, gemeenten, plan):
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png(120, 40))
    gemeente = dict(gemeenten["sint-menadorp"], huisstijl={"kleur": "#2f4f7f", "logo": "logo.png", "logo_alt": "Logo van Sint-Ménadorp"})
    first = write_plan_documents(gemeente, plan, load_wet(), tmp_path / "een", logo=logo)
    again = write_plan_documents(gemeente, plan, load_wet(), tmp_path / "twee", logo=logo)
    for a, b in zip(first, again):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} verschilt tussen twee keer maken"
        with zipfile.ZipFile(a) as archive:
            if a.suffix == ".odt":
                assert archive.read("Pictures/logo.png") == logo.read_bytes()
                assert "<svg:title>Logo van Sint-Ménadorp</svg:title>" in archive.read("content.xml").decode()
            else:
                assert archive.read("word/media/image1.png") == logo.read_bytes()
                assert 'descr="Logo van Sint-Ménadorp"' in archive.read("word/document.xml").decode()


def test_the_wrapping_estimate_is_on_the_safe_side():
    """`paginate` may only ever think a text is longer than it is: a word processor fits Arial's
    average of well over 80 characters of 12 pt text on a 17 cm line; the estimate stays below that."""
    sentence = "Wat wilt u over een jaar anders zien en wat maakt het een punt hoger? " * 4
    assert text_lines(sentence, 12, 17.0) >= len(sentence) // 80 + 1
    assert text_lines("https://heel-lang-webadres.voorbeeld.nl/" + "x" * 120, 12, 17.0) >= 2


def test_output_is_byte_identical_for_the_same_input(tmp_path, documents, gemeenten, plan, logos):
    wet = load_wet()
    for slug, first in documents.items():
        again = write_plan_documents(gemeenten[slug], plan, wet, tmp_path / slug, logo=logos[slug])
        for a, b in zip(first, again):
            assert a.read_bytes() == b.read_bytes(), f"{slug}/{a.name} verschilt tussen twee keer maken"
            with zipfile.ZipFile(b) as archive:
                assert {info.date_time for info in archive.infolist()} == {ZIP_DATE}
                if b.suffix == ".odt":
                    first_entry = archive.infolist()[0]
                    assert first_entry.filename == "mimetype"
                    assert first_entry.compress_type == zipfile.ZIP_STORED
                    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"


def _first_field_label(section: dict) -> str:
    """The label of a section's first field as the documents write it (see plan_blocks)."""
    field = section["velden"][0]
    big = [f for f in section["velden"] if f.get("soort", "tekst") == "tekst"]
    return field["label"] if field.get("soort", "tekst") == "tekst" and len(big) > 1 else field["label"] + ":"


def test_libreoffice_prints_every_document_without_tearing_a_section(tmp_path, documents, plan):
    """LibreOffice converts each document to PDF; in it, each section's title is on the page of its
    first field, and the plan stays short: at most 8 pages (easy: 6), as the printed plan on the site."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        pytest.fail("LibreOffice is not installed: run `make test-tools` (Debian: apt-get install libreoffice-writer-nogui)")
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.fail("pdftotext is not installed: run `make test-tools` (Debian: apt-get install poppler-utils)")
    profile = tmp_path / "profiel"  # own profile: no clash with another LibreOffice that is running
    for slug, paths in documents.items():
        for path in paths:
            out_dir = tmp_path / slug / path.suffix.lstrip(".")
            result = subprocess.run(
                [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                 "--outdir", str(out_dir), str(path)],
                capture_output=True, text=True, timeout=180,
            )
            pdf = out_dir / (path.stem + ".pdf")
            assert result.returncode == 0, f"{slug}/{path.name}: {result.stderr}"
            assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-", f"{slug}/{path.name}: geen PDF\n{result.stdout}"

            text = subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            pages = [{line.strip() for line in page.splitlines()} for page in text.split("\f")[:-1]]
            limit = 6 if "makkelijk" in path.name else 8
            assert len(pages) <= limit, f"{slug}/{path.name}: {len(pages)} bladzijden, hoogstens {limit}"

            def page_of(line: str) -> int:
                found = [number for number, lines in enumerate(pages, 1) if line in lines]
                assert found, f"{slug}/{path.name}: '{line}' niet in de PDF"
                return found[0]

            for section in _variant(plan, path.name)["secties"]:
                title, label = section["titel"], _first_field_label(section)
                assert page_of(title) == page_of(label), (
                    f"{slug}/{path.name}: '{title}' staat op bladzijde {page_of(title)}, "
                    f"het eerste vak ('{label}') op bladzijde {page_of(label)}"
                )
