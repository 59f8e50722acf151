"""Properties of reading a gemeente's YAML, for inputs nobody wrote by hand (hypothesis).

- Any bytes: the file is read, or refused with Dutch problems (the exit-2 path); never another
  exception. Every line reported exists in the file, and so does every column.
- A valid config with Windows and Word habits injected anywhere (non-breaking and zero-width
  spaces, tabs, a BOM, CRLF, curly quotes, control characters, Windows-1252): the same.
- The line mapping: in any YAML document, every key's line is the line where that key stands,
  also after invisible characters were put into its values.

Deterministic (derandomize, no example database) and small, so CI runs are reproducible.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keukentafel.config.loader import load_all, validate_file
from keukentafel.diagnostics import Diagnostic, InvalidInput
from keukentafel.config.yaml_lines import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "municipalities" / "s-heerenbruk-aan-de-vliet.yml").read_text(encoding="utf-8")
ENGLISH = re.compile(r"\b(found|expected|while|could not|should|scanning|parsing|unacceptable|character|mapping|Input|Value error|stream|token)\b")

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def file_lines(data: bytes) -> list[str]:
    """The lines of a file as an editor shows them (CRLF, CR and LF end a line; a final line end
    starts no new line); undecodable bytes count as one character each."""
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def check_reported(data: bytes, diagnostics: list[Diagnostic]) -> None:
    lines = file_lines(data)
    for d in diagnostics:
        assert d.message and not ENGLISH.search(re.sub(r'"[^"]*"', "", d.message + " " + (d.hint or ""))), d.format()
        if d.line is None:
            continue
        assert 1 <= d.line <= len(lines), (d.format(), len(lines))
        if d.column is not None:
            assert 1 <= d.column <= len(lines[d.line - 1]) + 1, (d.format(), lines[d.line - 1])


def load(directory: Path, data: bytes) -> list[Diagnostic]:
    """validate_file and load_all on data; the diagnostics (errors and warnings) that came out."""
    path = directory / "s-heerenbruk-aan-de-vliet.yml"
    path.write_bytes(data)
    result, problems = validate_file(path)
    try:
        load_all([path])
    except InvalidInput as e:
        assert result is None and e.diagnostics
        return e.diagnostics
    assert result is not None and problems == []
    return list(result.warnings)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_any_bytes_load_or_give_dutch_problems_at_existing_places(tmp_path, data):
    check_reported(data, load(tmp_path, data))


YAMLISH = st.lists(
    st.sampled_from(["naam", "contact", "telefoon", ":", " ", "  ", "\n", "- ", "#", '"', "'", "[", "]", "{", "}", ",", "|", ">", "&a", "*a", "!!", "---",
                     "\t", "\xa0", "\u200b", "“", "”", "\r\n", "\r", "\ufeff", "2026-13-45", "0123 45 67 89", "\x0b", "é", "\\"]),
    max_size=60,
).map("".join)


@SETTINGS
@given(text=YAMLISH)
def test_yaml_like_text_loads_or_gives_dutch_problems_at_existing_places(tmp_path, text):
    data = text.encode("utf-8")
    check_reported(data, load(tmp_path, data))


HABITS = ["\xa0", "\u202f", "\u200b", "\u200d", "\u2060", "\ufeff", "\xad", "\t", "“", "”", "‘", "’", "\x0b", "\r", "  ", ":", "#", '"']


@st.composite
def example_with_habits(draw) -> bytes:
    """The full example config with a few Word and Windows habits put in at random places."""
    text = EXAMPLE
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(HABITS)) + text[at:]
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 4)) == 0:
        data = text.encode("cp1252", errors="replace")  # saved by an old Windows editor
    return data


@SETTINGS
@given(data=example_with_habits())
def test_example_with_word_and_windows_habits_loads_or_gives_dutch_problems(tmp_path_factory, data):
    directory = tmp_path_factory.mktemp("gemeente")
    for extra in ("logos/s-heerenbruk-aan-de-vliet.svg", "extra/s-heerenbruk-aan-de-vliet/vervoer.md"):
        (directory / extra).parent.mkdir(parents=True, exist_ok=True)
        (directory / extra).write_bytes((ROOT / "municipalities" / extra).read_bytes())
    check_reported(data, load(directory, data))


# --- the line mapping --------------------------------------------------------------------------

KEYS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)
SCALARS = st.one_of(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp", "Cf", "Zs"]), max_size=12), st.integers(), st.booleans())
DOCUMENTS = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)), max_leaves=12)


def key_paths(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield path + (key,)
            yield from key_paths(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from key_paths(value, path + (i,))


@SETTINGS
@given(document=st.dictionaries(KEYS, DOCUMENTS, min_size=1, max_size=5), flow=st.booleans())
def test_every_key_line_is_the_line_of_that_key(document, flow):
    text = yaml.safe_dump(document, allow_unicode=True, default_flow_style=None if flow else False, sort_keys=False)
    parsed = parse_yaml(text)
    assert parsed.data == document
    lines = text.split("\n")
    for path in key_paths(document):
        if isinstance(path[-1], str):
            line = parsed.lines[path]
            assert 1 <= line <= parsed.text.count
            assert re.search(rf"(^|[\s{{,])['\"]?{re.escape(path[-1])}['\"]?:", lines[line - 1]), (path, line, text)


@SETTINGS
@given(
    document=st.dictionaries(KEYS.map("k_".__add__), st.text(alphabet="abcdef", min_size=2, max_size=12), min_size=1, max_size=6),
    pick=st.integers(0, 100),
    char=st.sampled_from(["\xa0", "\u202f", "\t", "\u200b", "\u2060", "\ufeff"]),
)
def test_invisible_characters_inside_values_keep_every_line(document, pick, char):
    """A non-breaking space or tab inside a value becomes a plain space, a zero-width character
    goes; every key keeps its line, and the one warning stands on the line and column of the character."""
    text = yaml.safe_dump(document, default_flow_style=False, sort_keys=False)
    clean = parse_yaml(text)
    key = list(document)[pick % len(document)]
    value = document[key]
    middle = len(value) // 2
    lines = text.split("\n")
    number = clean.lines[(key,)]
    lines[number - 1] = f"{key}: {value[:middle]}{char}{value[middle:]}"
    parsed = parse_yaml("\n".join(lines))
    assert parsed.lines == clean.lines
    assert parsed.data[key] == (value if char in "\u200b\u2060\ufeff" else value[:middle] + " " + value[middle:])
    assert [(w.line, w.column, w.path) for w in parsed.warnings] == [(number, len(key) + 3 + middle, (key,))]
