"""Plain-language checks (keukentafel/language/plain_language.py): Dutch edge cases of sentence splitting,
words and syllables, the figures, uncommon words, passive voice and system language, and the
issue's test: an easy page with a 25-word sentence or a system word fails with file and line,
the same on a standard page only warns.

Pure unit tests on hand-built pages: no build needed.
"""

from __future__ import annotations

import dataclasses

import pytest

from keukentafel.language import plain_language as pl
from keukentafel.language.plain_language import (
    analyse_page,
    flesch_douma,
    is_uncommon,
    load_config,
    passive_signal,
    split_sentences,
    syllables,
    system_words_in,
    words,
)
from keukentafel.language.blocks import Block, Origin, ReviewPage

STANDARD = Origin("standaard")


def block(text: str, kind: str = "alinea", file: str = "content/gesprek.md", line: int = 1, glossary: tuple[str, ...] = ()) -> Block:
    return Block(kind, f"<p>{text}</p>", text, file, line, STANDARD, 2 if kind == "kop" else 0, glossary)


def page(*blocks: Block, path: str = "gesprek.md", easy: bool | None = None) -> ReviewPage:
    easy = path.startswith("makkelijk/") if easy is None else easy
    return ReviewPage(1, "Het gesprek", path, easy, tuple(blocks))


def codes(result, severity: str | None = None) -> list[str]:
    return [f.code for f in result.findings if severity is None or f.severity == severity]


def system(result) -> list:
    return [f for f in result.findings if f.code == "systeemtaal"]


# --- sentence splitting -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Neem papieren mee, bijv. Een brief van de bank.",
        "U praat o.a. Over uw huis en uw werk.",
        "De gemeente kijkt naar uw situatie, d.w.z. Naar uw hele leven.",
        "Dat staat in art. 2.3.2 van de wet.",
        "Het staat in de brief met nr. 12345.",
        "Bel van maandag t/m vrijdag.",
        "Neem contact op met J. Jansen van het wijkteam.",
        "Zie Wmo 2015, art. 2.3.5 lid 3.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(text):
    assert split_sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Het staat in artikel 2.3.2 van de wet.",
        "U betaalt hoogstens € 21,80 per maand.",
        "In de gemeente wonen 1.000 mensen met hulp.",
        "Het loket is open van 9.00 tot 12.30 uur.",
        "Het besluit komt uiterlijk op 1-3-2026.",
        "Bel ons op 0800 111 11 11.",
    ],
)
def test_numbers_do_not_end_a_sentence(text):
    assert split_sentences(text) == [text]


def test_sentences_end_at_full_stop_question_and_exclamation_mark():
    assert split_sentences("Hebt u hulp nodig? Bel de gemeente! Dat is gratis. 6 weken later krijgt u een brief.") == [
        "Hebt u hulp nodig?",
        "Bel de gemeente!",
        "Dat is gratis.",
        "6 weken later krijgt u een brief.",
    ]


def test_a_date_or_amount_at_the_end_of_a_sentence_ends_it():
    assert split_sentences("Dat kan tot 1 januari 2026. Daarna betaalt u € 21,80. U krijgt een brief.") == [
        "Dat kan tot 1 januari 2026.",
        "Daarna betaalt u € 21,80.",
        "U krijgt een brief.",
    ]


def test_ellipsis_ends_a_sentence_only_before_a_capital():
    assert split_sentences("Denk aan koken, wassen … en meer. U weet het zelf… Dan kiest u.") == [
        "Denk aan koken, wassen … en meer.",
        "U weet het zelf…",
        "Dan kiest u.",
    ]


def test_lower_case_after_a_full_stop_does_not_start_a_sentence():
    assert split_sentences("Bron: Wmo 2015, artikel 2.3.2 lid 4 onder d. en e.") == ["Bron: Wmo 2015, artikel 2.3.2 lid 4 onder d. en e."]


