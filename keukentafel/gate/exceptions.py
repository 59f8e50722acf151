"""Written exceptions to the gate: per rule and page pattern, each with a reason, in one file."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

from keukentafel import ROOT
from keukentafel.diagnostics import Diagnostic, InvalidInput, display_path
from keukentafel.gate.browser import Finding
from keukentafel.config.yaml_lines import YamlSyntaxError, line_for, load_with_lines

EXCEPTIONS_FILE = ROOT / "toegankelijkheid-uitzonderingen.yml"
MIN_REASON = 20


@dataclass(frozen=True)
class GateException:
    regel: str
    paginas: str
    reden: str

    def matches(self, finding: Finding) -> bool:
        return fnmatch.fnmatchcase(finding.code, self.regel) and fnmatch.fnmatchcase(finding.page, self.paginas)


def load_exceptions(path: Path = EXCEPTIONS_FILE) -> list[GateException]:
    if not path.is_file():
        return []
    shown = display_path(path)
    try:
        data, lines = load_with_lines(path)
    except YamlSyntaxError as e:
        raise InvalidInput([Diagnostic(shown, e.line, None, e.message, None)]) from None
    items = (data or {}).get("uitzonderingen") if isinstance(data, dict) else None
    if items is None:
        items = []
    problems, result = [], []
    if not isinstance(items, list):
        raise InvalidInput([Diagnostic(shown, line_for(lines, ("uitzonderingen",)), "uitzonderingen", "verwacht een lijst", None)])
    for i, item in enumerate(items):
        where = ("uitzonderingen", i)
        if not isinstance(item, dict):
            problems.append(Diagnostic(shown, line_for(lines, where), f"uitzonderingen[{i}]", "verwacht regel, paginas en reden", None))
            continue
        unknown = sorted(set(item) - {"regel", "paginas", "reden"})
        for key in unknown:
            problems.append(Diagnostic(shown, line_for(lines, where + (key,)), f"uitzonderingen[{i}].{key}", "onbekende sleutel", "toegestaan zijn: regel, paginas, reden"))
        for key in ("regel", "paginas"):
            if not isinstance(item.get(key), str) or not item.get(key, "").strip():
                problems.append(Diagnostic(shown, line_for(lines, where + (key,)), f"uitzonderingen[{i}].{key}", "ontbreekt of is leeg", None))
        reden = item.get("reden")
        if not isinstance(reden, str) or len(reden.strip()) < MIN_REASON:
            problems.append(
                Diagnostic(shown, line_for(lines, where + ("reden",)), f"uitzonderingen[{i}].reden", f"een uitzondering heeft een geschreven reden van minstens {MIN_REASON} tekens", "leg uit waarom dit geen probleem is voor inwoners")
            )
        if item.get("regel") == "*":
            problems.append(Diagnostic(shown, line_for(lines, where + ("regel",)), f"uitzonderingen[{i}].regel", "'*' zou elke regel uitzetten", "noem één regel"))
        if not problems:
            result.append(GateException(item["regel"].strip(), item["paginas"].strip(), reden.strip()))
    if problems:
        raise InvalidInput(problems)
    return result


def split_ignored(findings: list[Finding], exceptions: list[GateException]) -> tuple[list[Finding], list[tuple[Finding, GateException]]]:
    kept, ignored = [], []
    for finding in findings:
        rule = next((e for e in exceptions if e.matches(finding)), None)
        if rule:
            ignored.append((finding, rule))
        else:
            kept.append(finding)
    return kept, ignored
