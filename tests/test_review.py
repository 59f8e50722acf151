"""The Wmo-raad's review bundle from the real example gemeenten, and the build-time language rules.

Real renders of the example configs; --since on a real (temporary) git history; the command line
run as a communication officer runs it, on a copy of the project's texts (KEUKENTAFEL_ROOT).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from keukentafel.config.loader import _model_of, load_all, path_for_slug, validate_file
from keukentafel.gate.browser import Target, run_browser_checks
from keukentafel.rendering.render import render_site
from keukentafel.review.bundle import review
from keukentafel.language.page_blocks import OWN_TEXT_KEYS, review_pages, template_settings
from keukentafel.config.schema import Gemeente

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ("content", "data", "municipalities", "templates", "mkdocs.yml")


def pages_of(slug: str, path: Path | None = None):
    (loaded,) = load_all([path or path_for_slug(slug)])
    return review_pages(render_site(loaded))


def block_with(pages, text: str):
    return next((page, i, b) for page in pages for i, b in enumerate(page.blocks) if text in b.text)


# --- paragraph numbers -----------------------------------------------------------------------


def test_paragraph_numbers_are_stable_between_builds():
    first, second = pages_of("sint-menadorp"), pages_of("sint-menadorp")
    numbered = lambda pages: [(p.paragraph_number(i), b.text) for p in pages for i, b in enumerate(p.blocks)]  # noqa: E731
    assert numbered(first) == numbered(second)
    assert len(numbered(first)) > 800


def test_a_changed_sentence_renumbers_nothing(tmp_path):
    """Changing the wording of one paragraph keeps every paragraph number of the site."""
    (loaded,) = load_all([path_for_slug("sint-menadorp")])
    site = render_site(loaded)
    before = review_pages(site)
    gesprek = next(p for p in site.pages if p.path == "gesprek.md")
    at = next(i for i, line in enumerate(gesprek.lines) if line.startswith("Het gesprek gaat over u."))
    gesprek.lines[at] = gesprek.lines[at].replace("De gemeente luistert", "De gemeente luistert goed")
    after = review_pages(site)
    assert [(p.number, len(p.blocks)) for p in before] == [(p.number, len(p.blocks)) for p in after]
    changed = [(p.paragraph_number(i)) for p, q in zip(before, after) for i, (a, b) in enumerate(zip(p.blocks, q.blocks)) if a.text != b.text]
    assert changed == ["2.2"]


# --- origins ------------------------------------------------------------------------------------


def test_the_three_origins_are_marked():
    pages = pages_of("s-heerenbruk-aan-de-vliet")
    _, _, own = block_with(pages, "In 's-Heerenbrûk aan de Vliet voert het Wijkteam Vliet het gesprek.")
    assert own.origin.kind == "eigen" and own.file == "municipalities/s-heerenbruk-aan-de-vliet.yml"
    _, _, extra = block_with(pages, "Kunt u moeilijk reizen?")
    assert extra.origin.kind == "eigen"
    _, _, switched = block_with(pages, "Buiten kantoortijd belt u")
    assert switched.origin.kind == "instelling" and "spoed.telefoon" in switched.origin.settings
    _, _, standard = block_with(pages, "Het gesprek gaat over uw hele leven")
    assert standard.origin.kind == "standaard" and standard.file == "content/gesprek.md"
    _, _, free_text = block_with(pages, "Voor een rolstoel betaalt u")
    assert free_text.origin.kind == "eigen" and free_text.origin.settings == ("eigen_bijdrage.toelichting",)


def test_a_setting_switches_a_sentence_on_and_names_itself(tmp_path):
    assert not any("Buiten kantoortijd" in b.text for p in pages_of("sint-menadorp") for b in p.blocks)
    config = tmp_path / "sint-menadorp.yml"
    config.write_text(path_for_slug("sint-menadorp").read_text(encoding="utf-8") + '\nspoed:\n  telefoon: "0800 222 22 22"\n', encoding="utf-8")
    _, _, block = block_with(pages_of("sint-menadorp", config), "Buiten kantoortijd belt u 0800 222 22 22")
    assert block.origin.kind == "instelling" and "spoed.telefoon" in block.origin.settings
    assert block.file == "content/index.md" and (ROOT / block.file).read_text(encoding="utf-8").splitlines()[block.line - 1].startswith("Buiten kantoortijd")


def test_template_settings_follow_if_elif_else_and_inline_conditions():
    source = "a\n{% if gemeente.x.y %}\nb\n{% elif termijn.onderzoek_sneller %}\nc\n{% else %}\nd\n{% endif %}\ne {% if gemeente.z %}f{% endif %}\n{% if wet.q %}\ng\n{% endif %}\n"
    settings = template_settings(source)
    assert 1 not in settings and 12 not in settings
    assert settings[3] == {"x.y"}
    assert settings[5] == settings[7] == {"x.y", "termijnen.onderzoek_weken"}
    assert settings[9] == {"z"}


def test_own_text_keys_are_free_text_keys_of_the_schema():
    for key in OWN_TEXT_KEYS:
        model, field = Gemeente, None
        for part in key.split("."):
            field = model.model_fields[part]
            model = _model_of(field.annotation)
        assert model is None and "str" in str(field.annotation), key


# --- the bundle ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    out = tmp_path_factory.mktemp("wmo-raad")
    return {slug: review(slug, output=out) for slug in ("s-heerenbruk-aan-de-vliet", "sint-menadorp")}


@pytest.mark.parametrize("slug", ["s-heerenbruk-aan-de-vliet", "sint-menadorp"])
def test_every_example_gets_a_bundle_in_all_formats(bundles, slug):
    bundle, paths = bundles[slug]
    assert [p.suffix for p in paths] == [".html", ".pdf", ".docx"]
    html = paths[0].read_text(encoding="utf-8")
    for page in bundle.pages:
        assert page.title in html
        for i in range(len(page.blocks)):
            assert f">{page.paragraph_number(i)}<" in html or f"{page.paragraph_number(i)} " in html
    assert paths[1].read_bytes().startswith(b"%PDF") and b"/StructTreeRoot" in paths[1].read_bytes()
    for fact in bundle.legal_facts:
        assert fact.source in html
    assert bundle.language and all(p.path in bundle.language for p in bundle.pages)


def test_the_real_bundle_passes_the_accessibility_gate(bundles):
    html = bundles["s-heerenbruk-aan-de-vliet"][1][0]
    run = run_browser_checks([Target("review", html.parent, [f"/{html.name}"])], concurrency=1)
    (page,) = run.pages
    assert page.error is None
    assert page.findings == [], "\n".join(f"{f.runner} {f.code}: {f.message} ({f.selector})" for f in page.findings)


def test_the_bundle_is_byte_identical(tmp_path, bundles):
    _, again = review("sint-menadorp", output=tmp_path)
    for first, second in zip(bundles["sint-menadorp"][1], again):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_the_wmo_raad_contact_is_on_the_first_page(tmp_path):
    config = tmp_path / "municipalities" / "sint-menadorp.yml"
    shutil.copytree(ROOT / "municipalities", config.parent)
    config.write_text(config.read_text(encoding="utf-8") + "\nwmo_raad:\n  naam: mevrouw J. de Vries, beleidsadviseur\n  email: wmoraad@menadorp.voorbeeld.nl\n", encoding="utf-8")
    assert validate_file(config)[1] == []
    _, paths = review("sint-menadorp", output=tmp_path / "uit", municipalities=config.parent)
    first_page = paths[0].read_text(encoding="utf-8").split("<h2", 2)[1]
    assert "wmoraad@menadorp.voorbeeld.nl" in first_page and "mevrouw J. de Vries" in first_page


# --- the command line on a copy of the texts ------------------------------------------------------


def copy_texts(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in TEXTS:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, target / name)
    return target


def run_build(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, KEUKENTAFEL_ROOT=str(root))
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=root, env=env, capture_output=True, text=True, timeout=300)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@voorbeeld.nl", *args], cwd=root, check=True, capture_output=True)


def test_since_compares_word_by_word_on_a_git_history(tmp_path):
    root = copy_texts(tmp_path / "project")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "eerste versie")
    page = root / "content" / "gesprek.md"
    page.write_text(page.read_text(encoding="utf-8").replace("De gemeente luistert en denkt met u mee.", "De gemeente luistert goed en denkt rustig met u mee."), encoding="utf-8")
    git(root, "commit", "-q", "-am", "tweede versie")
    run = run_build(root, "review", "sint-menadorp", "--since", "HEAD~1")
    assert run.returncode == 0, run.stderr
    assert "Veranderd sinds HEAD~1" in run.stdout and "1 alinea op 1 pagina." in run.stdout
    html = (root / "wmo-raad" / "sint-menadorp" / "sint-menadorp-teksten-voor-de-wmo-raad.html").read_text(encoding="utf-8")
    changes = html.split("Wat is er veranderd sinds", 1)[1].split("<h2", 2)[1]
    assert re.search(r"<ins[^>]*>[^<]*erbij: goed", changes) and re.search(r"<ins[^>]*>[^<]*erbij: rustig", changes)
    assert "Het gesprek" in changes


def test_since_gives_a_dutch_error_for_an_unknown_version_or_no_git(tmp_path):
    root = copy_texts(tmp_path / "project")
    run = run_build(root, "review", "sint-menadorp", "--since", "v1")
    assert run.returncode == 2
    assert "geen git-checkout" in run.stderr and "Traceback" not in run.stderr
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "eerste versie")
    run = run_build(root, "review", "sint-menadorp", "--since", "bestaat-niet")
    assert run.returncode == 2
    assert "de versie 'bestaat-niet' bestaat niet" in run.stderr and "Traceback" not in run.stderr


LONG = "Als u het niet eens bent met wat de gemeente over uw hulp heeft besloten, dan kunt u daar altijd nog later iets aan doen."


@pytest.mark.parametrize(
    ("page", "sentence", "code"),
    [("makkelijk/contact.md", LONG, "taal:zin-te-lang"), ("makkelijk/contact.md", "U krijgt misschien een maatwerkvoorziening.", "taal:systeemtaal")],
)
def test_an_easy_page_over_its_limits_fails_with_file_and_line(tmp_path, page, sentence, code):
    root = copy_texts(tmp_path / "project")
    content = root / "content" / page
    lines = content.read_text(encoding="utf-8").splitlines()
    lines.insert(2, sentence)
    lines.insert(3, "")
    content.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_build(root, "validate", "sint-menadorp")
    assert run.returncode == 1, run.stdout + run.stderr
    assert re.search(rf"^content/{re.escape(page)}:3: {code}", run.stdout, re.M), run.stdout


def test_a_standard_page_only_warns(tmp_path):
    root = copy_texts(tmp_path / "project")
    content = root / "content" / "contact.md"
    lines = content.read_text(encoding="utf-8").splitlines()
    lines.insert(2, LONG + " " + LONG)
    content.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_build(root, "validate", "sint-menadorp")
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"^content/contact\.md:3: waarschuwing taal:", run.stdout, re.M), run.stdout


def test_reports_hold_the_readability_figures(example_reports):
    import json

    for slug in ("s-heerenbruk-aan-de-vliet", "sint-menadorp"):
        data = json.loads((example_reports / slug / "readability.json").read_text(encoding="utf-8"))
        pages = {p["page"]: p for p in data["paginas"]}
        assert {"index.md", "makkelijk/index.md", "toegankelijkheid.md"} <= set(pages)
        easy = pages["makkelijk/gesprek.md"]
        assert easy["easy"] and 0 < easy["average"] <= 9 and easy["longest"] <= 15 and easy["hardest"]
        assert not [f for p in pages.values() for f in p["findings"] if f["severity"] == "fout"]
    index = (example_reports / "index.html").read_text(encoding="utf-8")
    assert "Leesbaarheid per pagina bij gemeente Sint-Ménadorp" in index and "Moeilijkste zin" in index
