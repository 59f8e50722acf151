"""The typed schema of one gemeente's YAML file.

Keys are Dutch because communication staff write them. Every field has a Dutch description:
it ends up in the published JSON Schema (editor hints) and in the README's key table.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from keukentafel.config.pages import PAGE_IDS
from keukentafel.config.values import EMAIL_RE, email_problem, markdown_problems, parse_phone, url_problem

HEX_RE = re.compile(r"^#[0-9a-fA-F]{6}$")

PAGINA_IDS = PAGE_IDS

# Editors check against these looser patterns (JSON Schema regexes); `python build.py validate`
# checks exactly, with a Dutch explanation (keukentafel/config/values.py).
PHONE_SCHEMA_PATTERN = "^[+(]?[0-9][-0-9 ().\\u00a0\\u202f\\u2013]{3,24}$"
URL_SCHEMA_PATTERN = '^https://[^\\s/?#"<>]+\\.[^\\s/?#"<>]+([/?#][^\\s"<>]*)?$'
MARKDOWN = "text/markdown"


def _phone(value: str) -> str:
    phone = parse_phone(value)
    if phone is None:
        raise PydanticCustomError("telefoon", "geen telefoonnummer")
    return phone.shown


def _email(value: str) -> str:
    problem = email_problem(value)
    if problem:
        raise PydanticCustomError("email", "{reden}", {"reden": problem[0], "tip": problem[1] or ""})
    return value


def _url(value: str) -> str:
    problem = url_problem(value)
    if problem:
        raise PydanticCustomError("webadres", "{reden}", {"reden": problem[0], "tip": problem[1] or ""})
    return value


def _markdown(value: str) -> str:
    problems = markdown_problems(value)
    if problems:
        raise PydanticCustomError("markdown", "{aantal} problemen", {"aantal": len(problems), "problemen": problems})
    return value


Tekst = Annotated[str, Field(min_length=1)]
# Own page texts: Markdown without HTML, links only to https:, tel:, mailto: or pages of the site.
MarkdownTekst = Annotated[str, Field(min_length=1, json_schema_extra={"contentMediaType": MARKDOWN}), AfterValidator(_markdown)]
Telefoon = Annotated[
    str,
    AfterValidator(_phone),
    Field(json_schema_extra={"pattern": PHONE_SCHEMA_PATTERN}, examples=["0123 45 67 89", "14 0123", "0800 1234"]),
]
Email = Annotated[str, AfterValidator(_email), Field(json_schema_extra={"pattern": EMAIL_RE.pattern}, examples=["wmo@voorbeeld.nl"])]
Url = Annotated[str, AfterValidator(_url), Field(json_schema_extra={"pattern": URL_SCHEMA_PATTERN}, examples=["https://www.voorbeeld.nl/wmo"])]
# A date written as 2026-12-01; YAML reads it as a date, quoted it is text: both are accepted.
Datum = Annotated[date, Field(strict=False, examples=["2026-12-01"])]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Adres(Strict):
    straat: Tekst = Field(description="Straat en huisnummer, bijvoorbeeld 'Marktplein 1'.")
    postcode: str = Field(
        pattern=r"^[1-9][0-9]{3} ?[A-Z]{2}$", description="Postcode, bijvoorbeeld '1234 AB'."
    )
    plaats: Tekst = Field(description="Plaatsnaam.")


class Postadres(Strict):
    naam: Tekst = Field(description="Aan wie de brief gericht is, bijvoorbeeld 'College van burgemeester en wethouders'.")
    adres: Tekst = Field(description="Postbus of straat en huisnummer.")
    postcode: str = Field(pattern=r"^[1-9][0-9]{3} ?[A-Z]{2}$", description="Postcode, bijvoorbeeld '1234 AB'.")
    plaats: Tekst = Field(description="Plaatsnaam.")


class Contact(Strict):
    telefoon: Telefoon = Field(description="Telefoonnummer voor vragen over de Wmo, bijvoorbeeld '0123 45 67 89'.")
    email: Email = Field(description="E-mailadres voor vragen over de Wmo.")
    webformulier: Url | None = Field(None, description="Adres (https) van het contactformulier. Mag weg.")
    bezoekadres: Adres = Field(description="Waar inwoners langs kunnen komen.")
    openingstijden: list[Tekst] = Field(
        min_length=1,
        description="Wanneer de gemeente bereikbaar is; één regel per moment, bijvoorbeeld 'maandag tot en met vrijdag van 9.00 tot 17.00 uur'.",
    )


class Melding(Strict):
    telefonisch: bool = Field(True, description="Kan een inwoner een melding doen door te bellen?")
    online: Url | None = Field(None, description="Adres (https) van het online meldformulier. Mag weg.")
    aan_de_balie: bool = Field(False, description="Kan een inwoner een melding doen aan de balie?")
    toelichting: Tekst | None = Field(None, description="Extra uitleg over een melding doen, in gewone taal. Mag weg.")


Locatie = Literal["thuis", "wijkcentrum", "gemeentehuis", "neutrale plek"]


class Tolk(Strict):
    betaalt_gemeente: bool | None = Field(
        None, description="Regelt en betaalt de gemeente een tolk voor iemand die weinig Nederlands spreekt? (true of false). Weglaten = de site zegt dat de inwoner het kan vragen."
    )
    toelichting: Tekst | None = Field(None, description="Extra uitleg over een tolk bij het gesprek, in gewone taal. Mag weg.")


class Gesprek(Strict):
    gespreksvoerder: Tekst = Field(
        description="Wie het gesprek voert, zoals een inwoner het leest, bijvoorbeeld 'een Wmo-consulent' of 'iemand van het sociaal wijkteam'."
    )
    team: Tekst | None = Field(None, description="Naam van het team, bijvoorbeeld 'Sociaal Wijkteam Noord'. Mag weg.")
    locaties: list[Locatie] = Field(
        min_length=1,
        description="Waar het gesprek kan plaatsvinden: een of meer van 'thuis', 'wijkcentrum', 'gemeentehuis', 'neutrale plek'.",
    )
    duur_minuten: int = Field(ge=15, le=240, description="Hoe lang een gesprek meestal duurt, in minuten.")
    meerdere_korte_gesprekken: bool = Field(True, description="Kan het gesprek in meer kortere delen?")
    beeldbellen: bool = Field(False, description="Kan het gesprek via beeldbellen?")
    telefonisch: bool = Field(False, description="Kan het gesprek via de telefoon?")
    tolk: Tolk = Field(Tolk(), description="Of de gemeente een tolk regelt en betaalt.")


class Clientondersteuning(Strict):
    organisatie: Tekst = Field(description="Naam van de organisatie die gratis cliëntondersteuning geeft.")
    telefoon: Telefoon = Field(description="Telefoonnummer van die organisatie.")
    website: Url = Field(description="Website (https) van die organisatie.")
    email: Email | None = Field(None, description="E-mailadres van die organisatie. Mag weg.")


class Verslag(Strict):
    ondertekenen_is_aanvraag: bool = Field(
        description="Geldt het ondertekenen van het verslag bij deze gemeente als de aanvraag? (true of false)"
    )
    reageren_binnen_dagen: int | None = Field(
        None, ge=1, le=60, description="Binnen hoeveel dagen de inwoner opmerkingen op het verslag kan sturen. Mag weg."
    )


class Termijnen(Strict):
    onderzoek_weken: int | None = Field(
        None, ge=1, description="Binnen hoeveel weken de gemeente het onderzoek belooft af te ronden. Niet langer dan de wet toestaat (6 weken). Weglaten = de wettelijke termijn."
    )
    beschikking_weken: int | None = Field(
        None, ge=1, description="Binnen hoeveel weken na de aanvraag de gemeente belooft te beslissen. Niet langer dan de wet toestaat (2 weken). Weglaten = de wettelijke termijn."
    )


class Spoed(Strict):
    telefoon: Telefoon | None = Field(
        None, description="Telefoonnummer voor dringende hulp buiten kantoortijd (bijvoorbeeld een crisisdienst). Mag weg."
    )
    wanneer: Tekst | None = Field(
        None, description="Wanneer dat nummer bereikbaar is, bijvoorbeeld 'buiten kantoortijd, dag en nacht'. Mag weg."
    )


class EigenBijdrage(Strict):
    verordening: Url | None = Field(
        None, description="Adres (https) van de verordening of de pagina van de gemeente met de regels voor de eigen bijdrage. Mag weg."
    )
    toelichting: Tekst | None = Field(
        None,
        description="Wat uw gemeente zelf regelt over de eigen bijdrage, in gewone taal: wie niets betaalt, welke algemene voorzieningen geld kosten. Mag weg.",
    )


class Privacy(Strict):
    verklaring: Url | None = Field(None, description="Adres (https) van de privacyverklaring van de gemeente. Mag weg.")
    email: Email | None = Field(
        None, description="E-mailadres voor vragen over privacy, bijvoorbeeld van de functionaris gegevensbescherming. Mag weg."
    )


class Onderzoeksrapport(Strict):
    datum: Datum = Field(description="Datum van het rapport, bijvoorbeeld 2026-03-15.")
    soort: Tekst = Field(description="Soort onderzoek, bijvoorbeeld 'volledig onderzoek volgens WCAG-EM'.")
    uitvoerder: Tekst = Field(description="Wie het onderzoek deed.")
    url: Url = Field(description="Adres (https) van het rapport.")
    voldoet: bool = Field(description="Voldoet de site volgens dit rapport aan alle eisen? (true of false)")


class Afwijking(Strict):
    succescriterium: Tekst = Field(description="Het WCAG-succescriterium waar de site niet aan voldoet, bijvoorbeeld '1.4.3 Contrast (minimum)'.")
    oorzaak: Tekst = Field(description="Waarom de site er niet aan voldoet.")
    gevolg: Tekst = Field(description="Wat dit betekent voor een bezoeker.")
    alternatief: Tekst = Field(description="Hoe een bezoeker toch verder kan.")
    maatregel: Tekst = Field(description="Wat de gemeente eraan doet.")
    opgelost_voor: Datum = Field(description="Wanneer het opgelost is, bijvoorbeeld 2027-06-01.")


class Toegankelijkheid(Strict):
    domeinen: list[Url] = Field([], description="Adressen (https) waar de site te vinden is, bijvoorbeeld 'https://wmo.uwgemeente.nl'. Mag weg.")
    onderzoek_gepland: Datum | None = Field(
        None,
        description="Datum waarop een volledig onderzoek volgens WCAG-EM is gepland. Binnen 6 maanden na de toets: status C; geen plan en geen rapport: status D. Mag weg.",
    )
    onderzoeksrapporten: list[Onderzoeksrapport] = Field(
        [], description="Rapporten van volledige onderzoeken (WCAG-EM). Een rapport van hoogstens 3 jaar oud geeft status A of B. Mag weg."
    )
    afwijkingen: list[Afwijking] = Field([], description="Succescriteria waar de site niet aan voldoet, met oorzaak, gevolg, alternatief, maatregel en datum. Mag weg.")
    maatregelen: list[Tekst] = Field([], description="Wat de gemeente doet om de site toegankelijk te houden, naast de toets van Keukentafel. Mag weg.")
    websites_overzicht: Url | None = Field(None, description="Adres (https) van het overzicht van alle websites van de gemeente. Mag weg.")
    ondertekenaar_functie: Tekst | None = Field(
        None, description="Functie van wie de verklaring namens de gemeente heeft goedgekeurd, bijvoorbeeld 'directeur Publiekszaken'. Mag weg."
    )
    goedgekeurd_op: Datum | None = Field(None, description="Datum waarop de verklaring is goedgekeurd. Mag weg.")
    register_id: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Nummer van de verklaring in het register van toegankelijkheidsverklaringen (toegankelijkheidsverklaring.nl). Mag weg."
    )


class WmoRaad(Strict):
    naam: Tekst | None = Field(None, description="Naam (of functie) van wie bij de gemeente de opmerkingen van de Wmo-raad over de teksten ontvangt. Mag weg.")
    email: Email | None = Field(None, description="E-mailadres waar de Wmo-raad zijn opmerkingen over de teksten naartoe stuurt. Weglaten = het algemene e-mailadres.")


class Bezwaar(Strict):
    postadres: Postadres = Field(description="Waar een inwoner een bezwaarbrief naartoe stuurt.")
    online: Url | None = Field(None, description="Adres (https) waar een inwoner online bezwaar kan maken. Mag weg.")


class Klachten(Strict):
    online: Url | None = Field(None, description="Adres (https) van het klachtenformulier. Mag weg.")
    toelichting: Tekst | None = Field(None, description="Extra uitleg over een klacht indienen. Mag weg.")


class Ombudsman(Strict):
    naam: Tekst = Field("de Nationale ombudsman", description="Naam van de ombudsman die de gemeente noemt.")
    website: Url = Field("https://www.nationaleombudsman.nl", description="Website (https) van de ombudsman.")
    telefoon: Telefoon | None = Field("0800 33 55 555", description="Telefoonnummer van de ombudsman.")


class Huisstijl(Strict):
    kleur: str = Field(
        "#2f4f7f",
        pattern=HEX_RE.pattern,
        description="Hoofdkleur als hexcode, bijvoorbeeld '#1d4f7c'. Moet genoeg contrast hebben met wit (4,5:1).",
    )
    logo: Tekst | None = Field(
        None, description="Bestand van het logo (SVG of PNG), gezien vanaf de map municipalities/, bijvoorbeeld 'logos/mijngemeente.svg'. Mag weg."
    )
    logo_alt: Tekst | None = Field(
        None, description="Alternatieve tekst van het logo voor schermlezers, bijvoorbeeld 'Logo gemeente Voorbeeld'. Verplicht als er een logo is."
    )


class MakkelijkeTekst(Strict):
    boven: MarkdownTekst | None = Field(None, description="Eigen tekst in makkelijke taal (Markdown) bovenaan de makkelijke pagina. Zinnen van hoogstens 15 woorden.")
    onder: MarkdownTekst | None = Field(None, description="Eigen tekst in makkelijke taal (Markdown) onderaan de makkelijke pagina. Zinnen van hoogstens 15 woorden.")


class PaginaTekst(Strict):
    boven: MarkdownTekst | None = Field(None, description="Eigen tekst (Markdown) bovenaan de gewone pagina, onder de titel.")
    onder: MarkdownTekst | None = Field(None, description="Eigen tekst (Markdown) onderaan de gewone pagina.")
    makkelijk: MakkelijkeTekst = Field(
        MakkelijkeTekst(),
        description="Dezelfde aanvulling in makkelijke taal, voor de makkelijke pagina. Zonder deze tekst toont de makkelijke pagina geen eigen tekst.",
    )


class ExtraPagina(Strict):
    titel: Tekst = Field(description="Titel van de extra pagina.")
    bestand: Tekst = Field(description="Markdown-bestand met de tekst, gezien vanaf de map municipalities/.")


class Gemeente(Strict):
    """Alle gegevens van één gemeente. De bestandsnaam (zonder .yml) is de korte naam in de webadressen."""

    naam: Tekst = Field(description="Officiële naam van de gemeente zonder het woord 'gemeente', bijvoorbeeld 's-Hertogenbosch.")
    voorbeeld: bool = Field(
        False, description="true voor een voorbeeld met verzonnen gegevens; elke pagina zegt dan bovenaan dat het een voorbeeld is en dat de gegevens verzonnen zijn."
    )
    contact: Contact = Field(description="Hoe inwoners de gemeente bereiken.")
    melding: Melding = Field(description="Hoe een inwoner een melding doet.")
    gesprek: Gesprek = Field(description="Hoe het gesprek bij deze gemeente gaat.")
    clientondersteuning: Clientondersteuning = Field(description="Wie gratis cliëntondersteuning geeft.")
    verslag: Verslag = Field(description="Wat er met het verslag van het gesprek gebeurt.")
    termijnen: Termijnen = Field(Termijnen(), description="Termijnen die de gemeente belooft. Korter dan de wet mag, langer niet.")
    spoed: Spoed = Field(Spoed(), description="Hoe een inwoner buiten kantoortijd dringende hulp vraagt.")
    bezwaar: Bezwaar = Field(description="Hoe een inwoner bezwaar maakt.")
    klachten: Klachten = Field(Klachten(), description="Hoe een inwoner een klacht indient.")
    ombudsman: Ombudsman = Field(Ombudsman(), description="De ombudsman voor klachten over de gemeente. Weglaten = de Nationale ombudsman.")
    eigen_bijdrage: EigenBijdrage = Field(EigenBijdrage(), description="Wat de gemeente zelf regelt over de eigen bijdrage.")
    wachttijden: Tekst | None = Field(
        None, description="Hoe lang inwoners nu ongeveer wachten tot hulp begint, in gewone taal (bijvoorbeeld bij huishoudelijke hulp). Mag weg."
    )
    privacy: Privacy = Field(Privacy(), description="Waar inwoners terechtkunnen met vragen over hun gegevens.")
    toegankelijkheid: Toegankelijkheid = Field(
        Toegankelijkheid(), description="Gegevens voor de toegankelijkheidsverklaring: onderzoek, afwijkingen, ondertekening, register."
    )
    wmo_raad: WmoRaad = Field(WmoRaad(), description="Contact voor de Wmo-raad die de teksten van de site beoordeelt (zie python build.py review).")
    hardheidsclausule: Tekst | None = Field(
        None, description="Tekst over de hardheidsclausule in de eigen verordening. Alleen invullen als de gemeente die heeft."
    )
    huisstijl: Huisstijl = Field(Huisstijl(), description="Kleur en logo van de site.")
    pagina_teksten: dict[Literal[PAGINA_IDS], PaginaTekst] = Field(  # type: ignore[valid-type]
        {},
        description="Eigen aanvullingen per pagina (boven, onder, en makkelijk voor de makkelijke versie): " + ", ".join(PAGINA_IDS) + ".",
    )
    extra_paginas: list[ExtraPagina] = Field([], description="Extra pagina's van de gemeente zelf.")

    @field_validator("naam")
    @classmethod
    def _no_gemeente_prefix(cls, v: str) -> str:
        if v.lower().startswith("gemeente "):
            raise ValueError("naam_met_gemeente")
        return v
