"""Plain-language analysis of a rendered page, as a resident reads it (the build runs it on every page).

Input is a `ReviewPage` (its blocks' plain text, with the file and line an editor changes); output
is a `PageLanguage`: figures, the three hardest sentences and findings. A finding on an easy page
(makkelijk/...) is a "fout" that fails the build; on a standard page (B1) a "waarschuwing".
Thresholds and word lists: data/taalregels.yml (read once), which documents them for editors.

    analyse_page(page, names=..., config=None, glossary=()) -> PageLanguage
    split_sentences(text) -> list[str];  words(sentence) -> list[str];  syllables(word) -> int
    flesch_douma(words, sentences, syllables) -> float;  is_uncommon(word, allowed=()) -> bool
    passive_signal(words) -> bool;  system_words_in(text) -> list[str]

How we count:

- Sentences: every block, every line of a block (list item, line break, table cell) and every
  heading ends a sentence, as in readability.py; so headings count in the figures.
  Inside a line a sentence ends at . ? ! or … (plus closing quotes or brackets) followed by white
  space and a capital, digit, quote or bracket ('s-Heerenbrûk too). Not after an abbreviation
  from the config (bijv., o.a., d.w.z., art., nr., ...) nor after a single capital (an initial:
  J. Jansen). Dots inside numbers (2.3.2, 1.000, 9.00 uur) have no space after them, so they never
  end a sentence; "t/m" has no dot. A colon at the end of a line (introducing a list) ends the
  sentence and is dropped.
- Words: letters with inner hyphens and apostrophes ('s-Heerenbrûk, zo'n, Wmo-consulent) are one
  word; so are a dotted abbreviation (o.a., d.w.z.) and t/m. A number is one word: 2.3.2, € 21,80,
  10%, 1-1-2026 and a phone number in groups (0800 111 11 11). An e-mail or web address is one word.
- Syllables: pyphen nl_NL, but at least the number of vowel groups (a diaeresis starts a new
  one), because the Dutch hyphenation dictionary never splits off one letter at either end of a
  word (pyphen gives open 1, idee 1, agenda 2; we count 2, 2, 3). Hyphenated words: the parts are
  counted separately (e-mail 2). A number or an address is one syllable: read at a glance, and
  easy-language guidance prefers digits.
- Uncommon words: wordfreq's Zipf frequency for Dutch, lower-case, below the threshold. Never
  uncommon: numbers, addresses, the config's allow-list, the names the caller passes, every word
  of the page's glossary-link texts (and on a glossary page its headings), the optional
  `glossary` terms, and a word with a capital after the first word of its sentence (a name:
  Tolkcontact; all-capital abbreviations like CAK are judged normally). A hyphenated word is
  common when every part is. A compound wordfreq does not know well enough is common when it
  splits into two or three common parts, optionally with a linking s, e or en: wijk+team,
  klacht+en+formulier. Parts have at least 4 letters, except a first part that is a short
  particle or on- (in+levert, on+betaald) and a last part of 3 letters with Zipf >= 4.5
  (buurt+bus). So a term of common parts (hardheid+s+clausule) counts as common: the long-word
  limit, the system-language list and the glossary-link rule catch those.
- Long words: letters only (not digits, hyphens, apostrophes) >= `lang_woord_letters`; numbers
  and addresses are never long.
- Passive voice, per sentence, tuned for few false positives:
  (1) a form of "worden" (word, wordt, worden, werd, werden) and a past participle; or
  (2) a form of "zijn" (is, ben, bent, zijn, was, waren), a past participle and after it "door"
      followed by an agent (de, het, een, u, uw, ..., or a name): "is gemaakt door de consulent".
  A zijn-form with a participle but no agent is not counted: Dutch uses zijn for the perfect of
  many active verbs (is begonnen, bent verhuisd) and for states (bent verplicht, is gesloten).
  A past participle: ge- (also after a separable particle: aan-ge-vraagd, op-ge-nomen) + stem +
  -d, -t, -en or -aan; be-/ver-/ont-/her-/er-/onder-/over- + stem + -d, or + -t after a 't kofschip
  consonant (beperkt, verwacht: "betaalt", "begint" are the present tense); a short list of strong
  participles (besproken, ontvangen, ...); minus words that only look like one (gebied, bericht,
  besluit, gezond, gesprekken, ...). "Word" with a capital after the first word is the program.
- System language: whole-word, case-insensitive matches of the config's list (multi-word entries
  too; plural -en/-n/-s/-'s). Easy page: every occurrence is a "fout", except in the headings of
  the easy glossary (makkelijk/woordenlijst.md), which name the word from a letter. Standard page:
  the first occurrence must be in a block whose glossary_terms contain it, else a
  "waarschuwing". The glossary (woordenlijst.md) is exempt: it explains them.
- Findings: one per sentence over the longest-sentence limit and per system-language problem
  (file and line of the sentence's block); one per page-level figure over its limit (average,
  Flesch-Douma, uncommon share, long-word share, passive share; for the shares one case per page
  is always allowed, so a short page is not failed for its only long word), at the file and line
  of the page's first block, with examples in the message.
- Hardest sentences: ranked by words + 4 per uncommon word + 2 per long word + 4 if passive.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import yaml

from keukentafel import ROOT
from keukentafel.language.blocks import Block, HardSentence, LanguageFinding, PageLanguage, ReviewPage

CONFIG_FILE = ROOT / "data" / "taalregels.yml"
_PACKAGE_CONFIG = Path(__file__).resolve().parents[2] / "data" / "taalregels.yml"

GLOSSARY_PAGE = "woordenlijst.md"
EASY_GLOSSARY_PAGE = "makkelijk/woordenlijst.md"


# --- configuration ------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    average: float  # words per sentence, at most
    longest: int  # words in the longest sentence, at most
    flesch_douma: float  # at least
    uncommon_percent: float  # at most
    long_words_percent: float  # at most
    passive_percent: float  # share of sentences, at most


@dataclass(frozen=True)
class LanguageConfig:
    standard: Limits
    easy: Limits
    zipf_threshold: float
    long_word_letters: int
    allowed: frozenset[str]  # lower-case words never counted as uncommon
    system_words: tuple[str, ...]
    abbreviations: frozenset[str]  # lower-case, without the final dot

    def limits(self, easy: bool) -> Limits:
        return self.easy if easy else self.standard

    @classmethod
    def from_dict(cls, data: Mapping) -> "LanguageConfig":
        def limits(d: Mapping) -> Limits:
            return Limits(
                average=float(d["gemiddelde_zinslengte"]),
                longest=int(d["langste_zin"]),
                flesch_douma=float(d["flesch_douma_minimaal"]),
                uncommon_percent=float(d["ongewone_woorden_procent"]),
                long_words_percent=float(d["lange_woorden_procent"]),
                passive_percent=float(d["lijdende_vorm_procent"]),
            )

        return cls(
            standard=limits(data["grenzen"]["gewoon"]),
            easy=limits(data["grenzen"]["makkelijk"]),
            zipf_threshold=float(data["zipf_drempel"]),
            long_word_letters=int(data["lang_woord_letters"]),
            allowed=frozenset(str(w).lower() for w in data.get("toegestaan") or ()),
            system_words=tuple(str(w) for w in data.get("systeemtaal") or ()),
            abbreviations=frozenset(str(a).lower().rstrip(".") for a in data.get("afkortingen") or ()),
        )


@functools.lru_cache(maxsize=4)
def load_config(path: Path | None = None) -> LanguageConfig:
    """data/taalregels.yml, read once (an older checkout without it falls back to ours)."""
    if path is None:
        path = CONFIG_FILE if CONFIG_FILE.is_file() else _PACKAGE_CONFIG
    return LanguageConfig.from_dict(yaml.safe_load(Path(path).read_text(encoding="utf-8")))


# --- sentences ----------------------------------------------------------------------------

# A candidate sentence end: . ? ! or … (or ...), optional closing quotes/brackets, white space,
# then something that can start a sentence.
_END = re.compile(r"([.?!…]+)([\"'”’»)\]]*)(\s+)(?=[\"'“‘„«(\[]?[^\W_a-zß-ÿ]|['’][st][\s-])")
_TOKEN_BEFORE = re.compile(r"(\S+)$")


def split_sentences(text: str, config: LanguageConfig | None = None) -> list[str]:
    """The sentences of a block's text, Dutch-aware (see the module docstring)."""
    config = config or load_config()
    result: list[str] = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        start = 0
        for m in _END.finditer(line):
            if m.group(1) == ".":
                before = _TOKEN_BEFORE.search(line, 0, m.start())
                token = before.group(1) if before else ""
                bare = token.lstrip("(\"'“‘„«[")
                if bare.lower() in config.abbreviations:
                    continue
                if re.fullmatch(r"[^\W\d_]", bare) and bare.isupper():
                    continue  # an initial: J. de Vries
            piece = line[start : m.end(2)].strip()
            if piece:
                result.append(piece)
            start = m.end()
        rest = line[start:].strip()
        if rest.endswith(":"):
            rest = rest[:-1].rstrip()
        if rest:
            result.append(rest)
    return [s for s in result if words(s)]


