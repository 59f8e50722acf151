"""Progress on the terminal while a build runs: a bar over gemeenten and checks, a line per step.

What each number counts: "pagina's" are the pages of a site (its Markdown pages, the same number
`validate` gives); "toetsen" are the browser checks, which also check the 'niet gevonden' page and
the plan form once more without JavaScript. The bar counts the checks that run now (a page that
passed before and did not change comes from the cache and is not in the bar).
"""

from __future__ import annotations

import sys
from typing import TextIO

# The pipeline names its stages by their module (config → render → site → check → publish → report);
# the user reads them in Dutch.
STAGE_LABELS = {
    "config": "instellingen",
    "site": "bouwen",
    "check": "toets",
}


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

    def stage(self, stage: str, text: str) -> None:
        self._write(f"{STAGE_LABELS.get(stage, stage)}: {text}\n")

    def gemeente_line(self, index: int, total: int, slug: str, text: str) -> None:
        noun = "gemeente" if total == 1 else "gemeenten"  # "1/1 gemeente", "1/2 gemeenten"
        self._write(f"{self.bar(index, total)} {noun}  {slug}: {text}\n")

    def page_done(self, page, total: int) -> None:
        self.pages_done += 1
        status = "FOUT" if page.findings or page.error else "ok"
        noun = "toets" if total == 1 else "toetsen"
        if self.tty:
            end = "\n" if self.pages_done == total else ""
            self._write(f"\r{self.bar(self.pages_done, total)} {noun}  {status:4} {page.path[:50]:50}{end}")
        elif status != "ok" or self.pages_done == total:
            self._write(f"{self.bar(self.pages_done, total)} {noun}  {status} {page.path}\n")
