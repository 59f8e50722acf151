"""Preview one gemeente with live reload: `python build.py serve <slug>`.

MkDocs serves the rendered pages; a small watcher renders them again whenever the gemeente's YAML,
content/ or the shared assets change, and MkDocs then reloads the browser. The preview is not
checked by the gate: `python build.py <slug>` does that before publishing.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from . import ROOT
from .config import load_all, path_for_slug
from .diagnostics import ExitCode, InvalidInput
from .render import render_site
from .site import prepare_site

WATCHED = (ROOT / "content", ROOT / "municipalities", ROOT / "templates", ROOT / "data")
WORK = ROOT / ".build" / "voorbeeldweergave"


def _snapshot() -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in WATCHED for p in folder.rglob("*") if p.is_file()}


def _render_into(slug: str, work: Path) -> Path:
    (gemeente,) = load_all([path_for_slug(slug)])
    return prepare_site(gemeente, render_site(gemeente), work, work / "site")


def _watch(slug: str, work: Path, stop: threading.Event) -> None:
    from .report import format_diagnostics

    seen = _snapshot()
    while not stop.wait(1.0):
        now = _snapshot()
        if now == seen:
            continue
        seen = now
        try:
            _render_into(slug, work)
            print("voorbeeldweergave: opnieuw ingevuld", file=sys.stderr)
        except InvalidInput as e:
            sys.stderr.write(format_diagnostics(e.diagnostics))


def serve(slug: str, port: int = 8000) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    work = WORK / slug
    config_file = _render_into(slug, work)
    stop = threading.Event()
    threading.Thread(target=_watch, args=(slug, work, stop), daemon=True).start()
    print(f"Bekijk de site op http://127.0.0.1:{port}/ (stoppen: Ctrl+C)", file=sys.stderr)
    try:
        mkdocs_serve(config_file=str(config_file), livereload=True, dev_addr=f"127.0.0.1:{port}")
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        time.sleep(0)
    return ExitCode.OK
