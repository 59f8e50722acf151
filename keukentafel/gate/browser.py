"""Stage 4: the accessibility gate in the browser.

Serves the built sites over HTTP on loopback (as a web server would, so their scripts run) and
runs check-pages.js (beside this module): pa11y with both runners (axe, htmlcs), WCAG2AA, in one Debian Chromium.
run_browser_checks() is the only function that touches subprocess; parse_line() is pure.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from keukentafel import ROOT
from keukentafel.diagnostics import ToolFailed

CHECK_SCRIPT = Path(__file__).resolve().parent / "check-pages.js"  # beside this module
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# Without the background-networking flags Chromium tries to reach Google's servers.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Several tabs work at once; none may be slowed down as a "background" tab.
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]


@dataclass(frozen=True)
class Finding:
    page: str  # URL path, e.g. /sint-menadorp/gesprek/
    runner: str  # axe, htmlcs, or keukentafel for our own browser checks
    code: str
    criterion: str
    message: str
    selector: str = ""
    context: str = ""
    in_article: bool = False  # the element came from the page's Markdown, not from the theme
    region: str = ""  # the theme part it sits in, e.g. ".md-header"
    element_text: str = ""
    element_href: str = ""
    source: str = ""  # file (and line) an editor changes: content/x.md:12, a template, ...


@dataclass
class PageResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the page could not be tested (counts as failed)
    cached: bool = False  # unchanged since it last passed, so not checked again
    ignored: list = field(default_factory=list)  # (Finding, GateException) pairs set aside by a written exception
    # Per Tab walk: width, stops (elements Tab visits), measured (stops judged anew, not by shape)
    # and keys (Tab keys sent; 0 when every stop's shape was judged on an earlier page).
    tab_walks: list[dict] = field(default_factory=list)


@dataclass
class GateRun:
    pages: list[PageResult]
    versions: dict[str, str]


def find_chromium() -> str:
    configured = os.environ.get("KEUKENTAFEL_CHROMIUM")
    for candidate in ([configured] if configured else []) + list(CHROMIUM_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return candidate
    raise ToolFailed("Chromium niet gevonden in /usr/bin/chromium; installeer het met 'make setup' (apt-get install chromium)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: one connection serves a page and its assets

    def end_headers(self) -> None:
        # Every run serves its folder on a new port, and nothing in it changes while it runs: so
        # Chromium may keep what it fetched (the theme's CSS, scripts and fonts, asked for by every
        # page) for the whole run instead of asking again for each page.
        self.send_header("Cache-Control", "max-age=86400, immutable")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature from the base class
        pass


def start_server(directory: Path) -> http.server.ThreadingHTTPServer:
    """Serve directory on 127.0.0.1 on a free port, in a thread of its own."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def origin_of(server: http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def stop_servers(servers: list[http.server.ThreadingHTTPServer]) -> None:
    """Stop them all at once: each shutdown waits up to half a second for its loop to notice, so
    one after another took three minutes for the 343 sites of all gemeenten."""
    stopping = [threading.Thread(target=server.shutdown, daemon=True) for server in servers]
    for thread in stopping:
        thread.start()
    for thread in stopping:
        thread.join()
    for server in servers:
        server.server_close()


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve directory on 127.0.0.1 on a free port; yields the origin."""
    server = start_server(directory)
    try:
        yield origin_of(server)
    finally:
        stop_servers([server])


# --- parsing (pure) ---------------------------------------------------------------------

AXE_CRITERIA = {
    "color-contrast": "1.4.3",
    "image-alt": "1.1.1",
    "link-name": "2.4.4",
    "link-in-text-block": "1.4.1",
    "heading-order": "1.3.1",
    "empty-heading": "1.3.1",
    "label": "1.3.1",
    "th-has-data-cells": "1.3.1",
    "td-headers-attr": "1.3.1",
    "html-has-lang": "3.1.1",
    "document-title": "2.4.2",
    "aria-dialog-name": "4.1.2",
    "button-name": "4.1.2",
    "region": "1.3.1",
    "landmark-one-main": "1.3.1",
    "page-has-heading-one": "1.3.1",
    "duplicate-id": "4.1.1",
    "list": "1.3.1",
    "listitem": "1.3.1",
    "nested-interactive": "4.1.2",
    "scrollable-region-focusable": "2.1.1",
}


def criterion_for(runner: str, code: str) -> str:
    """WCAG success criterion of a finding, e.g. '1.4.3'; '' when the rule has none."""
    if runner == "htmlcs":
        m = re.search(r"Guideline\d+_\d+\.(\d+)_(\d+)_(\d+)", code)
        return ".".join(m.groups()) if m else ""
    return AXE_CRITERIA.get(code, "")


def parse_page(record: dict) -> PageResult:
    """One JSON record from check-pages.js → a PageResult with our own browser findings added."""
    path = record["id"]
    result = PageResult(path, error=record.get("error"))
    result.tab_walks = [{k: walk.get(k, 0) for k in ("width", "stops", "measured", "keys")} for walk in (record.get("keyboard") or {}).get("walks") or []]
    elements = record.get("elements") or {}
    for issue in record.get("issues", []):
        if issue.get("type") != "error":
            continue
        runner = issue.get("runner", "")
        code = issue.get("code", "")
        selector = issue.get("selector", "")
        element = elements.get(selector, {})
        result.findings.append(
            Finding(
                path,
                runner,
                code,
                criterion_for(runner, code),
                issue.get("message", "").strip(),
                selector,
                (issue.get("context") or "")[:300],
                bool(element.get("inArticle")),
                element.get("region", ""),
                element.get("text", ""),
                element.get("href", ""),
            )
        )
    for url in record.get("requests", []):
        result.findings.append(Finding(path, "keukentafel", "extern-verzoek", "", f"de pagina laadt iets van een andere host: {url}", "", url))
    reflow = record.get("reflow") or {}
    if reflow.get("overflow", 0) > 1:
        result.findings.append(
            Finding(path, "keukentafel", "reflow-320", "1.4.10", f"bij 320 px breed schuift de pagina {reflow['overflow']} px opzij (breedste element: {reflow.get('widest')})", reflow.get("widest") or "")
        )
    for clipped in (record.get("zoom") or {}).get("clipped", []):
        result.findings.append(Finding(path, "keukentafel", "tekst-200-procent", "1.4.4", f"bij 200% tekstgrootte valt tekst weg: {clipped}"))
    result.findings += keyboard_findings(path, record.get("keyboard"), KEYBOARD["minFocusContrast"])
    if "csp" in record and not result.error:
        result.findings += csp_findings(path, record["csp"])
    return result


# --- Content-Security-Policy (pure) ---------------------------------------------------------------

# Where the site pages get their policy (keukentafel/site/mkdocs_site.py writes it into the generated config).
CSP_TEMPLATE = "templates/overrides/base.html"
# Sources that let any script run: inline code, code from text, or scripts from any host.
LOOSE_SCRIPT_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:", "data:", "blob:")


def parse_policy(policy: str) -> dict[str, list[str]]:
    """'default-src 'self'; img-src data:' → {'default-src': ["'self'"], 'img-src': ['data:']} (first one wins)."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words and words[0].lower() not in directives:
            directives[words[0].lower()] = [w.lower() if not w.startswith("'sha") else w for w in words[1:]]
    return directives


