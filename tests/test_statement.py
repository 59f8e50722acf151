"""The toegankelijkheidsverklaring: its status follows from config, and it has every part of the model
statement. Fast: no MkDocs, no browser (the full build checks the page in the gate)."""

from __future__ import annotations

import html

import datetime

import pytest

from keukentafel.config.loader import LoadedGemeente, load_all, path_for_slug
from keukentafel.gate.exceptions import GateException
from keukentafel.config.schema import Toegankelijkheid
from keukentafel.report.statement import Outcome, add_months, check_date, check_day, dutch_date, product_versions, statement_page, status
from keukentafel.gate.static_checks import check_markdown

DAY = datetime.date(2026, 11, 24)
REPORT = {
    "soort": "volledig onderzoek volgens WCAG-EM",
    "uitvoerder": "Bureau Toegankelijk",
    "url": "https://rapport.voorbeeld.nl/2026.pdf",
}
AFWIJKING = {
    "succescriterium": "1.4.3 Contrast (minimum)",
    "oorzaak": "De grijze tekst op de kaart is te licht.",
    "gevolg": "U kunt die tekst slecht lezen.",
    "alternatief": "Bel ons, dan lezen wij de tekst voor.",
    "maatregel": "Wij maken de tekst donkerder.",
    "opgelost_voor": "2027-02-01",
}
OUTCOME = Outcome(
    "24 november 2026",
    23,
    0,
    {"pa11y": "10.0.0", "axe-core": "4.14.1", "html_codesniffer": "2.5.1", "chromium": "Chromium 140"},
    [],
)


def t(**keys) -> Toegankelijkheid:
    return Toegankelijkheid.model_validate(keys)


def report(datum, voldoet=True) -> dict:
    return {**REPORT, "datum": datum, "voldoet": voldoet}


# --- status -----------------------------------------------------------------------------


def test_a_recent_report_that_meets_everything_gives_a():
    letter, reason = status(t(onderzoeksrapporten=[report("2026-03-15")]), DAY)
    assert letter == "A"
    assert "15 maart 2026" in reason and "aan alle eisen voldoet" in reason


def test_a_report_of_exactly_three_years_still_counts():
    assert status(t(onderzoeksrapporten=[report("2023-11-24")]), DAY)[0] == "A"
    assert status(t(onderzoeksrapporten=[report("2023-11-23")]), DAY)[0] == "D"


def test_the_newest_report_decides():
    older_fine_newer_not = [report("2024-01-10", True), report("2026-01-10", False)]
    assert status(t(onderzoeksrapporten=older_fine_newer_not), DAY)[0] == "B"
    older_not_newer_fine = [report("2026-01-10", True), report("2024-01-10", False)]
    assert status(t(onderzoeksrapporten=older_not_newer_fine), DAY)[0] == "A"


def test_a_recent_report_with_deviations_gives_b():
    letter, reason = status(t(onderzoeksrapporten=[report("2026-03-15", True)], afwijkingen=[AFWIJKING]), DAY)
    assert letter == "B" and "nog niet aan alle eisen" in reason
    assert status(t(onderzoeksrapporten=[report("2026-03-15", False)]), DAY)[0] == "B"


def test_a_planned_study_within_six_months_gives_c():
    letter, reason = status(t(onderzoek_gepland="2027-04-15"), DAY)
    assert letter == "C"
    assert "15 april 2027" in reason and "binnen 6 maanden" in reason
    assert status(t(onderzoek_gepland="2026-11-24"), DAY)[0] == "C", "the check day itself is within"
    assert status(t(onderzoek_gepland="2027-05-24"), DAY)[0] == "C", "exactly six months is within"


def test_a_planned_study_more_than_six_months_away_gives_d():
    letter, reason = status(t(onderzoek_gepland="2027-05-25"), DAY)
    assert letter == "D"
    assert "25 mei 2027" in reason and "later dan 6 maanden" in reason


