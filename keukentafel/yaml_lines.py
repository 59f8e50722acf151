"""Load YAML and remember the line of every key, so errors can point at it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


class _LineLoader(yaml.SafeLoader):
    pass


def _no_duplicates(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"dubbele sleutel '{key}' (ook op regel {seen[key]})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def _collect_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = path + (key_node.value,)
            _collect_lines(value_node, key_path, lines)
            lines[key_path] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _collect_lines(item, path + (i,), lines)


YAML_PROBLEMS = {
    "mapping values are not allowed here": "hier mag geen 'sleutel: waarde' staan; controleer de inspringing of zet de tekst tussen aanhalingstekens",
    "found character '\\t' that cannot start any token": "tab gevonden; gebruik spaties om in te springen",
    "could not find expected ':'": "dubbele punt na de sleutel ontbreekt",
    "found unexpected end of stream": "het bestand houdt onverwacht op; mist er een aanhalingsteken of haakje?",
    "expected <block end>, but found '<block mapping start>'": "de inspringing klopt niet",
    "did not find expected key": "de inspringing klopt niet, of er staat tekst op een plek waar een sleutel hoort",
    "found unexpected ':'": "onverwachte dubbele punt; zet de tekst tussen aanhalingstekens",
}


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def load_with_lines(path: Path) -> tuple[Any, dict[Path_, int]]:
    """Return (data, {key path: line}). Raises YamlSyntaxError with a Dutch message."""
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_LineLoader)
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        problem = e.problem or str(e)
        if problem.startswith("dubbele sleutel"):
            raise YamlSyntaxError(line, problem) from None
        explained = next((dutch for english, dutch in YAML_PROBLEMS.items() if problem.startswith(english)), None)
        raise YamlSyntaxError(line, f"geen geldige YAML: {explained or problem}") from None
    lines: dict[Path_, int] = {}
    if node is not None:
        _collect_lines(node, (), lines)
    return data, lines


def line_for(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of path, or of its nearest parent that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())
