"""Load YAML a person wrote and remember where every key and value stands, so errors can point at it.

On top of text_input's rules (encoding, BOM, line ends, control characters), decided for YAML:

- A tab in the indentation of a line: an error (YAML forbids it; PyYAML's own message is English
  and points elsewhere). A tab anywhere else is read as a space: inside a value with a warning,
  between key and value silently (YAML allows that; PyYAML does not).
- Spaces that are not spaces (a non-breaking space from Word, U+00A0 or U+202F, and the other
  Unicode spaces) and characters without width (zero-width space and joiners, U+FEFF inside the
  text, word joiner, soft hyphen, bidi marks): inside a value, turned into a plain space or removed,
  with a warning naming line and column. In the structure (indentation, around a colon, after a
  list dash, inside a key) they are an error at their own line and column: YAML does not see them
  as spaces, so other tools would read the file differently.
- Word's curly quotes around a whole plain value (naam: “Ergens”): removed, with a warning; YAML
  only knows straight quotes. Curly quotes inside a text stay: they are correct Dutch typography.
- References (*naam) to anchors: refused; a gemeente file spells every value out, and a line
  number must point at the value itself.

Every line and column reported is one that exists in the file, as an editor numbers it.
"""

from __future__ import annotations

import bisect
import errno
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from keukentafel.config.text_input import Lines, TextProblem, UnreadableText, decode, invisible_name, is_invisible, is_odd_space, space_name

Path_ = tuple[str | int, ...]

MAX_DEPTH = 50
ALIAS_PROBLEM = "verwijzing"
DEPTH_PROBLEM = "te diep"


@dataclass(frozen=True)
class YamlProblem(TextProblem):
    """A TextProblem that may also know the key path of the value it is about."""

    path: Path_ = ()


class YamlSyntaxError(Exception):
    """The file is not YAML we can read; problems (errors, and warnings found on the way) in file order."""

    def __init__(self, problems: list[TextProblem]):
        self.problems = sorted(problems, key=lambda p: (p.line, p.column or 0))
        first = next(p for p in self.problems if not p.warning)
        super().__init__(first.message)
        self.line = first.line
        self.column = first.column
        self.message = first.message


@dataclass(frozen=True)
class Span:
    """The lines a scalar value stands on in the file, first and last."""

    line: int
    end_line: int


@dataclass
class YamlDocument:
    data: Any
    lines: dict[Path_, int]  # key path -> line of its key (the node's own line for list items and the root)
    spans: dict[Path_, Span]  # key path -> where its scalar value stands
    text: Lines  # the file's text as read (BOM dropped, LF line ends)
    warnings: list[YamlProblem] = field(default_factory=list)