def csp_weaknesses(policies: list[str]) -> list[str]:
    """Why the page's policies (all of them are enforced) do not keep scripts and plug-ins in check."""
    parsed = [parse_policy(p) for p in policies]

    def effective(d: dict[str, list[str]], name: str) -> list[str] | None:
        return d.get(name, d.get("default-src"))

    reasons = []
    scripts = [effective(d, "script-src") for d in parsed]
    if not any(s is not None and not set(s) & set(LOOSE_SCRIPT_SOURCES) for s in scripts):
        loose = sorted({w for s in scripts if s for w in s if w in LOOSE_SCRIPT_SOURCES})
        reasons.append("script-src (of default-src) " + ("staat " + " ".join(loose) + " toe" if loose else "ontbreekt"))
    if not any(effective(d, "object-src") == ["'none'"] for d in parsed):
        reasons.append("object-src is niet 'none'")
    if not any("base-uri" in d for d in parsed):
        reasons.append("base-uri ontbreekt")
    return reasons


def _blocked_what(violation: dict) -> str:
    blocked, directive = violation.get("blocked") or "", violation.get("directive") or ""
    if blocked == "inline":
        if directive.startswith("script-src-attr"):
            return "een event-handler-attribuut (zoals onclick)"
        if (violation.get("sample") or "").lower().startswith("javascript:"):
            return "een javascript:-link"
        if directive.startswith("script-src"):
            return "een script in de pagina zelf (<script> zonder src)"
        if directive.startswith("style-src-attr"):
            return "een style-attribuut"
        if directive.startswith("style-src"):
            return "een <style>-blok in de pagina"
        return "code in de pagina zelf"
    if blocked in ("eval", "wasm-eval"):
        return "code uit tekst (eval of new Function)"
    return f"het laden van {blocked}" if blocked else "iets zonder naam"