def test_quotes_and_brackets_after_the_end_mark_stay_with_the_sentence():
    assert split_sentences('De consulent zegt: "Kom maar." (Dat mag.) \'s-Heerenbrûk helpt.') == [
        'De consulent zegt: "Kom maar."',
        "(Dat mag.)",
        "'s-Heerenbrûk helpt.",
    ]


def test_every_line_of_a_block_ends_a_sentence_and_a_closing_colon_is_dropped():
    text = "Bijvoorbeeld over deze dingen:\nUw huis\nUw gezondheid.\nGeld en schulden"
    assert split_sentences(text) == ["Bijvoorbeeld over deze dingen", "Uw huis", "Uw gezondheid.", "Geld en schulden"]


def test_a_colon_inside_a_sentence_does_not_end_it():
    assert split_sentences("Het betekent: hulp voor iedereen.") == ["Het betekent: hulp voor iedereen."]


def test_abbreviations_come_from_the_config():
    config = load_config()
    for abbreviation in ("bijv", "o.a", "d.w.z", "art", "nr", "t/m"):
        assert abbreviation in config.abbreviations


# --- words and syllables ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Bel 0800 111 11 11.", ["Bel", "0800 111 11 11"]),
        ("U betaalt € 21,80 per maand.", ["U", "betaalt", "€ 21,80", "per", "maand"]),
        ("Zie artikel 2.3.2 lid 4.", ["Zie", "artikel", "2.3.2", "lid", "4"]),
        ("Om 9.00 uur, op 1-3-2026, 10% korting.", ["Om", "9.00", "uur", "op", "1-3-2026", "10%", "korting"]),
        (
            "Mail wmo@menadorp.voorbeeld.nl of kijk op https://www.sint-menadorp.nl/wmo.",
            ["Mail", "wmo@menadorp.voorbeeld.nl", "of", "kijk", "op", "https://www.sint-menadorp.nl/wmo"],
        ),
        (
            "In 's-Heerenbrûk praat u o.a. met een Wmo-consulent, zo'n gesprek.",
            ["In", "'s-Heerenbrûk", "praat", "u", "o.a.", "met", "een", "Wmo-consulent", "zo'n", "gesprek"],
        ),
        ("Van maandag t/m vrijdag.", ["Van", "maandag", "t/m", "vrijdag"]),
    ],
)
def test_words(sentence, expected):
    assert words(sentence) == expected


# Checked by hand against pyphen 0.18.1 nl_NL (hyphenation points shown) and the spoken syllables.
@pytest.mark.parametrize(
    "word, count",
    [
        ("gemeente", 3),  # ge-meen-te
        ("aanvraag", 2),  # aan-vraag
        ("beschikking", 3),  # be-schik-king
        ("keukentafelgesprek", 6),  # keu-ken-ta-fel-ge-sprek
        ("maatwerkvoorziening", 5),  # maat-werk-voor-zie-ning
        ("cliëntondersteuner", 6),  # cli-ën-ton-der-steu-ner
        ("zelfredzaamheid", 4),  # zelf-red-zaam-heid
        ("participatie", 5),  # par-ti-ci-pa-tie
        ("situatie", 4),  # si-tu-a-tie
        ("ideeën", 3),  # pyphen idee-ën; i-dee-ën
        ("geïnformeerd", 4),  # ge-ïn-for-meerd
        ("coördinatie", 5),  # co-ör-di-na-tie
        ("hulp", 1),
        ("u", 1),
        ("thuis", 1),
        ("Gemeente", 3),  # capitals do not matter
    ],
)
def test_syllables_follow_pyphen(word, count):
    assert syllables(word) == count


@pytest.mark.parametrize(
    "word, pyphen_parts, count",
    [("open", 1, 2), ("idee", 1, 2), ("eten", 1, 2), ("agenda", 2, 3), ("oma", 1, 2)],
)
def test_syllables_count_a_single_letter_at_the_edge_that_pyphen_never_splits_off(word, pyphen_parts, count):
    assert len(pl._pyphen().positions(word)) + 1 == pyphen_parts
    assert syllables(word) == count