# --- words and syllables ------------------------------------------------------------------

_LETTERS = r"[^\W\d_]"
_NUMBER_PART = r"\d+(?:[.,:/\-]\d+)*%?"
_TOKEN = re.compile(
    r"(?P<address>[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|(?:https?://|www\.)\S+[\w/]"
    r"|[\w\-]+(?:\.[\w\-]+)*\.(?:nl|com|org|eu|net|info)(?:/\S*[\w/])?(?![\w]))"
    rf"|(?P<number>(?:€\s?)?{_NUMBER_PART}(?:\s\d+(?:[.,]\d+)*)*(?:,-)?)"
    rf"|(?P<abbr>(?:{_LETTERS}\.){{1,3}}{_LETTERS}\.?(?!{_LETTERS})|{_LETTERS}+/{_LETTERS}+)"
    rf"|(?P<word>(?:['’](?=[st]\b|[st]-))?{_LETTERS}+(?:[-'’]{_LETTERS}+)*)"
)


@dataclass(frozen=True)
class Word:
    text: str
    kind: str  # "word", "number", "address", "abbr"

    @property
    def countable(self) -> bool:
        """Can be uncommon or long (not a number or an address)."""
        return self.kind in ("word", "abbr")


def tokens(sentence: str) -> list[Word]:
    found = []
    for m in _TOKEN.finditer(sentence):
        kind = m.lastgroup or "word"
        found.append(Word(m.group(0).rstrip("."), kind) if kind == "address" else Word(m.group(0), kind))
    return found


