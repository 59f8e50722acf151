"""Writing files so that a reader, or a kill at any moment, never meets half of one."""

from __future__ import annotations

import copy
import functools
import os
from pathlib import Path
from typing import Any

import yaml


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so a reader or a kill never meets half of it: a temporary file, then a rename.

    Temporary files of writers that no longer run are removed first.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        pid = stale.name[len(path.name) + 2 : -len(".tmp")]
        if pid.isdigit() and not _running(int(pid)):
            stale.unlink(missing_ok=True)
    temporary = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        pass
    return True


@functools.lru_cache(maxsize=32)
def _parsed_yaml(path: Path, modified: int, size: int) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_yaml(path: Path) -> Any:
    """A data file (not a gemeente's config) as Python data: read once per change of the file,
    a fresh copy for each caller, who may change it."""
    stat = path.stat()
    return copy.deepcopy(_parsed_yaml(path, stat.st_mtime_ns, stat.st_size))
