"""Progress on the terminal while a build runs: a bar over gemeenten and pages, a line per step."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, quiet: bool = False):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.pages_done = 0

    def _write(self, text: str) -> None:
        if not self.quiet:
            self.stream.write(text)
            self.stream.flush()

    @staticmethod
    def bar(done: int, total: int, width: int = 20) -> str:
        filled = width * done // total if total else width
        return "[" + "#" * filled + "-" * (width - filled) + f"] {done}/{total}"

    def stage(self, name: str, text: str) -> None:
        self.pages_done = 0
        self._write(f"{name}: {text}\n")

    def gemeente_line(self, index: int, total: int, slug: str, text: str) -> None:
        self._write(f"{self.bar(index, total)} gemeenten  {slug}: {text}\n")

    def page_done(self, page, total: int) -> None:
        self.pages_done += 1
        status = "FOUT" if page.findings or page.error else "ok"
        if self.tty:
            end = "\n" if self.pages_done == total else ""
            self._write(f"\r{self.bar(self.pages_done, total)} pagina's  {status:4} {page.path[:50]:50}{end}")
        elif status != "ok" or self.pages_done == total:
            self._write(f"{self.bar(self.pages_done, total)} pagina's  {status} {page.path}\n")
