"""The data the Wmo-raad review bundle is made of, shared by the stages that fill and write it.

A page is a list of blocks (heading, paragraph, list, note, table), each with its rendered HTML,
its plain text, where it comes from (content file or the gemeente's YAML, with the line) and its
origin: standard text, standard text switched on (or off) by a gemeente setting, or the gemeente's
own text. Paragraph numbers ("4.3": page 4, block 3) are the same in every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

OriginKind = Literal["standaard", "instelling", "eigen"]

ORIGIN_LABELS: dict[str, str] = {
    "standaard": "Standaardtekst",
    "instelling": "Standaardtekst, hangt af van een instelling van de gemeente",
    "eigen": "Eigen tekst van de gemeente",
}


@dataclass(frozen=True)
class Origin:
    kind: OriginKind
    settings: tuple[str, ...] = ()  # config keys that switch this text on or off, e.g. "gesprek.tolk.betaalt_gemeente"

    @property
    def label(self) -> str:
        if self.kind == "instelling" and self.settings:
            return f"{ORIGIN_LABELS['instelling']}: " + ", ".join(self.settings)
        return ORIGIN_LABELS[self.kind]


BlockKind = Literal["kop", "alinea", "lijst", "kader", "tabel", "html"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    html: str  # rendered with the site's Markdown extensions; links kept
    text: str  # the plain text a resident reads, whitespace folded
    file: str  # where an editor changes it: content/<page>.md or municipalities/<slug>.yml
    line: int
    origin: Origin
    level: int = 0  # heading level (2-6) for kind "kop"
    glossary_terms: tuple[str, ...] = ()  # link texts of links to the glossary in this block


@dataclass(frozen=True)
class ReviewPage:
    number: int  # 1-based, in the site's reading order
    title: str
    path: str  # rendered Markdown path, e.g. "gesprek.md", "makkelijk/gesprek.md", "extra/vervoer.md"
    easy: bool
    blocks: tuple[Block, ...]  # without the page's h1 and the language switch

    def paragraph_number(self, index: int) -> str:
        """'4.3' for the third block of page 4 (index is 0-based)."""
        return f"{self.number}.{index + 1}"


# --- plain language ---------------------------------------------------------------------

Severity = Literal["fout", "waarschuwing"]


@dataclass(frozen=True)
class LanguageFinding:
    page: str  # ReviewPage.path
    file: str
    line: int
    severity: Severity  # "fout" fails the build (easy pages), "waarschuwing" is reported only
    code: str  # e.g. "zin-te-lang", "systeemtaal", "gemiddelde-te-hoog"
    message: str  # Dutch, for the editor
    sentence: str = ""  # the sentence it is about, when there is one


@dataclass(frozen=True)
class HardSentence:
    text: str
    words: int
    file: str
    line: int
    reasons: tuple[str, ...]  # Dutch, e.g. ("21 woorden", "ongewoon woord: compensatieplicht")


@dataclass(frozen=True)
class PageLanguage:
    page: str  # ReviewPage.path
    easy: bool
    sentences: int
    words: int
    average: float  # words per sentence
    longest: int
    flesch_douma: float
    uncommon_percent: float  # share of words below the Zipf threshold, in percent
    long_words: int
    passive: int  # sentences with a passive-voice signal
    hardest: tuple[HardSentence, ...]  # at most a few, hardest first
    findings: tuple[LanguageFinding, ...] = ()


# --- changes since an earlier version ---------------------------------------------------

ChangeKind = Literal["nieuw", "weg", "gewijzigd"]
WordOp = tuple[Literal["gelijk", "erbij", "eraf"], str]  # ("erbij", "nieuwe woorden")


@dataclass(frozen=True)
class ParagraphChange:
    kind: ChangeKind
    number: str  # paragraph number now ("4.3"), or in the old version for "weg"
    old_text: str
    new_text: str
    words: tuple[WordOp, ...] = ()  # the word-level comparison for "gewijzigd"


@dataclass(frozen=True)
class PageChanges:
    title: str
    path: str
    changes: tuple[ParagraphChange, ...]
    status: Literal["gewijzigd", "nieuw", "weg"] = "gewijzigd"


@dataclass(frozen=True)
class ChangeSet:
    since: str  # the git reference as the user gave it
    since_date: str  # its commit date in Dutch, e.g. "3 november 2026"
    pages: tuple[PageChanges, ...]


# --- the bundle ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LegalFact:
    key: str  # key in data/wettelijke-feiten.yml
    rule: str
    source: str
    source_url: str


@dataclass(frozen=True)
class ReviewContact:
    name: str | None
    email: str | None


@dataclass
class ReviewBundle:
    slug: str
    gemeente: str  # its name
    date: str  # the build date in Dutch (reproducible: from SOURCE_DATE_EPOCH)
    pages: list[ReviewPage]
    language: dict[str, PageLanguage]  # by ReviewPage.path
    legal_facts: list[LegalFact]
    contact: ReviewContact
    gemeente_email: str  # the gemeente's general address, used when no Wmo-raad contact is set
    changes: ChangeSet | None = None
    settings: dict[str, str] = field(default_factory=dict)  # every setting named in an origin → its value as text