def _script_template(source_file: str) -> str:
    """The file an editor changes when a script broke the policy: one of ours, or the theme."""
    m = re.search(r"/assets/keukentafel/([\w.-]+\.js)$", source_file or "")
    return f"templates/assets/{m.group(1)}" if m else CSP_TEMPLATE


def csp_findings(path: str, csp: dict) -> list[Finding]:
    """The page's policy and the violations check-pages.js recorded → Findings (code csp-...)."""
    policies = [p for p in csp.get("policies") or [] if p.strip()]
    if not policies:
        return [
            Finding(
                path, "keukentafel", "csp-ontbreekt", "",
                "de pagina heeft geen Content-Security-Policy: zet bovenaan in <head> een "
                '<meta http-equiv="Content-Security-Policy"> die alleen de eigen scripts, stijlen en afbeeldingen van de site toestaat',
                source=CSP_TEMPLATE,
            )
        ]
    found = []
    weaknesses = csp_weaknesses(policies)
    if weaknesses:
        message = "de Content-Security-Policy is te ruim: " + "; ".join(weaknesses)
        found.append(Finding(path, "keukentafel", "csp-te-ruim", "", message, source=CSP_TEMPLATE))
    # The same violation on many elements of a page (one template line, repeated) is one finding.
    by_message: dict[str, tuple[dict, int]] = {}
    for v in csp.get("violations") or []:
        if v.get("disposition") == "report":
            continue
        element = v.get("element") or {}
        where = f" bij {element['context']}" if element.get("context") else ""
        script = f" (door {v['source']}, regel {v['line']})" if v.get("source") and v.get("line") else ""
        message = f"de Content-Security-Policy blokkeerde {_blocked_what(v)} ({v.get('directive') or '?'}){where}{script}"
        first, count = by_message.get(message, (v, 0))
        by_message[message] = (first, count + 1)
    for message, (v, count) in by_message.items():
        element = v.get("element") or {}
        in_theme_or_article = bool(element.get("inArticle") or element.get("region"))
        found.append(
            Finding(
                path, "keukentafel", "csp-overtreden", "",
                message + (f" ({count} keer op deze pagina)" if count > 1 else ""),
                element.get("selector", ""), element.get("context", "") or (v.get("blocked") or ""),
                bool(element.get("inArticle")), element.get("region", ""), element.get("text", ""), element.get("href", ""),
                source="" if in_theme_or_article else _script_template(v.get("source") or ""),
            )
        )
    return found


# --- keyboard checks (pure) ---------------------------------------------------------------

# What check-pages.js measures with the Tab key, as finding code → WCAG success criteria.
KEYBOARD_CRITERIA = {
    "onzichtbaar-focusbaar": "2.4.7",  # Focus Visible: a Tab stop that cannot be seen
    "focus-onder-vaste-balk": "2.4.11",  # Focus Not Obscured (Minimum), WCAG 2.2
    "focusring-te-zwak": "2.4.7, 1.4.11",  # Focus Visible; Non-text Contrast of the indicator
    "bediening-zonder-naam": "4.1.2",  # Name, Role, Value
}
CONTROL_CRITERIA = {
    "niet-bereikbaar": "2.1.1",  # Keyboard
    "opent-niet": "2.1.1",
    "geen-aria-expanded": "4.1.2",
    "focus-niet-in-paneel": "2.4.3",  # Focus Order
    "sluit-niet": "2.1.1",
    "focus-niet-terug": "2.4.3",
}
HIDDEN_REASONS = {
    "buiten-beeld": "het staat buiten het scherm",
    "afgesneden": "het is weggeknipt",
    "doorzichtig": "het is doorzichtig",
    "geen-afmeting": "het heeft geen afmeting",
    "bedekt": "er ligt iets anders overheen",
}
CONTROL_NAMES = {"menu": ("de menuknop", "het menu"), "zoeken": ("de zoekknop", "het zoekvenster")}
# A page with dozens of unreachable Tab stops in one region says so in a few lines, not in dozens.
MAX_PER_REGION = 10


