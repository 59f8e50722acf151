"""What changed in a gemeente's wording since an earlier version in git (the review's --since).

The older version's texts (content/, data/, municipalities/, mkdocs.yml) are taken from git into
a temporary folder and rendered there by today's code, so that old and new are read the same way;
then page by page the paragraphs are compared, and changed paragraphs word by word.
"""

from __future__ import annotations

import datetime
import difflib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from keukentafel import ROOT
from keukentafel.diagnostics import Diagnostic, InvalidInput, ToolFailed
from keukentafel.language.blocks import Block, ChangeSet, Origin, PageChanges, ParagraphChange, ReviewPage, WordOp
from keukentafel.report.statement import dutch_date

TEXT_PATHS = ("content", "data", "municipalities", "mkdocs.yml")
SIMILAR = 0.5  # paragraphs that share at least half their words count as changed, not replaced


def _git(*args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise ToolFailed(f"git kon niet worden uitgevoerd: {e}") from e


def _invalid(message: str, hint: str) -> InvalidInput:
    return InvalidInput([Diagnostic("--since", None, None, message, hint)])


def resolve(ref: str) -> tuple[str, str]:
    """The commit a reference names and its date in Dutch; a Dutch error when there is none."""
    if _git("rev-parse", "--is-inside-work-tree").returncode != 0:
        raise _invalid(
            f"de map {ROOT} is geen git-checkout, dus er is geen eerdere versie om mee te vergelijken",
            "gebruik --since alleen in een kopie die met 'git clone' is gemaakt, of laat --since weg",
        )
    found = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found.returncode != 0:
        raise _invalid(
            f"de versie '{ref}' bestaat niet in deze git-checkout",
            "gebruik een tag, een commit of bijvoorbeeld HEAD~5; 'git log --oneline' toont de versies",
        )
    commit = found.stdout.decode().strip()
    stamp = _git("show", "-s", "--format=%ct", commit).stdout.decode().strip()
    day = datetime.datetime.fromtimestamp(int(stamp), datetime.UTC).date()
    return commit, dutch_date(day)


def _extract(commit: str, target: Path) -> None:
    present = [p for p in TEXT_PATHS if _git("cat-file", "-e", f"{commit}:{p}").returncode == 0]
    archive = _git("archive", "--format=tar", commit, *present)
    if archive.returncode != 0:
        raise ToolFailed(f"git archive faalde: {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")


def _block(data: dict) -> Block:
    origin = Origin(data["origin"]["kind"], tuple(data["origin"]["settings"]))
    return Block(data["kind"], data["html"], data["text"], data["file"], data["line"], origin, data["level"], tuple(data["glossary_terms"]))


def old_pages(slug: str, commit: str, since: str) -> list[ReviewPage]:
    """The gemeente's pages as they were at that commit, read by today's code."""
    with tempfile.TemporaryDirectory(prefix="keukentafel-sinds-") as folder:
        root = Path(folder)
        _extract(commit, root)
        if not (root / "municipalities" / f"{slug}.yml").is_file():
            return []
        env = dict(os.environ, KEUKENTAFEL_ROOT=str(root))
        run = subprocess.run(
            [sys.executable, "-m", "keukentafel.language.page_blocks", slug], cwd=ROOT, env=env, capture_output=True, timeout=300
        )
    try:
        data = json.loads(run.stdout.decode("utf-8"))
    except ValueError as e:
        raise ToolFailed(f"de teksten van {since} konden niet worden gelezen: {run.stderr.decode(errors='replace')[-500:]}") from e
    if "fouten" in data:
        raise _invalid(
            f"de teksten van versie '{since}' passen niet bij deze versie van Keukentafel: " + "; ".join(data["fouten"][:3]),
            "kies een recentere versie om mee te vergelijken",
        )
    return [
        ReviewPage(p["number"], p["title"], p["path"], p["easy"], tuple(_block(b) for b in p["blocks"])) for p in data["paginas"]
    ]


def word_ops(old: str, new: str) -> tuple[WordOp, ...]:
    """The word-level comparison of two paragraphs, as runs of equal, added and removed words."""
    a, b = old.split(), new.split()
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("gelijk", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("eraf", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("erbij", " ".join(b[j1:j2])))
    return tuple(ops)


def _similar(old: str, new: str) -> bool:
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio() >= SIMILAR


def compare_page(old: ReviewPage, new: ReviewPage) -> tuple[ParagraphChange, ...]:
    changes: list[ParagraphChange] = []
    before, after = [b.text for b in old.blocks], [b.text for b in new.blocks]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            if i < i2 and j < j2 and _similar(before[i], after[j]):
                changes.append(ParagraphChange("gewijzigd", new.paragraph_number(j), before[i], after[j], word_ops(before[i], after[j])))
                continue
            if i < i2:
                changes.append(ParagraphChange("weg", old.paragraph_number(i), before[i], ""))
            if j < j2:
                changes.append(ParagraphChange("nieuw", new.paragraph_number(j), "", after[j]))
    return tuple(changes)


def compare(old: list[ReviewPage], new: list[ReviewPage]) -> tuple[PageChanges, ...]:
    """Per page (in today's reading order, then pages that are gone): what changed."""
    old_by_path = {p.path: p for p in old}
    result = []
    for page in new:
        before = old_by_path.get(page.path)
        if before is None:
            paragraphs = tuple(ParagraphChange("nieuw", page.paragraph_number(i), "", b.text) for i, b in enumerate(page.blocks))
            result.append(PageChanges(page.title, page.path, paragraphs, "nieuw"))
            continue
        changes = compare_page(before, page)
        if changes:
            result.append(PageChanges(page.title, page.path, changes))
    new_paths = {p.path for p in new}
    for page in old:
        if page.path not in new_paths:
            paragraphs = tuple(ParagraphChange("weg", page.paragraph_number(i), b.text, "") for i, b in enumerate(page.blocks))
            result.append(PageChanges(page.title, page.path, paragraphs, "weg"))
    return tuple(result)


def changes_since(slug: str, since: str, pages: list[ReviewPage]) -> ChangeSet:
    commit, day = resolve(since)
    return ChangeSet(since, day, compare(old_pages(slug, commit, since), pages))
