#!/usr/bin/env python3
"""Benchmark: building and checking the sites of many gemeenten (342 by default: all of them).

Writes N gemeente configs (real names from benchmarks/gemeenten.csv, fictitious everything else;
benchmarks/gemeente_configs.py) into a temporary copy of the project's texts (KEUKENTAFEL_ROOT),
and measures there, each as a real `python build.py` run:

  (a) the full build of all N with the browser check, and without it (--zonder-toets);
  (b) the naive baseline: one `mkdocs build` process per gemeente, one after the other, on the
      same generated MkDocs configs;
  (c) a rebuild with nothing changed;
  (d) a rebuild after one gemeente's YAML changed;
  (e) a rebuild after one shared content page changed;
  (f) a rebuild after a change in the theme (our style sheet);

and for each the wall time and the peak memory (the RSS of all processes of the run together,
Chromium and Node included). Prints every figure and the ratios; passes or fails nothing.

    .venv/bin/python benchmarks/many_gemeenten.py [--n 342] [--zonder-browser]

--zonder-browser measures only (a) without the check and (b): minutes instead of an hour.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from gemeente_configs import write_configs  # noqa: E402

PYTHON = sys.executable
TEXTS = ("content", "templates", "data")
FILES = ("mkdocs.yml", "toegankelijkheid-uitzonderingen.yml", "package.json", "package-lock.json")


def project_copy(base: Path, n: int) -> Path:
    """The project's texts with N generated gemeenten, for KEUKENTAFEL_ROOT."""
    root = base / "project"
    for name in TEXTS:
        shutil.copytree(ROOT / name, root / name)
    for name in FILES:
        shutil.copyfile(ROOT / name, root / name)
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    write_configs(root / "municipalities", n)
    return root