# --- the loader ----------------------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and references, limits nesting, and turns every error
    in building a value (a date like 2026-13-45, a 5000-digit number, !!bool maybe) into one with
    its place in the file."""

    depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, ALIAS_PROBLEM, self.peek_event().start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, DEPTH_PROBLEM, self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError, TypeError, KeyError, AttributeError, IndexError):
            raise yaml.constructor.ConstructorError(None, None, "ongeldige waarde", node.start_mark) from None


def _no_duplicates(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            earlier = seen.get(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "found unhashable key", key_node.start_mark) from None
        if earlier is not None:
            raise yaml.constructor.ConstructorError(None, None, f"dubbele sleutel '{key}' (ook op regel {earlier})", key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


# --- Dutch for PyYAML's errors ---------------------------------------------------------------

CHECK_HINT = "controleer inspringing, dubbele punten en aanhalingstekens"
QUOTE_HINT = 'zet de hele waarde tussen aanhalingstekens ("...") of begin een tekst over meer regels met |- na de sleutel'

# (start of PyYAML's problem, Dutch message, hint); the first that matches is used.
YAML_PROBLEMS = [
    ("mapping values are not allowed here", "hier mag geen 'sleutel: waarde' staan; controleer de inspringing of zet de tekst tussen aanhalingstekens", CHECK_HINT),
    ("could not find expected ':'", "dubbele punt na de sleutel ontbreekt", "een regel met een sleutel ziet eruit als 'sleutel: waarde'"),
    ("found unexpected end of stream", "het aanhalingsteken dat hier begint, wordt nergens gesloten", "zet aan het eind van de tekst hetzelfde aanhalingsteken"),
    ("found unknown escape character", "een \\ in tekst tussen dubbele aanhalingstekens begint een speciale code", "schrijf \\\\ voor een backslash, of gebruik enkele aanhalingstekens; gebruik / in een pad"),
    ("expected escape sequence", "een \\ in tekst tussen dubbele aanhalingstekens begint een speciale code", "schrijf \\\\ voor een backslash, of gebruik enkele aanhalingstekens"),
    ("expected <block end>", "de inspringing klopt niet, of na een waarde staat nog tekst", CHECK_HINT),
    ("did not find expected", "de inspringing klopt niet, of er staat tekst op een plek waar een sleutel hoort", CHECK_HINT),
    ("sequence entries are not allowed here", "hier mag geen lijstregel ('- ') staan; controleer de inspringing", CHECK_HINT),
    ("mapping keys are not allowed here", "hier mag geen sleutel staan; controleer de inspringing", CHECK_HINT),
    ("expected ',' or ']'", "een lijst tussen [ en ] is niet goed gesloten: verwacht een komma of ]", QUOTE_HINT),
    ("expected ',' or '}'", "een groep tussen { en } is niet goed gesloten: verwacht een komma of }", QUOTE_HINT),
    ("but found another document", "het bestand bevat meer dan één document", "haal de regel met --- weg; één gemeente is één document"),
    ("found unexpected document separator", "een regel met --- of ... binnen een waarde", "zet de tekst tussen aanhalingstekens"),
    ("expected '<document start>'", "een regel die begint met % is een YAML-opdracht", QUOTE_HINT),
    ("could not determine a constructor for the tag", "onbekend label: een waarde die begint met ! is een YAML-label", QUOTE_HINT),
    ("found unhashable key", "een sleutel moet een woord zijn, geen lijst of groep", CHECK_HINT),
    ("found duplicate anchor", "een anker (&naam) komt twee keer voor", "geef elk anker een eigen naam"),
    ("found undefined alias", "een waarde die begint met * is in YAML een verwijzing", QUOTE_HINT),
    ("expected alphabetic or numeric character", "een waarde die begint met * of & is in YAML een verwijzing of anker", QUOTE_HINT),
    ("expected chomping or indentation indicators", "na | of > mag op dezelfde regel alleen - of + staan", "zet de tekst op de volgende regels, ingesprongen"),
    ("expected a comment or a line break", "na het einde van de waarde staat nog tekst", QUOTE_HINT),
    ("ongeldige waarde", "deze waarde lijkt een datum of getal (of heeft een label met !), maar klopt niet", 'zet de waarde tussen aanhalingstekens als het tekst is, of schrijf een datum als 2026-12-01'),
    (ALIAS_PROBLEM, "verwijzingen (*naam) naar een anker zijn niet toegestaan", "schrijf de waarde voluit"),
    (DEPTH_PROBLEM, f"de gegevens zijn dieper dan {MAX_DEPTH} niveaus genest", "controleer de haakjes [ ] en { } en de inspringing"),
]

KEY_AND_DASHES = r"^\s*(?:-\s+)*(?:[^\s#:\[\]{}*&!|>%@`\"'“‘„‚”’-][^#]*?:\s+)?"
SPECIAL_START = re.compile(KEY_AND_DASHES + r"([\[\]{}*&!|>%@`\"'])")
SPECIAL_MEANING = {
    "[": "een lijst", "]": "het einde van een lijst", "{": "een groep", "}": "het einde van een groep",
    "*": "een verwijzing", "&": "een anker", "!": "een label", "|": "een tekst over meer regels",
    ">": "een tekst over meer regels", "%": "een YAML-opdracht", "@": "niets (het teken is gereserveerd)",
    "`": "niets (het teken is gereserveerd)", '"': "een tekst tussen aanhalingstekens", "'": "een tekst tussen aanhalingstekens",
}
CURLY_START = re.compile(KEY_AND_DASHES + "([“‘„‚”’])")


def _translate(problem: str, line_text: str, column: int | None) -> tuple[str, str, int | None]:
    """Dutch message, hint and column for one PyYAML problem, using the line it is on.

    A value that starts with a character YAML gives a meaning (Word's curly quote, [, *, ...) is
    named as the cause, at its own column, when the error stands at or after that character."""
    after = lambda match: match and (column is None or column >= match.start(1) + 1)  # noqa: E731
    curly = CURLY_START.match(line_text)
    if after(curly) and problem.startswith(("mapping values are not allowed", "could not find expected ':'", "expected <block end>")):
        return (
            f"de waarde staat tussen aanhalingstekens uit Word ({curly.group(1)}), die YAML niet als aanhalingstekens kent",
            'gebruik gewone aanhalingstekens: "..." (in een tekst mogen de gekrulde wel)',
            curly.start(1) + 1,
        )
    special = SPECIAL_START.match(line_text)
    if after(special) and not problem.startswith(("dubbele sleutel", ALIAS_PROBLEM, DEPTH_PROBLEM, "ongeldige waarde")):
        char = special.group(1)
        if char in "\"'" and problem.startswith(("expected <block end>", "expected a comment")):
            return "na het sluitende aanhalingsteken staat nog tekst", "zet de hele waarde tussen aanhalingstekens, of laat de aanhalingstekens weg", column
        if char not in "\"'":
            return f"een waarde die begint met {char} is in YAML {SPECIAL_MEANING[char]}", QUOTE_HINT, special.start(1) + 1
    if problem.startswith("dubbele sleutel"):
        return problem, "elke sleutel mag in een groep maar één keer voorkomen; voeg de twee samen", column
    if problem.startswith("found character"):
        found = re.search(r"'(.+?)'", problem)
        return f"het teken {found.group(1) if found else '?'} mag hier niet staan", QUOTE_HINT, column
    for english, dutch, hint in YAML_PROBLEMS:
        if problem.startswith(english):
            return dutch, hint, column
    return "geen geldige YAML op deze plek", CHECK_HINT, column


# --- cleaning the text before PyYAML sees it ------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    """A character we replaced (by a space) or removed; offsets in the original and the clean text."""

    original: int
    clean: int
    char: str

    @property
    def kind(self) -> str:
        if self.char == "\t":
            return "tab"
        return "space" if is_odd_space(self.char) else "invisible"


@dataclass
class _Clean:
    text: str
    origin: list[int]  # clean offset -> original offset (one entry past the end)
    marks: list[_Mark]

    def original(self, offset: int) -> int:
        return self.origin[max(0, min(offset, len(self.origin) - 1))]


def _clean(text: str) -> _Clean:
    out, origin, marks = [], [], []
    for i, char in enumerate(text):
        if char == "\t" or is_odd_space(char):
            marks.append(_Mark(i, len(out), char))
            origin.append(i)
            out.append(" ")
        elif is_invisible(char):
            marks.append(_Mark(i, len(out), char))
        else:
            origin.append(i)
            out.append(char)
    origin.append(len(text))
    return _Clean("".join(out), origin, marks)


def _indent_tabs(lines: Lines) -> list[TextProblem]:
    """A tab in the indentation of a line with content (comment lines do not count)."""
    problems = []
    for number in range(1, lines.count + 1):
        line = lines.line_text(number)
        indent = line[: len(line) - len(line.lstrip(" \t\u00a0\u202f"))]
        rest = line[len(indent) :]
        if "\t" in indent and rest and not rest.startswith("#"):
            problems.append(
                TextProblem(
                    number,
                    indent.index("\t") + 1,
                    "tab gebruikt om in te springen; YAML staat alleen spaties toe",
                    "vervang de tab door spaties (in VS Code en Notepad++ kunt u instellen dat de Tab-toets spaties typt)",
                )
            )
    return problems


# --- where a character stands: in a value, a comment, or the structure ---------------------


@dataclass(frozen=True)
class _Scalar:
    start: int  # clean offsets
    end: int
    is_key: bool
    path: Path_


def _scalars(node: yaml.Node, path: Path_, out: list[_Scalar]) -> None:
    if isinstance(node, yaml.ScalarNode):
        out.append(_Scalar(node.start_mark.index, node.end_mark.index, False, path))
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            if isinstance(key_node, yaml.ScalarNode):
                out.append(_Scalar(key_node.start_mark.index, key_node.end_mark.index, True, path + (key,)))
            else:
                _scalars(key_node, path + (key,), out)
            _scalars(value_node, path + (key,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _scalars(item, path + (i,), out)


class _Places:
    """Answers 'what is at this clean offset' from the scalars of a parsed document."""

    def __init__(self, clean: str, scalars: list[_Scalar]):
        self.clean = clean
        self.scalars = sorted(scalars, key=lambda s: s.start)
        self.starts = [s.start for s in self.scalars]

    def scalar_at(self, offset: int) -> _Scalar | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.scalars[i].start <= offset < self.scalars[i].end:
            return self.scalars[i]
        return None

    def in_comment(self, offset: int) -> bool:
        line_start = self.clean.rfind("\n", 0, offset) + 1
        for q in range(line_start, offset):
            if self.clean[q] == "#" and (q == line_start or self.clean[q - 1] == " ") and self.scalar_at(q) is None:
                return True
        return False


def _rest_of_line(clean: str, offset: int) -> str:
    end = clean.find("\n", offset)
    return clean[offset : end if end >= 0 else len(clean)]


def _where(clean: str, mark: _Mark, in_key: bool) -> str:
    """Where in the structure a character stands, in words a user can find."""
    line_start = clean.rfind("\n", 0, mark.clean) + 1
    before = clean[line_start : mark.clean]
    after = _rest_of_line(clean, mark.clean + (0 if mark.kind == "invisible" else 1))
    if not before.strip():
        return "bij het inspringen"
    if after.lstrip().startswith(":"):
        return "voor de dubbele punt"
    if before.rstrip().endswith(":"):
        return "na de dubbele punt"
    if before.strip() == "-":
        return "na het streepje van een lijstregel"
    if in_key:
        return "in een sleutel"
    return "in de opbouw van het bestand"


def _structure_problem(lines: Lines, clean: _Clean, mark: _Mark, in_key: bool) -> TextProblem:
    line, column = lines.position(mark.original)
    where = _where(clean.text, mark, in_key)
    if mark.kind == "space":
        name = "harde spatie uit Word" if mark.char == "\u00a0" else space_name(mark.char)
        return TextProblem(
            line, column, f"onzichtbare spatie ({name}) {where}",
            "haal deze spatie weg en typ een gewone spatie: YAML ziet een harde spatie niet als spatie "
            "(hij komt mee als u tekst uit Word of een e-mail plakt)",
        )
    return TextProblem(
        line, column, f"{invisible_name(mark.char)} {where}",
        "zet de cursor op deze plek en druk één keer op Delete: het teken is onzichtbaar "
        "(het komt mee als u tekst uit Word of een website plakt)",
    )


def _looks_structural(clean: str, mark: _Mark) -> bool:
    """Without a parse: is this character in the indentation, next to a colon, or after a list dash?"""
    return _where(clean, mark, False) != "in de opbouw van het bestand"


def _value_warnings(lines: Lines, marks: list[tuple[_Mark, _Scalar]]) -> list[YamlProblem]:
    """One warning per line and kind of character, with the first column and a count."""
    groups: dict[tuple, list[_Mark]] = {}
    for mark, scalar in marks:
        line, _ = lines.position(mark.original)
        name = "tab" if mark.kind == "tab" else space_name(mark.char) if mark.kind == "space" else invisible_name(mark.char)
        groups.setdefault((line, mark.kind, name, scalar.path), []).append(mark)
    warnings = []
    for (line, kind, name, path), group in groups.items():
        _, column = lines.position(group[0].original)
        times = f"{len(group)}× " if len(group) > 1 else ""
        if kind == "invisible":
            message = f"{times}{name} weggehaald"
        else:
            message = f"{times}{name} vervangen door een gewone spatie"
        warnings.append(YamlProblem(line, column, message, "dit komt vaak mee als u tekst uit Word plakt; de site gebruikt de gewone tekens", True, path))
    return warnings


def _classify(lines: Lines, clean: _Clean, places: _Places) -> tuple[list[TextProblem], list[YamlProblem]]:
    errors, in_values, error_lines = [], [], set()
    for mark in clean.marks:
        if places.in_comment(mark.clean):
            continue
        after = _rest_of_line(clean.text, mark.clean + (0 if mark.kind == "invisible" else 1))
        if not after.strip():
            continue  # trailing whitespace: means nothing to YAML
        scalar = places.scalar_at(mark.clean)
        if scalar and not scalar.is_key:
            in_values.append((mark, scalar))
        elif mark.kind == "tab":
            continue  # a tab between key and value: YAML allows it
        else:
            problem = _structure_problem(lines, clean, mark, bool(scalar))
            if problem.line not in error_lines:
                error_lines.add(problem.line)
                errors.append(problem)
    return errors, _value_warnings(lines, in_values)


# --- curly quotes -----------------------------------------------------------------------------

CURLY_PAIRS = {"“": "”“", "„": "”“", "”": "”", "‘": "’‘", "‚": "’‘", "’": "’"}


def _unquote_curly(node: yaml.Node, lines: Lines, clean: _Clean, path: Path_, warnings: list[YamlProblem]) -> None:
    """Strip Word's curly quotes around a whole plain scalar (keys included), with a warning."""
    if isinstance(node, yaml.ScalarNode):
        value = node.value
        if node.style is None and len(value) >= 2 and value[0] in CURLY_PAIRS and value[-1] in CURLY_PAIRS[value[0]]:
            node.value = value[1:-1].strip()
            line, column = lines.position(clean.original(node.start_mark.index))
            warnings.append(
                YamlProblem(
                    line, column, f"aanhalingstekens uit Word ({value[0]} {value[-1]}) om de waarde weggehaald",
                    'YAML kent alleen gewone aanhalingstekens: schrijf "..." of laat ze weg', True, path,
                )
            )
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _unquote_curly(key_node, lines, clean, path, warnings)
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            _unquote_curly(value_node, lines, clean, path + (key,), warnings)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _unquote_curly(item, lines, clean, path + (i,), warnings)


# --- lines and spans of keys and values -----------------------------------------------------


def _collect(node: yaml.Node, path: Path_, lines: Lines, clean: _Clean, key_lines: dict, spans: dict) -> None:
    start_line, _ = lines.position(clean.original(node.start_mark.index))
    key_lines[path] = start_line
    if isinstance(node, yaml.ScalarNode):
        end_line, _ = lines.position(clean.original(max(node.start_mark.index, node.end_mark.index - 1)))
        spans[path] = Span(start_line, end_line)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = path + (key_node.value if isinstance(key_node, yaml.ScalarNode) else "?",)
            _collect(value_node, key_path, lines, clean, key_lines, spans)
            key_lines[key_path] = lines.position(clean.original(key_node.start_mark.index))[0]
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _collect(item, path + (i,), lines, clean, key_lines, spans)


# --- entry points ---------------------------------------------------------------------------


def _runaway_quote(clean: str, error_line: int) -> yaml.Mark | None:
    """The start of a quoted text that ran on over several lines and ended on the error's line:
    a quote that was not closed where it should have been, so the next quote closed it."""
    try:
        for token in yaml.scan(clean, Loader=yaml.SafeLoader):
            if token.start_mark.line > error_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and token.start_mark.line < token.end_mark.line == error_line:
                return token.start_mark
    except yaml.YAMLError:
        pass
    return None


def _syntax_problem(error: yaml.MarkedYAMLError, lines: Lines, clean: _Clean) -> TextProblem:
    problem = error.problem or error.context or ""
    # For a key without its colon and a quote that is never closed, the start is the place to fix.
    use_context = problem.startswith(("could not find expected ':'", "found unexpected end of stream")) and error.context_mark
    mark = error.context_mark if use_context else (error.problem_mark or error.context_mark)
    runaway = _runaway_quote(clean.text, mark.line) if mark and problem.startswith(("expected <block end>", "expected a comment", "could not find expected ':'", "mapping values")) else None
    if runaway is not None:
        line, column = lines.position(clean.original(runaway.index))
        end_line = lines.position(clean.original(mark.index))[0]
        return TextProblem(
            line, column, f"geen geldige YAML: het aanhalingsteken dat hier begint, wordt pas op regel {end_line} gesloten",
            "zet aan het eind van de tekst op deze regel hetzelfde aanhalingsteken",
        )
    line, column = lines.position(clean.original(mark.index)) if mark else (1, None)
    message, hint, column = _translate(problem, lines.line_text(line), column)
    return TextProblem(line, column, f"geen geldige YAML: {message}" if not problem.startswith("dubbele sleutel") else message, hint)


def parse_yaml(text: str) -> YamlDocument:
    """Parse text as decode() returns it. Raises YamlSyntaxError with every problem found."""
    lines = Lines(text)
    tabs = _indent_tabs(lines)
    if tabs:
        raise YamlSyntaxError(tabs)
    clean = _clean(text)
    loader = None
    try:
        try:
            loader = _LineLoader(clean.text)
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as e:
            found = _syntax_problem(e, lines, clean)
            blamed = {}
            for mark in clean.marks:
                line = lines.position(mark.original)[0]
                if mark.kind != "tab" and line <= found.line and line not in blamed and _looks_structural(clean.text, mark):
                    blamed[line] = _structure_problem(lines, clean, mark, False)
            raise YamlSyntaxError(list(blamed.values()) or [found]) from None
        except yaml.YAMLError:  # the reader's own complaints; the checks before it leave none
            raise YamlSyntaxError([TextProblem(1, None, "geen geldige YAML", CHECK_HINT)]) from None
        scalars: list[_Scalar] = []
        if node is not None:
            _scalars(node, (), scalars)
        errors, warnings = _classify(lines, clean, _Places(clean.text, scalars))
        if errors:
            raise YamlSyntaxError(errors + warnings)
        key_lines: dict[Path_, int] = {}
        spans: dict[Path_, Span] = {}
        if node is None:
            return YamlDocument(None, key_lines, spans, lines, warnings)
        _unquote_curly(node, lines, clean, (), warnings)
        try:
            data = loader.construct_document(node)
        except yaml.MarkedYAMLError as e:
            raise YamlSyntaxError([_syntax_problem(e, lines, clean)] + warnings) from None
        _collect(node, (), lines, clean, key_lines, spans)
        return YamlDocument(data, key_lines, spans, lines, sorted(warnings, key=lambda w: (w.line, w.column or 0)))
    finally:
        if loader is not None:
            loader.dispose()


READ_ERRORS = {errno.ENOENT: "het bestand bestaat niet", errno.EACCES: "het bestand mag niet gelezen worden (geen leesrechten)", errno.EISDIR: "dit is een map, geen bestand"}


def read_yaml(path: Path) -> YamlDocument:
    """Read and parse a YAML file. Raises YamlSyntaxError (never another error for its contents)."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise YamlSyntaxError([TextProblem(1, None, READ_ERRORS.get(e.errno, "het bestand kan niet gelezen worden"))]) from None
    try:
        text = decode(data)
    except UnreadableText as e:
        raise YamlSyntaxError(list(e.problems)) from None
    return parse_yaml(text)


def load_with_lines(path: Path) -> tuple[Any, dict[Path_, int]]:
    """Return (data, {key path: line}). Raises YamlSyntaxError with a Dutch message."""
    document = read_yaml(path)
    return document.data, document.lines


def line_for(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of path, or of its nearest parent that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())