def test_syllables_of_hyphenated_words_numbers_and_abbreviations():
    assert syllables("e-mail") == 2
    assert syllables("Wmo-consulent") == 4  # Wmo + con-su-lent
    assert syllables("2.3.2") == 1
    assert syllables("0800 111 11 11") == 1


# --- Flesch-Douma -------------------------------------------------------------------------


def test_flesch_douma_formula():
    assert flesch_douma(10, 2, 12) == pytest.approx(206.835 - 0.93 * 5 - 77 * 1.2)
    assert flesch_douma(0, 0, 0) == 0.0


def test_flesch_douma_on_a_known_text():
    # "De kat zit op de mat." 6 words, 6 syllables; "De gemeente helpt u." 4 words, 1+3+1+1 syllables.
    result = analyse_page(page(block("De kat zit op de mat. De gemeente helpt u.")))
    assert (result.sentences, result.words) == (2, 10)
    assert result.flesch_douma == pytest.approx(round(206.835 - 0.93 * 10 / 2 - 77 * 12 / 10, 1))
    assert result.average == 5
    assert result.longest == 6


def test_headings_and_list_items_count_as_sentences():
    result = analyse_page(page(block("Wie komt er?", kind="kop"), block("Uw partner.\nUw kind.", kind="lijst")))
    assert result.sentences == 3
    assert result.words == 7


# --- uncommon words -----------------------------------------------------------------------


def test_uncommon_word_and_the_allow_lists():
    assert is_uncommon("respijtzorg")
    assert not is_uncommon("respijtzorg", allowed={"respijtzorg"})
    assert not is_uncommon("Respijtzorg", allowed={"respijtzorg"})  # lower-case comparison
    assert not is_uncommon("gemeente")
    assert not is_uncommon("cliëntondersteuner")  # on the config's allow-list


def test_config_allow_list_is_what_makes_cliëntondersteuner_common():
    base = load_config()
    bare = dataclasses.replace(base, allowed=frozenset())
    assert is_uncommon("cliëntondersteuner", config=bare)
    assert not is_uncommon("cliëntondersteuner", config=base)


def test_hyphenated_and_compound_words():
    assert not is_uncommon("Wmo-consulent")  # wmo (allow-list) + consulent
    assert not is_uncommon("klussendienst")  # klussen + dienst, unknown to wordfreq as a whole
    assert not is_uncommon("klachtenformulier")  # klacht + en + formulier
    assert not is_uncommon("buurtbus")  # buurt + a very common 3-letter word
    assert not is_uncommon("onbetaald")  # on + betaald
    assert is_uncommon("slechthorend")  # rare, and slecht + horend is not two common parts


def test_uncommon_share_ignores_numbers_addresses_names_and_glossary_terms():
    text = "Respijtzorg kost € 21,80. Mail wmo@menadorp.voorbeeld.nl of bel 0800 111 11 11. Ménadorp regelt respijtzorg."
    plain = analyse_page(page(block(text)))
    # Countable words: Respijtzorg kost Mail of bel Ménadorp regelt respijtzorg (8); uncommon:
    # respijtzorg twice and Ménadorp (first word of its sentence, so not taken for a name).
    assert plain.uncommon_percent == pytest.approx(round(100 * 3 / 8, 1))
    named = analyse_page(page(block(text)), names={"Welzijn Ménadorp"})
    assert named.uncommon_percent == pytest.approx(round(100 * 2 / 8, 1))
    linked = analyse_page(page(block(text, glossary=("respijtzorg",))), names={"Welzijn Ménadorp"})
    assert linked.uncommon_percent == 0


def test_a_capitalised_word_inside_a_sentence_is_a_name_but_an_acronym_is_not():
    assert analyse_page(page(block("U belt met Welzijn Ménadorp."))).uncommon_percent == 0
    assert analyse_page(page(block("De rekening komt van het CIZ."))).uncommon_percent > 0