def _element(item: dict) -> str:
    """How a person would name the element: de link "Start", de knop "Zoeken", ..."""
    kind = {"a": "de link", "button": "de knop", "input": "het invulveld", "select": "de keuzelijst", "textarea": "het tekstvak", "summary": "de uitklapknop"}
    text = " ".join((item.get("text") or "").split())
    if len(text) > 60:
        text = text[:57] + "..."
    what = kind.get(item.get("tag", ""), f"het element <{item.get('tag', '?')}>")
    return f'{what} "{text}"' if text else f"{what} zonder tekst"


def _keyboard_message(width: int, item: dict, minimum: float) -> str:
    check, element = item["check"], _element(item)
    if check == "onzichtbaar-focusbaar":
        return f"bij {width} px krijgt {element} de focus met Tab, maar is dan niet te zien: {HIDDEN_REASONS.get(item.get('reason', ''), item.get('reason', ''))}"
    if check == "focus-onder-vaste-balk":
        return (
            f"bij {width} px valt {element} met de focus voor {round(100 * item['covered'])}% onder een vaste balk ({item.get('bar', '')}); "
            "tip: scroll-padding-top of scroll-margin zo groot als de balk"
        )
    if check == "focusring-te-zwak":
        if not item.get("changed"):
            return f"bij {width} px is niet te zien dat {element} de focus heeft: er verandert niets"
        contrast = f"{item['contrast']:.1f}".replace(".", ",")
        return f"bij {width} px verschilt de focusring van {element} maar {contrast}:1 van de toestand zonder focus (minstens {minimum:g}:1)"
    if check == "bediening-zonder-naam":
        role, name = item.get("role") or "", item.get("name") or ""
        if not role and not name:
            return f"bij {width} px is {element} een Tab-stop zonder rol en zonder naam"
        if not role:
            return f"bij {width} px is {element} een Tab-stop zonder rol: een screenreader zegt niet wat het doet"
        return f"bij {width} px heeft {element} (rol {role}) geen naam"
    return f"bij {width} px: {check}"


def _control_message(width: int, item: dict) -> str:
    button, panel = CONTROL_NAMES.get(item["check"], ("de knop", "het paneel"))
    problem = item["problem"]
    if problem == "niet-bereikbaar":
        return f"bij {width} px is {button} ({_element(item)}) niet met Tab te bereiken"
    if problem == "opent-niet":
        return f"bij {width} px opent Enter op {button} {panel} niet"
    if problem == "geen-aria-expanded":
        return f'bij {width} px zegt {button} niet dat {panel} open is (aria-expanded is "{item.get("expanded") or "afwezig"}", niet "true")'
    if problem == "focus-niet-in-paneel":
        return f"bij {width} px staat na Enter op {button} de focus niet in {panel}, en de volgende Tab komt er ook niet in"
    if problem == "sluit-niet":
        return f"bij {width} px sluit Escape {panel} niet"
    if problem == "focus-niet-terug":
        return f"bij {width} px gaat na Escape de focus niet terug naar {button} (maar naar {item.get('active') or 'de pagina'})"
    return f"bij {width} px: {item['check']} {problem}"


