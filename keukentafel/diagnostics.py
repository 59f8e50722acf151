"""User-facing problems, reported like a compiler's: file, line, key, expected, found, hint."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from keukentafel import ROOT


class ExitCode(IntEnum):
    OK = 0
    CHECK_FAILED = 1
    INVALID_INPUT = 2
    TOOL_FAILED = 3


WARNING = "waarschuwing"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: an error, or (severity "waarschuwing") something we fixed and tell about."""

    file: str
    line: int | None
    key: str | None
    message: str
    hint: str | None = None
    column: int | None = None
    severity: str = "fout"

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")
        message = f"{WARNING}: {self.message}" if self.is_warning else self.message
        head = f"{where}: {self.key}: {message}" if self.key else f"{where}: {message}"
        return head + (f"\n    tip: {self.hint}" if self.hint else "")


def sort_key(d: Diagnostic) -> tuple:
    return (d.file, d.line or 0, d.column or 0, d.key or "", d.message)


class InvalidInput(Exception):
    """Raised with every problem found in the user's input at once (warnings found on the way too)."""

    def __init__(self, diagnostics: list[Diagnostic]):
        errors = [d for d in diagnostics if not d.is_warning]
        super().__init__(f"{len(errors)} {'fout' if len(errors) == 1 else 'fouten'}")
        self.diagnostics = sorted(diagnostics, key=sort_key)


class ToolFailed(Exception):
    """An external tool (MkDocs, Node, Chromium) failed; not the user's fault."""


def display_path(path: Path) -> str:
    """Path as the user sees it: relative to the project when inside it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def summary_line(diagnostics: list[Diagnostic]) -> str:
    errors = [d for d in diagnostics if not d.is_warning]
    warnings = len(diagnostics) - len(errors)
    files = {d.file for d in errors}
    n = len(errors)
    line = f"Gestopt: {n} {'fout' if n == 1 else 'fouten'} in {len(files)} {'bestand' if len(files) == 1 else 'bestanden'}"
    return line + (f" (en {warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'})" if warnings else "")


def format_warnings(warnings: list[Diagnostic]) -> str:
    """Warnings about input that was read anyway, one per line, and what they mean for the build."""
    if not warnings:
        return ""
    n = len(warnings)
    lines = [d.format() for d in sorted(warnings, key=sort_key)]
    lines.append(f"{n} {'waarschuwing' if n == 1 else 'waarschuwingen'} over de instellingen: Keukentafel heeft het zelf verbeterd (het bouwen gaat door)")
    return "\n".join(lines) + "\n"
