"""Stage 1: load and validate municipalities/<slug>.yml (or .yaml), collecting every problem at once.

Reading the file (encodings, Word's spaces and quotes, tabs) is yaml_lines' and text_input's work;
what it fixed comes back as warnings, which travel with the loaded gemeente.
"""

from __future__ import annotations

import difflib
import glob
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from keukentafel import ROOT
from keukentafel.config.contrast import TEXT_MINIMUM, WHITE, contrast_ratio, darker_until, format_ratio
from keukentafel.diagnostics import WARNING, Diagnostic, InvalidInput, display_path
from keukentafel.config.legal import load_wet
from keukentafel.language.readability import EASY_LONGEST_MAX, sentences
from keukentafel.config.schema import Gemeente
from keukentafel.config.text_input import TextProblem, UnreadableText, decode
from keukentafel.config.values import phone_hint
from keukentafel.config.yaml_lines import YamlDocument, YamlProblem, YamlSyntaxError, line_for, read_yaml

MUNICIPALITIES = ROOT / "municipalities"
EXTENSIONS = (".yml", ".yaml")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMA_HEADER = "# yaml-language-server: $schema=../schema/gemeente.schema.json"


@dataclass(frozen=True)
class LoadedGemeente:
    slug: str
    path: Path
    gemeente: Gemeente
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)  # what was read anyway, and how

    @property
    def naam(self) -> str:
        return self.gemeente.naam


def slug_from_argument(argument: str) -> str:
    """The gemeente a command-line word names: 'naam', 'naam.yml', 'naam.yaml', 'municipalities/naam.yml'."""
    name = Path(argument.strip()).name
    for extension in EXTENSIONS:
        if name.lower().endswith(extension):
            return name[: -len(extension)]
    return name


def discover(directory: Path = MUNICIPALITIES) -> list[Path]:
    """One file per gemeente, .yml or .yaml (with both, the .yml; validate_file names the clash)."""
    by_slug: dict[str, Path] = {}
    for path in sorted(p for extension in EXTENSIONS for p in directory.glob(f"*{extension}") if p.is_file()):
        by_slug.setdefault(path.stem, path_for_slug(path.stem, directory))
    return sorted(by_slug.values())


def path_for_slug(slug: str, directory: Path = MUNICIPALITIES) -> Path:
    """The file of a gemeente: <slug>.yml, or <slug>.yaml when only that one exists."""
    name = slug_from_argument(slug)
    yml, yaml_file = directory / f"{name}.yml", directory / f"{name}.yaml"
    return yaml_file if yaml_file.is_file() and not yml.is_file() else yml


def file_name_hint(slug: str, directory: Path = MUNICIPALITIES) -> str | None:
    """For a gemeente whose file is not found: a file that was meant as it (Kladblok's naam.yml.txt, NAAM.YML)."""
    name = slug_from_argument(slug)
    for candidate in sorted(directory.glob(f"{glob.escape(name)}.*")) + sorted(directory.glob(f"{glob.escape(name.upper())}.*")):
        lower = candidate.name.lower()
        if lower.endswith((".yml.txt", ".yaml.txt")):
            return f"er staat een bestand {candidate.name}: Kladblok heeft er .txt achter gezet; noem het {name}.yml"
        if lower in (f"{name}.yml", f"{name}.yaml") and candidate.name != lower:
            return f"er staat een bestand {candidate.name}; noem het {lower} (met kleine letters)"
    return None


def _twin(path: Path) -> Path | None:
    """The same gemeente's file with the other extension, when it exists too."""
    if path.suffix not in EXTENSIONS:
        return None
    other = path.with_suffix(".yaml" if path.suffix == ".yml" else ".yml")
    return other if other.is_file() else None


# --- describing what was found ----------------------------------------------------------


