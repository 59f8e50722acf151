"""The kinds of value a gemeente writes that are more than text: phone numbers, e-mail addresses,
web addresses and its own Markdown texts. Each is read the way people write it, or refused with
the reason in Dutch.

Phone numbers (what a resident dials is what the tel: link holds, digits and + only):
- ordinary numbers, 10 digits from 0: "0516 55 44 33", "(0516) 55 44 33", "0516-554433",
  "06 12345678"; as "+31 516 55 44 33", "+31 (0)516 55 44 33" or "0031 516 55 44 33" too.
  tel: link +31516554433 (works at home and abroad).
- the gemeente number 14 + area code: "14 0516", "140516", "14 020". tel: link 140516
  (it has no international form).
- information numbers 0800, 0900, 0906, 0909 with 4 or 7 more digits: "0800 1234",
  "0800-0123456". tel: link 08001234 (these numbers are often not reachable as +31).
Spaces (also non-breaking), hyphens and dashes, dots and one pair of brackets around the area
code may separate the digits. The number is shown as written, with odd spaces made plain.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

SEPARATORS = re.compile(r"[\s\u00a0\u202f\u2007\-\u2010\u2011\u2012\u2013\u2014.]+")
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
PHONE_SHAPE = re.compile(r"^(?:\+|00)?[0-9]+$")
AREA_BRACKETS = re.compile(r"\((0?[0-9]{1,4})\)")
INFORMATION_PREFIXES = ("0800", "0900", "0906", "0909")


@dataclass(frozen=True)
class Phone:
    shown: str  # as written, spaces made plain
    dial: str  # digits and at most a leading +, for the tel: link


def normalise_spaces(text: str) -> str:
    """Odd spaces become plain spaces, invisible characters go, runs of spaces become one."""
    return " ".join(INVISIBLE.sub("", text).split())


def parse_phone(text: str) -> Phone | None:
    """A Dutch phone number in one of the usual forms, or None."""
    shown = normalise_spaces(text)
    compact = SEPARATORS.sub("", shown)
    brackets = AREA_BRACKETS.findall(compact)
    if len(brackets) > 1:
        return None
    if brackets:
        inside = brackets[0]
        before = compact[: compact.index("(")]
        if inside == "0" and before in ("+31", "0031"):
            compact = compact.replace("(0)", "", 1)  # +31 (0)516 ...: the 0 is dialled only at home
        elif before == "" and inside.startswith("0"):
            compact = compact.replace(f"({inside})", inside, 1)
        else:
            return None
    if not PHONE_SHAPE.match(compact):
        return None
    if compact.startswith("0031"):
        compact = "+31" + compact[4:]
    if compact.startswith("+31"):
        national = compact[3:]
        if len(national) == 9 and national[0] != "0":
            return Phone(shown, "+31" + national)
        return None
    if compact.startswith("14") and len(compact) in (5, 6) and compact[2] == "0":
        return Phone(shown, compact)
    if compact.startswith(INFORMATION_PREFIXES) and len(compact) in (8, 11):
        return Phone(shown, compact)
    if compact.startswith("0") and len(compact) == 10 and compact[1] != "0":
        return Phone(shown, "+31" + compact[1:])
    return None


def phone_hint(text: str) -> str | None:
    """What probably went wrong with a number that is not accepted, if we can tell."""
    if re.search(r"[0-9][oO]|[oO][0-9]", text):
        return "er staat een letter O waar een nul hoort"
    if re.search(r"[a-zA-Z]", text):
        return "schrijf alleen het nummer, zonder woorden ervoor of erachter"
    return None


def tel_uri(text: str) -> str:
    """The tel: link of a phone number as the schema accepts it."""
    phone = parse_phone(text)
    if phone is None:
        raise ValueError(f"geen telefoonnummer: {text!r}")
    return "tel:" + phone.dial


# --- e-mail -----------------------------------------------------------------------------------

EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$")


EMAIL_EXPECTED = 'verwacht een e-mailadres zoals "wmo@gemeente.nl"'


def email_problem(text: str) -> tuple[str, str | None] | None:
    """(what was expected, hint) for an e-mail address, or None when it is one. Case does not matter."""
    if text.lower().startswith("mailto:"):
        return "verwacht alleen het e-mailadres", "laat mailto: weg; de site maakt de link zelf"
    if EMAIL_RE.match(text):
        return None
    if " " in text.strip():
        return EMAIL_EXPECTED, "een e-mailadres heeft geen spaties"
    if text.count("@") != 1:
        return EMAIL_EXPECTED, "een e-mailadres heeft precies één @"
    return EMAIL_EXPECTED, None


# --- web addresses ----------------------------------------------------------------------------

HOST = r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}"
URL_RE = re.compile(rf"^https://{HOST}(?::[0-9]{{1,5}})?(?:[/?#][^\s\"<>\\^`{{|}}]*)?$")
SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")


URL_EXPECTED = 'verwacht een webadres dat begint met "https://", zoals "https://www.gemeente.nl/wmo"'


def url_problem(text: str) -> tuple[str, str | None] | None:
    """(what was expected, hint) for a web address in the config, or None. Only https: is accepted."""
    if URL_RE.match(text):
        return None
    scheme = SCHEME.match(text)
    name = scheme.group(1).lower() if scheme else ""
    if name == "http":
        return 'verwacht een webadres dat begint met "https://", niet met "http://"', "gebruik het beveiligde adres: https://" + text.split("://", 1)[-1]
    if name == "https":
        return "verwacht een geldig webadres", 'een webadres heeft geen spaties of tekens als " < > en ziet eruit als https://www.gemeente.nl/pagina'
    if re.match(rf"^{HOST}(?::[0-9]{{1,5}})?(?:[/?#]|$)", text):
        return URL_EXPECTED, f"zet https:// ervoor: https://{text}"
    if scheme:
        return f'verwacht een webadres dat begint met "https://"; een {scheme.group(1)}:-adres is niet toegestaan', None
    return URL_EXPECTED, None


# --- Markdown texts of the gemeente -----------------------------------------------------------

CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
HTML_TAG = re.compile(r"<!--|<\?|<![A-Za-z\[]|</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
INLINE_LINK = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]*)")
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)", re.M)
ATTRIBUTE_LIST = re.compile(r"\{:?\s*(?:[.#][\w-]|[^\s{}=]+\s*=)[^{}\n]*\}")
RELATIVE = re.compile(r"^(?:[#?]|\.{1,2}/|/(?!/)|[\w.-]+(?:[/#?]|$))")


@dataclass(frozen=True)
class MarkdownProblem:
    found: str  # the offending text, as it stands in the value (to find its line and column)
    message: str
    hint: str


def link_problem(target: str) -> str | None:
    """Why a Markdown link target may not be used, or None: https:, tel:, mailto: or a page of the site."""
    plain = html.unescape(target.strip("<>"))
    plain = re.sub(r"[\x00-\x20\u00a0\u200b-\u200f\u2060\ufeff]", "", plain)
    scheme = SCHEME.match(plain)
    if scheme:
        name = scheme.group(1).lower()
        if name == "https":
            return None if URL_RE.match(plain) else "dit is geen geldig webadres"
        if name == "tel":
            return None if re.fullmatch(r"tel:\+?[0-9]{3,15}", plain, re.I) else "een tel:-link bevat alleen cijfers, zoals tel:+31123456789"
        if name == "mailto":
            return None if EMAIL_RE.match(plain[7:].split("?", 1)[0]) else "na mailto: hoort een e-mailadres"
        if name == "http":
            return "een link moet beginnen met https://, niet met http://"
        return f"een link naar {scheme.group(1)}: is niet toegestaan"
    if plain.startswith("//"):
        return "een link naar een andere site begint met https://"
    if not plain or RELATIVE.match(plain):
        return None
    return "dit is geen link naar een webadres (https://), telefoonnummer (tel:), e-mailadres (mailto:) of pagina van de site"


PLAIN_HINT = "schrijf gewone tekst met Markdown: **vet**, *schuin*, - opsomming, [linktekst](https://...)"
LINK_HINT = "gebruik een link naar https://, tel:, mailto: of een pagina van de site, zoals [Contact](contact.md)"


def markdown_problems(text: str) -> list[MarkdownProblem]:
    """Raw HTML and unsafe link targets in a Markdown text, in order."""
    problems = []
    visible = CODE_SPAN.sub(lambda m: " " * len(m.group()), text)
    for match in AUTOLINK.finditer(visible):
        target = match.group(1)
        reason = link_problem(target if "@" not in target or ":" in target else "mailto:" + target)
        if reason:
            problems.append(MarkdownProblem(match.group(), reason, LINK_HINT))
    without_autolinks = AUTOLINK.sub(lambda m: " " * len(m.group()), visible)
    for match in HTML_TAG.finditer(without_autolinks):
        if match.start() > 0 and without_autolinks[match.start() - 1] == "\\":
            continue  # \< is a literal <
        tag = match.group()
        what = "een HTML-opmerking (<!-- -->)" if tag == "<!--" else f"HTML-code ({tag})" if tag[1] in "!?" else f"HTML-code ({tag}>)"
        problems.append(MarkdownProblem(tag, f"{what} is niet toegestaan in een eigen tekst", PLAIN_HINT))
    for match in ATTRIBUTE_LIST.finditer(without_autolinks):
        problems.append(
            MarkdownProblem(match.group(), f"kenmerken tussen {{ }} ({match.group()}) zijn niet toegestaan in een eigen tekst", "haal het stuk tussen { } weg; de site geeft links en koppen zelf hun opmaak")
        )
    for pattern in (INLINE_LINK, REFERENCE):
        for match in pattern.finditer(visible):
            reason = link_problem(match.group(1))
            if reason:
                problems.append(MarkdownProblem(match.group(1), reason, LINK_HINT))
    return sorted(problems, key=lambda p: text.find(p.found))