def words(sentence: str) -> list[str]:
    """The words of a sentence; a number, an address, an abbreviation (o.a.) is one word."""
    return [w.text for w in tokens(sentence)]


@functools.lru_cache(maxsize=1)
def _pyphen():
    import pyphen  # imported on first use: importing this module stays cheap (readability.py reads the limits)

    return pyphen.Pyphen(lang="nl_NL")


_VOWELS = re.compile(r"[aeiouyáàâéèêíìîóòôúùûýäëïöü]+")
_DIAERESIS = re.compile(r"([äëïöü])")


def _vowel_groups(word: str) -> int:
    """Groups of vowels; a diaeresis starts a new one (ideeën, geïnformeerd, coördinatie)."""
    return len(_VOWELS.findall(_DIAERESIS.sub(r" \1", word.lower())))


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of a word: pyphen nl_NL, at least the number of vowel groups; a number is 1."""
    if not word or not re.search(_LETTERS, word):
        return 1  # a number
    parts = [p for p in re.split(r"[-/]", word.strip("'’")) if re.search(_LETTERS, p)]
    if len(parts) > 1:
        return sum(syllables(p) for p in parts)
    word = parts[0] if parts else word
    hyphenated = len(_pyphen().positions(word.lower())) + 1
    return max(1, hyphenated, _vowel_groups(word))


def word_syllables(word: Word) -> int:
    return syllables(word.text) if word.countable else 1


def flesch_douma(words: int, sentences: int, syllables: int) -> float:
    """206.835 − 0.93 × (words/sentence) − 77 × (syllables/word); higher is easier."""
    if not words or not sentences:
        return 0.0
    return 206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)


def letters(word: str) -> int:
    return len(re.findall(_LETTERS, word))


# --- uncommon words -----------------------------------------------------------------------


@functools.lru_cache(maxsize=131072)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency for Dutch (cached: a build looks up the same words on every page)."""
    import wordfreq

    return wordfreq.zipf_frequency(word, "nl")