def tree_memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process and all its descendants together, in bytes.

    RSS counts a page shared by several processes (forked workers, Chromium's processes) once
    per process; PSS divides it among them, so it adds up to what the machine really uses."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="utf-8") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            with open(f"/proc/{p}/smaps_rollup", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return rss, pss


def run(command: list[str], root: Path, quiet: bool = True) -> tuple[float, int, int]:
    """Run a command in the copy; (seconds, peak RSS of its process tree, exit code).
    What the build said about unchanged gemeenten is kept in LAST_SUMMARY."""
    env = {**os.environ, "KEUKENTAFEL_ROOT": str(root), "SOURCE_DATE_EPOCH": "1767225600"}
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE if quiet else None, stderr=subprocess.STDOUT if quiet else None, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            rss, pss = tree_memory(process.pid)
            peak = max(peak, rss)
            PEAK_PSS[0] = max(PEAK_PSS[0], pss)
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.communicate()[0]
    seconds = time.monotonic() - started
    done.set()
    sampler.join()
    if process.returncode not in (0, 1) and output:
        print(output[-2000:])
    LAST_SUMMARY[:] = (output or "").splitlines()
    return seconds, peak, process.returncode


LAST_SUMMARY: list[str] = []
PEAK_PSS = [0]  # the highest PSS of any run


def built_note(code: int) -> str:
    """exit code, how many gemeenten the run built and how many it skipped as unchanged, and how many
    of the built sites' checks went to the browser and how many came from the cache."""
    rows = [m.groups() for m in map(SUMMARY_ROW.match, LAST_SUMMARY) if m]
    built = sum(1 for row in rows if row[-1] == "ja" or row[-1].endswith("(de vorige versie blijft staan)"))
    checks, cached = sum(int(row[2]) for row in rows), sum(int(row[3]) for row in rows)
    skipped = next((line.split(":")[1].split("(")[0].strip() for line in LAST_SUMMARY if line.startswith("Ongewijzigd")), "0 gemeenten")
    return f"exit {code}; {built} gebouwd en gepubliceerd, ongewijzigd: {skipped}; toetsen: {checks - cached} in de browser, {cached} uit de cache"


# "  slug  pages  checks  from cache  problems  exceptions  published" in the build's summary
SUMMARY_ROW = re.compile(r"^  (\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(.+)$")


def naive_baseline(root: Path) -> tuple[float, int]:
    """One `mkdocs build` process per gemeente on the generated configs, one after the other.

    The configs and docs folders are made first (not timed) by the same code our build uses."""
    env = {**os.environ, "KEUKENTAFEL_ROOT": str(root)}
    prepare = (
        "import sys\n"
        "from pathlib import Path\n"
        "from keukentafel.pipeline import load_configs\n"
        "from keukentafel.rendering.render import render_site\n"
        "from keukentafel.site.mkdocs_site import prepare_site\n"
        "from keukentafel.workers import with_statement\n"
        "base = Path(sys.argv[1])\n"
        "for g in load_configs(None)[0]:\n"
        "    prepare_site(g, with_statement(render_site(g), g, None), base / 'werk' / g.slug, base / 'site' / g.slug)\n"
    )
    base = root / "naief"
    subprocess.run([PYTHON, "-c", prepare, str(base)], env=env, check=True, cwd=ROOT)
    configs = sorted((base / "werk").glob("*/mkdocs.yml"))
    started, peak = time.monotonic(), 0
    for config in configs:
        seconds, rss, code = run([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config)], root)
        if code != 0:
            raise SystemExit(f"mkdocs build faalde voor {config}")
        peak = max(peak, rss)
    return time.monotonic() - started, peak


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=342, help="aantal gemeenten (standaard 342)")
    parser.add_argument("--zonder-browser", action="store_true", help="alleen (a) zonder toets en (b)")
    parser.add_argument("--zonder-thema", action="store_true", help="sla (f) over (dat toetst alles opnieuw)")
    args = parser.parse_args()
    build = [PYTHON, str(ROOT / "build.py"), "--stil"]
    rows: list[tuple[str, float, int, str]] = []

    with tempfile.TemporaryDirectory(prefix="kt-bench-") as tmp:
        root = project_copy(Path(tmp), args.n)
        print(f"{args.n} gemeenten in {root}")

        seconds, peak, code = run(build + ["--zonder-toets"], root)
        rows.append(("(a) volledige bouw zonder toets", seconds, peak, f"exit {code}"))
        full = 0.0
        no_check = seconds
        print(*rows[-1], flush=True)
        naive, naive_peak = naive_baseline(root)
        rows.append(("(b) naief: mkdocs build per gemeente", naive, naive_peak, ""))
        print(*rows[-1], flush=True)

        if not args.zonder_browser:
            seconds, peak, code = run(build, root)
            full = seconds
            rows.append(("(a) volledige bouw met toets", seconds, peak, built_note(code) + f"; PSS-piek tot nu {mb(PEAK_PSS[0])}"))
            print(*rows[-1], flush=True)
            seconds, peak, code = run(build, root)
            rows.append(("(c) niets veranderd", seconds, peak, f"{built_note(code)}; {100 * seconds / full:.1f}% van de volledige bouw"))
            print(*rows[-1], flush=True)

            yml = sorted((root / "municipalities").glob("*.yml"))[0]
            yml.write_text(yml.read_text(encoding="utf-8").replace("duur_minuten:", "duur_minuten: 75\n# was:\n#duur_minuten:", 1), encoding="utf-8")
            seconds, peak, code = run(build, root)
            rows.append((f"(d) één YAML veranderd ({yml.stem})", seconds, peak, built_note(code)))
            print(*rows[-1], flush=True)

            page = root / "content" / "contact.md"
            page.write_text(page.read_text(encoding="utf-8") + "\nWij helpen u graag verder.\n", encoding="utf-8")
            seconds, peak, code = run(build, root)
            rows.append(("(e) één gedeelde pagina veranderd (contact.md)", seconds, peak, built_note(code)))
            print(*rows[-1], flush=True)

            if args.zonder_thema:
                return report(rows, args, no_check, naive, full)
            css = root / "templates" / "assets" / "keukentafel.css"
            css.write_text(css.read_text(encoding="utf-8") + "\n/* benchmark: a change in the theme */\n", encoding="utf-8")
            seconds, peak, code = run(build, root)
            rows.append(("(f) thema veranderd (keukentafel.css)", seconds, peak, built_note(code)))
            print(*rows[-1], flush=True)

        return report(rows, args, no_check, naive, full if not args.zonder_browser else 0.0)


def report(rows: list, args: argparse.Namespace, no_check: float, naive: float, full: float) -> int:
    print()
    print(f"{'meting':50} {'tijd':>10} {'piek RSS':>10}  opmerking")
    for name, seconds, peak, note in rows:
        print(f"{name:50} {seconds:9.1f}s {mb(peak):>10}  {note}")
    print()
    print(f"zonder toets t.o.v. naief: {naive / no_check:.2f}x zo snel (doel: minstens 3x)")
    if not args.zonder_browser:
        print(f"met toets, {args.n} gemeenten: {full / 60:.1f} minuten (doel voor 342: hoogstens 30)")
        print(f"per gemeente met toets: {full / args.n:.2f} s; geschat voor 342: {full / args.n * 342 / 60:.1f} minuten")
    print(f"piekgeheugen: {mb(max(r[2] for r in rows))} RSS opgeteld over alle processen (doel: hoogstens 2 GB); PSS: {mb(PEAK_PSS[0])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
