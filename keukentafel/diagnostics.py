"""User-facing problems, reported like a compiler's: file, line, key, expected, found, hint."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from . import ROOT


class ExitCode(IntEnum):
    OK = 0
    CHECK_FAILED = 1
    INVALID_INPUT = 2
    TOOL_FAILED = 3


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int | None
    key: str | None
    message: str
    hint: str | None = None

    def format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        head = f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"
        return head + (f"\n    tip: {self.hint}" if self.hint else "")


class InvalidInput(Exception):
    """Raised with every problem found in the user's input at once."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} fouten")
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.file, d.line or 0, d.key or ""))


class ToolFailed(Exception):
    """An external tool (MkDocs, Node, Chromium) failed; not the user's fault."""


def display_path(path: Path) -> str:
    """Path as the user sees it: relative to the project when inside it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def summary_line(diagnostics: list[Diagnostic]) -> str:
    files = {d.file for d in diagnostics}
    n = len(diagnostics)
    return f"Gestopt: {n} {'fout' if n == 1 else 'fouten'} in {len(files)} {'bestand' if len(files) == 1 else 'bestanden'}"
