"""Shared fixtures: one real build of the example gemeenten (real MkDocs, real pa11y in real Chromium)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keukentafel.pipeline import BuildResult, build  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> tuple[BuildResult, Path]:
    """Build and check every example gemeente once, into a temporary output folder."""
    base = tmp_path_factory.mktemp("voorbeelden")
    output = base / "site"
    result = build(output=output, work=base / "werk", reports=base / "reports")
    return result, output


@pytest.fixture(scope="session")
def example_reports(example_build) -> Path:
    return example_build[1].parent / "reports"


@pytest.fixture(scope="session")
def built_site(example_build) -> Path:
    """The published site root of the example build (only meaningful when the build passed)."""
    result, output = example_build
    assert result.passed, "the example build must pass before its pages can be tested"
    return output


def copy_examples(target: Path) -> Path:
    """A writable copy of municipalities/ (configs, logos, extra pages) to change in a test."""
    shutil.copytree(ROOT / "municipalities", target)
    return target


def examples_with_extra_page(target: Path, name: str, title: str, text: str) -> Path:
    """A copy of municipalities/ where sint-menadorp has one extra page with the given Markdown."""
    municipalities = copy_examples(target)
    (municipalities / "extra" / name).write_text(text, encoding="utf-8")
    config = municipalities / "sint-menadorp.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nextra_paginas:\n  - titel: {title}\n    bestand: extra/{name}\n", encoding="utf-8")
    return municipalities


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, with the gate's launch flags, one per test module."""
    from playwright import sync_api

    from keukentafel.gate.browser import LAUNCH_ARGS, find_chromium

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        yield browser
        browser.close()