def keyboard_findings(path: str, keyboard: dict | None, minimum: float = 3.0) -> list[Finding]:
    """The Tab walks and header-control checks of one page record → Findings (code toetsenbord:...)."""
    if not keyboard:
        return []
    found: list[Finding] = []
    for walk in keyboard.get("walks") or []:
        width = walk["width"]
        counted: dict[tuple[str, str], int] = {}
        for item in walk.get("findings") or []:
            check = item["check"]
            covered_by_bar = check == "focus-onder-vaste-balk"
            # An element under a bar is fixed where the bar comes from; everything else where the element comes from.
            region = item.get("barRegion", "") if covered_by_bar else item.get("region", "")
            group = (check, region)
            counted[group] = counted.get(group, 0) + 1
            if counted[group] > MAX_PER_REGION:
                continue
            found.append(
                Finding(
                    path,
                    "keukentafel",
                    f"toetsenbord:{check}",
                    KEYBOARD_CRITERIA.get(check, ""),
                    _keyboard_message(width, item, minimum),
                    item.get("selector", ""),
                    item.get("context", ""),
                    bool(item.get("inArticle")) and not covered_by_bar,
                    region,
                    item.get("text", ""),
                    item.get("href", ""),
                )
            )
        for (check, region), n in counted.items():
            if n > MAX_PER_REGION:
                where = f" in {region}" if region else ""
                found.append(Finding(path, "keukentafel", f"toetsenbord:{check}", KEYBOARD_CRITERIA.get(check, ""), f"bij {width} px nog {n - MAX_PER_REGION} Tab-stops{where} met hetzelfde probleem", "", "", False, region))
    controls = keyboard.get("controls") or {}
    for item in controls.get("findings") or []:
        found.append(
            Finding(
                path,
                "keukentafel",
                f"toetsenbord:{item['check']}",
                CONTROL_CRITERIA.get(item["problem"], ""),
                _control_message(controls.get("width", 320), item),
                item.get("selector", ""),
                item.get("context", ""),
                False,
                item.get("region", ""),
                item.get("text", ""),
                item.get("href", ""),
            )
        )
    return found


# --- running ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One site to check, served at the root of its own loopback origin, as it will be published."""

    name: str  # shown before each page path, e.g. "sint-menadorp"; "" for the overview page
    directory: Path
    paths: list[str]  # URL paths below the site root, e.g. ["/", "/gesprek/"]

    def shown(self, path: str) -> str:
        return shown_path(self.name, path)


def shown_path(site_name: str, path: str) -> str:
    """How a page is named in reports: /slug/path/, or just /path for the overview page."""
    return f"/{site_name}{path}" if site_name else path


# The keyboard checks (see check-pages.js): widths, and the thresholds that make a finding.
KEYBOARD = {
    "viewports": [{"width": 320, "height": 640}, {"width": 1280, "height": 1024}],
    "maxStops": 250,  # Tab stops per page and width; a page with more is walked this far
    "maxCovered": 0.5,  # WCAG 2.4.11: a focused element may not be hidden; more than half is a finding
    "minFocusContrast": 3.0,  # focused against unfocused pixels, as for non-text contrast (1.4.11)
}


