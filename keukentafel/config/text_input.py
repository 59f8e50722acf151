"""From the bytes a person saved to text a parser can trust, or an exact Dutch account of what is wrong.

Decided once for every text file Keukentafel reads (the YAML layer adds its own rules on top):

- UTF-8 with a BOM (Kladblok's "UTF-8 met BOM"): read; the BOM is dropped without a word.
- CRLF (Windows) and CR (old Mac) line ends: read as LF, so line numbers are what an editor shows.
- Windows-1252 / Latin-1 (an "é" saved by an old editor): refused, naming the line and column of
  the first such byte and showing it as Windows-1252 shows it; we do not guess an encoding, because
  a wrong guess would publish wrong letters without anyone noticing.
- UTF-16 (Kladblok's "Unicode"): refused with the same hint.
- Control characters (a vertical tab from Word's Shift+Enter, NUL, escape, ...) and the Unicode
  line and paragraph separators: refused with line and column; they are invisible in an editor
  and YAML would count the separators as line ends, so every later line number would be off.

Columns count characters from 1, as Kladblok, VS Code and Notepad++ show them.
"""

from __future__ import annotations

import bisect
import codecs
import re
import unicodedata
from dataclasses import dataclass

SAVE_AS_UTF8 = "sla het bestand op als UTF-8 (in Kladblok: Opslaan als → Codering: UTF-8)"

# Characters no text file of ours may contain: C0 controls except tab and line feed (CR is
# normalised first), DEL, C1 controls (NEL included), the Unicode line and paragraph separators
# and the non-characters U+FFFE and U+FFFF.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")

CONTROL_NAMES = {
    "\x00": "een nul-teken (U+0000)",
    "\x0b": "een regeleinde uit Word (Shift+Enter, U+000B)",
    "\x0c": "een pagina-einde (U+000C)",
    "\x1b": "een escape-teken (U+001B)",
    "\x85": "een regeleinde (U+0085)",
    "\u2028": "een regelscheidingsteken (U+2028)",
    "\u2029": "een alineascheidingsteken (U+2029)",
}


@dataclass(frozen=True)
class TextProblem:
    """An error (or, with warning=True, a warning) at a place in a file; 1-based line and column."""

    line: int
    column: int | None
    message: str
    hint: str | None = None
    warning: bool = False


class UnreadableText(Exception):
    """The file cannot be read as text; every problem found, in file order."""

    def __init__(self, problems: list[TextProblem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


class Lines:
    """Map character offsets of a text (LF line ends) to (line, column), both from 1."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        if len(self.starts) > 1 and self.starts[-1] == len(text):
            self.starts.pop()  # a final line end does not start another line

    @property
    def count(self) -> int:
        return len(self.starts)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of offset; an offset past the end is the end of the last line."""
        offset = max(0, min(offset, len(self.text)))
        if offset == len(self.text) and self.text.endswith("\n"):
            offset -= 1  # past the last line end: the end of the last line
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)]


def character_name(char: str) -> str:
    """A character as a user can look it up: U+00A0 with its Unicode name, if it has one."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name.lower()}" if name else "")


def normalise_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_problem(data: bytes) -> TextProblem | None:
    """Kladblok's "Unicode" is UTF-16: a UTF-16 BOM, or a NUL next to most ASCII letters."""
    start = data[:2000]
    nul_rich = len(start) >= 4 and max(start[0::2].count(0), start[1::2].count(0)) * 4 >= len(start)
    if not (data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or nul_rich):
        return None
    return TextProblem(1, 1, "het bestand is niet opgeslagen als UTF-8 maar als UTF-16 (in Kladblok heet dat 'Unicode')", SAVE_AS_UTF8)


def _encoding_problem(data: bytes, error: UnicodeDecodeError) -> TextProblem:
    before = normalise_line_ends(data[: error.start].decode("utf-8").lstrip("\ufeff"))
    line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
    byte = data[error.start]
    try:
        shown = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        shown = ""
    if shown and unicodedata.category(shown) != "Cc":
        found = f'"{shown}" (byte 0x{byte:02X} in Windows-1252 of Latin-1)'
    else:
        found = f"byte 0x{byte:02X}"
    return TextProblem(line, column, f"het bestand is niet opgeslagen als UTF-8: hier staat {found}", SAVE_AS_UTF8)


def control_problems(text: str) -> list[TextProblem]:
    """Every control character and line separator, with its line and column (one per line)."""
    lines = Lines(text)
    problems, seen_lines = [], set()
    for match in CONTROL.finditer(text):
        line, column = lines.position(match.start())
        if line in seen_lines:
            continue
        seen_lines.add(line)
        char = match.group()
        name = CONTROL_NAMES.get(char, f"een stuurteken ({character_name(char)})")
        problems.append(
            TextProblem(
                line,
                column,
                f"onzichtbaar teken: {name}",
                "haal het teken weg: zet de cursor direct na het teken ervoor en druk één keer op Delete; "
                "het komt vaak mee als u tekst uit Word of een pdf plakt",
            )
        )
    return problems


def decode(data: bytes) -> str:
    """The text of a file: UTF-8, BOM dropped, LF line ends. Raises UnreadableText otherwise."""
    utf16 = _utf16_problem(data)
    if utf16:
        raise UnreadableText([utf16])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise UnreadableText([_encoding_problem(data, e)]) from None
    text = normalise_line_ends(text.lstrip("\ufeff"))
    problems = control_problems(text)
    if problems:
        raise UnreadableText(problems)
    return text


# --- characters a person cannot see ---------------------------------------------------------

SPACE_NAMES = {
    "\u00a0": "harde spatie",
    "\u202f": "smalle harde spatie",
    "\u2007": "harde spatie (cijferbreedte)",
}


def is_odd_space(char: str) -> bool:
    """A space that looks like a space but is not one to a parser (Unicode Zs other than ' ')."""
    return char != " " and unicodedata.category(char) == "Zs"


def is_invisible(char: str) -> bool:
    """A character without width (zero-width space, joiner, word joiner, soft hyphen, BOM, bidi marks)."""
    return unicodedata.category(char) == "Cf"


def space_name(char: str) -> str:
    return SPACE_NAMES.get(char, f"bijzondere spatie ({character_name(char)})")


def invisible_name(char: str) -> str:
    return f"onzichtbaar teken ({character_name(char)})"
