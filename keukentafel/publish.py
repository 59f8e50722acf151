"""Stage 5: swap checked sites into site/, so a failed or interrupted build never touches what is live."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

from . import ROOT

OUTPUT = ROOT / "site"


@contextmanager
def staging_area(output: Path = OUTPUT) -> Iterator[Path]:
    """A temporary folder beside output (same file system, so renames are atomic), always removed."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".bouw-", dir=output.parent))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def publish_site(staged: Path, slug: str, output: Path = OUTPUT) -> None:
    """Replace output/<slug> by the staged, checked site."""
    output.mkdir(parents=True, exist_ok=True)
    target = output / slug
    old = output / f".oud-{slug}"
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(staged, target)
    shutil.rmtree(old, ignore_errors=True)


def publish_file(staged: Path, name: str, output: Path = OUTPUT) -> None:
    output.mkdir(parents=True, exist_ok=True)
    os.replace(staged, output / name)


def published_slugs(output: Path = OUTPUT) -> list[str]:
    if not output.is_dir():
        return []
    return sorted(p.name for p in output.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / "index.html").is_file())