def test_a_planned_study_in_the_past_gives_d():
    letter, reason = status(t(onderzoek_gepland="2026-11-23"), DAY)
    assert letter == "D"
    assert "23 november 2026" in reason and "voorbij" in reason


def test_nothing_gives_d():
    letter, reason = status(t(), DAY)
    assert letter == "D" and "nog niet volledig onderzocht" in reason and "geen volledig onderzoek gepland" in reason


def test_an_old_report_with_a_planned_study_gives_c():
    letter, reason = status(t(onderzoeksrapporten=[report("2021-06-01", True)], onderzoek_gepland="2027-01-10"), DAY)
    assert letter == "C" and "1 juni 2021" in reason and "meer dan 3 jaar" in reason


def test_a_report_dated_after_the_check_day_does_not_count_yet():
    letter, reason = status(t(onderzoeksrapporten=[report("2026-12-01", True)]), DAY)
    assert letter == "D" and "1 december 2026" in reason


def test_status_accepts_the_config_as_a_dict():
    assert status({"onderzoek_gepland": datetime.date(2027, 1, 1)}, DAY)[0] == "C"


def test_months_are_counted_on_the_calendar():
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2028, 2, 29), -36) == datetime.date(2025, 2, 28)


def test_the_check_day_follows_the_epoch(monkeypatch):
    monkeypatch.setenv("KEUKENTAFEL_TOETSDATUM_EPOCH", "1807747200")  # 2027-04-15 00:00 UTC
    assert check_day() == datetime.date(2027, 4, 15)
    assert check_date() == "15 april 2027" == dutch_date(check_day())


# --- the page ---------------------------------------------------------------------------


def loaded(slug: str, **toegankelijkheid) -> LoadedGemeente:
    (gemeente,) = load_all([path_for_slug(slug)])
    if toegankelijkheid:
        keys = {**gemeente.gemeente.toegankelijkheid.model_dump(), **toegankelijkheid}
        gemeente = LoadedGemeente(gemeente.slug, gemeente.path, gemeente.gemeente.model_copy(update={"toegankelijkheid": t(**keys)}))
    return gemeente


def page(gemeente: LoadedGemeente, outcome: Outcome | None = OUTCOME) -> str:
    return statement_page(gemeente, outcome, DAY).text


def test_heerenbruk_has_every_part_of_the_model_statement():
    text = page(loaded("s-heerenbruk-aan-de-vliet"))
    plain = html.unescape(text)  # printed values are character references in the Markdown
    versions = product_versions()
    assert "'Hulp thuis: het gesprek met gemeente 's-Heerenbrûk aan de Vliet'" in plain
    assert "\n- wmo.heerenbruk.voorbeeld.nl\n" in text, "the domain, as text rather than a bare link"
    assert "Deze website heeft status C: eerste maatregelen genomen." in text
    assert "gepland op 15 april 2027" in text and "status A of B" in text and "WCAG-EM" in text
    assert "nog niet volledig onderzocht" in text
    assert "](https://heerenbruk.voorbeeld.nl/toegankelijkheid)" in text
    assert f"Keukentafel, versie {versions['keukentafel']}" in text
    assert f"MkDocs {versions['mkdocs']} en Material for MkDocs {versions['material']}" in text
    assert "Nieuwe teksten worden voor publicatie gelezen door de Wmo-raad." in text
    signed = "De directeur Dienstverlening van gemeente 's-Heerenbrûk aan de Vliet heeft deze verklaring goedgekeurd op 2 november 2026."
    assert signed in plain
    assert "[0123 45 67 89](tel:+31123456789)" in text and "mailto:wmo@heerenbruk.voorbeeld.nl" in text
    assert "[het contactformulier van de gemeente](https://heerenbruk.voorbeeld.nl/contact)" in text
    assert "[de website van de Ombudscommissie Vlietstreek (verzonnen)](https://ombudscommissie.voorbeeld.nl)" in text
    assert "/register/" not in text and "registerlabel" not in text, "no register without register_id"


