"""Atomic publishing: site/<slug> is at every instant the complete old or the complete new site.

The unit tests swap small trees; the last test kills real builds with SIGKILL at 20 moments.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_examples, examples_with_extra_page
from keukentafel.publish import folders as publish
from keukentafel.files import write_atomic
from keukentafel.publish.folders import OLD_PREFIX, STAGING_PREFIX, clean_leftovers, previous_versions, publish_site, staging_area

SLUG = "sint-menadorp"


def manifest(root: Path) -> dict[str, str]:
    """Every file below root (following the path as a web server does) with the hash of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def make_tree(root: Path, version: str, pages: list[str]) -> Path:
    for page in pages:
        path = root / page / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<h1>{page or 'start'}</h1><p>versie {version}</p>\n" * 50, encoding="utf-8")
    (root / "assets").mkdir(exist_ok=True)
    (root / "assets" / "site.css").write_text(f"/* versie {version} */\n", encoding="utf-8")
    return root


@pytest.fixture
def versions(tmp_path) -> dict[str, Path]:
    """Two versions of one site that differ in content and in their list of files."""
    return {
        "oud": make_tree(tmp_path / "bron-oud", "oud", ["", "gesprek", "contact"]),
        "nieuw": make_tree(tmp_path / "bron-nieuw", "nieuw", ["", "gesprek", "contact", "extra"]),
    }


def stage(source: Path, output: Path, staging: Path) -> Path:
    staged = staging / SLUG
    shutil.copytree(source, staged)
    return staged


def test_publish_swaps_the_whole_site_and_keeps_only_the_previous_version(tmp_path, versions):
    output = tmp_path / "uit" / "site"
    for version in ("oud", "nieuw", "oud"):
        with staging_area(output) as staging:
            publish_site(stage(versions[version], output, staging), SLUG, output)
            assert manifest(output / SLUG) == manifest(versions[version])
            assert not (staging / SLUG).exists()
    assert manifest(previous_versions(output) / SLUG) == manifest(versions["nieuw"]), "the site it replaced stays until the next publish"
    assert sorted(p.name for p in output.parent.iterdir()) == [".site-vorige", "site"], "no staging folder is left"
    assert sorted(p.name for p in output.iterdir()) == [SLUG], "site/ holds only what is live"
    assert sorted(p.name for p in previous_versions(output).iterdir()) == [SLUG], "one previous version, no more"
    assert not (output / SLUG).is_symlink(), "site/<slug> stays a plain folder that staff upload as it is"


def read_while_publishing(output: Path, versions: dict[str, Path], publish_one) -> tuple[list[str], dict[str, int]]:
    """A thread reads site/<slug> by its path, as a web server answers requests, while the site is
    published 120 times, alternately old and new. Between two publishes the reader finishes at least
    one full round (a real build takes seconds, far longer than a request). Returns what it found wrong
    and how often it saw each version."""
    expected = {name: manifest(tree) for name, tree in versions.items()}
    listings = {tuple(sorted(os.listdir(tree))) for tree in versions.values()}
    publish_one(versions["oud"])
    stop, seen, problems, rounds = threading.Event(), {"oud": 0, "nieuw": 0}, [], [0]

    def read() -> None:
        while not stop.is_set():
            rounds[0] += 1
            try:
                listing = tuple(sorted(os.listdir(output / SLUG)))
                start = hashlib.sha256((output / SLUG / "index.html").read_bytes()).hexdigest()
                css = hashlib.sha256((output / SLUG / "assets" / "site.css").read_bytes()).hexdigest()
            except OSError as e:
                problems.append(f"niet te lezen: {e}")
                continue
            if listing not in listings:
                problems.append(f"een lijst die bij geen versie hoort: {listing}")
            for name, files in expected.items():
                if files["index.html"] == start:
                    seen[name] += 1
                    break
            else:
                problems.append("een startpagina die bij geen versie hoort")
            if css not in {files["assets/site.css"] for files in expected.values()}:
                problems.append("een stylesheet die bij geen versie hoort")

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for round in range(120):
            publish_one(versions["nieuw" if round % 2 == 0 else "oud"])
            begun = rounds[0]
            while rounds[0] < begun + 2 and reader.is_alive():
                time.sleep(0.0005)
    finally:
        stop.set()
        reader.join()
    return problems, seen


def test_a_reader_never_sees_a_mix_during_repeated_publishes(tmp_path, versions):
    output = tmp_path / "site"

    def publish_one(source: Path) -> None:
        with staging_area(output) as staging:
            publish_site(stage(source, output, staging), SLUG, output)

    problems, seen = read_while_publishing(output, versions, publish_one)
    assert problems == []
    assert seen["oud"] > 10 and seen["nieuw"] > 10, seen
    assert manifest(output / SLUG) == manifest(versions["oud"])


