"""`python build.py merge-reports <map> ...`: the reports of several shards (`--shard i/n`) as one.

Each shard's reports/ folder holds a report per gemeente it built (accessibility.json, and
readability.json) and its tool versions (versies.json). Merging copies every gemeente's files into
reports/ and makes index.html and junit.xml from all of them, exactly as one build of every
gemeente would have. A gemeente found in two folders keeps the report of its latest check.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from keukentafel.diagnostics import Diagnostic, InvalidInput
from keukentafel.files import write_atomic
from keukentafel.report.files import READABILITY_FILE, REPORT_FILE, VERSIONS_FILE, index_html, junit_xml, read_json, stored_reports


@dataclass
class Merged:
    gemeenten: int
    with_problems: list[str]  # slugs whose last check found problems or whose input had errors


def merge_reports(folders: list[Path], target: Path) -> Merged:
    """Join the shards' reports into target (which may be one of them)."""
    problems = [
        Diagnostic(str(f), None, None, "dit is geen map met rapporten van Keukentafel", f"verwacht een map met <gemeente>/{REPORT_FILE}, zoals reports/ na 'python build.py --shard 1/4'")
        for f in folders
        if not (f.is_dir() and any(f.glob(f"*/{REPORT_FILE}")))
    ]
    if problems:
        raise InvalidInput(problems)
    chosen: dict[str, tuple[str, Path]] = {}  # slug → (day of check, folder)
    versions: dict[str, str] = {}
    for folder in folders:
        versions = {**versions, **(read_json(folder / VERSIONS_FILE) or {})}
        for report in sorted(folder.glob(f"*/{REPORT_FILE}")):
            data = read_json(report) or {}
            day = data.get("gecontroleerd_op") or ""
            slug = report.parent.name
            if slug not in chosen or day >= chosen[slug][0]:
                chosen[slug] = (day, folder)
    target.mkdir(parents=True, exist_ok=True)
    for slug, (_, folder) in sorted(chosen.items()):
        if folder.resolve() == target.resolve():
            continue
        for name in (REPORT_FILE, READABILITY_FILE):
            source, copy = folder / slug / name, target / slug / name
            if source.is_file():
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, copy)
            else:
                copy.unlink(missing_ok=True)
    gemeenten = stored_reports(target)
    write_atomic(target / VERSIONS_FILE, json.dumps(versions, indent=1, sort_keys=True).encode("utf-8"))
    write_atomic(target / "junit.xml", junit_xml(gemeenten))
    write_atomic(target / "index.html", index_html(gemeenten, versions).encode("utf-8"))
    with_problems = [g["gemeente"] for g in gemeenten if g["invoerfouten"] or not g["gepubliceerd"]]
    return Merged(len(gemeenten), with_problems)
