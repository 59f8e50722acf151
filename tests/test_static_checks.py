"""Tests for the static checks on rendered Markdown: one fixture per scenario, exact lines."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

# Self-contained: the import must not depend on tests/conftest.py or the working directory.
REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from keukentafel.gate.static_checks import CRITERIA, StaticFinding, check_markdown  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "pagina"

FAILING = {
    "afbeelding-zonder-alt.md": [
        (3, "afbeelding-zonder-alt"),
        (7, "afbeelding-zonder-alt"),
        (9, "afbeelding-zonder-alt"),
        (13, "afbeelding-zonder-alt"),  # a raw <img> spread over three lines
    ],
    "lege-link.md": [
        (3, "linktekst-leeg"),
        (5, "linktekst-leeg"),
        (7, "linktekst-leeg"),
        (9, "linktekst-leeg"),  # an image without alt inside a link: both are reported
        (9, "afbeelding-zonder-alt"),
    ],
    "nietszeggende-link.md": [
        (3, "linktekst-nietszeggend"),
        (5, "linktekst-nietszeggend"),
        (7, "linktekst-nietszeggend"),
        (8, "linktekst-nietszeggend"),
        (9, "linktekst-nietszeggend"),
        (10, "linktekst-nietszeggend"),
        (11, "linktekst-nietszeggend"),
        (13, "linktekst-nietszeggend"),
        (13, "linktekst-nietszeggend"),
    ],
    "kopniveau-overgeslagen.md": [
        (3, "kopniveau-overgeslagen"),
        (9, "kopniveau-overgeslagen"),
        (11, "kopniveau-overgeslagen"),
    ],
    "twee-h1.md": [(5, "meerdere-h1"), (9, "meerdere-h1")],
    "geen-h1.md": [(1, "geen-h1")],
    "tabel-zonder-kop.md": [(3, "tabel-zonder-kop"), (7, "tabel-zonder-kop")],
    "inline-kleur.md": [
        (3, "html-inline-kleur"),
        (5, "html-inline-kleur"),
        (7, "html-inline-kleur"),
        (10, "html-inline-kleur"),
    ],
    "script.md": [(3, "html-script"), (7, "html-script")],
    "event-handler.md": [
        (3, "html-event-handler"),
        (5, "html-event-handler"),
        (5, "html-event-handler"),
        (7, "html-event-handler"),
    ],
}

PASSING = [
    "afbeelding-met-alt.md",
    "duidelijke-link.md",
    "kopniveaus-op-volgorde.md",
    "tabel-met-kop.md",
    "inline-stijl-zonder-kleur.md",
    "script-als-voorbeeld.md",
    "html-zonder-event-handler.md",
    "schone-pagina.md",
]


def findings_in(fixture: str) -> list[StaticFinding]:
    return check_markdown((FIXTURES / fixture).read_text(encoding="utf-8"))


def lines_and_codes(findings: list[StaticFinding]) -> list[tuple[int, str]]:
    return [(finding.line, finding.code) for finding in findings]


@pytest.mark.parametrize("fixture", sorted(FAILING))
def test_failing_fixture_reports_exact_lines_and_codes(fixture):
    assert lines_and_codes(findings_in(fixture)) == FAILING[fixture]


@pytest.mark.parametrize("fixture", PASSING)
def test_passing_fixture_has_no_findings(fixture):
    assert findings_in(fixture) == []


def test_every_code_has_a_failing_fixture():
    reported = {code for expected in FAILING.values() for _, code in expected}
    assert reported == set(CRITERIA)


@pytest.mark.parametrize("fixture", sorted(FAILING))
def test_findings_carry_criterion_and_dutch_message(fixture):
    for finding in findings_in(fixture):
        assert finding.criterion == CRITERIA[finding.code]
        assert finding.message and finding.message.endswith(".")


def test_criteria_per_code():
    assert CRITERIA["afbeelding-zonder-alt"] == "1.1.1"
    assert CRITERIA["linktekst-leeg"] == CRITERIA["linktekst-nietszeggend"] == "2.4.4"
    assert CRITERIA["geen-h1"] == "2.4.6"
    assert CRITERIA["html-inline-kleur"] == "1.4.3"
    assert CRITERIA["html-script"] == "4.1.2"
    assert CRITERIA["html-event-handler"] == "2.1.1"


def test_message_for_vague_link_text_is_exact():
    first = findings_in("nietszeggende-link.md")[0]
    assert first.message == (
        "Linktekst 'hier' zegt niet waar de link heen gaat. Schrijf dat in de link zelf, "
        "bijvoorbeeld 'Lees meer over het keukentafelgesprek' in plaats van 'hier'."
    )


def test_message_for_image_without_alt_is_exact():
    first = findings_in("afbeelding-zonder-alt.md")[0]
    assert first.message == (
        "Afbeelding 'images/keukentafel.png' heeft geen alt-tekst. Beschrijf tussen de rechte haken "
        "wat er te zien is, bijvoorbeeld ![Medewerker in gesprek met een inwoner](images/keukentafel.png). "
        "Is de afbeelding alleen versiering? Gebruik dan HTML met alt=\"\"."
    )


def test_message_names_the_link_text_found():
    messages = [finding.message for finding in findings_in("nietszeggende-link.md")]
    assert messages[1].startswith("Linktekst 'Lees meer...' zegt niet")
    assert messages[3].startswith("Linktekst 'klik hier' zegt niet")  # emphasis stripped
    assert messages[4].startswith("Linktekst 'https://www.voorbeeld.nl/wmo' is een webadres")


def test_finding_is_frozen():
    finding = check_markdown("Geen titel.")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.line = 2


def test_findings_are_sorted_by_line_and_all_reported_on_one_line():
    text = "# Titel\n\n<b onclick=\"x()\">c</b> [hier](a.md) ![](b.png)\n\n### Sub\n\n<script></script>\n"
    assert lines_and_codes(check_markdown(text)) == [
        (3, "html-event-handler"),
        (3, "linktekst-nietszeggend"),
        (3, "afbeelding-zonder-alt"),
        (5, "kopniveau-overgeslagen"),
        (7, "html-script"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "# Titel\n\nKijk hier voor meer uitleg; klik niet te snel op de link.\n",
        "# Titel\n\nZie de [melding](woordenlijst.md#melding).\n",
        "# Titel\n\n- [ ] taak voor de consulent\n- [x] afgerond[^1]\n\n[^1]: Zie hier.\n",
        "# Titel\n\nSchrijf \\[hier](x) niet, en ook niet `[hier](x)` of ``<img src=x>``.\n",
        "# Titel\n\nOp www.voorbeeld.nl en https://www.voorbeeld.nl staat alles.\n",
        "# Titel\n\n<!-- [hier](x) <script> -->\n",
        "# Titel\n\n<a name=\"melding\"></a><a href=\"x\" title=\"Sluiten\"></a>\n",
    ],
    ids=["hier-in-tekst", "link-met-anker", "taken-en-voetnoot", "code-en-escape", "adres-in-tekst",
         "commentaar", "ankers"],
)
def test_no_false_positives(text):
    assert check_markdown(text) == []


def test_headings_with_attribute_list_count_as_headings():
    text = "# Titel {#titel}\n\n## Stap {#stap .groot}\n\n#### Te diep {#diep}\n"
    assert lines_and_codes(check_markdown(text)) == [(5, "kopniveau-overgeslagen")]


def test_hash_lines_in_fenced_code_are_not_headings():
    text = "# Titel\n\n```\n# not a heading\n```\n\n~~~~\n```\n# nog steeds code\n~~~~\n\n### Echt\n"
    assert lines_and_codes(check_markdown(text)) == [(12, "kopniveau-overgeslagen")]


def test_setext_headings_and_front_matter_follow_python_markdown():
    text = "---\ntitle: Titel\n---\nTitel\n=====\n\nTweede titel\n============\n"
    assert lines_and_codes(check_markdown(text)) == [(7, "meerdere-h1")]


def test_windows_line_endings_keep_line_numbers():
    text = "# Titel\r\n\r\n![](a.png)\r\n"
    assert lines_and_codes(check_markdown(text)) == [(3, "afbeelding-zonder-alt")]


def test_page_without_any_heading_reports_missing_h1_on_line_1():
    assert check_markdown("Alleen tekst.\n")[0] == StaticFinding(
        1, "geen-h1", "2.4.6",
        "De pagina heeft geen titel (kop van niveau 1). Begin de pagina met een regel als "
        "'# Het keukentafelgesprek'.",
    )