def test_the_reader_does_notice_a_site_replaced_file_by_file(tmp_path, versions):
    """The control: the same reader, while the site is removed and copied in place, does see the mix."""
    output = tmp_path / "site"

    def publish_one(source: Path) -> None:
        shutil.rmtree(output / SLUG, ignore_errors=True)
        shutil.copytree(source, output / SLUG)

    problems, _ = read_while_publishing(output, versions, publish_one)
    assert problems


def test_without_an_atomic_exchange_the_old_site_moves_aside_first(tmp_path, versions, monkeypatch):
    """Another system or a network file system: rename away, rename in; a kill in between is repaired."""
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    output = tmp_path / "site"
    with staging_area(output) as staging:
        publish_site(stage(versions["oud"], output, staging), SLUG, output)
    with staging_area(output) as staging:
        publish_site(stage(versions["nieuw"], output, staging), SLUG, output)
    assert manifest(output / SLUG) == manifest(versions["nieuw"])
    assert manifest(previous_versions(output) / SLUG) == manifest(versions["oud"])
    assert sorted(os.listdir(output)) == [SLUG]

    # Killed between the two renames: only site/.oud-<slug> is there. The next build puts it back.
    os.rename(output / SLUG, output / f"{OLD_PREFIX}{SLUG}")
    clean_leftovers(output)
    assert manifest(output / SLUG) == manifest(versions["nieuw"])
    assert sorted(os.listdir(output)) == [SLUG]

    # Killed after the second rename: the old site is only removed.
    shutil.copytree(versions["oud"], output / f"{OLD_PREFIX}{SLUG}")
    clean_leftovers(output)
    assert manifest(output / SLUG) == manifest(versions["nieuw"])
    assert sorted(os.listdir(output)) == [SLUG]


def test_clean_up_removes_abandoned_staging_folders_but_not_one_in_use(tmp_path):
    output = tmp_path / "site"
    output.mkdir()
    abandoned = tmp_path / f"{STAGING_PREFIX}afgebroken"
    (abandoned / SLUG).mkdir(parents=True)
    (abandoned / SLUG / "index.html").write_text("half", encoding="utf-8")
    with staging_area(output) as in_use:
        (in_use / "bezig.txt").write_text("een andere bouw is hier bezig", encoding="utf-8")
        clean_leftovers(output)
        assert not abandoned.exists()
        assert (in_use / "bezig.txt").is_file(), "a running build's staging folder is left alone"
    assert not in_use.exists()


def test_write_atomic_replaces_in_one_step_and_clears_temporary_files_of_dead_writers(tmp_path):
    target = tmp_path / "toetscache.json"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    stale = tmp_path / f".toetscache.json.{dead.stdout.strip()}.tmp"
    stale.write_text('{"half', encoding="utf-8")
    write_atomic(target, b'{"pages": {}}')
    assert target.read_bytes() == b'{"pages": {}}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["toetscache.json"]


# --- a real build, killed with SIGKILL at 20 moments ------------------------------------------------

DRIVER = r'''
"""One real build of sint-menadorp. Each step of publish.py that changes a file or folder is
announced on stdout, numbered, before and after it; at the step numbered argv[5] the build waits
until the test kills it."""
import os, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from keukentafel import pipeline
from keukentafel.gate import check
from keukentafel.publish import folders as publish

class NoBrowser:
    def __init__(self, *args, **kwargs):
        raise SystemExit("a page is not in the gate cache; this test starts no browser")

check.BrowserSession = NoBrowser
stop_at, steps = int(sys.argv[5]), []

def announce(text):
    steps.append(text)
    print(len(steps), text, flush=True)
    if len(steps) == stop_at:
        time.sleep(3600)

def announced(name, function):
    def step(*args, **kwargs):
        announce("voor " + name)
        result = function(*args, **kwargs)
        announce("na " + name)
        return result
    return step

class Os:
    def __getattr__(self, name):
        return getattr(os, name)

publish.os = Os()
publish.os.rename = announced("rename", os.rename)
publish.os.replace = announced("replace", os.replace)
publish._exchange = announced("wissel", publish._exchange)
publish._remove = announced("verwijder", publish._remove)
output, municipalities, work = map(Path, sys.argv[2:5])
result = pipeline.build(["sint-menadorp"], output=output, municipalities=municipalities, work=work)
print("klaar", result.passed, flush=True)
'''
TOOLS = {"pa11y": "0-test", "axe-core": "0-test", "html_codesniffer": "0-test", "chromium": "geen (nagebootst in deze test)"}


class PassingBrowser:
    """Stands in for Chromium (gate.browser.BrowserSession) while the test fills the gate cache: every page passes."""

    def __init__(self, *args, **kwargs):
        self.versions = dict(TOOLS)
        self.waiting: list = []
        self.outstanding = 0

    def add(self, target) -> None:
        from keukentafel.gate.browser import PageResult

        self.waiting += [PageResult(target.shown(path)) for path in target.paths]

    def done(self, wait: bool = False, timeout: float | None = None) -> list:
        finished, self.waiting = self.waiting, []
        return finished

    def close(self) -> None:
        pass

    def __exit__(self, *exc) -> None:
        pass


