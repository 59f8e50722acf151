"""Preview one gemeente with live reload: `python build.py serve <slug>`.

MkDocs' live-reload server serves the built site and watches the gemeente's YAML, content/,
templates/ and data/; on every change the preview is rendered and built again and the browser
reloads. A mistake in a file never stops the preview: the terminal shows the Dutch error, the browser
shows it on a page of its own (every address of the site shows it), and once the file is saved
without the mistake the site comes back by itself. Anything unexpected is written to a log file and
shown the same way; the preview keeps watching. The preview is not checked by the gate:
`python build.py <slug>` does that before publishing.
"""

from __future__ import annotations

import errno
import logging
import socket
import sys
import threading
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from keukentafel import ROOT
from keukentafel.crash_log import explain, write_log
from keukentafel.diagnostics import Diagnostic, ExitCode, InvalidInput, display_path
from keukentafel.preview.error_page import counted, error_page, unexpected_page

WATCHED = (ROOT / "content", ROOT / "municipalities", ROOT / "templates", ROOT / "data")
WORK = ROOT / ".build" / "voorbeeldweergave"
HOST = "127.0.0.1"
ERROR_FILE = "keukentafel-fout.html"  # written into the served folder while a file has a mistake
RELOAD_SCRIPT = "/keukentafel-herladen.js"

# The server's own log (English request lines such as '"GET /x" code 404') is not for the user.
logging.getLogger("mkdocs.livereload").addHandler(logging.NullHandler())
logging.getLogger("mkdocs.livereload").propagate = False

# MkDocs' reload poller, as a file of the site's own origin: the pages' Content-Security-Policy
# allows only the site's own scripts, so the inline script MkDocs would add does not run.
RELOAD_JS = b"""(function () {
  var epoch = document.currentScript.getAttribute("data-epoch");
  var poll = function () {
    var request = new XMLHttpRequest();
    request.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) { location.reload(); }
      else { setTimeout(poll, this.status === 200 ? 0 : 3000); }
    };
    request.open("GET", "/livereload/" + epoch + "/" + Date.now());
    request.send();
  };
  window.addEventListener("load", poll);
})();
"""


def _say(text: str) -> None:
    sys.stderr.write(text if text.endswith("\n") else text + "\n")
    sys.stderr.flush()


def _log_quietly(error: BaseException, slug: str) -> None:
    """An error in one of the server's own threads (a browser request, the file watcher): into a log
    file, with one Dutch line instead of Python's traceback; the preview goes on."""
    log = write_log(error, ["serve", slug])
    where = f"de details staan in {display_path(log)}" if log else "de details konden niet worden opgeslagen"
    _say(f"voorbeeldweergave: er ging iets mis dat niet door uw bestanden komt; {where}")