def _common_part(part: str, threshold: float, allowed: frozenset[str]) -> bool:
    return part in allowed or zipf(part) >= threshold


# Separable particles that start many verbs (in+levert, op+schrijft, mee+komt) and the negation
# on- (on+betaald): allowed as a first part although they are short.
_HEAD_PARTICLES = frozenset("aan af bij in mee na om on op toe uit weg".split())


@functools.lru_cache(maxsize=65536)
def _compound_common(word: str, threshold: float, allowed: frozenset[str], depth: int = 3, first: bool = True) -> bool:
    """Splits into `depth` or fewer common parts (linking s/e/en allowed between them).

    Parts have at least 4 letters, so that wordfreq's frequent fragments (ing, sen, oor) never
    count as words; a first part may be a separable particle (op+schrijft), and the last part
    may have 3 letters when it is very common (Zipf >= 4.5: buurt+bus, zorgverzekering+s+wet).
    """
    if len(word) >= 4 and _common_part(word, threshold, allowed):
        return True
    if len(word) == 3 and not first and zipf(word) >= 4.5:
        return True
    if depth <= 1:
        return False
    for i in range(2, len(word) - 2):
        head, tail = word[:i], word[i:]
        if not (head in _HEAD_PARTICLES if (first and i < 4) else (i >= 4 and _common_part(head, threshold, allowed))):
            continue
        for link in ("", "s", "e", "en"):
            if link and not tail.startswith(link):
                continue
            rest = tail[len(link) :]
            if len(rest) >= 3 and _compound_common(rest, threshold, allowed, depth - 1, False):
                return True
    return False


def is_uncommon(word: str, allowed: Iterable[str] = frozenset(), config: LanguageConfig | None = None) -> bool:
    """Whether a resident may not know the word (see the module docstring for the rules)."""
    config = config or load_config()
    allow = config.allowed | frozenset(a.lower() for a in allowed)
    return _uncommon(word, allow, config.zipf_threshold)


def _uncommon(word: str, allow: frozenset[str], threshold: float) -> bool:
    w = word.lower().strip("'’").replace("’", "'")
    if not re.search(_LETTERS, w) or w in allow:
        return False
    if zipf(w) >= threshold:
        return False
    if re.search(r"[-/.]", w):
        parts = [p for p in re.split(r"[-/.]", w) if p]
        return any(_uncommon(p, allow, threshold) for p in parts)
    if w.endswith("'s") and not _uncommon(w[:-2], allow, threshold):
        return False  # pgb's, baby's
    base = w.replace("'", "")
    return len(base) < 6 or not _compound_common(base, threshold, allow)


def _looks_like_name(word: Word, index: int) -> bool:
    """A capital after the first word of a sentence marks a name (Tolkcontact, Sint-Ménadorp);
    all-capital abbreviations (CAK, UWV) are not names: they are judged like other words."""
    if index == 0 or word.kind != "word":
        return False
    parts = [p for p in re.split(r"[-'’]", word.text) if p]
    return any(p[0].isupper() and not (len(p) > 1 and p.isupper()) for p in parts)


def _allow_words(texts: Iterable[str]) -> frozenset[str]:
    """Every word of each name or glossary term, lower-case ('s-Heerenbruk aan de Vliet)."""
    found = set()
    for text in texts:
        for w in tokens(text):
            found.add(w.text.lower().strip("'’"))
            found.update(p for p in re.split(r"[-'’]", w.text.lower()) if p)
    return frozenset(found)


# --- passive voice ------------------------------------------------------------------------

