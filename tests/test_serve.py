"""`python build.py serve <slug>` previews a gemeente, renders again when a file changes, and survives mistakes.

Real serve processes on a copy of the project's texts (KEUKENTAFEL_ROOT), polled over HTTP: a broken
file shows the Dutch error in the terminal and, at every address, in the browser; saving the file
without the mistake brings the site back by itself; a taken port gives a Dutch message.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from keukentafel.config.contrast import contrast_ratio
from keukentafel.diagnostics import Diagnostic
from keukentafel.preview.error_page import STYLE, error_page

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ("content", "data", "municipalities", "templates", "mkdocs.yml")
SLUG = "sint-menadorp"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.read().decode("utf-8")


class Page(HTMLParser):
    """What a reader gets from a page: its language, headings, scripts, and per <dl> its dt/dd pairs."""

    def __init__(self, html: str):
        super().__init__()
        self.lang, self.h1, self.h2, self.lists, self.scripts = None, [], [], [], []
        self._in, self._term = None, None
        self.feed(html)

    @property
    def terms(self) -> dict[str, str]:
        """The first problem's description."""
        return self.lists[0]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "script":
            self.scripts.append(attrs)
        if tag == "dl":
            self.lists.append({})
        if tag in ("h1", "h2", "dt", "dd"):
            self._in = tag
            if tag in ("h1", "h2"):
                getattr(self, tag).append("")
            if tag == "dd":
                self.lists[-1][self._term] = ""

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in in ("h1", "h2"):
            getattr(self, self._in)[-1] += data
        elif self._in == "dt":
            self._term = data
        elif self._in == "dd":
            self.lists[-1][self._term] += data


def copy_texts(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in TEXTS:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copyfile)(ROOT / name, target / name)
    return target


class Preview:
    """A serve process on a copy of the texts; its terminal output goes to a file to read along."""

    def __init__(self, root: Path, port: int):
        self.root, self.port = root, port
        self.config = root / "municipalities" / f"{SLUG}.yml"
        self.original = self.config.read_bytes()
        self.log = root / "terminal.txt"
        env = dict(os.environ, KEUKENTAFEL_ROOT=str(root))
        with self.log.open("w") as out:
            command = [sys.executable, str(ROOT / "build.py"), "serve", SLUG, "--poort", str(port)]
            self.proc = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def terminal(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for(self, path: str, condition: Callable[[str], bool], timeout: float = 90) -> str:
        deadline = time.time() + timeout
        while True:
            assert self.proc.poll() is None, f"serve stopped:\n{self.terminal()}"
            try:
                html = fetch(self.url(path))
                if condition(html):
                    return html
            except OSError:
                pass
            assert time.time() < deadline, f"{path} did not change as expected; terminal:\n{self.terminal()}"
            time.sleep(0.3)

    def wait_for_site(self, path: str = "/gesprek/") -> str:
        """The page itself (not the error page, nor a 'not found' served while a build runs)."""
        return self.wait_for(path, lambda html: "Sint-Ménadorp" in html and "keukentafel-herladen.js" in html and "De voorbeeldweergave " not in html)

    def wait_for_error(self, path: str = "/gesprek/") -> Page:
        return Page(self.wait_for(path, lambda html: "De voorbeeldweergave " in html))

    def write(self, text: str | bytes) -> None:
        self.config.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))

    def replace(self, old: str, new: str) -> None:
        text = self.original.decode("utf-8")
        assert old in text
        self.write(text.replace(old, new))

    def restore(self) -> None:
        if self.config.read_bytes() != self.original:
            self.write(self.original)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    running = Preview(copy_texts(tmp_path_factory.mktemp("serve") / "project"), free_port())
    try:
        first = running.wait_for("/gesprek/", lambda html: "keukentafel-herladen.js" in html)  # the site or its error page
        assert "De voorbeeldweergave " not in first, f"the examples do not build:\n{running.terminal()}"
        yield running
    finally:
        running.stop()


@pytest.fixture
def site(preview):
    """The running preview, showing the site; each test leaves it so."""
    yield preview
    preview.restore()
    preview.wait_for_site()


def line_of(preview: Preview, text: str) -> str:
    return str(preview.original.decode("utf-8").splitlines().index(text) + 1)


def epoch_of(html: str) -> int:
    """The version the page was built from, as its reload script polls for a newer one."""
    (script,) = [s for s in Page(html).scripts if s.get("src") == "/keukentafel-herladen.js"]
    return int(script["data-epoch"])


def test_serve_shows_the_site_and_picks_up_changes(site):
    page = site.root / "content" / "gesprek.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\nDeze zin is net toegevoegd.\n", encoding="utf-8")
    try:
        site.wait_for("/gesprek/", lambda html: "net toegevoegd" in html)
    finally:
        page.write_text(original, encoding="utf-8")


