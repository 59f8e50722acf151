"""Windows and Word habits, typos and hostile values in a gemeente's YAML: each case is either read
(with a warning naming line and column, when something was changed) or refused with a Dutch error
at the right line and column. One row of the corpus per case; exit code 2 for every refusal."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from keukentafel.config.loader import discover, load_all, path_for_slug, slug_from_argument, validate_file
from keukentafel.diagnostics import InvalidInput
from keukentafel.config.values import parse_phone, tel_uri

ROOT = Path(__file__).resolve().parent.parent

BASE = """\
naam: Ergens
contact:
  telefoon: "0123 45 67 89"
  email: wmo@voorbeeld.nl
  bezoekadres: {straat: Markt 1, postcode: 1234 AB, plaats: Ergens}
  openingstijden: [elke werkdag]
melding: {}
gesprek:
  gespreksvoerder: een Wmo-consulent
  locaties:
    - thuis
  duur_minuten: 60
clientondersteuning:
  organisatie: Steunpunt
  telefoon: "0123 00 00 00"
  website: https://steunpunt.voorbeeld.nl
verslag:
  ondertekenen_is_aanvraag: false
bezwaar:
  postadres: {naam: College, adres: Postbus 1, postcode: 1234 AB, plaats: Ergens}
"""

# English words from PyYAML's and pydantic's own messages; none may reach a user.
ENGLISH = re.compile(r"\b(found|expected|while|could not|should|scanning|parsing|unacceptable|character|mapping|Input|Value error|stream|token)\b")


def line(number: int, text: str, base: str = BASE) -> str:
    """BASE with line `number` (from 1) replaced by text."""
    lines = base.split("\n")
    lines[number - 1] = text
    return "\n".join(lines)


def own_text(text: str) -> str:
    """BASE with an own Markdown text: `text` stands on line 25, from column 7."""
    return BASE + f"pagina_teksten:\n  start:\n    boven: |-\n      Welkom.\n      {text}\n"


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    outcome: str  # "fout" (refused, exit 2), "waarschuwing" (read, with a warning) or "goed" (read, no word)
    line: int | None = None
    column: int | None = None
    fragment: str = ""  # in the message or its hint
    key: tuple = ()  # for read cases: the value at this key ...
    value: object = None  # ... is this


CORPUS = [
    # --- encodings, BOM, line ends ---------------------------------------------------------------
    Case("windows-1252 é", BASE.replace("Steunpunt", "Caf\xe9 De Hoek").encode("cp1252"), "fout", 14, 19, 'het bestand is niet opgeslagen als UTF-8: hier staat "é"'),
    Case("windows-1252 curly quotes from Word", line(9, "  gespreksvoerder: een “Wmo”-consulent").encode("cp1252"), "fout", 9, 24, 'hier staat "“"'),
    Case("windows-1252 in a CRLF file", BASE.replace("Steunpunt", "Caf\xe9").replace("\n", "\r\n").encode("cp1252"), "fout", 14, 19, "niet opgeslagen als UTF-8"),
    Case("UTF-16 (Kladblok 'Unicode')", BASE.encode("utf-16"), "fout", 1, 1, "UTF-16 (in Kladblok heet dat 'Unicode')"),
    Case("UTF-16 without BOM", BASE.encode("utf-16-le"), "fout", 1, 1, "UTF-16"),
    Case("UTF-8 with BOM", b"\xef\xbb\xbf" + utf8(BASE), "goed", key=("naam",), value="Ergens"),
    Case("CRLF line ends", utf8(BASE.replace("\n", "\r\n")), "goed", key=("naam",), value="Ergens"),
    Case("CR line ends (old Mac)", utf8(BASE.replace("\n", "\r")), "goed", key=("contact", "telefoon"), value="0123 45 67 89"),
    Case("BOM and CRLF: the error keeps its line", b"\xef\xbb\xbf" + utf8(line(15, '  telefoon: "12345"').replace("\n", "\r\n")), "fout", 15, None, "verwacht een telefoonnummer"),
    # --- characters nobody can see ---------------------------------------------------------------
    Case("vertical tab from Word's Shift+Enter", utf8(line(14, "  organisatie: Steun\x0bpunt")), "fout", 14, 21, "een regeleinde uit Word (Shift+Enter, U+000B)"),
    Case("NUL character", utf8(line(14, "  organisatie: Steun\x00punt")), "fout", 14, 21, "een nul-teken (U+0000)"),
    Case("Unicode line separator", utf8(line(14, "  organisatie: Steun\u2028punt")), "fout", 14, 21, "een regelscheidingsteken (U+2028)"),
    Case("zero-width space in a value", utf8(line(14, "  organisatie: Steun\u200bpunt")), "waarschuwing", 14, 21, "onzichtbaar teken (U+200B zero width space) weggehaald", ("clientondersteuning", "organisatie"), "Steunpunt"),
    Case("zero-width space in a key", utf8(line(1, "naam\u200b: Ergens")), "fout", 1, 5, "onzichtbaar teken (U+200B zero width space) voor de dubbele punt"),
    Case("BOM inside a value", utf8(line(14, "  organisatie: Steun\ufeffpunt")), "waarschuwing", 14, 21, "U+FEFF", ("clientondersteuning", "organisatie"), "Steunpunt"),
    Case("soft hyphen in a value", utf8(line(14, "  organisatie: Steun\xadpunt")), "waarschuwing", 14, 21, "U+00AD soft hyphen", ("clientondersteuning", "organisatie"), "Steunpunt"),
    Case("word joiner in a value", utf8(line(14, "  organisatie: Steun\u2060punt")), "waarschuwing", 14, 21, "U+2060 word joiner", ("clientondersteuning", "organisatie"), "Steunpunt"),
    # --- tabs --------------------------------------------------------------------------------------
    Case("tab as indentation", utf8(line(4, "\temail: wmo@voorbeeld.nl")), "fout", 4, 1, "tab gebruikt om in te springen; YAML staat alleen spaties toe"),
    Case("tab after indentation spaces", utf8(line(4, "  \temail: wmo@voorbeeld.nl")), "fout", 4, 3, "tab gebruikt om in te springen"),
    Case("tab between key and value", utf8(line(1, "naam:\tErgens")), "goed", key=("naam",), value="Ergens"),
    Case("tab inside a value", utf8(line(9, "  gespreksvoerder: een\tWmo-consulent")), "waarschuwing", 9, 23, "tab vervangen door een gewone spatie", ("gesprek", "gespreksvoerder"), "een Wmo-consulent"),
    Case("tab before a comment", utf8(BASE + "\t# opmerking\n"), "goed", key=("naam",), value="Ergens"),
    # --- spaces that are not spaces ----------------------------------------------------------------
    Case("non-breaking spaces in a phone number", utf8(line(3, '  telefoon: "0123\xa045\xa067\xa089"')), "waarschuwing", 3, 18, "3× harde spatie vervangen door een gewone spatie", ("contact", "telefoon"), "0123 45 67 89"),
    Case("narrow non-breaking space in a text", utf8(line(14, "  organisatie: Stichting\u202fSteunpunt")), "waarschuwing", 14, 25, "smalle harde spatie vervangen door een gewone spatie", ("clientondersteuning", "organisatie"), "Stichting Steunpunt"),
    Case("non-breaking space before the colon", utf8(line(4, "  email\xa0: wmo@voorbeeld.nl")), "fout", 4, 8, "onzichtbare spatie (harde spatie uit Word) voor de dubbele punt"),
    Case("non-breaking space after the colon", utf8(line(4, "  email:\xa0wmo@voorbeeld.nl")), "fout", 4, 9, "onzichtbare spatie (harde spatie uit Word) na de dubbele punt"),
    Case("non-breaking space in the indentation", utf8(line(4, "\xa0 email: wmo@voorbeeld.nl")), "fout", 4, 1, "onzichtbare spatie (harde spatie uit Word) bij het inspringen"),
    Case("non-breaking space after a list dash", utf8(line(11, "    -\xa0thuis")), "fout", 11, 6, "na het streepje van een lijstregel"),
    Case("non-breaking space at the end of a line", utf8(line(1, "naam: Ergens\xa0")), "goed", key=("naam",), value="Ergens"),
    Case("non-breaking space in a comment", utf8(BASE + "# een\xa0opmerking\n"), "goed", key=("naam",), value="Ergens"),
    # --- Word's curly quotes -----------------------------------------------------------------------
    Case("curly double quotes around a value", utf8(line(14, "  organisatie: “Steunpunt”")), "waarschuwing", 14, 16, "aanhalingstekens uit Word (“ ”) om de waarde weggehaald", ("clientondersteuning", "organisatie"), "Steunpunt"),
    Case("curly single quotes around a list item", utf8(line(11, "    - ‘thuis’")), "waarschuwing", 11, 7, "aanhalingstekens uit Word (‘ ’)", ("gesprek", "locaties"), ["thuis"]),
    Case("curly quotes around a phone number", utf8(line(3, "  telefoon: “14 0516”")), "waarschuwing", 3, 13, "aanhalingstekens uit Word", ("contact", "telefoon"), "14 0516"),
    Case("curly quotes around a text with a colon", utf8(line(14, "  organisatie: “Let op: Steunpunt”")), "fout", 14, 16, "de waarde staat tussen aanhalingstekens uit Word (“)"),
    Case("curly quotes inside a text stay", utf8(line(9, "  gespreksvoerder: een “Wmo-consulent”")), "goed", key=("gesprek", "gespreksvoerder"), value="een “Wmo-consulent”"),
    Case("curly quotes inside straight quotes stay", utf8(line(14, '  organisatie: "“Steunpunt”"')), "goed", key=("clientondersteuning", "organisatie"), value="“Steunpunt”"),
    # --- phone numbers, e-mail, web addresses ------------------------------------------------------
    Case("phone number 14 + area code, unquoted", utf8(line(3, "  telefoon: 14 0516")), "goed", key=("contact", "telefoon"), value="14 0516"),
    Case("phone number (0516) 55 44 33", utf8(line(3, '  telefoon: "(0516) 55 44 33"')), "goed", key=("contact", "telefoon"), value="(0516) 55 44 33"),
    Case("phone number with a letter O", utf8(line(3, '  telefoon: "O123 45 67 89"')), "fout", 3, None, "er staat een letter O waar een nul hoort"),
    Case("phone number too short", utf8(line(3, '  telefoon: "12345"')), "fout", 3, None, 'verwacht een telefoonnummer zoals "0123 45 67 89", "14 0123" of "0800 1234", gevonden "12345"'),
    Case("e-mail address in capitals", utf8(line(4, "  email: Wmo@Voorbeeld.NL")), "goed", key=("contact", "email"), value="Wmo@Voorbeeld.NL"),
    Case("e-mail address with mailto:", utf8(line(4, "  email: mailto:wmo@voorbeeld.nl")), "fout", 4, None, "laat mailto: weg; de site maakt de link zelf"),
    Case("e-mail address with two @", utf8(line(4, "  email: wmo@@voorbeeld.nl")), "fout", 4, None, "een e-mailadres heeft precies één @"),
    Case("web address with http:", utf8(line(16, "  website: http://steunpunt.voorbeeld.nl")), "fout", 16, None, "gebruik het beveiligde adres: https://steunpunt.voorbeeld.nl"),
    Case("web address javascript:", utf8(line(16, "  website: javascript:alert(1)")), "fout", 16, None, "een javascript:-adres is niet toegestaan"),
    Case("web address data:", utf8(line(16, "  website: data:text/html,<script>alert(1)</script>")), "fout", 16, None, "een data:-adres is niet toegestaan"),
    Case("web address without https://", utf8(line(16, "  website: www.steunpunt.nl")), "fout", 16, None, "zet https:// ervoor: https://www.steunpunt.nl"),
    Case("web address breaking out of an attribute", utf8(line(16, '  website: https://x.nl/"onmouseover=alert(1)')), "fout", 16, None, "verwacht een geldig webadres"),
    # --- own Markdown texts ------------------------------------------------------------------------
    Case("Markdown text with <script>", utf8(own_text("<script>alert(1)</script>")), "fout", 25, 7, "HTML-code (<script>) is niet toegestaan in een eigen tekst"),
    Case("Markdown text with <img onerror>", utf8(own_text("Zie <img src=x onerror=alert(1)>")), "fout", 25, 11, "HTML-code (<img>)"),
    Case("Markdown text with <a href>", utf8(own_text('Klik <a href="https://x.nl">hier</a>')), "fout", 25, 12, "HTML-code (<a>)"),
    Case("Markdown text with an HTML comment", utf8(own_text("Tekst <!-- verborgen -->")), "fout", 25, 13, "een HTML-opmerking (<!-- -->)"),
    Case("Markdown link to javascript:", utf8(own_text("[Klik](javascript:alert(1))")), "fout", 25, 14, "een link naar javascript: is niet toegestaan"),
    Case("Markdown link to javascript: as HTML entity", utf8(own_text("[x](&#106;avascript:alert(1))")), "fout", 25, 11, "een link naar javascript: is niet toegestaan"),
    Case("Markdown image from data:", utf8(own_text("![x](data:image/png;base64,AAAA)")), "fout", 25, 12, "een link naar data: is niet toegestaan"),
    Case("Markdown link to http:", utf8(own_text("[site](http://x.nl)")), "fout", 25, 14, "een link moet beginnen met https://, niet met http://"),
    Case("Markdown attribute list with an event handler", utf8(own_text("[x](https://x.nl){ onclick=alert(1) }")), "fout", 25, 24, "kenmerken tussen { }"),
    Case(
        "Markdown links that are allowed",
        utf8(own_text("[Contact](contact.md), [bel](tel:+31123456789), [mail](mailto:wmo@voorbeeld.nl) of [site](https://x.nl).")),
        "goed",
        key=("pagina_teksten", "start", "boven"),
        value="Welkom.\n[Contact](contact.md), [bel](tel:+31123456789), [mail](mailto:wmo@voorbeeld.nl) of [site](https://x.nl).",
    ),
    Case("Markdown code span with a tag", utf8(own_text("Typ `<b>` niet.")), "goed", key=("pagina_teksten", "start", "boven"), value="Welkom.\nTyp `<b>` niet."),
    # --- YAML that means something else than it seems ---------------------------------------------
    Case("Markdown link at the start of a value", utf8(BASE + "pagina_teksten:\n  start:\n    boven: [Lees meer](contact.md) over het gesprek\n"), "fout", 23, 12, "een waarde die begint met [ is in YAML een lijst"),
    Case("bold text at the start of a value", utf8(BASE + "pagina_teksten:\n  start:\n    boven: **Let op:** bel eerst\n"), "fout", 23, 12, "een waarde die begint met * is in YAML een verwijzing"),
    Case("quote that is never closed", utf8(line(14, '  organisatie: "Steunpunt')), "fout", 14, 16, "het aanhalingsteken dat hier begint, wordt pas op regel 15 gesloten"),
    Case("quote that is never closed, at the end", utf8(BASE + 'wachttijden: "drie weken\n'), "fout", 21, 14, "het aanhalingsteken dat hier begint, wordt nergens gesloten"),
    Case("Windows path with a backslash", utf8(BASE + 'huisstijl:\n  logo: "logos\\gemeente.svg"\n  logo_alt: Logo\n'), "fout", 22, 16, "gebruik / in een pad"),
    Case("logo outside municipalities/", utf8(BASE + "huisstijl:\n  logo: ../../geheim.svg\n  logo_alt: Logo\n"), "fout", 22, None, "het bestand moet in de map municipalities/ staan"),
    Case("reference to an anchor", utf8(BASE + "wachttijden: *tekst\n"), "fout", 21, 14, "verwijzingen (*naam) naar een anker zijn niet toegestaan"),
    Case("date that does not exist", utf8(BASE + "toegankelijkheid:\n  onderzoek_gepland: 2026-13-45\n"), "fout", 22, 22, "deze waarde lijkt een datum of getal"),
    Case("nesting without end", utf8(BASE + "wachttijden: " + "[" * 60 + "]" * 60 + "\n"), "fout", 21, 63, "dieper dan 50 niveaus"),
    Case("key twice", utf8(BASE + "naam: Anders\n"), "fout", 21, 1, "dubbele sleutel 'naam' (ook op regel 1)"),
    Case("two documents", utf8(BASE + "---\nnaam: Anders\n"), "fout", 21, 1, "het bestand bevat meer dan één document"),
]


def _value(data, key):
    for part in key:
        data = data[part]
    return data


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_bad_input_corpus(case: Case, tmp_path):
    path = tmp_path / "ergens.yml"
    path.write_bytes(case.data)
    result, diagnostics = validate_file(path)
    for d in diagnostics + list(result.warnings if result else []):
        assert not ENGLISH.search(re.sub(r'"[^"]*"', "", d.message + " " + (d.hint or ""))), d.format()
    if case.outcome == "fout":
        assert result is None
        errors = [d for d in diagnostics if not d.is_warning]
        matching = [d for d in errors if case.fragment in d.format()]
        assert matching, "\n".join(d.format() for d in errors)
        assert (matching[0].line, matching[0].column) == (case.line, case.column), matching[0].format()
        with pytest.raises(InvalidInput):  # the exit-2 path of every command
            load_all([path])
        return
    assert diagnostics == [], "\n".join(d.format() for d in diagnostics)
    assert _value(result.gemeente.model_dump(), case.key) == case.value
    if case.outcome == "goed":
        assert result.warnings == ()
    else:
        matching = [w for w in result.warnings if case.fragment in w.format()]
        assert matching, "\n".join(w.format() for w in result.warnings)
        assert (matching[0].line, matching[0].column) == (case.line, case.column), matching[0].format()
        assert matching[0].format().startswith(f"{path}:{case.line}:{case.column}: ") and ": waarschuwing: " in matching[0].format()


def test_warnings_and_errors_of_one_file_come_together(tmp_path):
    """A file that is refused still tells what would have been fixed, and counts only its errors."""
    path = tmp_path / "ergens.yml"
    path.write_text(line(14, "  organisatie: Steun\u200bpunt", line(3, '  telefoon: "12345"')), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_all([path])
    formatted = [d.format().replace(str(tmp_path) + "/", "") for d in caught.value.diagnostics]
    assert formatted[0].startswith("ergens.yml:3: contact.telefoon: verwacht een telefoonnummer")
    assert formatted[1].startswith("ergens.yml:14:21: clientondersteuning.organisatie: waarschuwing: onzichtbaar teken (U+200B zero width space) weggehaald")
    from keukentafel.diagnostics import summary_line

    assert summary_line(caught.value.diagnostics) == "Gestopt: 1 fout in 1 bestand (en 1 waarschuwing)"


def test_a_control_character_written_as_a_yaml_escape_is_refused_at_its_key(tmp_path):
    """"\\x01" between double quotes leaves the file clean but the value not: refused, not a crash later."""
    path = tmp_path / "ergens.yml"
    path.write_text(line(14, '  organisatie: "Steun\\x01punt"'), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_all([path])
    (found,) = [d.format().replace(str(tmp_path) + "/", "") for d in caught.value.diagnostics]
    assert found.startswith("ergens.yml:14: clientondersteuning.organisatie: de tekst bevat een stuurteken (U+0001)")
    assert "tip: haal de code met de \\ weg" in found


# --- phone numbers: the usual Dutch forms, and what the tel: link holds ----------------------------

PHONES = [
    ("14 0516", "tel:140516"),
    ("140516", "tel:140516"),
    ("14 020", "tel:14020"),
    ("(0516) 55 44 33", "tel:+31516554433"),
    ("0516-554433", "tel:+31516554433"),
    ("0516–554433", "tel:+31516554433"),  # Word turns " - " into an en dash
    ("+31 516 55 44 33", "tel:+31516554433"),
    ("+31 (0)516 55 44 33", "tel:+31516554433"),
    ("0031 516 55 44 33", "tel:+31516554433"),
    ("06 12345678", "tel:+31612345678"),
    ("0123 45 67 89", "tel:+31123456789"),
    ("0800 1234", "tel:08001234"),
    ("0800-0123456", "tel:08000123456"),
    ("0900 8844", "tel:09008844"),
    ("0800 33 55 555", "tel:08003355555"),
    ("0516\xa055\xa044\xa033", "tel:+31516554433"),
    ("0516\u202f55\u202f44\u202f33", "tel:+31516554433"),
]


@pytest.mark.parametrize("number,link", PHONES)
def test_dutch_phone_numbers_are_accepted_with_a_correct_tel_link(number, link):
    assert tel_uri(number) == link
    assert re.fullmatch(r"tel:\+?[0-9]+", link)
    assert "\xa0" not in parse_phone(number).shown and "\u202f" not in parse_phone(number).shown


@pytest.mark.parametrize("number", ["12345", "0123 45 67 8", "0123 45 67 890", "+32 2 123 45 67", "14 516", "(0516) (55) 44 33", "+31 0516 55 44 33", "0800 12345", "bel 0516 554433"])
def test_numbers_that_are_not_dutch_phone_numbers_are_refused(number):
    assert parse_phone(number) is None


# --- .yml and .yaml, and names on the command line ---------------------------------------------


def test_yaml_extension_is_found_like_yml(tmp_path):
    (tmp_path / "ergens.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "anders.yml").write_text(BASE, encoding="utf-8")
    assert [p.name for p in discover(tmp_path)] == ["anders.yml", "ergens.yaml"]
    assert path_for_slug("ergens", tmp_path).name == "ergens.yaml"
    (loaded,) = load_all([path_for_slug("ergens", tmp_path)])
    assert loaded.slug == "ergens"


def test_yml_and_yaml_for_the_same_gemeente_is_an_error(tmp_path):
    (tmp_path / "ergens.yml").write_text(BASE, encoding="utf-8")
    (tmp_path / "ergens.yaml").write_text(BASE, encoding="utf-8")
    assert [p.name for p in discover(tmp_path)] == ["ergens.yml"]
    with pytest.raises(InvalidInput) as caught:
        load_all(discover(tmp_path))
    (d,) = caught.value.diagnostics
    assert d.format().endswith("gemeente 'ergens' heeft twee bestanden: ergens.yml en ergens.yaml\n    tip: haal er één weg; Keukentafel weet niet welke u bedoelt")


@pytest.mark.parametrize("argument", ["ergens", "ergens.yml", "ergens.yaml", "municipalities/ergens.yml", "./municipalities/ergens.yaml", "ergens.YML"])
def test_a_gemeente_may_be_named_with_its_file_name(argument, tmp_path):
    (tmp_path / "ergens.yml").write_text(BASE, encoding="utf-8")
    assert slug_from_argument(argument) == "ergens"
    assert path_for_slug(argument, tmp_path) == tmp_path / "ergens.yml"


# --- the command line: exit codes and where the words appear ----------------------------------


def _validate(name: str, data: bytes, argument: str) -> subprocess.CompletedProcess:
    target = ROOT / "municipalities" / name
    target.write_bytes(data)
    try:
        return subprocess.run([sys.executable, "build.py", "validate", argument], cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        target.unlink()


def test_a_windows_1252_file_exits_2_with_the_place_of_the_first_byte():
    data = BASE.replace("Steunpunt", "Caf\xe9").replace("\n", "\r\n").encode("cp1252")
    proc = _validate("zz-test-cp1252.yml", data, "zz-test-cp1252")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert 'municipalities/zz-test-cp1252.yml:14:19: het bestand is niet opgeslagen als UTF-8: hier staat "é"' in proc.stderr
    assert "tip: sla het bestand op als UTF-8 (in Kladblok: Opslaan als → Codering: UTF-8)" in proc.stderr


def test_validate_shows_config_warnings_and_accepts_the_file_name():
    data = utf8(line(3, '  telefoon: "0123\xa045\xa067\xa089"'))
    proc = _validate("zz-test-harde-spatie.yaml", data, "zz-test-harde-spatie.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "municipalities/zz-test-harde-spatie.yaml:3:18: contact.telefoon: waarschuwing: 3× harde spatie vervangen door een gewone spatie" in proc.stdout


def test_an_extra_page_saved_as_windows_1252_is_named_in_its_own_file(tmp_path):
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "vervoer.md").write_bytes("# Vervoer\r\n\r\nDe taxi rijdt ook naar het caf\xe9.\r\n".encode("cp1252"))
    path = tmp_path / "ergens.yml"
    path.write_text(BASE + "extra_paginas:\n  - titel: Vervoer\n    bestand: extra/vervoer.md\n", encoding="utf-8")
    result, diagnostics = validate_file(path)
    assert result is None
    assert [d.format() for d in diagnostics] == [
        f'{tmp_path}/extra/vervoer.md:3:31: het bestand is niet opgeslagen als UTF-8: hier staat "é" (byte 0xE9 in Windows-1252 of Latin-1)\n'
        "    tip: sla het bestand op als UTF-8 (in Kladblok: Opslaan als → Codering: UTF-8)"
    ]


def test_a_file_saved_by_kladblok_as_yml_txt_is_pointed_out(tmp_path):
    from keukentafel.config.loader import file_name_hint

    (tmp_path / "ergens.yml.txt").write_text(BASE, encoding="utf-8")
    (tmp_path / "ANDERS.YML").write_text(BASE, encoding="utf-8")
    assert discover(tmp_path) == []
    assert file_name_hint("ergens", tmp_path) == "er staat een bestand ergens.yml.txt: Kladblok heeft er .txt achter gezet; noem het ergens.yml"
    assert file_name_hint("anders", tmp_path) == "er staat een bestand ANDERS.YML; noem het anders.yml (met kleine letters)"
    assert file_name_hint("nergens", tmp_path) is None


def test_config_warnings_are_formatted_for_the_terminal(tmp_path):
    from keukentafel.config.loader import warnings_of
    from keukentafel.diagnostics import format_warnings

    path = tmp_path / "ergens.yml"
    path.write_text(line(14, "  organisatie: “Steunpunt”", line(3, '  telefoon: "0123\xa045 67 89"')), encoding="utf-8")
    text = format_warnings(warnings_of(load_all([path]))).replace(f"{tmp_path}/", "")
    assert text == (
        "ergens.yml:3:18: contact.telefoon: waarschuwing: harde spatie vervangen door een gewone spatie\n"
        "    tip: dit komt vaak mee als u tekst uit Word plakt; de site gebruikt de gewone tekens\n"
        "ergens.yml:14:16: clientondersteuning.organisatie: waarschuwing: aanhalingstekens uit Word (“ ”) om de waarde weggehaald\n"
        '    tip: YAML kent alleen gewone aanhalingstekens: schrijf "..." of laat ze weg\n'
        "2 waarschuwingen over de instellingen: Keukentafel heeft het zelf verbeterd (het bouwen gaat door)\n"
    )
    assert format_warnings([]) == ""
