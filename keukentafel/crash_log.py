"""Unexpected errors: the traceback goes into a log file, the user reads a short Dutch message.

The logs are kept in .build/fouten/ (one file per error, named after the moment it happened): not
in site/ or reports/, so a crash never changes what is published, and `make clean` removes them.
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

from keukentafel import ROOT
from keukentafel.diagnostics import display_path

LOG_DIR = ROOT / ".build" / "fouten"
MESSAGE = "Er ging iets mis dat niet door uw invoer komt, maar door een fout in Keukentafel of in een hulpprogramma."


def write_log(error: BaseException, command: list[str]) -> Path | None:
    """Write the traceback and what was run to a new log file; its path, or None if none could be written."""
    text = (
        f"opdracht: {' '.join(['python build.py', *command])}\n"
        f"tijd: {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n"
        f"python: {sys.version.split()[0]} op {platform.platform()}\n\n" + "".join(traceback.format_exception(error))
    )
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for folder in (LOG_DIR, Path(tempfile.gettempdir()) / "keukentafel-fouten"):
        for number in range(1, 100):
            path = folder / (f"fout-{stamp}.log" if number == 1 else f"fout-{stamp}-{number}.log")
            try:
                folder.mkdir(parents=True, exist_ok=True)
                with path.open("x", encoding="utf-8") as log:
                    log.write(text)
                return path
            except FileExistsError:
                continue
            except OSError:
                break
    return None


def explain(log: Path | None) -> str:
    """The lines the user reads about an unexpected error, pointing at its log file."""
    if log is None:
        return f"{MESSAGE}\nDe technische details konden niet worden opgeslagen (de map .build/fouten/ is niet schrijfbaar)."
    return f"{MESSAGE}\nDe technische details staan in {display_path(log)}; stuur dat bestand mee als u om hulp vraagt."