def test_menadorp_without_a_toegankelijkheid_block_is_honest():
    text = page(loaded("sint-menadorp"))
    assert "Deze website heeft status D: voldoet niet." in text
    assert "Er is ook geen volledig onderzoek gepland binnen 6 maanden." in text
    assert "status C" not in text
    assert "U vindt de website op" not in text and "overzicht van alle websites" not in text
    assert "heeft deze verklaring nog niet goedgekeurd" in text
    assert "[de website van de Nationale ombudsman](https://www.nationaleombudsman.nl)" in text
    assert "Keukentafel, versie" in text


def test_reports_deviations_and_register_are_shown():
    gemeente = loaded(
        "s-heerenbruk-aan-de-vliet",
        onderzoeksrapporten=[report("2022-05-10", False), {**report("2026-03-15", False), "uitvoerder": "Bureau | Vliet"}],
        afwijkingen=[AFWIJKING],
        register_id=1234,
    )
    text = page(gemeente)
    assert "Deze website heeft status B: voldoet gedeeltelijk." in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Datum | Soort onderzoek | Uitgevoerd door | Uitkomst | Rapport |"
    newest = "| 15 maart 2026 | volledig onderzoek volgens WCAG-EM | Bureau &#124; Vliet | voldoet niet aan alle eisen |"
    assert rows[2].startswith(newest), "newest first, a | in a cell escaped"
    assert "[Rapport van 15 maart 2026](https://rapport.voorbeeld.nl/2026.pdf)" in rows[2]
    assert rows[3].startswith("| 10 mei 2022 |")
    assert "| Eis (succescriterium) | Opgelost vóór |" in text and "| 1.4.3 Contrast (minimum) | 1 februari 2027 |" in text
    details = text.split("### 1.4.3 Contrast (minimum)")[1]
    for part in ("te licht", "slecht lezen", "lezen wij de tekst voor", "donkerder", "Opgelost vóór: 1 februari 2027."):
        assert part in details
    assert "**Status B: voldoet gedeeltelijk**" in text
    link = "[Bekijk deze verklaring in het register van toegankelijkheidsverklaringen]"
    link += "(https://www.toegankelijkheidsverklaring.nl/register/1234)"
    assert link + "\n{: .registerlabel }" in text


def test_status_a_page_says_everything_works():
    text = page(loaded("sint-menadorp", onderzoeksrapporten=[report("2026-03-15", True)]))
    assert "status A: voldoet volledig" in text and "Uit het onderzoek blijkt dat alles goed werkt." in text


def test_b_without_listed_deviations_points_at_the_report():
    text = page(loaded("sint-menadorp", onderzoeksrapporten=[report("2026-03-15", False)]))
    assert "status B" in text and "Tot die tijd staan ze in het rapport hierboven." in text


@pytest.mark.parametrize("slug", ["s-heerenbruk-aan-de-vliet", "sint-menadorp"])
@pytest.mark.parametrize("outcome", [None, OUTCOME], ids=["eerste-ronde", "uitslag"])
def test_the_page_passes_the_static_checks_and_has_no_typo(slug, outcome):
    text = page(loaded(slug), outcome)
    assert check_markdown(text) == []
    assert "of of" not in text
    assert ("Deze pagina wordt ingevuld" in text) == (outcome is None)
    assert "\n\n\n" not in text


def test_the_full_page_with_every_part_passes_the_static_checks():
    exception = GateException("color-contrast", "/*/woordenlijst/", "Een reden die lang genoeg is.")
    outcome = Outcome(OUTCOME.datum, OUTCOME.paginas, 0, OUTCOME.versies, [exception])
    gemeente = loaded(
        "s-heerenbruk-aan-de-vliet", onderzoeksrapporten=[report("2026-03-15", False)], afwijkingen=[AFWIJKING, AFWIJKING], register_id=7
    )
    text = page(gemeente, outcome)
    assert check_markdown(text) == []
    assert "- Regel color-contrast op /*/woordenlijst/: Een reden die lang genoeg is." in html.unescape(text)
    assert "\n\n\n" not in text
