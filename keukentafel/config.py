"""Stage 1: load and validate municipalities/<slug>.yml, collecting every problem at once."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import ROOT
from .contrast import TEXT_MINIMUM, WHITE, contrast_ratio, darker_until, format_ratio
from .diagnostics import Diagnostic, InvalidInput, display_path
from .legal import load_wet
from .readability import EASY_LONGEST_MAX, sentences
from .schema import Gemeente
from .yaml_lines import YamlSyntaxError, line_for, load_with_lines

MUNICIPALITIES = ROOT / "municipalities"
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMA_HEADER = "# yaml-language-server: $schema=../schema/gemeente.schema.json"


@dataclass(frozen=True)
class LoadedGemeente:
    slug: str
    path: Path
    gemeente: Gemeente

    @property
    def naam(self) -> str:
        return self.gemeente.naam


def discover(directory: Path = MUNICIPALITIES) -> list[Path]:
    return sorted(directory.glob("*.yml"))


def path_for_slug(slug: str, directory: Path = MUNICIPALITIES) -> Path:
    return directory / f"{slug}.yml"


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
    return repr(value)


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
    return loc, f"ongeldige waarde {found} ({error.get('msg')})", wanted


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


def _file_checks(data: dict, base: Path) -> list[tuple[tuple, str, str | None]]:
    problems = []
    logo = _get(data, "huisstijl", "logo")
    if isinstance(logo, str):
        if not (base / logo).is_file():
            problems.append((("huisstijl", "logo"), f'bestand niet gevonden: "{logo}"', "het pad is gezien vanaf de map municipalities/"))
        elif (base / logo).suffix.lower() not in (".svg", ".png"):
            problems.append((("huisstijl", "logo"), f'verwacht een SVG- of PNG-bestand, gevonden "{logo}"', None))
        if not _get(data, "huisstijl", "logo_alt"):
            problems.append((("huisstijl", "logo_alt"), "ontbreekt; een logo heeft een alternatieve tekst nodig voor schermlezers", "bijvoorbeeld: logo_alt: \"Logo gemeente Voorbeeld\""))
    extra = _get(data, "extra_paginas")
    if isinstance(extra, list):
        for i, page in enumerate(extra):
            name = _get(page, "bestand")
            if isinstance(name, str) and not (base / name).is_file():
                problems.append((("extra_paginas", i, "bestand"), f'bestand niet gevonden: "{name}"', "het pad is gezien vanaf de map municipalities/"))
    return problems


# --- entry points -----------------------------------------------------------------------


def validate_file(path: Path) -> tuple[LoadedGemeente | None, list[Diagnostic]]:
    shown = display_path(path)
    slug = path.stem
    diagnostics: list[Diagnostic] = []
    if not SLUG_RE.match(slug):
        diagnostics.append(
            Diagnostic(shown, None, None, f"de bestandsnaam '{path.name}' is geen geldige korte naam", "gebruik alleen kleine letters, cijfers en streepjes, zoals 'sint-menadorp.yml'")
        )
    try:
        data, lines = load_with_lines(path)
    except YamlSyntaxError as e:
        return None, diagnostics + [Diagnostic(shown, e.line, None, e.message, "controleer inspringing, dubbele punten en aanhalingstekens")]
    if not isinstance(data, dict):
        return None, diagnostics + [Diagnostic(shown, 1, None, f"verwacht een groep sleutels (naam:, contact:, ...), gevonden {describe(data)}", None)]

    problems: list[tuple[tuple, str, str | None]] = []
    model = None
    try:
        model = Gemeente.model_validate(data)
    except ValidationError as e:
        problems += [_translate(err, data) for err in e.errors()]
    problems += _term_checks(data) + _colour_checks(data) + _file_checks(data, path.parent)

    for loc, message, hint in problems:
        diagnostics.append(Diagnostic(shown, line_for(lines, loc), _key_text(loc) or None, message, hint))
    raw_lines = path.read_text(encoding="utf-8").splitlines()
    for loc, message, hint, line in _easy_text_checks(data, raw_lines, lines):
        diagnostics.append(Diagnostic(shown, line, _key_text(loc), message, hint))
    if diagnostics:
        return None, diagnostics
    return LoadedGemeente(slug, path, model), []


def load_all(paths: list[Path]) -> list[LoadedGemeente]:
    """Validate every file; raise InvalidInput with all problems of all files at once."""
    loaded, diagnostics = [], []
    for path in paths:
        result, problems = validate_file(path)
        diagnostics += problems
        if result:
            loaded.append(result)
    if diagnostics:
        raise InvalidInput(diagnostics)
    return loaded
