"""Gemeente configs for the benchmark: the real names of the 342 Dutch gemeenten, everything else made up.

Usage:
    .venv/bin/python benchmarks/gemeente_configs.py MAP [--n N] [--seed S]

Writes N files MAP/<slug>.yml (default all 342) and prints how many. Each is a valid config for
keukentafel's loader: the real name from benchmarks/gemeenten.csv (CBS, indeling 1 januari 2025;
source in benchmarks/gemeenten.bron.md), `voorbeeld: true`, fictitious contact data (0800 numbers,
addresses under .voorbeeld.nl), a colour from an even spread of hues, options switched on or off
and a few own page texts (with their easy twins), chosen by random.Random(seed, gemeentecode).

Which N: evenly spaced over the alphabetical list (about every 342/N-th name, the first and the
last included), so a small N still runs from Aa en Hunze to Zwolle and through many provinces. A
gemeente's file depends only on its own code and the seed, never on N: the 12 files of --n 12 are
byte for byte the same 12 files in --n 342.
The same (N, seed) always gives the same bytes.
"""

from __future__ import annotations

import argparse
import colorsys
import csv
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keukentafel.config.contrast import darker_until  # noqa: E402

CSV = Path(__file__).resolve().parent / "gemeenten.csv"
GOLDEN = 0.6180339887498949  # hue step: neighbours in the list get far-apart colours

HEADER = """\
# VOORBEELD voor de benchmark, gemaakt door benchmarks/gemeente_configs.py.
# De naam is echt ({code}, CBS-indeling 1 januari 2025). Al het andere is verzonnen:
# telefoonnummers, adressen, e-mail- en webadressen, organisaties en teksten.

"""

LOCATIES = ["thuis", "wijkcentrum", "gemeentehuis", "neutrale plek"]
GESPREKSVOERDERS = ["een Wmo-consulent van de gemeente", "iemand van het sociaal wijkteam", "een medewerker van het wijkteam"]
OPENINGSTIJDEN = [
    "maandag tot en met vrijdag van 9.00 tot 17.00 uur",
    "maandag tot en met vrijdag van 8.30 tot 12.30 uur",
    "dinsdag en donderdag van 13.00 tot 16.00 uur",
    "woensdagavond van 18.00 tot 20.00 uur",
]
STRATEN = ["Marktplein", "Raadhuisstraat", "Kerkstraat", "Stationsweg", "Dorpsstraat", "Molenweg", "Havenkade", "Parklaan"]
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"
SPOED_WANNEER = ["buiten kantoortijd, dag en nacht", "in het weekend en 's avonds na 17.00 uur"]
ONDERTEKENAARS = ["directeur Dienstverlening", "gemeentesecretaris", "directeur Sociaal Domein"]

# Own page texts: (page, standard text, easy twin). Plain B1 sentences and easy sentences of at
# most 8 words, one per line, in the easy words of data/makkelijke-woorden.yml.
PAGINA_TEKSTEN = [
    (
        "start",
        "In {plaats} kunt u met vragen ook naar het wijkcentrum. Daar staat elke ochtend de koffie klaar.",
        "Hebt u een vraag?\nKom dan naar het wijkcentrum.\nDe koffie staat klaar.",
    ),
    (
        "start",
        "Twijfelt u of u hulp nodig hebt? Bel ons gerust. Samen kijken we wat u nodig hebt.",
        "Twijfelt u?\nBel ons gerust.\nSamen kijken we wat u nodig hebt.",
    ),
    (
        "gesprek",
        "Het gesprek is meestal overdag. Past dat niet? Vraag dan om een afspraak in de avond.",
        "Het gesprek is meestal overdag.\nPast dat niet?\nVraag dan om een afspraak in de avond.",
    ),
    (
        "voorbereiden",
        "Schrijf vooraf op wat u moeilijk vindt in en om het huis. Neem dat briefje mee naar het gesprek.",
        "Schrijf op wat moeilijk gaat in huis.\nNeem dat briefje mee naar het gesprek.",
    ),
    (
        "iemand-meenemen",
        "Neem gerust iemand mee die u vertrouwt. Dat mag een buurvrouw zijn, een vriend of iemand uit uw familie.",
        "Neem gerust iemand mee.\nBijvoorbeeld een buurvrouw of een vriend.",
    ),
    (
        "na-het-gesprek",
        "Na het gesprek krijgt u het verslag thuis. Lees het rustig door. Klopt er iets niet? Bel ons dan.",
        "Na het gesprek krijgt u het verslag thuis.\nLees het rustig.\nKlopt er iets niet?\nBel ons dan.",
    ),
    (
        "soorten-hulp",
        "In elke wijk van {plaats} helpt een vrijwilliger met kleine klusjes in huis.",
        "In elke wijk helpt een vrijwilliger.\nBijvoorbeeld met kleine klusjes in huis.",
    ),
    (
        "contact",
        "Langskomen zonder afspraak kan op dinsdagochtend. Voor andere dagen maakt u eerst een afspraak.",
        "Op dinsdagochtend kunt u zo langskomen.\nOp andere dagen maakt u eerst een afspraak.",
    ),
]
# Standard texts that have no easy twin (the easy page then shows no own text).
LOSSE_TEKSTEN = [
    ("contact", "onder", "Liever een brief? Het postadres staat op de pagina [Niet eens?](niet-eens.md)."),
    ("start", "onder", "Wilt u ons spreken? Alle manieren staan op de pagina [Contact](contact.md)."),
]


