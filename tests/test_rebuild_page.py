"""Each site is built once: when the measured outcome differs from the one its statement page
stated, only that page is built again (site.mkdocs_site.rebuild_page). The result must be the
site a full build with the measured outcome gives, byte for byte, search index included."""

from __future__ import annotations

import hashlib
from pathlib import Path

from keukentafel.config.loader import MUNICIPALITIES, load_all
from keukentafel.rendering.render import render_site
from keukentafel.report.statement import PAGE_PATH, Outcome
from keukentafel.site.mkdocs_site import build_site, rebuild_page
from keukentafel.workers import with_statement


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_rebuilding_the_statement_page_gives_the_site_of_a_full_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    (gemeente,) = load_all([MUNICIPALITIES / "s-heerenbruk-aan-de-vliet.yml"])
    bare = render_site(gemeente)
    expected = Outcome("1 maart 2026", 28, 0, {"pa11y": "1", "axe-core": "1", "html_codesniffer": "1", "chromium": "1"}, [])
    measured = Outcome("2 maart 2026", 28, 0, {"pa11y": "2", "axe-core": "2", "html_codesniffer": "2", "chromium": "2"}, [])

    build_site(gemeente, with_statement(bare, gemeente, expected), tmp_path / "werk-1", tmp_path / "site-1")
    before = tree(tmp_path / "site-1")
    rebuild_page(gemeente, with_statement(bare, gemeente, measured), PAGE_PATH, tmp_path / "werk-1")
    build_site(gemeente, with_statement(bare, gemeente, measured), tmp_path / "werk-2", tmp_path / "site-2")

    after, full = tree(tmp_path / "site-1"), tree(tmp_path / "site-2")
    assert after == full
    changed = sorted(name for name in full if before.get(name) != full[name])
    assert changed == ["search/search_index.json", "toegankelijkheid/index.html"], "only the statement and its search entries change"
    assert "2 maart 2026" in (tmp_path / "site-1" / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")
