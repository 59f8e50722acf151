"""The browser's workers never wait for each other's tabs.

Three generated gemeenten, one page each, checked by two workers: with all tabs in one window,
the tab that was not in front got no frame for its focus-ring screenshot and the check stalled for
good (found when a shared page changed and only that page was checked again on every site). Each
tab now has a window of its own. Real MkDocs, real pa11y in real Chromium.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from keukentafel.gate.browser import Target, run_browser_checks
from keukentafel.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from gemeente_configs import write_configs  # noqa: E402


@pytest.fixture(scope="module")
def three_sites(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("gemeenten")
    written = write_configs(folder, 3)
    work = tmp_path_factory.mktemp("werk")
    result = build(None, output=work / "site", municipalities=folder, work=work, browser_check=False)
    assert not result.invalid
    return [work / "ongetoetst" / path.stem for path in written]


def test_one_page_of_each_of_three_sites_is_checked_without_stalling(three_sites):
    outcome: dict = {}

    def check() -> None:
        try:
            outcome["run"] = run_browser_checks([Target(site.name, site, ["/contact/"]) for site in three_sites], concurrency=2)
        except Exception as e:  # reported below, not lost in the thread
            outcome["error"] = e

    worker = threading.Thread(target=check, daemon=True)
    worker.start()
    worker.join(timeout=180)  # the three pages take about 6 s; a stalled worker never ends
    assert not worker.is_alive(), "the browser check stalled: a worker waits for a tab that is not in front"
    assert "error" not in outcome, outcome.get("error")
    pages = outcome["run"].pages
    assert [p.path for p in pages] == [f"/{site.name}/contact/" for site in three_sites]
    assert all(p.error is None for p in pages), [p.error for p in pages]
    # The keyboard walk measured the focus rings (the screenshots that used to stall).
    assert all(p.tab_walks and all(w["stops"] for w in p.tab_walks) for p in pages), "every page had its Tab walks"