_WORDEN = {"word", "wordt", "worden", "werd", "werden"}
_ZIJN = {"is", "ben", "bent", "zijn", "was", "waren"}
_PARTICLES = "aan|af|bij|door|in|mee|na|om|op|over|terug|toe|uit|voor|weg|vast|samen|tegen|achter|los|vrij|klaar|open|dicht|binnen|rond"
_INSEPARABLE = "be|ver|ont|her|er|onder|over"
# ge-participles (also after a separable particle): ge-maakt, aan-ge-vraagd, ge-schreven, ge-daan.
_GE = re.compile(rf"^(?:{_PARTICLES})?ge[^\W\d_]{{2,}}(?:[dt]|en)$|^(?:{_PARTICLES})?ge[^\W\d_]+aan$")
# be-/ver-/ont-/her-/er-/onder-/over- participles of weak verbs: -d, or -t after a 't kofschip
# consonant (beperkt, verwacht). Other words on -t are the present tense: betaalt, begint, verdient.
_INSEPARABLE_WEAK = re.compile(rf"^(?:{_PARTICLES})?(?:{_INSEPARABLE})[^\W\d_]{{2,}}(?:d|(?:[tkfsp]|ch)t)$")
_STRONG = {
    "besproken", "beschreven", "bevonden", "bewezen", "besloten", "begrepen", "bekeken", "bedragen",
    "verkregen", "verboden", "verzonden", "verbonden", "vergeleken", "vervangen", "verschoven", "vergeten",
    "ontvangen", "ontslagen", "ontnomen", "overwogen", "onderschreven", "herschreven", "ondertekend",
    "toegestaan", "ontstaan", "voorgeschreven",
}
# Words that look like a past participle but are (mostly) something else.
_NOT_PARTICIPLE = {
    "gebied", "geld", "gezicht", "gewicht", "gerecht", "gedicht", "gezond", "gewoon", "geschikt", "gewend",
    "bericht", "besluit", "beleid", "verbod", "bestand", "verband", "verstand", "overzicht", "bewust",
    "bekend", "verschillend", "ernst", "herfst", "geeft", "gelooft", "geweest", "geworden", "geleden",
    "gebeurt", "ontstaat", "bestaat", "verstaat", "geweest", "gegaan", "gekomen", "gebleven",
    "gesprekken", "gebieden", "gebouwen", "gedachten", "gezinnen", "gebaren", "gevolgen", "gegevens",
    "gelden", "geven", "geloven", "gebruiken", "gebeuren", "genieten", "gewoonten", "geheimen",
    "gerust", "overleden", "verleden", "tevreden", "beneden", "bereid", "betreft", "behoeft",
}


def is_participle(word: str) -> bool:
    """A past participle, roughly (see the module docstring); errs on the side of 'no'."""
    w = word.lower()
    if w in _STRONG:
        return True
    if w in _NOT_PARTICIPLE or len(w) < 5 or w.endswith(("heid", "teit", "schap", "nis")):
        return False
    return bool(_GE.match(w) or _INSEPARABLE_WEAK.match(w))


_AGENT_START = frozenset(
    "de het een uw u hem haar hen hun ons onze mij iemand anderen zijn die deze dat dit elke iedere alle".split()
)


def _agent(word: str) -> bool:
    """The word after 'door' starts an agent (door de gemeente, door u, door Tolkcontact)."""
    return word.lower() in _AGENT_START or word[:1].isupper()


def passive_signal(sentence_words: list[str]) -> bool:
    """A form of worden with a past participle, or a form of zijn with one and 'door' after it."""
    lower = [w.lower() for w in sentence_words]
    # "Word" with a capital after the first word is the program, not the verb.
    worden = any(w in _WORDEN and not (i and sentence_words[i] == "Word") for i, w in enumerate(lower))
    if worden and any(is_participle(w) for w in lower):
        return True
    if any(w in _ZIJN for w in lower):
        for i, w in enumerate(lower):
            if is_participle(w) and any(
                d == "door" and _agent(sentence_words[j + 1]) for j, d in enumerate(lower[i + 1 : -1], i + 1)
            ):
                return True
    return False


# --- system language ----------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _term_pattern(term: str) -> re.Pattern:
    body = r"\s+".join(re.escape(p) for p in term.split())
    return re.compile(rf"(?<![\w\-]){body}(?:en|n|s|'s)?(?![\w\-])", re.I)


def system_words_in(text: str, config: LanguageConfig | None = None) -> list[str]:
    """The system-language terms (from the config) that occur in text, in config order."""
    config = config or load_config()
    return [t for t in config.system_words if _term_pattern(t).search(text)]


def _linked(term: str, glossary_terms: Iterable[str]) -> bool:
    pattern = _term_pattern(term)
    return any(pattern.search(link) for link in glossary_terms)


# --- the page -----------------------------------------------------------------------------