class Preview:
    """Builds the preview into site_dir; never raises: a problem becomes an error page and a message."""

    def __init__(self, config: Path, work: Path):
        self.config = config
        self.work = work
        self.site_dir = work / "site"
        self.failed = False

    def build(self) -> None:
        from keukentafel.config.loader import load_all
        from keukentafel.diagnostics import format_warnings
        from keukentafel.pipeline import with_statement
        from keukentafel.rendering.render import render_site
        from keukentafel.site.mkdocs_site import build_site

        try:
            if not self.config.is_file():
                gone = Diagnostic(display_path(self.config), None, None, "het bestand bestaat niet meer", "zet het bestand terug")
                raise InvalidInput([gone])
            (gemeente,) = load_all([self.config])
            build_site(gemeente, with_statement(render_site(gemeente), gemeente, None), self.work, self.site_dir)
        except InvalidInput as e:
            lines = "".join(d.format() + "\n" for d in e.diagnostics)
            wait = "de browser toont ze tot u het bestand verbetert en opslaat"
            self._fail(error_page(e.diagnostics), f"{lines}voorbeeldweergave: {counted(e.diagnostics)}; {wait}")
        except Exception as e:  # whatever it is, the preview shows it and keeps watching
            explanation = explain(write_log(e, ["serve", self.config.stem]))
            again = "voorbeeldweergave: sla een bestand opnieuw op om het nog eens te proberen"
            self._fail(unexpected_page(explanation), f"{explanation}\n{again}")
        else:
            if gemeente.warnings:
                _say(format_warnings(list(gemeente.warnings)))
            _say("voorbeeldweergave: " + ("de fout is verbeterd; de browser toont de site weer" if self.failed else "bijgewerkt"))
            self.failed = False

    def _fail(self, page: str, message: str) -> None:
        self.failed = True
        _say(message)
        try:
            self.site_dir.mkdir(parents=True, exist_ok=True)
            (self.site_dir / ERROR_FILE).write_text(page, encoding="utf-8")
        except OSError:
            pass  # then the browser gets a plain "not found"; the terminal has the message

    def error_html(self) -> bytes | None:
        path = self.site_dir / (ERROR_FILE if self.failed else "404.html")
        return path.read_bytes() if path.is_file() else None


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server that shows the error page at every address while the build fails."""

    def __init__(self, preview: Preview, port: int):
        super().__init__(builder=preview.build, host=HOST, port=port, root=str(preview.site_dir), mount_path="/")
        self.preview = preview
        self.error_handler = lambda code: preview.error_html()
        self._bound = False
        for folder in WATCHED:
            self.watch(str(folder))

    def server_bind(self) -> None:
        """Bind once: serve() binds again, but the port is claimed before the first build."""
        if not self._bound:
            super().server_bind()
            self._bound = True

    def handle_error(self, request, client_address) -> None:
        _log_quietly(sys.exc_info()[1], self.preview.config.stem)

    def serve_request(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == RELOAD_SCRIPT:
            start_response("200 OK", [("Content-Type", "application/javascript"), ("Cache-Control", "no-store")])
            return [RELOAD_JS]
        if self.preview.failed and not path.startswith("/livereload/") and path.endswith(("/", ".html")):
            environ = {**environ, "PATH_INFO": "/" + ERROR_FILE}
        return super().serve_request(environ, start_response)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        # Overrides MkDocs 1.6's inline script (see RELOAD_JS); mkdocs is pinned in pyproject.toml.
        tag = f'<script src="{RELOAD_SCRIPT}" data-epoch="{epoch}"></script>'.encode()
        end = content.rfind(b"</body>")
        return content + tag if end < 0 else content[:end] + tag + content[end:]


def _free_port_after(port: int) -> int | None:
    for candidate in range(port + 1, min(port + 100, 65536)):
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((HOST, candidate))
                return candidate
            except OSError:
                continue
    return None


def _port_problem(error: OSError, port: int, slug: str) -> str | None:
    """The Dutch message for a port that cannot be used, or None for another kind of error."""
    if error.errno == errno.EADDRINUSE:
        problem = f"poort {port} is al in gebruik, misschien door een andere voorbeeldweergave"
    elif error.errno == errno.EACCES:
        problem = f"poort {port} mag dit programma niet gebruiken (poorten onder 1024 zijn voor de beheerder)"
    else:
        return None
    free = _free_port_after(port)
    hint = f"kies een andere poort: python build.py serve {slug} --poort {free}" if free else "kies een andere poort met --poort"
    return f"Gestopt: {problem}.\n    tip: {hint}\n"


def serve(slug: str, port: int = 8000) -> int:
    from keukentafel.pipeline import select_paths

    (config,) = select_paths([slug])  # an unknown gemeente is an input error: nothing to wait for
    preview = Preview(config, WORK / config.stem)
    server = PreviewServer(preview, port)
    try:
        server.server_bind()
    except OSError as e:
        server.server_close()
        message = _port_problem(e, port, config.stem)
        if message is None:
            raise
        sys.stderr.write(message)
        return ExitCode.INVALID_INPUT
    thread_errors = threading.excepthook  # the watcher's and the browser requests' threads
    threading.excepthook = lambda hook: _log_quietly(hook.exc_value, config.stem)
    try:
        preview.build()
        _say(f"Bekijk de site op http://{HOST}:{port}/ (stoppen: Ctrl+C)")
        server.serve()
    except KeyboardInterrupt:
        _say("voorbeeldweergave gestopt")
    finally:
        server.shutdown()
        threading.excepthook = thread_errors
    return ExitCode.OK