def test_names_with_several_words_allow_each_word():
    result = analyse_page(page(block("Ménadorp helpt u.")), names={"Welzijn Ménadorp (verzonnen)"})
    assert result.uncommon_percent == 0


# --- long words ---------------------------------------------------------------------------


def test_long_words_count_letters_only():
    config = load_config()
    assert config.long_word_letters == 14
    text = "Een maatwerkvoorziening of een keukentafelgesprek, bel 0800 111 11 11 of mail wmo@menadorp.voorbeeld.nl."
    result = analyse_page(page(block(text)))
    assert result.long_words == 2


# --- passive voice ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Uw aanvraag wordt door de gemeente behandeld.",
        "U wordt gebeld.",
        "Het plan werd gisteren besproken.",
        "Uw hulpverleners worden uit uw budget betaald.",
        "Het gesprek wordt opgenomen.",
        "Er wordt gekeken wat u nodig hebt.",
        "Bent u niet goed behandeld door de gemeente?",
        "Het verslag is gemaakt door uw consulent.",
        "Wat u typt, wordt niet bewaard.",
    ],
)
def test_passive_voice_is_found(sentence):
    assert passive_signal(words(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "De gemeente betaalt de hulp.",
        "De gemeente beslist binnen 2 weken.",
        "U bent niet verplicht om een plan te maken.",  # a state, not an action
        "Het onderzoek is begonnen.",  # the perfect of an active verb
        "Bent u verhuisd?",
        "U wordt ouder.",  # worden as a copula
        "Vraag gerust door als iets niet duidelijk is.",  # door as a particle
        "Het gesprek wordt een fijn gesprek.",
        "Het bestand is gemaakt in Word.",
        "Uw gezondheid wordt belangrijker.",
    ],
)
def test_no_passive_voice_where_there_is_none(sentence):
    assert not passive_signal(words(sentence))


def test_one_passive_sentence_per_page_is_allowed_on_an_easy_page():
    one = analyse_page(page(block("U wordt gebeld.\nU praat met de gemeente.\nDan krijgt u een brief."), path="makkelijk/gesprek.md"))
    assert one.passive == 1 and "lijdende-vorm" not in codes(one)
    two = analyse_page(page(block("U wordt gebeld.\nHet plan wordt besproken.\nDan krijgt u een brief."), path="makkelijk/gesprek.md"))
    assert two.passive == 2 and "lijdende-vorm" in codes(two, "fout")


# --- system language ----------------------------------------------------------------------


def test_system_words_come_from_the_config_and_match_whole_words_plurals_and_phrases():
    config = load_config()
    for term in ("maatwerkvoorziening", "compensatieplicht", "indicatie", "zelfredzaamheid", "participatie", "voorliggende voorziening"):
        assert term in config.system_words
    assert system_words_in("Twee maatwerkvoorzieningen.") == ["maatwerkvoorziening"]
    assert system_words_in("Een Algemene   Voorziening is er voor iedereen.") == ["algemene voorziening"]
    assert system_words_in("De indicatiestelling en contra-indicatie.") == []  # other words


def test_system_word_on_an_easy_page_fails_with_file_and_line():
    result = analyse_page(
        page(
            block("U vraagt hulp.", line=3),
            block("Die hulp heet een maatwerkvoorziening.", file="content/makkelijk/soorten-hulp.md", line=12),
            path="makkelijk/soorten-hulp.md",
        )
    )
    [finding] = system(result)
    assert (finding.severity, finding.file, finding.line) == ("fout", "content/makkelijk/soorten-hulp.md", 12)
    assert finding.sentence == "Die hulp heet een maatwerkvoorziening."
    assert "maatwerkvoorziening" in finding.message


