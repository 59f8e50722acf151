"""The benchmark's inputs: the list of real gemeenten (benchmarks/gemeenten.csv) and the configs that
benchmarks/gemeente_configs.py writes from it. Fast: no MkDocs, no browser."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from gemeente_configs import LOSSE_TEKSTEN, PAGINA_TEKSTEN, gemeenten, main, slug, slugs, write_configs  # noqa: E402

from keukentafel.config.loader import SLUG_RE, load_all, warnings_of  # noqa: E402
from keukentafel.language.plain_language import load_config, split_sentences, words  # noqa: E402
from keukentafel.language.site_check import check_site  # noqa: E402
from keukentafel.rendering.render import render_site  # noqa: E402

# CBS, gemeentelijke indeling op 1 januari 2025 (benchmarks/gemeenten.bron.md).
PER_PROVINCIE = {
    "Drenthe": 12, "Flevoland": 6, "Friesland": 18, "Gelderland": 51, "Groningen": 10, "Limburg": 31,
    "Noord-Brabant": 56, "Noord-Holland": 44, "Overijssel": 25, "Utrecht": 26, "Zeeland": 13, "Zuid-Holland": 50,
}  # fmt: skip
# Gemeenten merged away between 2019 and 2023, by name and by code.
OPGEHEVEN = [
    "Weesp", "Brielle", "Hellevoetsluis", "Westvoorne", "Heerhugowaard", "Langedijk", "Beemster", "Boxmeer", "Cuijk",
    "Grave", "Mill en Sint Hubert", "Sint Anthonis", "Landerd", "Uden", "Haaren", "Appingedam", "Delfzijl", "Loppersum",
    "Haarlemmerliede en Spaarnwoude", "Giessenlanden", "Molenwaard", "Leerdam", "Zederik", "Vianen", "Geldermalsen",
    "Lingewaal", "Neerijnen", "Aalburg", "Werkendam", "Woudrichem", "Binnenmaas", "Cromstrijen", "Korendijk",
    "Oud-Beijerland", "Strijen", "Noordwijkerhout", "Dongeradeel", "Ferwerderadiel", "Kollumerland en Nieuwkruisland",
    "Grootegast", "Leek", "Marum", "Zuidhorn", "Bedum", "De Marne", "Eemsmond", "Winsum", "Haren", "Ten Boer", "Nuth",
    "Onderbanken", "Schinnen",
]  # fmt: skip
OPGEHEVEN_CODES = ["GM0457", "GM0501", "GM0530", "GM0614", "GM0398", "GM0416", "GM0370", "GM0756", "GM1684", "GM0786",
                   "GM0815", "GM1702", "GM1685", "GM0856"]  # fmt: skip


@pytest.fixture(scope="module")
def configs(tmp_path_factory) -> list[Path]:
    return write_configs(tmp_path_factory.mktemp("gemeenten"), 342, seed=1)


@pytest.fixture(scope="module")
def loaded(configs):
    return load_all(configs)


# --- the list -------------------------------------------------------------------------------


def test_the_list_has_342_gemeenten_with_unique_names_and_codes():
    rows = gemeenten()
    assert len(rows) == 342
    assert len({g.naam for g in rows}) == 342
    assert len({g.code for g in rows}) == 342
    assert all(re.fullmatch(r"GM\d{4}", g.code) for g in rows)
    assert Counter(g.provincie for g in rows) == PER_PROVINCIE


def test_the_list_has_no_provinces_and_no_merged_away_gemeenten():
    rows = gemeenten()
    names, codes = {g.naam for g in rows}, {g.code for g in rows}
    # Groningen and Utrecht are a province and a gemeente; the other ten provinces are no gemeente.
    assert names & set(PER_PROVINCIE) == {"Groningen", "Utrecht"}
    assert not names & set(OPGEHEVEN)
    assert not codes & set(OPGEHEVEN_CODES)
    by_name = {g.naam: g.code for g in rows}
    assert [by_name.get(n) for n in ("Voorne aan Zee", "Dijk en Waard", "Land van Cuijk", "Maashorst", "Amsterdam", "Purmerend")] == [
        "GM1992", "GM1980", "GM1982", "GM1991", "GM0363", "GM0439",
    ]  # fmt: skip


def test_names_are_written_as_the_cbs_writes_them():
    by_code = {g.code: (g.naam, g.provincie) for g in gemeenten()}
    assert by_code["GM0796"] == ("'s-Hertogenbosch", "Noord-Brabant")
    assert by_code["GM0518"] == ("'s-Gravenhage", "Zuid-Holland")
    assert by_code["GM1900"] == ("Súdwest-Fryslân", "Friesland")
    assert by_code["GM1970"] == ("Noardeast-Fryslân", "Friesland")
    assert by_code["GM0820"] == ("Nuenen, Gerwen en Nederwetten", "Noord-Brabant")
    assert by_code["GM0893"] == ("Bergen (L.)", "Limburg")
    assert by_code["GM0373"] == ("Bergen (NH.)", "Noord-Holland")
    assert by_code["GM0164"] == ("Hengelo", "Overijssel")


# --- slugs ----------------------------------------------------------------------------------


def test_slugs_are_unique_and_valid_file_names():
    all_slugs = slugs([g.naam for g in gemeenten()])
    assert len(set(all_slugs)) == 342
    assert [s for s in all_slugs if not SLUG_RE.match(s)] == []


def test_slug_drops_diacritics_apostrophes_and_brackets():
    assert slug("'s-Hertogenbosch") == "s-hertogenbosch"
    assert slug("Súdwest-Fryslân") == "sudwest-fryslan"
    assert slug("Bergen (NH.)") == "bergen-nh"
    assert slug("Nuenen, Gerwen en Nederwetten") == "nuenen-gerwen-en-nederwetten"
    assert slugs(["Beek", "Beek", "Beek"]) == ["beek", "beek-2", "beek-3"]


# --- the configs ----------------------------------------------------------------------------


def test_all_342_configs_load_without_errors_or_warnings(configs, loaded):
    assert len(configs) == 342
    assert [g.naam for g in loaded] == [g.naam for g in gemeenten()]
    assert all(g.gemeente.voorbeeld for g in loaded)
    assert warnings_of(loaded) == []
    for path, gemeente in zip(configs, gemeenten()):
        assert path.read_text(encoding="utf-8").startswith("# VOORBEELD voor de benchmark"), path.name
        assert gemeente.code in path.read_text(encoding="utf-8").split("\n\n", 1)[0]


def test_contact_data_is_fictitious(loaded):
    for g in loaded:
        c = g.gemeente.contact
        assert c.telefoon.startswith("0800 0") and c.email.endswith(".voorbeeld.nl")
        assert g.gemeente.clientondersteuning.website.endswith(".voorbeeld.nl")
    assert len({g.gemeente.contact.telefoon for g in loaded}) == 342


def test_own_texts_render_and_pass_the_plain_language_check(loaded):
    """Gemeenten that together use every own text: rendered, no language error, no warning about their own texts."""
    needed = {easy for _, _, easy in PAGINA_TEKSTEN} | {text for _, _, text in LOSSE_TEKSTEN}
    sample = []
    for g in loaded:
        texts = {t for p in g.gemeente.pagina_teksten.values() for t in (p.boven, p.onder, p.makkelijk.boven, p.makkelijk.onder)}
        if needed & texts:
            sample.append(g)
            needed -= texts
    assert needed == set()
    for g in sample:
        language = check_site(render_site(g), g)
        assert language.errors == [], g.slug
        assert [f for f in language.warnings if Path(f.file).name == g.path.name] == [], g.slug


def test_no_own_sentence_is_too_long_for_its_page_with_any_name(loaded):
    """The place name goes into some texts: with the longest names a sentence must still fit."""
    limits = load_config()
    longest = {"gewoon": 0, "makkelijk": 0}
    for g in loaded:
        for page in g.gemeente.pagina_teksten.values():
            for kind, text in (("gewoon", page.boven), ("gewoon", page.onder), ("makkelijk", page.makkelijk.boven), ("makkelijk", page.makkelijk.onder)):
                for sentence in split_sentences(text or ""):
                    longest[kind] = max(longest[kind], len(words(sentence)))
    assert 0 < longest["gewoon"] <= limits.standard.longest
    assert 0 < longest["makkelijk"] <= limits.easy.longest


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_files(configs, tmp_path):
    again = write_configs(tmp_path / "opnieuw", 342, seed=1)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in configs]
    other = write_configs(tmp_path / "ander-startgetal", 342, seed=2)
    assert [p.name for p in other] == [p.name for p in configs]
    assert sum(a.read_bytes() != b.read_bytes() for a, b in zip(other, configs)) > 300


def test_a_small_n_is_spread_over_the_list_and_equals_the_same_files_of_the_full_run(configs, tmp_path):
    few = write_configs(tmp_path, 12, seed=1)
    full = {p.name: p.read_bytes() for p in configs}
    assert len(few) == 12
    assert all(full[p.name] == p.read_bytes() for p in few)
    order = [p.name for p in configs]
    positions = [order.index(p.name) for p in few]
    assert positions[0] == 0 and positions[-1] == 341
    assert max(b - a for a, b in zip(positions, positions[1:])) <= 32
    provinces = {gemeenten()[i].provincie for i in positions}
    assert len(provinces) >= 6


def test_colours_and_options_vary(loaded):
    gemeenten_ = [g.gemeente for g in loaded]
    assert len({g.huisstijl.kleur for g in gemeenten_}) >= 300
    for name, values in {
        "melding.telefonisch": [g.melding.telefonisch for g in gemeenten_],
        "melding.aan_de_balie": [g.melding.aan_de_balie for g in gemeenten_],
        "gesprek.beeldbellen": [g.gesprek.beeldbellen for g in gemeenten_],
        "gesprek.telefonisch": [g.gesprek.telefonisch for g in gemeenten_],
        "gesprek.meerdere_korte_gesprekken": [g.gesprek.meerdere_korte_gesprekken for g in gemeenten_],
        "verslag.ondertekenen_is_aanvraag": [g.verslag.ondertekenen_is_aanvraag for g in gemeenten_],
        "spoed.telefoon": [g.spoed.telefoon is not None for g in gemeenten_],
        "termijnen.onderzoek_weken": [g.termijnen.onderzoek_weken is not None for g in gemeenten_],
        "klachten.online": [g.klachten.online is not None for g in gemeenten_],
        "pagina_teksten": [bool(g.pagina_teksten) for g in gemeenten_],
        "ombudsman (eigen)": [g.ombudsman.naam != "de Nationale ombudsman" for g in gemeenten_],
    }.items():
        assert set(values) == {True, False}, name
    assert {g.gesprek.tolk.betaalt_gemeente for g in gemeenten_} == {None, True, False}
    assert len({tuple(g.gesprek.locaties) for g in gemeenten_}) >= 8
    assert len({g.gesprek.duur_minuten for g in gemeenten_}) >= 4


# --- the command line -----------------------------------------------------------------------


def test_command_line_writes_and_says_how_many(tmp_path, capsys):
    assert main([str(tmp_path), "--n", "5", "--seed", "3"]) == 0
    assert capsys.readouterr().out == f"5 gemeenten geschreven in {tmp_path}\n"
    assert len(list(tmp_path.glob("*.yml"))) == 5


def test_command_line_refuses_an_impossible_number(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([str(tmp_path / "leeg"), "--n", "343"])
    assert stopped.value.code == 2
    assert "het aantal gemeenten moet tussen 1 en 342 liggen, gevonden 343" in capsys.readouterr().err
    assert not (tmp_path / "leeg").exists()

