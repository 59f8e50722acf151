"""Stage 5: swap checked sites into site/, so a failed or interrupted build never touches what is live.

site/<slug> stays a plain folder, so staff upload it as it is (no links to follow). A checked site
is built in a staging folder beside site/ (.bouw-*) and swapped in with one atomic step, Linux's
renameat2(RENAME_EXCHANGE): at every instant site/<slug> is the complete old or the complete new
site, for a web server that serves the folder and after a kill at any moment. The old site is not
removed at once: it moves to .site-vorige/<slug> beside site/ and stays there until the next
publish of that gemeente, so a reader that opened the old folder just before the swap (a request
being served, an upload running) still finds every file of it.

Where that exchange does not exist (another system, a network file system), the old site is first
renamed to site/.oud-<slug> and then the new one in: for that one instant there is no site/<slug>
(never a mix), and if the build is killed right then, the next build puts the old site back.

A killed build leaves at most its staging folder, a site/.oud-<slug> and a temporary file of
write_atomic; the next build removes them (a staging folder only when no running build holds it).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import functools
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from keukentafel import ROOT

OUTPUT = ROOT / "site"
STAGING_PREFIX = ".bouw-"
OLD_PREFIX = ".oud-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def previous_versions(output: Path = OUTPUT) -> Path:
    """Where the site each publish replaced stays until the next one: .site-vorige/ beside site/."""
    return output.parent / f".{output.name}-vorige"


@functools.cache
def _renameat2():
    """libc's renameat2 (Linux, glibc 2.28+), or None."""
    if not sys.platform.startswith("linux"):
        return None
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        function.restype = ctypes.c_int
    return function


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one atomic step; False when the system or file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _try_lock(fd: int, wait: bool) -> bool | None:
    """Take an exclusive flock: True; False when another process holds it (wait=False); None when
    the file system cannot lock (some network file systems)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        return True
    except BlockingIOError:
        return False
    except OSError:
        return None


@contextmanager
def _locked(directory: Path, wait: bool = True) -> Iterator[bool | None]:
    """Hold an exclusive lock on a folder for the with-block (see _try_lock for the value)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        yield _try_lock(fd, wait)
    finally:
        os.close(fd)


@contextmanager
def staging_area(output: Path = OUTPUT) -> Iterator[Path]:
    """A temporary folder beside output (same file system, so swaps are atomic), always removed.

    The build holds a lock on it, so another build's clean_leftovers() leaves it alone.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, staging = _new_locked_folder(output.parent)
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        os.close(fd)


def _new_locked_folder(parent: Path) -> tuple[int, Path]:
    """A new .bouw-* folder and an open descriptor holding its lock."""
    while True:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent))
        try:
            fd = os.open(staging, os.O_RDONLY)
        except FileNotFoundError:
            continue
        _try_lock(fd, wait=True)
        # A clean-up that took the lock between mkdtemp and here has removed the folder: make another.
        try:
            if os.stat(staging).st_ino == os.fstat(fd).st_ino:
                return fd, staging
        except FileNotFoundError:
            pass
        os.close(fd)


def clean_leftovers(output: Path = OUTPUT) -> None:
    """Remove what a killed build left behind: staging folders no build holds, old sites mid-swap.

    An old site at site/.oud-<slug> goes back to site/<slug> when the new one never arrived.
    """
    for staging in sorted(output.parent.glob(STAGING_PREFIX + "*")) if output.parent.is_dir() else []:
        if staging.is_dir() and not staging.is_symlink():
            with _locked(staging, wait=False) as free:
                if free:
                    shutil.rmtree(staging, ignore_errors=True)
    if not output.is_dir():
        return
    with _locked(output):
        for old in sorted(output.glob(OLD_PREFIX + "*")):
            target = output / old.name[len(OLD_PREFIX) :]
            if target.exists() or target.is_symlink():
                _remove(old)
            else:
                os.rename(old, target)


def publish_site(staged: Path, slug: str, output: Path = OUTPUT) -> None:
    """Make the staged, checked site output/<slug> in one atomic step; keep the old one as the previous version."""
    output.mkdir(parents=True, exist_ok=True)
    target = output / slug
    with _locked(output):
        if not (target.exists() or target.is_symlink()):
            os.rename(staged, target)
            return
        if _exchange(staged, target):
            old = staged
        else:
            old = output / f"{OLD_PREFIX}{slug}"
            _remove(old)
            os.rename(target, old)
            os.rename(staged, target)
        previous = previous_versions(output) / slug
        previous.parent.mkdir(exist_ok=True)
        _remove(previous)
        os.rename(old, previous)


def publish_file(staged: Path, name: str, output: Path = OUTPUT) -> None:
    """Put a finished file in place in one atomic step (a file can be replaced atomically everywhere)."""
    output.mkdir(parents=True, exist_ok=True)
    os.replace(staged, output / name)


def published_slugs(output: Path = OUTPUT) -> list[str]:
    if not output.is_dir():
        return []
    return sorted(p.name for p in output.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / "index.html").is_file())