def test_a_glossary_link_does_not_excuse_a_system_word_on_an_easy_page():
    result = analyse_page(page(block("Dat heet een maatwerkvoorziening.", glossary=("maatwerkvoorziening",)), path="makkelijk/gesprek.md"))
    assert [f.severity for f in system(result)] == ["fout"]


def test_easy_glossary_headings_may_name_a_system_word_but_its_text_may_not():
    glossary = page(
        block("Maatwerkvoorziening", kind="kop", file="content/makkelijk/woordenlijst.md", line=140),
        block("Dit woord staat soms in een brief.\nHet betekent: hulp alleen voor u.", file="content/makkelijk/woordenlijst.md", line=142),
        path="makkelijk/woordenlijst.md",
    )
    assert "systeemtaal" not in codes(analyse_page(glossary))
    text = block("Een maatwerkvoorziening is hulp.", file="content/makkelijk/woordenlijst.md", line=145)
    text_too = page(*glossary.blocks, text, path="makkelijk/woordenlijst.md")
    [finding] = system(analyse_page(text_too))
    assert (finding.code, finding.severity, finding.line) == ("systeemtaal", "fout", 145)


def test_a_heading_on_another_easy_page_is_not_exempt():
    result = analyse_page(page(block("Wat is een maatwerkvoorziening?", kind="kop"), path="makkelijk/gesprek.md"))
    assert [f.severity for f in system(result)] == ["fout"]


def test_standard_page_system_word_linked_at_first_use_is_fine():
    result = analyse_page(
        page(
            block("Soms krijgt u een maatwerkvoorziening.", line=5, glossary=("maatwerkvoorziening",)),
            block("Een maatwerkvoorziening is hulp voor u alleen.", line=7),
        )
    )
    assert "systeemtaal" not in codes(result)


def test_standard_page_system_word_unlinked_at_first_use_warns_once():
    result = analyse_page(
        page(
            block("Soms krijgt u een maatwerkvoorziening.", line=5),
            block("Een maatwerkvoorziening is hulp voor u alleen.", line=7, glossary=("Maatwerkvoorziening",)),
        )
    )
    [finding] = system(result)
    assert (finding.severity, finding.file, finding.line) == ("waarschuwing", "content/gesprek.md", 5)


def test_standard_glossary_page_is_exempt_from_system_language():
    heading, text = block("Maatwerkvoorziening", kind="kop"), block("Een maatwerkvoorziening is hulp voor u alleen.")
    result = analyse_page(page(heading, text, path="woordenlijst.md"))
    assert "systeemtaal" not in codes(result)


# --- the test: file and line, fout on easy pages, waarschuwing on standard ones ----

LONG_SENTENCE = (
    "Als u hulp nodig hebt bij het huishouden of bij het vervoer naar uw werk dan kunt u de gemeente bellen of een brief sturen."
)


def test_the_long_sentence_has_25_words():
    assert len(words(LONG_SENTENCE)) == 25


def test_easy_page_with_a_25_word_sentence_fails_with_file_and_line():
    result = analyse_page(
        page(
            block("U praat met de gemeente.", file="content/makkelijk/gesprek.md", line=3),
            block(f"Dat is fijn.\n{LONG_SENTENCE}", file="content/makkelijk/gesprek.md", line=21),
            path="makkelijk/gesprek.md",
        )
    )
    too_long = [f for f in result.findings if f.code == "zin-te-lang"]
    assert [(f.severity, f.file, f.line, f.sentence) for f in too_long] == [("fout", "content/makkelijk/gesprek.md", 21, LONG_SENTENCE)]
    assert "25 woorden" in too_long[0].message and "15" in too_long[0].message
    assert result.longest == 25
    assert "25 woorden" in result.hardest[0].reasons


def test_easy_page_with_the_gemeentes_own_text_points_at_its_yaml_line():
    result = analyse_page(
        page(block(LONG_SENTENCE, file="municipalities/sint-menadorp.yml", line=88, kind="kader"), path="makkelijk/contact.md")
    )
    too_long = [(f.severity, f.file, f.line) for f in result.findings if f.code == "zin-te-lang"]
    assert too_long == [("fout", "municipalities/sint-menadorp.yml", 88)]