def describe(value: Any) -> str:
    if value is None:
        return "niets (een lege waarde)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (ja/nee)"
    if isinstance(value, (int, float)):
        return f"{value} (een getal)"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep sleutels"
    if isinstance(value, date):
        return f"{value.isoformat()} (een datum)"
    if isinstance(value, bytes):
        return "binaire gegevens (!!binary)"
    return "een waarde die hier niet past"


def _key_text(loc: tuple) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _field_info(loc: tuple):
    """The pydantic FieldInfo at loc, walking nested models; None when not found."""
    model: type[BaseModel] | None = Gemeente
    info = None
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(str(part))
        if info is None:
            return None
        model = _model_of(info.annotation)
    return info


def _model_of(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_of(arg)
        if found:
            return found
    return None


def _model_at(loc: tuple) -> type[BaseModel] | None:
    if not loc:
        return Gemeente
    info = _field_info(loc)
    return _model_of(info.annotation) if info else None


PATTERN_EXPECTATIONS = {
    "telefoon": 'een telefoonnummer zoals "0123 45 67 89"',
    "email": 'een e-mailadres zoals "wmo@gemeente.nl"',
    "postcode": 'een postcode zoals "1234 AB"',
    "kleur": 'een kleur als hexcode zoals "#1d4f7c"',
}


def _expected_for_pattern(key: str) -> str:
    if key in PATTERN_EXPECTATIONS:
        return PATTERN_EXPECTATIONS[key]
    return 'een webadres dat begint met "https://", zoals "https://www.gemeente.nl/wmo"'


def _translate(error: dict, raw: Any) -> tuple[tuple, str, str | None]:
    """(loc, Dutch message, hint) for one pydantic error."""
    loc = tuple(p for p in error["loc"] if p != "[key]")
    kind = error["type"]
    found = describe(error.get("input"))
    ctx = error.get("ctx", {})
    last = str(loc[-1]) if loc else ""
    info = _field_info(loc)
    wanted = info.description if info and info.description else None

    if kind == "missing":
        return loc, "ontbreekt" + (f"; verwacht: {wanted}" if wanted else ""), f"voeg de sleutel '{last}' toe"
    if kind == "extra_forbidden":
        parent = _model_at(loc[:-1])
        allowed = sorted(parent.model_fields) if parent else []
        close = difflib.get_close_matches(last, allowed, n=1)
        hint = f"bedoelt u '{close[0]}'?" if close else "toegestaan zijn: " + ", ".join(allowed)
        return loc, "onbekende sleutel", hint
    if kind == "string_type":
        wanted_text = PATTERN_EXPECTATIONS.get(last, "tekst")
        return loc, f"verwacht {wanted_text}, gevonden {found}", "zet de waarde tussen aanhalingstekens"
    if kind in ("int_type", "int_parsing"):
        return loc, f"verwacht een heel getal, gevonden {found}", None
    if kind in ("bool_type", "bool_parsing"):
        return loc, f"verwacht true of false, gevonden {found}", None
    if kind == "string_pattern_mismatch":
        return loc, f"verwacht {_expected_for_pattern(last)}, gevonden {found}", None
    if kind == "string_too_short":
        return loc, "mag niet leeg zijn", wanted
    if kind == "too_short":
        return loc, f"verwacht minstens {ctx.get('min_length', 1)} regel(s), gevonden een lege lijst", wanted
    if kind == "greater_than_equal":
        return loc, f"verwacht minstens {ctx.get('ge')}, gevonden {found}", None
    if kind == "less_than_equal":
        return loc, f"verwacht hoogstens {ctx.get('le')}, gevonden {found}", None
    if kind == "literal_error":
        options = ctx.get("expected", "").replace(" or ", ", ")
        return loc, f"verwacht een van {options}, gevonden {found}", None
    if kind == "list_type":
        return loc, f"verwacht een lijst (regels die beginnen met '- '), gevonden {found}", None
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return loc, f"verwacht een groep sleutels, gevonden {found}", None
    if kind == "value_error" and "naam_met_gemeente" in str(error.get("msg")):
        return loc, f"schrijf de naam zonder het woord 'gemeente', gevonden {found}", "de site zet 'gemeente' er zelf voor"
    if kind == "telefoon":
        return (
            loc,
            f'verwacht een telefoonnummer zoals "0123 45 67 89", "14 0123" of "0800 1234", gevonden {found}',
            phone_hint(str(error.get("input")))
            or "een nummer heeft 10 cijfers (of 14 en het netnummer, of 0800 of 0900 met 4 of 7 cijfers); alleen cijfers, spaties, streepjes en haakjes om het netnummer",
        )
    if kind in ("email", "webadres"):
        return loc, f"{ctx.get('reden')}, gevonden {found}", ctx.get("tip") or None
    if kind.startswith("date") or kind.startswith("datetime"):
        return loc, f"verwacht een datum zoals 2026-12-01, gevonden {found}", None
    return loc, f"ongeldige waarde: gevonden {found}", wanted


# --- checks beyond the schema -----------------------------------------------------------


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _term_checks(data: dict) -> list[tuple[tuple, str, str]]:
    wet = load_wet()
    problems = []
    for key, fact in (("onderzoek_weken", "onderzoek"), ("beschikking_weken", "beschikking")):
        value = _get(data, "termijnen", key)
        maximum = wet[fact]["termijn_weken"]
        if isinstance(value, int) and not isinstance(value, bool) and value > maximum:
            problems.append(
                (
                    ("termijnen", key),
                    f"de wet staat hoogstens {maximum} weken toe ({wet[fact]['bron']}), gevonden {value}",
                    f"een gemeente mag sneller zijn dan de wet, niet langzamer: vul {maximum} of minder in, of laat de sleutel weg",
                )
            )
    return problems


def _colour_checks(data: dict) -> list[tuple[tuple, str, str]]:
    colour = _get(data, "huisstijl", "kleur")
    if not isinstance(colour, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        return []
    ratio = contrast_ratio(colour, WHITE)
    if ratio >= TEXT_MINIMUM:
        return []
    better = darker_until(colour)
    return [
        (
            ("huisstijl", "kleur"),
            f"te weinig contrast met wit: {format_ratio(ratio)}, nodig is minstens 4,5:1 (WCAG 1.4.3 en 1.4.11)",
            f'een kleur in de buurt die wel voldoet: "{better}" ({format_ratio(contrast_ratio(better, WHITE))})',
        )
    ]


MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _easy_text_checks(data: dict, raw_lines: list[str], key_lines: dict) -> list[tuple[tuple, str, str | None, int | None]]:
    """A gemeente's own easy-language texts keep to the easy pages' sentence limit.

    Returns (key, message, hint, line) with the line of the offending sentence itself.
    """
    problems = []
    texts = _get(data, "pagina_teksten")
    if not isinstance(texts, dict):
        return problems
    for page, page_texts in texts.items():
        for where in ("boven", "onder"):
            value = _get(page_texts, "makkelijk", where)
            if not isinstance(value, str):
                continue
            loc = ("pagina_teksten", page, "makkelijk", where)
            start = line_for(key_lines, loc) or 1
            plain = MARKDOWN_LINK.sub(r"\1", value)
            for words in sentences([" ".join(line.split()) for line in plain.splitlines() if line.strip()]):
                if len(words) > EASY_LONGEST_MAX:
                    first = " ".join(words[:3])
                    line = next((start + i for i, text in enumerate(raw_lines[start - 1 :]) if first in " ".join(text.split())), start)
                    problems.append(
                        (
                            loc,
                            f"zin van {len(words)} woorden in makkelijke taal, hoogstens {EASY_LONGEST_MAX} mag: \"{' '.join(words[:8])} ...\"",
                            "maak er twee korte zinnen van, met één boodschap per zin; zet elke zin op een eigen regel (gebruik |- na de sleutel)",
                            line,
                        )
                    )
    return problems


def _file_problem(base: Path, name: str) -> tuple[str, str] | None:
    """Why a file named in the config cannot be used, or None: it must exist inside municipalities/."""
    if "\\" in name:
        return f'bestand niet gevonden: "{name}"', "gebruik / en geen \\ tussen mappen, zoals logos/mijngemeente.svg"
    try:
        target = (base / name).resolve()
        inside = target.is_relative_to(base.resolve())
        found = target.is_file()
    except (OSError, ValueError):
        inside = found = False
    if not inside:
        return f'het bestand moet in de map municipalities/ staan, gevonden "{name}"', "zet het bestand in municipalities/ (of een map daarin) en schrijf het pad vanaf daar"
    if not found:
        return f'bestand niet gevonden: "{name}"', "het pad is gezien vanaf de map municipalities/"
    return None


def _file_checks(data: dict, base: Path) -> list[tuple[tuple, str, str | None]]:
    problems = []
    logo = _get(data, "huisstijl", "logo")
    if isinstance(logo, str):
        problem = _file_problem(base, logo)
        if problem:
            problems.append((("huisstijl", "logo"), *problem))
        elif (base / logo).suffix.lower() not in (".svg", ".png"):
            problems.append((("huisstijl", "logo"), f'verwacht een SVG- of PNG-bestand, gevonden "{logo}"', None))
        if not _get(data, "huisstijl", "logo_alt"):
            problems.append((("huisstijl", "logo_alt"), "ontbreekt; een logo heeft een alternatieve tekst nodig voor schermlezers", "bijvoorbeeld: logo_alt: \"Logo gemeente Voorbeeld\""))
    extra = _get(data, "extra_paginas")
    if isinstance(extra, list):
        for i, page in enumerate(extra):
            name = _get(page, "bestand")
            problem = _file_problem(base, name) if isinstance(name, str) else None
            if problem:
                problems.append((("extra_paginas", i, "bestand"), *problem))
    return problems


def _extra_page_text_problems(data: dict, base: Path) -> list[Diagnostic]:
    """An extra page saved as Windows-1252 or with control characters: named in that page's own file."""
    diagnostics = []
    extra = _get(data, "extra_paginas")
    for page in extra if isinstance(extra, list) else []:
        name = _get(page, "bestand")
        if not isinstance(name, str) or _file_problem(base, name):
            continue
        try:
            decode((base / name).read_bytes())
        except UnreadableText as e:
            diagnostics += [Diagnostic(display_path(base / name), p.line, None, p.message, p.hint, p.column) for p in e.problems]
    return diagnostics


# --- own Markdown texts ----------------------------------------------------------------------


def _markdown_diagnostics(shown: str, loc: tuple, problems: list, document: YamlDocument) -> list[Diagnostic]:
    """One diagnostic per problem in an own Markdown text, at the line and column where it stands."""
    span = document.spans.get(loc)
    key_line = line_for(document.lines, loc)
    diagnostics, search_from = [], (span.line, 0) if span else None
    for problem in problems:
        line, column = (key_line, None)
        if span and search_from:
            for number in range(search_from[0], span.end_line + 1):
                text = document.text.line_text(number)
                at = text.find(problem.found, search_from[1] if number == search_from[0] else 0)
                if at >= 0:
                    line, column = number, at + 1
                    search_from = (number, at + 1)
                    break
        diagnostics.append(Diagnostic(shown, line, _key_text(loc), problem.message, problem.hint, column))
    return diagnostics


# --- entry points -----------------------------------------------------------------------


def _text_diagnostic(shown: str, problem: TextProblem) -> Diagnostic:
    path = problem.path if isinstance(problem, YamlProblem) else ()
    severity = WARNING if problem.warning else "fout"
    return Diagnostic(shown, problem.line, _key_text(path) or None, problem.message, problem.hint, problem.column, severity)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escaped_control_checks(data: Any, loc: tuple = ()) -> list[tuple[tuple, str, str | None]]:
    """Control characters written as YAML escapes ("\\x01", "\\a") inside double quotes: the file
    itself is clean, the value is not, and no page, document or report can hold them."""
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _escaped_control_checks(value, loc + (key,))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in _escaped_control_checks(value, loc + (i,))]
    if isinstance(data, str) and (found := _CONTROL.search(data)):
        code = f"U+{ord(found.group()):04X}"
        return [(loc, f"de tekst bevat een stuurteken ({code}), geschreven als code met een \\ tussen dubbele aanhalingstekens", "haal de code met de \\ weg; een regeleinde schrijft u als een nieuwe regel na |-")]
    return []


def validate_file(path: Path) -> tuple[LoadedGemeente | None, list[Diagnostic]]:
    """The loaded gemeente (with its warnings) and no diagnostics, or None and every problem
    (errors, and the warnings found on the way)."""
    shown = display_path(path)
    slug = path.stem
    diagnostics: list[Diagnostic] = []
    if not SLUG_RE.match(slug):
        diagnostics.append(
            Diagnostic(shown, None, None, f"de bestandsnaam '{path.name}' is geen geldige korte naam", "gebruik alleen kleine letters, cijfers en streepjes, zoals 'sint-menadorp.yml'")
        )
    twin = _twin(path)
    if twin:
        diagnostics.append(
            Diagnostic(shown, None, None, f"gemeente '{slug}' heeft twee bestanden: {path.name} en {twin.name}", "haal er één weg; Keukentafel weet niet welke u bedoelt")
        )
    try:
        document = read_yaml(path)
    except YamlSyntaxError as e:
        return None, diagnostics + [_text_diagnostic(shown, p) for p in e.problems]
    warnings = [_text_diagnostic(shown, w) for w in document.warnings]
    data, lines = document.data, document.lines
    if not isinstance(data, dict):
        return None, diagnostics + warnings + [Diagnostic(shown, 1, None, f"verwacht een groep sleutels (naam:, contact:, ...), gevonden {describe(data)}", None)]

    problems: list[tuple[tuple, str, str | None]] = []
    model = None
    try:
        model = Gemeente.model_validate(data)
    except ValidationError as e:
        for err in e.errors():
            if err["type"] == "markdown":
                loc = tuple(p for p in err["loc"] if p != "[key]")
                diagnostics += _markdown_diagnostics(shown, loc, err["ctx"]["problemen"], document)
            else:
                problems.append(_translate(err, data))
    problems += _term_checks(data) + _colour_checks(data) + _file_checks(data, path.parent) + _escaped_control_checks(data)
    diagnostics += _extra_page_text_problems(data, path.parent)

    for loc, message, hint in problems:
        diagnostics.append(Diagnostic(shown, line_for(lines, loc), _key_text(loc) or None, message, hint))
    raw_lines = document.text.text.splitlines()
    for loc, message, hint, line in _easy_text_checks(data, raw_lines, lines):
        diagnostics.append(Diagnostic(shown, line, _key_text(loc), message, hint))
    if diagnostics:
        return None, diagnostics + warnings
    return LoadedGemeente(slug, path, model, tuple(warnings)), []


def load_all(paths: list[Path]) -> list[LoadedGemeente]:
    """Validate every file; raise InvalidInput with all problems of all files at once."""
    loaded, diagnostics = [], []
    for path in paths:
        result, problems = validate_file(path)
        diagnostics += problems
        if result:
            loaded.append(result)
    if diagnostics:
        raise InvalidInput(list(dict.fromkeys(diagnostics)))
    return loaded


def warnings_of(loaded: list[LoadedGemeente]) -> list[Diagnostic]:
    """Every warning about the configs of these gemeenten, in file and line order."""
    return [w for g in loaded for w in g.warnings]