@dataclass
class _Sentence:
    text: str
    block: Block
    words: list[Word]
    uncommon: list[str]
    long: list[str]
    passive: bool

    @property
    def size(self) -> int:
        return len(self.words)

    @property
    def line(self) -> int:
        """The block's line: a block's text lines need not match its source lines one to one
        (a `{%- endif %}` line disappears), so a sentence gets the line where its block starts."""
        return self.block.line

    def hardness(self) -> float:
        """For ranking the hardest sentences: each uncommon word or a passive weighs as 4 words, a long word as 2."""
        return self.size + 4 * len(self.uncommon) + 2 * len(self.long) + 4 * self.passive

    def reasons(self) -> tuple[str, ...]:
        found = [f"{self.size} woorden"]
        found += [f"ongewoon woord: {w}" for w in dict.fromkeys(self.uncommon)]
        found += [f"lang woord: {w}" for w in dict.fromkeys(self.long) if w not in self.uncommon]
        if self.passive:
            found.append("lijdende vorm")
        return tuple(found)


# Most sentences are the same on every gemeente's site: what does not depend on the page is
# worked out once per process.
@functools.lru_cache(maxsize=32768)
def _sentences_of(text: str, config: LanguageConfig) -> tuple[str, ...]:
    return tuple(split_sentences(text, config))


@functools.lru_cache(maxsize=65536)
def _sentence_facts(text: str, config: LanguageConfig) -> tuple[tuple[Word, ...], tuple[str, ...], tuple[str, ...], bool]:
    """(words, the words uncommon by the shared rules alone, long words, passive) of a sentence."""
    found = tokens(text)
    candidates = tuple(
        w.text
        for i, w in enumerate(found)
        if w.countable and not _looks_like_name(w, i) and _uncommon(w.text, config.allowed, config.zipf_threshold)
    )
    long = tuple(w.text for w in found if w.countable and letters(w.text) >= config.long_word_letters)
    return tuple(found), candidates, long, passive_signal([w.text for w in found])