def test_invalid_yaml_shows_the_dutch_error_in_terminal_and_browser_and_recovers(site):
    before = epoch_of(site.wait_for_site())
    site.replace("  duur_minuten: 45", "  duur_minuten: 45: 50")
    line = line_of(site, "  duur_minuten: 45")
    page = site.wait_for_error()
    assert page.lang == "nl" and page.h1 == ["De voorbeeldweergave wacht op een verbetering"]
    assert page.h2 == [f"Fout 1: municipalities/{SLUG}.yml, regel {line}"]
    assert page.terms["Bestand"] == f"municipalities/{SLUG}.yml" and page.terms["Regel"] == line
    assert page.terms["Wat er mis is"].startswith("geen geldige YAML")
    assert page.terms[f"Regel {line} in het bestand"] == "  duur_minuten: 45: 50"
    # Every address of the site shows it, also one that does not exist.
    assert "De voorbeeldweergave wacht" in fetch(site.url("/bestaat-niet/")) and "De voorbeeldweergave wacht" in fetch(site.url("/"))
    assert f"municipalities/{SLUG}.yml:" in site.terminal() and "geen geldige YAML" in site.terminal()
    assert "Traceback" not in site.terminal()
    error_epoch = epoch_of(fetch(site.url("/gesprek/")))
    assert error_epoch > before, "a browser on the site reloads to the error page"

    site.restore()
    html = site.wait_for_site()
    assert epoch_of(html) > error_epoch
    # What the reload script asks: the server answers at once that there is a newer version.
    assert int(fetch(site.url(f"/livereload/{error_epoch}/1"))) > error_epoch
    assert "voorbeeldweergave: de fout is verbeterd; de browser toont de site weer" in site.terminal()


def test_a_browser_on_the_page_reloads_to_the_error_and_back_by_itself(site):
    """In Chromium, under the pages' Content-Security-Policy: nobody presses reload."""
    from playwright.sync_api import sync_playwright

    from keukentafel.gate.browser import LAUNCH_ARGS, find_chromium

    def title_becomes(page, wanted: Callable[[str], bool]) -> str:
        deadline = time.time() + 60
        while not wanted(page.title()):
            assert time.time() < deadline, page.title()
            time.sleep(0.2)
        return page.title()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            blocked = []
            page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(site.url("/gesprek/"))
            title = page.title()
            site.replace("duur_minuten: 45", "duur_minuten: veel")
            assert title_becomes(page, lambda t: t.startswith("Fout in")) == f"Fout in municipalities/{SLUG}.yml - voorbeeldweergave"
            assert page.locator("h1").inner_text() == "De voorbeeldweergave wacht op een verbetering"
            site.restore()
            title_becomes(page, lambda t: t == title)
            assert blocked == []
        finally:
            browser.close()


def test_a_wrong_value_shows_expected_and_found(site):
    site.replace("duur_minuten: 45", "duur_minuten: een uurtje")
    page = site.wait_for_error()
    assert page.terms["Sleutel"] == "gesprek.duur_minuten"
    assert page.terms["Verwacht"] == "een heel getal" and page.terms["Gevonden"] == '"een uurtje"'
    assert page.terms["Regel"] == line_of(site, "  duur_minuten: 45")


def test_a_value_full_of_html_is_shown_as_text(site):
    site.replace("duur_minuten: 45", 'duur_minuten: "<script>alert(1)</script><b onclick=x()>"')
    html = site.wait_for("/gesprek/", lambda h: "De voorbeeldweergave " in h)
    page = Page(html)
    assert [s.get("src") for s in page.scripts] == ["/keukentafel-herladen.js"]
    assert "<script>alert(1)</script>" in page.terms["Gevonden"]
    assert "<b onclick" not in html


def test_a_file_saved_as_windows_1252_is_named_and_the_preview_keeps_watching(site):
    site.write(site.original.replace("naam: Sint-Ménadorp".encode(), "naam: Sint-Ménadorp".encode("cp1252")))
    page = site.wait_for_error()
    assert "UTF-8" in page.terms["Wat er mis is"] and page.terms["Regel"] == line_of(site, "naam: Sint-Ménadorp")
    assert "Traceback" not in site.terminal()


def test_an_unexpected_error_is_shown_logged_and_survived(site):
    """A mistake in a theme template is not the gemeente's input: the preview names a log file
    with the details, and keeps watching."""
    template = site.root / "templates" / "overrides" / "404.html"
    kept = template.read_bytes()
    template.write_bytes(kept + b"{% if %}\n")
    try:
        page = site.wait_for_error()
        assert page.h1 == ["De voorbeeldweergave kon de site niet maken"]
        (log,) = (site.root / ".build" / "fouten").glob("fout-*.log")
        assert f".build/fouten/{log.name}" in site.terminal() and "TemplateSyntaxError" in log.read_text(encoding="utf-8")
        assert "Traceback" not in site.terminal()
    finally:
        template.write_bytes(kept)


