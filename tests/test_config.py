"""Bad configs give exact Dutch messages with file, line and key, all at once, and exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from keukentafel.config.loader import discover, load_all, validate_file
from keukentafel.diagnostics import InvalidInput

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gemeenten"


def messages(name: str) -> list[str]:
    result, diagnostics = validate_file(FIXTURES / name)
    assert result is None
    return [d.format() for d in diagnostics]


def test_examples_are_valid():
    loaded = load_all(discover())
    assert [g.slug for g in loaded] == ["s-heerenbruk-aan-de-vliet", "sint-menadorp"]
    assert all(g.gemeente.voorbeeld for g in loaded), "example gemeenten must be marked as fictitious"


def test_good_fixture_is_valid():
    result, diagnostics = validate_file(FIXTURES / "goed.yml")
    assert diagnostics == [] and result.naam == "Ergens"


def test_missing_name():
    assert messages("ontbrekende-naam.yml") == [
        "tests/fixtures/gemeenten/ontbrekende-naam.yml:1: naam: ontbreekt; verwacht: Officiële naam van de gemeente "
        "zonder het woord 'gemeente', bijvoorbeeld 's-Hertogenbosch.\n    tip: voeg de sleutel 'naam' toe"
    ]


def test_unknown_key_suggests_the_right_one():
    assert messages("onbekende-sleutel.yml") == [
        "tests/fixtures/gemeenten/onbekende-sleutel.yml:5: contact.telefoonnummer: onbekende sleutel\n    tip: bedoelt u 'telefoon'?"
    ]


def test_term_longer_than_the_law_names_the_legal_maximum():
    assert messages("termijn-te-lang.yml") == [
        "tests/fixtures/gemeenten/termijn-te-lang.yml:21: termijnen.onderzoek_weken: de wet staat hoogstens 6 weken toe "
        "(Wmo 2015, artikel 2.3.2 lid 1), gevonden 8\n"
        "    tip: een gemeente mag sneller zijn dan de wet, niet langzamer: vul 6 of minder in, of laat de sleutel weg"
    ]


def test_low_contrast_colour_is_rejected_with_ratio_and_a_passing_colour():
    assert messages("kleur-te-licht.yml") == [
        "tests/fixtures/gemeenten/kleur-te-licht.yml:21: huisstijl.kleur: te weinig contrast met wit: 2,39:1, "
        "nodig is minstens 4,5:1 (WCAG 1.4.3 en 1.4.11)\n"
        '    tip: een kleur in de buurt die wel voldoet: "#006ffa" (4,51:1)'
    ]


def test_number_where_text_is_expected():
    assert messages("telefoon-als-getal.yml") == [
        'tests/fixtures/gemeenten/telefoon-als-getal.yml:3: contact.telefoon: verwacht een telefoonnummer zoals "0123 45 67 89", '
        "gevonden 123456789 (een getal)\n    tip: zet de waarde tussen aanhalingstekens"
    ]


def test_yaml_syntax_error_points_at_the_line():
    assert messages("yaml-fout.yml") == [
        "tests/fixtures/gemeenten/yaml-fout.yml:12:10: geen geldige YAML: hier mag geen 'sleutel: waarde' staan; "
        "controleer de inspringing of zet de tekst tussen aanhalingstekens\n"
        "    tip: controleer inspringing, dubbele punten en aanhalingstekens"
    ]


def test_all_errors_are_reported_at_once_in_line_order():
    assert messages("meerdere-fouten.yml") == [
        "tests/fixtures/gemeenten/meerdere-fouten.yml:10: gesprek.locaties[1]: verwacht een van 'thuis', 'wijkcentrum', "
        "'gemeentehuis', 'neutrale plek', gevonden \"kantoor\"",
        "tests/fixtures/gemeenten/meerdere-fouten.yml:15: clientondersteuning.website: verwacht een webadres dat begint met "
        '"https://", zoals "https://www.gemeente.nl/wmo", gevonden "www.steunpunt.nl"\n'
        "    tip: zet https:// ervoor: https://www.steunpunt.nl",
        'tests/fixtures/gemeenten/meerdere-fouten.yml:17: verslag.ondertekenen_is_aanvraag: verwacht true of false, gevonden "ja"',
    ]


def test_errors_of_several_files_are_collected():
    with pytest.raises(InvalidInput) as caught:
        load_all([FIXTURES / "ontbrekende-naam.yml", FIXTURES / "termijn-te-lang.yml", FIXTURES / "goed.yml"])
    assert [Path(d.file).name for d in caught.value.diagnostics] == ["ontbrekende-naam.yml", "termijn-te-lang.yml"]


def test_command_line_exits_2_without_traceback(tmp_path):
    bad = ROOT / "municipalities" / "zz-test-kapot.yml"
    bad.write_text((FIXTURES / "meerdere-fouten.yml").read_text(encoding="utf-8"), encoding="utf-8")
    try:
        proc = subprocess.run([sys.executable, "build.py", "validate", "zz-test-kapot"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        bad.unlink()
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "municipalities/zz-test-kapot.yml:17: verslag.ondertekenen_is_aanvraag: verwacht true of false" in proc.stderr
    assert proc.stderr.rstrip().endswith("Gestopt: 3 fouten in 1 bestand")


def test_unknown_gemeente_on_the_command_line():
    proc = subprocess.run([sys.executable, "build.py", "validate", "bestaat-niet"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "municipalities/bestaat-niet.yml: bestand bestaat niet" in proc.stderr
    assert "bekende gemeenten: s-heerenbruk-aan-de-vliet, sint-menadorp" in proc.stderr


def test_validate_examples_exits_0():
    proc = subprocess.run([sys.executable, "build.py", "validate"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Geldig: 2 gemeenten" in proc.stdout