def test_standard_page_with_a_25_word_sentence_or_a_system_word_only_warns():
    result = analyse_page(page(block(LONG_SENTENCE, line=9), block("Dat heet een maatwerkvoorziening.", line=11)))
    assert {f.severity for f in result.findings} == {"waarschuwing"}
    assert {(f.code, f.line) for f in result.findings} >= {("zin-te-lang", 9), ("systeemtaal", 11)}


def test_a_short_standard_sentence_is_fine_and_the_limit_differs_per_page_type():
    config = load_config()
    assert config.easy.longest < config.standard.longest
    seventeen = "U kunt de gemeente bellen als u hulp nodig hebt bij het huishouden of bij uw vervoer."
    assert len(words(seventeen)) == 17
    assert "zin-te-lang" not in codes(analyse_page(page(block(seventeen))))
    assert "zin-te-lang" in codes(analyse_page(page(block(seventeen), path="makkelijk/gesprek.md")), "fout")


def test_page_level_figures_point_at_the_first_block():
    text = "\n".join(["U kunt de gemeente altijd bellen als u vragen hebt over uw hulp."] * 4)
    file = "content/makkelijk/contact.md"
    result = analyse_page(page(block("Bellen", kind="kop", file=file, line=2), block(text, file=file, line=4), path="makkelijk/contact.md"))
    [average] = [f for f in result.findings if f.code == "gemiddelde-te-hoog"]
    assert (average.severity, average.file, average.line) == ("fout", "content/makkelijk/contact.md", 2)
    assert "hoogstens 9" in average.message


def test_one_long_word_on_a_short_easy_page_is_allowed_two_are_not():
    one = analyse_page(page(block("U vraagt een cliëntondersteuner.\nDie helpt u."), path="makkelijk/gesprek.md"))
    assert one.long_words == 1 and "lange-woorden" not in codes(one)
    two = analyse_page(page(block("U vraagt een cliëntondersteuner.\nDie helpt bij het keukentafelgesprek."), path="makkelijk/gesprek.md"))
    assert two.long_words == 2 and "lange-woorden" in codes(two, "fout")


def test_hardest_sentences_with_dutch_reasons():
    result = analyse_page(
        page(
            block("U belt de gemeente."),
            block("Respijtzorg wordt door de gemeente betaald als uw mantelzorger even rust nodig heeft."),
            block("De zorgverzekeringswet regelt de wijkverpleging."),
            block("Dat is alles."),
        )
    )
    assert len(result.hardest) == 3
    first = result.hardest[0]
    assert first.text.startswith("Respijtzorg")
    assert first.reasons == ("13 woorden", "ongewoon woord: Respijtzorg", "lijdende vorm")
    assert "lang woord: zorgverzekeringswet" in result.hardest[1].reasons


def test_an_empty_page_has_no_findings():
    result = analyse_page(page())
    assert (result.sentences, result.words, result.findings, result.hardest) == (0, 0, (), ())


# --- the config file ----------------------------------------------------------------------


def test_config_thresholds_are_stricter_for_easy_pages():
    config = load_config()
    easy, standard = config.easy, config.standard
    assert easy.average <= standard.average and easy.longest < standard.longest
    assert easy.flesch_douma > standard.flesch_douma
    assert easy.uncommon_percent < standard.uncommon_percent
    assert easy.long_words_percent < standard.long_words_percent
    assert easy.passive_percent < standard.passive_percent
    assert 2 <= config.zipf_threshold <= 4


def test_readability_reads_its_limits_from_the_same_config():
    from keukentafel.language import readability

    config = load_config()
    assert readability.EASY_LONGEST_MAX == config.easy.longest
    assert readability.EASY_AVERAGE_MAX == config.easy.average
    assert readability.STANDARD_AVERAGE_MAX == config.standard.average