class BrowserSession:
    """One check-pages.js with one Chromium, to which sites are added while it runs.

    The build adds each site as soon as MkDocs has made it, so the browser checks pages while the
    next sites are still being built. `versions` (pa11y, axe-core, HTML_CodeSniffer, Chromium) is
    known as soon as the session has started. Raises ToolFailed when Node, pa11y or Chromium fails.
    """

    def __init__(self, concurrency: int = 2, keyboard: bool = True):
        node = shutil.which("node")
        if not node:
            raise ToolFailed("Node.js niet gevonden; installeer Node 20 of nieuwer")
        if not (ROOT / "node_modules" / "pa11y").is_dir():
            raise ToolFailed("pa11y is niet geïnstalleerd; voer 'make setup' uit (npm ci)")
        settings = {"chromium": find_chromium(), "args": LAUNCH_ARGS, "concurrency": concurrency, "keyboard": KEYBOARD if keyboard else False}
        self._servers: list[http.server.ThreadingHTTPServer] = []
        self._order: list[str] = []  # shown paths in the order they were added
        self._results: dict[str, PageResult] = {}
        self._new: "queue.Queue[PageResult | None]" = queue.Queue()
        self._fatal: str | None = None
        self._ended = False  # the script's output has ended
        self._stderr: list[str] = []
        self._proc = subprocess.Popen(
            [node, str(CHECK_SCRIPT)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        ready: "queue.Queue[dict]" = queue.Queue()
        self._reader = threading.Thread(target=self._read, args=(ready,), daemon=True)
        self._reader.start()
        threading.Thread(target=lambda: self._stderr.extend(self._proc.stderr or []), daemon=True).start()
        self._send(settings)
        self.versions: dict[str, str] = ready.get()
        if not self.versions:
            self.close()
            raise self._failure()

    def _send(self, obj: dict) -> None:
        assert self._proc.stdin
        try:
            self._proc.stdin.write(json.dumps(obj) + "\n")
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # the script stopped; its fatal record or exit code says why

    def _read(self, ready: "queue.Queue[dict]") -> None:
        """Reader thread: results of the script as they come."""
        assert self._proc.stdout
        started = False
        for line in self._proc.stdout:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            kind = record.get("type")
            if kind == "ready":
                started = True
                ready.put(record.get("versions") or {"": ""})
            elif kind == "page":
                self._new.put(parse_page(record))
            elif kind == "fatal":
                self._fatal = record.get("error")
        if not started:
            ready.put({})
        self._new.put(None)  # the script has ended

    def add(self, target: Target) -> None:
        """Serve the target's folder and queue its pages for the browser."""
        self._servers.append(start_server(target.directory))
        origin = origin_of(self._servers[-1])
        for path in target.paths:
            url, shown = origin + path, target.shown(path)
            self._order.append(shown)
            # Keyboard findings of a theme region are measured once per site and width (check-pages.js).
            self._send({"id": shown, "url": url, "site": origin})

    @property
    def outstanding(self) -> int:
        """Pages added whose result has not been handed out yet."""
        return len(self._order) - len(self._results)

    def done(self, wait: bool = False, timeout: float | None = None) -> list[PageResult]:
        """The pages checked since the last call. wait=True: until every added page has its result
        (raises ToolFailed when the script ended without them); timeout: wait at most that long for
        the first one."""
        finished: list[PageResult] = []
        while not self._ended:
            if wait:
                block = len(self._results) + len(finished) < len(self._order)
            else:
                block = timeout is not None and not finished
            try:
                page = self._new.get(timeout=None if wait else timeout) if block else self._new.get_nowait()
            except queue.Empty:
                break
            if page is None:
                self._ended = True
                break
            finished.append(page)
        for page in finished:
            self._results[page.path] = page
        if (wait or self._ended) and len(self._results) < len(self._order):
            self.close()
            raise self._failure()
        return finished

    def finish(self) -> GateRun:
        """Wait for every page, stop the browser; every page added, in order."""
        self.done(wait=True)
        self.close()
        if self._fatal or self._proc.returncode != 0:
            raise self._failure()
        return GateRun([self._results[p] for p in self._order], self.versions)

    def close(self) -> None:
        if self._proc.stdin and not self._proc.stdin.closed:
            try:
                self._proc.stdin.close()
            except OSError:
                pass
        try:
            self._proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._reader.join(timeout=10)
        if os.environ.get("KEUKENTAFEL_GATE_PROFILE"):  # the Node script's timings, for developers
            sys.stderr.writelines(line for line in self._stderr if line.startswith("PROFILE "))
        stop_servers(self._servers)
        self._servers = []

    def _failure(self) -> ToolFailed:
        code = self._proc.poll()
        missing = [p for p in self._order if p not in self._results]
        if not self._fatal and code == 0 and missing:
            return ToolFailed(f"de toegankelijkheidstoets gaf geen uitslag voor {len(missing)} pagina's, zoals {missing[0]}")
        detail = self._fatal or "".join(self._stderr).strip()[-500:] or f"exitcode {code}"
        return ToolFailed(f"de toegankelijkheidstoets in Chromium is mislukt: {detail}")

    def __enter__(self) -> "BrowserSession":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is not None:  # stopped early: do not wait for the pages still queued
            self._proc.kill()
        self.close()


def run_browser_checks(
    targets: list[Target],
    concurrency: int = 2,
    on_page: Callable[[PageResult], None] | None = None,
    keyboard: bool = True,
) -> GateRun:
    """Check every page of every target in one Chromium. Raises ToolFailed on a crash.

    keyboard=False leaves out the Tab walks and the header-control checks (for comparisons only).
    """
    with BrowserSession(concurrency, keyboard) as session:
        for target in targets:
            session.add(target)
        while on_page and session.outstanding:
            for page in session.done(timeout=1.0):
                on_page(page)
        return session.finish()


def site_pages(root: Path, prefix: str = "") -> list[str]:
    """URL paths of every HTML page under root (directory URLs end in /)."""
    paths = []
    for html in sorted(root.rglob("*.html")):
        rel = html.relative_to(root).as_posix()
        url = "/" + rel[: -len("index.html")] if rel.endswith("index.html") else "/" + rel
        paths.append(prefix + url)
    return paths
