"""What a gemeente's site is made from, as one digest: when it is the same as at the last build that
published the site, the site is not built or checked again.

The digest covers everything that can change a site or its check:
- the gemeente's own files: its YAML, and the logo and extra pages it names;
- what every site is made from: content/, templates/, data/, mkdocs.yml, the written exceptions;
- the tools: Keukentafel's own code (Python and the browser script), the installed Python packages
  that build the site (MkDocs, Material, Markdown, Jinja2, ...), package-lock.json (pa11y and
  axe-core), Node, Chromium and Python themselves.

Not in it: the day. An unchanged site keeps the toegankelijkheidsverklaring of the day it was
checked, which is what that statement says.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from keukentafel import ROOT
from keukentafel.config.loader import LoadedGemeente
from keukentafel.files import write_atomic

CODE = Path(__file__).resolve().parent
SHARED_FOLDERS = ("content", "templates", "data")
SHARED_FILES = ("mkdocs.yml", "package-lock.json", "toegankelijkheid-uitzonderingen.yml")
PYTHON_PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2", "PyYAML", "pydantic", "pyphen", "wordfreq", "odfpy", "python-docx")
RECORD_FILE = "gemeenten.json"


def _add_file(h: "hashlib._Hash", path: Path, base: Path) -> None:
    h.update(path.relative_to(base).as_posix().encode() + b"\0")
    h.update(path.read_bytes() if path.is_file() else b"<ontbreekt>")
    h.update(b"\0")


def _files_under(folder: Path, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts and (suffixes is None or p.suffix in suffixes))


def _tool_version(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "onbekend"


def tool_versions(chromium: str | None) -> dict[str, str]:
    """The versions of what builds and checks the sites, without starting a browser."""
    versions = {"python": platform.python_version(), "node": _tool_version(["node", "--version"])}
    for package in PYTHON_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "ontbreekt"
    versions["chromium"] = _tool_version([chromium, "--version"]) if chromium else "ontbreekt"
    return versions


def shared_digest(root: Path = ROOT, exceptions_file: Path | None = None, chromium: str | None = None) -> str:
    """The digest of everything all gemeenten share: texts, templates, data, code and tools."""
    h = hashlib.sha256()
    for folder in SHARED_FOLDERS:
        for path in _files_under(root / folder):
            _add_file(h, path, root)
    for name in SHARED_FILES:
        _add_file(h, root / name, root)
    if exceptions_file is not None:
        h.update(b"uitzonderingen\0" + (exceptions_file.read_bytes() if exceptions_file.is_file() else b""))
    for path in _files_under(CODE, (".py", ".js")):
        _add_file(h, path, CODE)
    h.update(json.dumps(tool_versions(chromium), sort_keys=True).encode())
    return h.hexdigest()


def gemeente_digest(gemeente: LoadedGemeente, shared: str) -> str:
    """The digest of one gemeente's site: the shared digest and the gemeente's own files."""
    h = hashlib.sha256(shared.encode())
    folder = gemeente.path.parent  # the logo and extra pages are named relative to the YAML file
    _add_file(h, gemeente.path, folder)
    huisstijl = gemeente.gemeente.huisstijl
    own = ([huisstijl.logo] if huisstijl.logo else []) + [p.bestand for p in gemeente.gemeente.extra_paginas]
    for name in sorted(own):
        _add_file(h, folder / name, folder)
    return h.hexdigest()


class BuildRecord:
    """Per gemeente, the digest of the inputs of its last build that passed every check and was published."""

    def __init__(self, path: Path, enabled: bool = True):
        self.path = path
        self.enabled = enabled
        self.digests: dict[str, str] = {}
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.digests = {k: v for k, v in data.get("gepubliceerd", {}).items() if isinstance(v, str)}
            except (OSError, ValueError, AttributeError):
                self.digests = {}

    def unchanged(self, slug: str, digest: str, output: Path) -> bool:
        """The site was published from exactly these inputs, and is still there."""
        return self.enabled and self.digests.get(slug) == digest and (output / slug / "index.html").is_file()

    def published(self, slug: str, digest: str) -> None:
        self.digests[slug] = digest

    def not_published(self, slug: str) -> None:
        self.digests.pop(slug, None)

    def save(self) -> None:
        data = {"gepubliceerd": dict(sorted(self.digests.items()))}
        write_atomic(self.path, json.dumps(data, indent=1).encode("utf-8"))