def test_an_invalid_file_at_the_start_shows_the_error_and_waits_for_the_fix(tmp_path):
    root = copy_texts(tmp_path / "project")
    config = root / "municipalities" / f"{SLUG}.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace("duur_minuten: 45", "duur_minuten: -5"), encoding="utf-8")
    running = Preview(root, free_port())
    running.original = original.encode("utf-8")
    try:
        page = running.wait_for_error("/")
        assert page.terms["Sleutel"] == "gesprek.duur_minuten"
        running.restore()
        running.wait_for_site()
    finally:
        running.stop()


def run_serve(slug: str, port: int) -> subprocess.CompletedProcess:
    """A serve that is expected to stop at once."""
    return subprocess.run([sys.executable, "build.py", "serve", slug, "--poort", str(port)], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_a_taken_port_gives_a_dutch_message_and_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = run_serve(SLUG, port)
    assert proc.returncode == 2 and proc.stdout == ""
    match = re.fullmatch(
        rf"Gestopt: poort {port} is al in gebruik, misschien door een andere voorbeeldweergave\.\n"
        rf"    tip: kies een andere poort: python build.py serve {SLUG} --poort (\d+)\n",
        proc.stderr,
    )
    assert match, proc.stderr
    assert int(match.group(1)) > port


def test_an_unknown_gemeente_is_an_input_error_not_a_wait():
    proc = run_serve("bestaat-niet", free_port())
    assert proc.returncode == 2 and "municipalities/bestaat-niet.yml: bestand bestaat niet" in proc.stderr


# --- the error page itself, without a server ---------------------------------------------------


def test_error_page_reads_well_without_script(tmp_path):
    config = tmp_path / "x.yml"
    config.write_text("naam: X\ncontact:\n  telefoon: abc\n", encoding="utf-8")
    problems = [
        Diagnostic(str(config), 3, "contact.telefoon", 'verwacht een telefoonnummer zoals "0123 45 67 89", gevonden "abc"', "zoals 0123 45 67 89", column=13),
        Diagnostic(str(config), None, None, "het bestand is niet opgeslagen als UTF-8", None),
        Diagnostic(str(config), 1, "naam", "een harde spatie vervangen door een gewone", None, severity="waarschuwing"),
    ]
    html = error_page(problems)
    page = Page(html)
    assert page.lang == "nl" and len(page.h1) == 1 and page.scripts == []
    assert "er staan 2 fouten in 1 bestand (en 1 waarschuwing)" in html
    assert page.h2 == [f"Fout 1: {config}, regel 3", f"Fout 2: {config}", f"Waarschuwing 1: {config}, regel 1"]
    assert page.lists[0] == {
        "Bestand": str(config),
        "Regel": "3",
        "Kolom": "13",
        "Sleutel": "contact.telefoon",
        "Verwacht": 'een telefoonnummer zoals "0123 45 67 89"',
        "Gevonden": '"abc"',
        "Tip": "zoals 0123 45 67 89",
        "Regel 3 in het bestand": "  telefoon: abc",
    }
    assert page.lists[1] == {"Bestand": str(config), "Wat er mis is": "het bestand is niet opgeslagen als UTF-8"}
    assert page.lists[2]["Wat er mis is"] == "een harde spatie vervangen door een gewone"


def test_error_page_colours_are_far_above_aa():
    pairs = re.findall(r"background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6})", STYLE)
    assert len(pairs) == 2  # the page, and code
    for background, text in pairs:
        assert contrast_ratio(text, background) >= 7, (text, background)
    assert contrast_ratio("#a4001d", "#ffffff") >= 3  # the red bar beside the heading


def test_an_error_while_answering_the_browser_goes_to_a_log_not_the_terminal(tmp_path, monkeypatch, capsys):
    from keukentafel import crash_log
    from keukentafel.preview import serve

    monkeypatch.setattr(crash_log, "LOG_DIR", tmp_path / "fouten")
    server = serve.PreviewServer(serve.Preview(tmp_path / f"{SLUG}.yml", tmp_path / "werk"), free_port())
    try:
        try:
            raise ConnectionError("de browser viel weg")
        except ConnectionError:
            server.handle_error(None, ("127.0.0.1", 1))
    finally:
        server.server_close()
    (log,) = (tmp_path / "fouten").glob("fout-*.log")
    assert capsys.readouterr().err == f"voorbeeldweergave: er ging iets mis dat niet door uw bestanden komt; de details staan in {log}\n"
    assert "ConnectionError: de browser viel weg" in log.read_text(encoding="utf-8")