def _number(value: float) -> str:
    """Dutch decimal: 9,3."""
    text = f"{value:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def analyse_page(
    page: ReviewPage,
    names: Iterable[str] = frozenset(),
    config: LanguageConfig | None = None,
    glossary: Iterable[str] = (),
) -> PageLanguage:
    """Figures, the hardest sentences and findings for one page.

    names: names of the gemeente, its organisations and places (never uncommon).
    glossary: optionally, the terms the site's glossary explains (its headings); never uncommon.
    """
    config = config or load_config()
    limits = config.limits(page.easy)
    severity = "fout" if page.easy else "waarschuwing"
    is_glossary = page.path in (GLOSSARY_PAGE, EASY_GLOSSARY_PAGE)
    link_texts = [t for b in page.blocks for t in b.glossary_terms]
    own_headings = [b.text for b in page.blocks if b.kind == "kop"] if is_glossary else []
    allow = config.allowed | _allow_words([*names, *link_texts, *glossary, *own_headings])
    threshold = config.zipf_threshold

    sentences: list[_Sentence] = []
    for block in page.blocks:
        for text in _sentences_of(block.text, config):
            found, candidates, long, passive = _sentence_facts(text, config)
            sentences.append(
                _Sentence(
                    text=text,
                    block=block,
                    words=list(found),
                    # Allowing more words never makes a word uncommon, so only the few that are
                    # uncommon by the shared rules are judged again with this page's names.
                    uncommon=[w for w in candidates if _uncommon(w, allow, threshold)],
                    long=list(long),
                    passive=passive,
                )
            )

    total_words = sum(s.size for s in sentences)
    total_syllables = sum(word_syllables(w) for s in sentences for w in s.words)
    countable_words = sum(1 for s in sentences for w in s.words if w.countable)
    uncommon = [w for s in sentences for w in s.uncommon]
    long_words = [w for s in sentences for w in s.long]
    passive = [s for s in sentences if s.passive]
    average = total_words / len(sentences) if sentences else 0.0
    longest = max((s.size for s in sentences), default=0)
    score = flesch_douma(total_words, len(sentences), total_syllables)
    uncommon_percent = 100 * len(uncommon) / countable_words if countable_words else 0.0
    long_percent = 100 * len(long_words) / countable_words if countable_words else 0.0
    passive_percent = 100 * len(passive) / len(sentences) if sentences else 0.0

    findings: list[LanguageFinding] = []
    first = page.blocks[0] if page.blocks else None

    def page_finding(code: str, message: str) -> None:
        if first is not None:
            findings.append(LanguageFinding(page.path, first.file, first.line, severity, code, message))

    def examples(items: list[str], count: int = 5) -> str:
        unique = list(dict.fromkeys(i.lower() for i in items))
        return ", ".join(unique[:count]) + (", …" if len(unique) > count else "")

    kind = "makkelijke" if page.easy else "gewone"
    for s in sentences:
        if s.size > limits.longest:
            message = f"Zin van {s.size} woorden; hoogstens {limits.longest} op een {kind} pagina. Maak er twee zinnen van."
            findings.append(LanguageFinding(page.path, s.block.file, s.line, severity, "zin-te-lang", message, s.text))
    if sentences:
        if average > limits.average:
            page_finding(
                "gemiddelde-te-hoog",
                f"Gemiddeld {_number(average)} woorden per zin; hoogstens {_number(limits.average)}. Maak lange zinnen korter.",
            )
        if score < limits.flesch_douma:
            page_finding(
                "flesch-douma-te-laag",
                f"Flesch-Douma {_number(score)}; minstens {_number(limits.flesch_douma)}. Gebruik kortere zinnen en kortere woorden.",
            )
        # A share is over its limit only with more than one case: one is always allowed, so that
        # a short page is not failed for its only long word.
        if len(uncommon) > max(1, limits.uncommon_percent * countable_words / 100):
            page_finding(
                "ongewone-woorden",
                f"{_number(uncommon_percent)}% ongewone woorden; hoogstens {_number(limits.uncommon_percent)}%. "
                f"Bijvoorbeeld: {examples(uncommon)}. Kies een gewoner woord, of link het naar de woordenlijst.",
            )
        if len(long_words) > max(1, limits.long_words_percent * countable_words / 100):
            page_finding(
                "lange-woorden",
                f"{_number(long_percent)}% lange woorden ({config.long_word_letters} letters of meer); "
                f"hoogstens {_number(limits.long_words_percent)}%. Bijvoorbeeld: {examples(long_words)}.",
            )
        if len(passive) > max(1, limits.passive_percent * len(sentences) / 100):
            page_finding(
                "lijdende-vorm",
                f"{_number(passive_percent)}% van de zinnen in de lijdende vorm; hoogstens {_number(limits.passive_percent)}%. "
                f"Zeg wie het doet. Bijvoorbeeld: \u201c{passive[0].text}\u201d",
            )
    findings += _system_language(page, sentences, config)

    hardest = sorted(sentences, key=lambda s: -s.hardness())[:3]
    return PageLanguage(
        page=page.path,
        easy=page.easy,
        sentences=len(sentences),
        words=total_words,
        average=round(average, 2),
        longest=longest,
        flesch_douma=round(score, 1),
        uncommon_percent=round(uncommon_percent, 1),
        long_words=len(long_words),
        passive=len(passive),
        hardest=tuple(HardSentence(s.text, s.size, s.block.file, s.line, s.reasons()) for s in hardest),
        findings=tuple(findings),
    )


def _system_language(page: ReviewPage, sentences: list[_Sentence], config: LanguageConfig) -> list[LanguageFinding]:
    if page.path == GLOSSARY_PAGE:
        return []  # the glossary explains them
    findings = []
    if page.easy:
        for s in sentences:
            if page.path == EASY_GLOSSARY_PAGE and s.block.kind == "kop":
                continue  # names the word from a letter so a resident can look it up
            for term in system_words_in(s.text, config):
                findings.append(
                    LanguageFinding(
                        page.path, s.block.file, s.line, "fout", "systeemtaal",
                        f"Systeemtaal op een makkelijke pagina: \u201c{term}\u201d. Zeg wat het is in gewone woorden.",
                        s.text,
                    )
                )
        return findings
    seen: set[str] = set()
    for s in sentences:
        for term in system_words_in(s.text, config):
            if term in seen:
                continue
            seen.add(term)
            if not _linked(term, s.block.glossary_terms):
                findings.append(
                    LanguageFinding(
                        page.path, s.block.file, s.line, "waarschuwing", "systeemtaal",
                        f"Systeemtaal: \u201c{term}\u201d. Link het de eerste keer naar de woordenlijst, of zeg het in gewone woorden.",
                        s.text,
                    )
                )
    return findings