@dataclass(frozen=True)
class Gemeente:
    naam: str
    code: str
    provincie: str


def gemeenten(path: Path = CSV) -> list[Gemeente]:
    """The gemeenten of the CSV, in its (alphabetical) order."""
    with path.open(encoding="utf-8", newline="") as f:
        return [Gemeente(row["naam"], row["code"], row["provincie"]) for row in csv.DictReader(f)]


def slug(naam: str) -> str:
    """'s-Hertogenbosch -> s-hertogenbosch, Súdwest-Fryslân -> sudwest-fryslan, Bergen (NH.) -> bergen-nh."""
    ascii_text = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode("ascii")
    without_apostrophes = re.sub(r"['’]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", without_apostrophes).strip("-")


def slugs(names: list[str]) -> list[str]:
    """One slug per name, made unique with -2, -3 ... in list order (no two real gemeenten need it)."""
    seen: set[str] = set()
    result = []
    for naam in names:
        base = candidate = slug(naam)
        number = 1
        while candidate in seen:
            number += 1
            candidate = f"{base}-{number}"
        seen.add(candidate)
        result.append(candidate)
    return result


def spread(total: int, n: int) -> list[int]:
    """n indices evenly spaced over range(total), in order, the first and (for n > 1) the last included."""
    if not 1 <= n <= total:
        raise ValueError(f"het aantal gemeenten moet tussen 1 en {total} liggen, gevonden {n}")
    if n == 1:
        return [0]
    return [(i * (total - 1) + (n - 1) // 2) // (n - 1) for i in range(n)]


def place_name(naam: str) -> str:
    """The name of the main place: without the province in brackets, the first of a list."""
    return re.sub(r"\s*\(.*?\)", "", naam).split(",")[0].strip()


def colour(index: int, rng: random.Random) -> str:
    """An even spread of hues over the list, darkened until white text on it has contrast 4.5:1."""
    hue = (index * GOLDEN) % 1.0
    r, g, b = colorsys.hls_to_rgb(hue, 0.42, rng.uniform(0.45, 0.85))
    return darker_until("#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b)))


def phone(code: str, line: int) -> str:
    """A number in the 0800 range, unique per gemeente and line: GM0363, line 1 -> 0800 003 63 01."""
    digits = code[2:]
    return f"0800 0{digits[:2]} {digits[2:]} {line:02d}"


def postcode(rng: random.Random) -> str:
    return f"{rng.randint(1000, 9999)} {rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"


def chance(rng: random.Random, p: float = 0.5) -> bool:
    return rng.random() < p


def config(gemeente: Gemeente, index: int, slug_: str, seed: int) -> dict:
    """The config of one gemeente as plain data, in the key order of the README's table."""
    rng = random.Random(f"{seed}-{gemeente.code}")
    plaats = place_name(gemeente.naam)
    web = f"https://www.{slug_}.voorbeeld.nl"
    data: dict = {"naam": gemeente.naam, "voorbeeld": True}

    contact: dict = {"telefoon": phone(gemeente.code, 1), "email": f"wmo@{slug_}.voorbeeld.nl"}
    if chance(rng):
        contact["webformulier"] = f"{web}/contact"
    contact["bezoekadres"] = {"straat": f"{rng.choice(STRATEN)} {rng.randint(1, 120)}", "postcode": postcode(rng), "plaats": plaats}
    contact["openingstijden"] = sorted(rng.sample(OPENINGSTIJDEN, rng.randint(1, 3)), key=OPENINGSTIJDEN.index)
    data["contact"] = contact

    melding: dict = {"telefonisch": chance(rng, 0.8)}
    if chance(rng) or not melding["telefonisch"]:
        melding["online"] = f"{web}/wmo-melding"
    melding["aan_de_balie"] = chance(rng)
    if chance(rng, 0.3):
        melding["toelichting"] = "Een ander mag de melding ook voor u doen, zoals uw huisarts of uw dochter."
    data["melding"] = melding

    gesprek: dict = {"gespreksvoerder": rng.choice(GESPREKSVOERDERS)}
    if chance(rng, 0.4):
        gesprek["team"] = f"Wijkteam {plaats}"
    gesprek["locaties"] = sorted(rng.sample(LOCATIES, rng.randint(1, len(LOCATIES))), key=LOCATIES.index)
    gesprek["duur_minuten"] = rng.choice([30, 45, 60, 75, 90])
    gesprek["meerdere_korte_gesprekken"] = chance(rng, 0.7)
    gesprek["beeldbellen"] = chance(rng)
    gesprek["telefonisch"] = chance(rng)
    tolk: dict = {}
    betaalt = rng.choice([None, True, False])
    if betaalt is not None:
        tolk["betaalt_gemeente"] = betaalt
    if chance(rng, 0.3):
        tolk["toelichting"] = "Zeg bij het maken van de afspraak welke taal u spreekt."
    if tolk:
        gesprek["tolk"] = tolk
    data["gesprek"] = gesprek

    ondersteuning = {
        "organisatie": f"Welzijn {plaats} (verzonnen)",
        "telefoon": phone(gemeente.code, 2),
        "website": f"https://welzijn.{slug_}.voorbeeld.nl",
    }
    if chance(rng):
        ondersteuning["email"] = f"info@welzijn.{slug_}.voorbeeld.nl"
    data["clientondersteuning"] = ondersteuning

    verslag: dict = {"ondertekenen_is_aanvraag": chance(rng)}
    if chance(rng):
        verslag["reageren_binnen_dagen"] = rng.choice([5, 7, 10, 14])
    data["verslag"] = verslag

    termijnen = {}
    if chance(rng, 0.4):
        termijnen["onderzoek_weken"] = rng.randint(3, 6)
    if chance(rng, 0.3):
        termijnen["beschikking_weken"] = rng.randint(1, 2)
    if termijnen:
        data["termijnen"] = termijnen
    if chance(rng):
        data["spoed"] = {"telefoon": phone(gemeente.code, 3), "wanneer": rng.choice(SPOED_WANNEER)}

    bezwaar: dict = {
        "postadres": {
            "naam": "College van burgemeester en wethouders",
            "adres": f"Postbus {rng.randint(1, 999)}",
            "postcode": postcode(rng),
            "plaats": plaats,
        }
    }
    if chance(rng):
        bezwaar["online"] = f"{web}/bezwaar"
    data["bezwaar"] = bezwaar

    klachten = {}
    if chance(rng):
        klachten["online"] = f"{web}/klacht"
    if chance(rng, 0.3):
        klachten["toelichting"] = "Na uw klacht belt een medewerker u binnen vijf werkdagen."
    if klachten:
        data["klachten"] = klachten
    if chance(rng, 0.15):
        data["ombudsman"] = {
            "naam": f"de Ombudscommissie {gemeente.provincie} (verzonnen)",
            "website": f"https://ombudscommissie.{slug(gemeente.provincie)}.voorbeeld.nl",
            "telefoon": phone(gemeente.code, 4),
        }

    bijdrage = {}
    if chance(rng):
        bijdrage["verordening"] = f"{web}/verordening-wmo"
    if chance(rng, 0.3):
        bijdrage["toelichting"] = "Voor een rolstoel vragen wij geen eigen bijdrage. Voor de maaltijden in het wijkcentrum betaalt u een klein bedrag."
    if bijdrage:
        data["eigen_bijdrage"] = bijdrage
    if chance(rng, 0.4):
        data["wachttijden"] = f"Op huishoudelijke hulp wacht u nu ongeveer {rng.randint(2, 8)} weken na het besluit."
    privacy = {}
    if chance(rng):
        privacy["verklaring"] = f"{web}/privacy"
    if chance(rng):
        privacy["email"] = f"privacy@{slug_}.voorbeeld.nl"
    if privacy:
        data["privacy"] = privacy

    toegankelijkheid: dict = {}
    if chance(rng):
        toegankelijkheid["domeinen"] = [f"https://wmo.{slug_}.voorbeeld.nl"]
    if chance(rng, 0.3):
        toegankelijkheid["maatregelen"] = ["De Wmo-raad leest nieuwe teksten voordat we ze publiceren."]
    if chance(rng, 0.3):
        toegankelijkheid["websites_overzicht"] = f"{web}/toegankelijkheid"
    if chance(rng, 0.3):
        toegankelijkheid["ondertekenaar_functie"] = rng.choice(ONDERTEKENAARS)
        toegankelijkheid["goedgekeurd_op"] = date(2026, rng.randint(1, 12), rng.randint(1, 28))
    if toegankelijkheid:
        data["toegankelijkheid"] = toegankelijkheid
    if chance(rng, 0.3):
        data["wmo_raad"] = {"naam": "de secretaris van de Wmo-raad", "email": f"wmoraad@{slug_}.voorbeeld.nl"}
    if chance(rng, 0.3):
        data["hardheidsclausule"] = (
            "Onze verordening heeft een hardheidsclausule. Past een regel niet bij uw situatie? Dan mag het college een uitzondering maken."
        )

    data["huisstijl"] = {"kleur": colour(index, rng)}
    texts = own_texts(rng, plaats)
    if texts:
        data["pagina_teksten"] = texts
    return data


def own_texts(rng: random.Random, plaats: str) -> dict:
    """0 to 3 own texts on different pages, each with its easy twin, and sometimes a standard-only one."""
    texts: dict = {}
    for page, standard, easy in rng.sample(PAGINA_TEKSTEN, rng.randint(0, 3)):
        if page in texts:
            continue
        where = rng.choice(["boven", "onder"])
        texts[page] = {where: standard.format(plaats=plaats), "makkelijk": {where: easy}}
    if chance(rng, 0.2):
        page, where, text = rng.choice(LOSSE_TEKSTEN)
        texts.setdefault(page, {}).setdefault(where, text)
    return texts


class _Dumper(yaml.SafeDumper):
    """Block style; text of more than one line as a literal block (one easy sentence per line), and
    a name like 's-Hertogenbosch in double quotes, as a person would write it."""


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else '"' if value.startswith("'") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def render(gemeente: Gemeente, index: int, slug_: str, seed: int) -> str:
    body = yaml.dump(config(gemeente, index, slug_, seed), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    return HEADER.format(code=gemeente.code) + body


def write_configs(folder: Path, n: int = 342, seed: int = 1) -> list[Path]:
    """Write n gemeente configs folder/<slug>.yml; return their paths, in list order."""
    everyone = gemeenten()
    chosen = spread(len(everyone), n)
    all_slugs = slugs([g.naam for g in everyone])
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in chosen:
        path = folder / f"{all_slugs[index]}.yml"
        path.write_text(render(everyone[index], index, all_slugs[index], seed), encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Schrijft gemeente-configs voor de benchmark: echte namen, verzonnen gegevens.")
    parser.add_argument("map", type=Path, help="map waarin de bestanden <korte-naam>.yml komen")
    parser.add_argument("--n", type=int, default=342, help="aantal gemeenten (1 tot en met 342; standaard 342)")
    parser.add_argument("--seed", type=int, default=1, help="startgetal voor de keuzes (standaard 1)")
    args = parser.parse_args(argv)
    try:
        paths = write_configs(args.map, args.n, args.seed)
    except ValueError as e:
        parser.error(str(e))
    print(f"{len(paths)} gemeenten geschreven in {args.map}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