@pytest.fixture
def processes():
    """Builds the test starts; any still running when the test ends (a failure) are killed."""
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_site(tmp_path, monkeypatch, processes):
    """20 real builds (real MkDocs, real publishing), killed at increasing moments and at every publishing step.

    The gate cache is filled first (every page "passed" a stand-in browser), so these builds check
    every page against the cache and start no browser; the driver fails if one would.
    """
    from keukentafel.gate import check
    from keukentafel.pipeline import build

    monkeypatch.setenv("KEUKENTAFEL_TOETSDATUM_EPOCH", "1772323200")  # 1 maart 2026: the same statement all day long
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    output = tmp_path / "site"
    sources = {
        "oud": copy_examples(tmp_path / "gemeenten-oud"),
        "nieuw": examples_with_extra_page(tmp_path / "gemeenten-nieuw", "nieuw.md", "Nieuw", "# Nieuw\n\nEen pagina die alleen de nieuwe versie heeft.\n"),
    }
    work = {name: tmp_path / f"werk-{name}" for name in sources}
    manifests = {}
    with monkeypatch.context() as m:
        m.setattr(check, "BrowserSession", PassingBrowser)
        for name in ("oud", "nieuw"):
            assert build([SLUG], output=output, municipalities=sources[name], work=work[name]).passed
            manifests[name] = manifest(output / SLUG)
    overview = (output / "index.html").read_bytes()
    assert "extra/nieuw/index.html" in manifests["nieuw"] and "extra/nieuw/index.html" not in manifests["oud"]
    current = "nieuw"

    def start(name: str, stop_at: int = 0) -> subprocess.Popen:
        """A build in its own process; what it writes to stderr goes to a file, so no pipe fills up."""
        command = [sys.executable, "-c", DRIVER, str(ROOT), str(output), str(sources[name]), str(work[name]), str(stop_at)]
        with open(tmp_path / f"bouw-{len(processes)}.log", "w", encoding="utf-8") as log:
            processes.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True))
        return processes[-1]

    def log() -> str:
        return (tmp_path / f"bouw-{len(processes) - 1}.log").read_text(encoding="utf-8")

    def other(name: str) -> str:
        return "oud" if name == "nieuw" else "nieuw"

    def published() -> str:
        found = manifest(output / SLUG)
        assert found in manifests.values(), "site/<slug> is neither the complete old nor the complete new site"
        assert (output / "index.html").read_bytes() == overview
        assert sorted(os.listdir(output)) == ["index.html", SLUG]
        return "oud" if found == manifests["oud"] else "nieuw"

    # A build that is not killed: how long it takes, and the publishing steps it announces.
    began = time.monotonic()
    reference = start(other(current))
    out, _ = reference.communicate(timeout=300)
    duration = time.monotonic() - began
    assert reference.returncode == 0 and out.endswith("klaar True\n"), out + log()
    current = published()
    steps = [line.split(" ", 1)[1] for line in out.splitlines()[:-1]]
    first = steps.index("voor wissel")
    publishing = list(enumerate(steps[first:], first + 1))  # (number, step)
    assert [step for _, step in publishing] == ["voor wissel", "na wissel", "voor verwijder", "na verwijder", "voor rename", "na rename", "voor replace", "na replace"]

    kills = [("na", duration * (i + 0.5) / 12) for i in range(12)] + [("bij", step) for step in publishing]
    assert len(kills) == 20
    outcomes, leftovers = [], 0
    for kind, moment in kills:
        old, new = current, other(current)
        if kind == "na":
            build_run = start(new)
            try:
                build_run.wait(timeout=moment)
            except subprocess.TimeoutExpired:
                build_run.send_signal(signal.SIGKILL)
        else:
            number, step = moment
            build_run = start(new, stop_at=number)
            for line in build_run.stdout:
                if line.startswith(f"{number} "):  # the build now waits at this step
                    build_run.send_signal(signal.SIGKILL)
                    assert line.strip() == f"{number} {step}", "every build takes the same steps"
                    break
            else:
                pytest.fail(f"the build ended before step {number} ({step}): {log()}")
        build_run.communicate(timeout=300)
        assert build_run.returncode in (0, -signal.SIGKILL), log()
        current = published()
        if kind == "bij":
            assert current == (old if moment[1] == "voor wissel" else new), f"killed at step {moment}"
        outcomes.append(current == new)
        leftovers += len(list(tmp_path.glob(f"{STAGING_PREFIX}*")))
    assert True in outcomes and False in outcomes
    assert leftovers > 0, "some kills left a staging folder for the next build to clean up"

    # The next build cleans up whatever the kills left behind.
    final = start(other(current))
    out, _ = final.communicate(timeout=300)
    assert final.returncode == 0, out + log()
    assert published() == other(current)
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))
    assert sorted(os.listdir(previous_versions(output))) == [SLUG]
    assert not [p for name in work for p in work[name].rglob("*.tmp")]
