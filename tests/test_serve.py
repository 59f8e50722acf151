"""`python build.py serve <slug>` previews a gemeente and renders again when a file changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 30) -> str:
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.3)


def test_serve_shows_the_site_and_picks_up_changes():
    port = free_port()
    extra = ROOT / "municipalities" / "extra" / "s-heerenbruk-aan-de-vliet" / "vervoer.md"
    original = extra.read_text(encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "build.py", "serve", "s-heerenbruk-aan-de-vliet", "--poort", str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = fetch(f"http://127.0.0.1:{port}/gesprek/")
        assert "'s-Heerenbrûk aan de Vliet" in page or "&#39;s-Heerenbrûk aan de Vliet" in page
        extra.write_text(original + "\nDeze zin is net toegevoegd.\n", encoding="utf-8")
        deadline = time.time() + 30
        while "net toegevoegd" not in fetch(f"http://127.0.0.1:{port}/extra/vervoer/"):
            assert time.time() < deadline, "the preview did not pick up the change"
            time.sleep(0.5)
    finally:
        extra.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=20)
