"""Incremental gate: a page whose HTML and assets did not change since it last passed is not checked again."""

from __future__ import annotations

import functools
import hashlib
import json
import re
from pathlib import Path

from keukentafel import ROOT
from keukentafel.gate import browser
from keukentafel.gate.browser import CHECK_SCRIPT
from keukentafel.files import write_atomic

CACHE_FILE = ROOT / ".build" / "toetscache.json"
CHECKER_FILES = (CHECK_SCRIPT, ROOT / "package-lock.json", Path(browser.__file__))


def _digest_files(paths: list[Path], base: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.relative_to(base).as_posix().encode())
        h.update(path.read_bytes() if path.is_file() else b"")
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def checker_digest() -> str:
    """The checker itself (its script, its Python side, pa11y's lock file); it does not change while a build runs."""
    h = hashlib.sha256()
    for path in CHECKER_FILES:  # by name: the code need not sit under ROOT (KEUKENTAFEL_ROOT)
        h.update(path.name.encode())
        h.update(path.read_bytes() if path.is_file() else b"")
    return h.hexdigest()


def site_asset_digest(site_dir: Path) -> str:
    """Everything a page loads besides its HTML (styles, scripts, images), plus the checker itself."""
    assets = sorted(p for p in (site_dir / "assets").rglob("*") if p.is_file()) if (site_dir / "assets").is_dir() else []
    return _digest_files(assets, site_dir) + checker_digest()


def page_file(site_dir: Path, url_path: str) -> Path:
    path = re.split(r"[?#]", url_path, maxsplit=1)[0].lstrip("/")
    return site_dir / (path + "index.html" if path == "" or path.endswith("/") else path)


def page_digest(site_dir: Path, url_path: str, asset_digest: str) -> str:
    return hashlib.sha256(asset_digest.encode() + page_file(site_dir, url_path).read_bytes()).hexdigest()


class GateCache:
    def __init__(self, path: Path = CACHE_FILE, enabled: bool = True):
        self.path = path
        self.enabled = enabled
        self.passed: dict[str, str] = {}
        self.versions: dict[str, str] = {}
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.passed = dict(data.get("pages", {})) if enabled else {}
                self.versions = dict(data.get("versions", {}))
            except (OSError, ValueError, AttributeError):
                self.passed = {}

    def is_fresh(self, key: str, digest: str) -> bool:
        return self.enabled and self.passed.get(key) == digest

    def remember(self, key: str, digest: str, passed: bool) -> None:
        if passed:
            self.passed[key] = digest
        else:
            self.passed.pop(key, None)

    def save(self) -> None:
        """Write the cache in one step: a build killed while saving leaves the previous cache whole."""
        data = {"versions": self.versions, "pages": self.passed}
        write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))
