"""The blank persoonlijk plan as .odt and .docx: parseable, with the gemeente's name, every section
as a real heading, reproducible to the byte, and (where LibreOffice is installed) convertible to PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from keukentafel import ROOT
from keukentafel.config import discover, load_all
from keukentafel.legal import load_wet
from keukentafel.plan_documents import ZIP_DATE, _fill, write_plan_documents

PLAN_FILE = ROOT / "content" / "plan-secties.yml"
NAMES = ("mijn-plan.odt", "mijn-plan.docx", "mijn-plan-makkelijk.odt", "mijn-plan-makkelijk.docx")


@pytest.fixture(scope="module")
def plan() -> dict:
    return yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gemeenten() -> dict[str, dict]:
    return {loaded.slug: loaded.gemeente.model_dump() for loaded in load_all(discover())}


@pytest.fixture(scope="module")
def documents(tmp_path_factory, plan, gemeenten) -> dict[str, list[Path]]:
    """slug -> the four written documents."""
    wet = load_wet()
    return {
        slug: write_plan_documents(gemeente, plan, wet, tmp_path_factory.mktemp(slug))
        for slug, gemeente in gemeenten.items()
    }


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


def test_output_is_byte_identical_for_the_same_input(tmp_path, documents, gemeenten, plan):
    wet = load_wet()
    for slug, first in documents.items():
        again = write_plan_documents(gemeenten[slug], plan, wet, tmp_path / slug)
        for a, b in zip(first, again):
            assert a.read_bytes() == b.read_bytes(), f"{slug}/{a.name} verschilt tussen twee keer maken"
            with zipfile.ZipFile(b) as archive:
                assert {info.date_time for info in archive.infolist()} == {ZIP_DATE}
                if b.suffix == ".odt":
                    first_entry = archive.infolist()[0]
                    assert first_entry.filename == "mimetype"
                    assert first_entry.compress_type == zipfile.ZIP_STORED
                    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"


def test_libreoffice_converts_every_document_to_pdf(tmp_path, documents):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui); "
                    "the PDF conversion check needs it")
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
