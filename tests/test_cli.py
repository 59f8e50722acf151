"""The command line speaks Dutch (argparse's own words too), counts right, and never shows a traceback.

Run as a user runs it (`python build.py ...` in a subprocess) where the exact output matters, and
in-process with a failure injected where a crash has to be provoked.
"""

from __future__ import annotations

import ast
import io
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from keukentafel import cli, crash_log, pipeline
from keukentafel.diagnostics import Diagnostic
from keukentafel.gate.browser import Finding, PageResult
from keukentafel.pipeline import BuildResult, GemeenteResult, InvalidGemeente
from keukentafel.progress import STAGE_LABELS, Progress
from keukentafel.report.console import format_summary, site_pages_checked
from keukentafel.wording import aantal, paginas

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ("content", "data", "municipalities", "templates", "mkdocs.yml")
# argparse's English, as it would appear untranslated (lower case; compared case-insensitively).
ENGLISH = (
    "usage", "options", "positional arguments", "show this help", "help message", "unrecognized", "error:",
    "argument", "invalid", "expected", "required", "ambiguous", "could match", "ignored",
)


def run(*args: str, root: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, KEUKENTAFEL_ROOT=str(root))
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=root, env=env, capture_output=True, text=True, timeout=120)


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text.lower()]


# --- argparse in Dutch -----------------------------------------------------------------------


def test_help_is_dutch_and_names_every_option():
    proc = run("--help")
    assert proc.returncode == 0 and proc.stderr == ""
    assert english_in(proc.stdout) == []
    assert proc.stdout.startswith("gebruik: python build.py ")
    assert "\nopties:\n" in proc.stdout and "toon deze hulp en stop" in proc.stdout
    for option in ("--stil", "--alles-opnieuw, --force", "--poort POORT", "--sinds VERSIE, --since VERSIE"):
        assert option in proc.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--onzin"], "onbekende optie: --onzin"),
        (["serve", "x", "--poort", "abc"], "--poort: verwacht een poortnummer van 1 tot en met 65535, gevonden 'abc'"),
        (["serve", "x", "--poort", "70000"], "--poort: verwacht een poortnummer van 1 tot en met 65535, gevonden '70000'"),
        (["review", "x", "--sinds"], "--sinds/--since: hier hoort een waarde achter"),
        (["--stil=ja"], "--stil: hier hoort geen waarde achter (gevonden 'ja')"),
        (["--s"], "--s is niet duidelijk: bedoelt u --stil, --shard, --sinds, --since?"),
    ],
)
def test_wrong_options_give_a_dutch_error_and_exit_2(args, message):
    proc = run(*args)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == f"python build.py: fout: {message}\n    tip: 'python build.py --help' toont wat kan\n"
    assert english_in(proc.stderr) == []


def test_argparse_is_english_again_after_our_parser():
    """The translation is ours only: another ArgumentParser in the same process is left alone."""
    cli._parser().format_help()
    import argparse

    assert "usage:" in argparse.ArgumentParser(prog="ander").format_usage()


@pytest.mark.parametrize("flag", ["--alles-opnieuw", "--force"])
def test_force_is_an_alias_of_alles_opnieuw(monkeypatch, flag):
    seen = {}
    monkeypatch.setattr(cli, "_build", lambda slugs, progress, force, *rest: seen.update(force=force) or 0)
    assert cli.main([flag]) == 0
    assert seen == {"force": True}


@pytest.mark.parametrize("flag", ["--shard", "--deel"])
def test_shard_and_the_build_options_reach_the_build(monkeypatch, flag):
    from keukentafel.shard import Shard

    seen = {}
    monkeypatch.setattr(cli, "_build", lambda slugs, progress, force, shard, checked, workers: seen.update(shard=shard, checked=checked, workers=workers) or 0)
    assert cli.main([flag, "2/4", "--zonder-toets", "--processen", "3"]) == 0
    assert seen == {"shard": Shard(2, 4), "checked": False, "workers": 3}


def test_a_wrong_shard_or_process_count_exits_2_with_a_hint(capsys):
    assert cli.main(["--shard", "5/4"]) == 2
    assert "--shard: verwacht deel/aantal, zoals 1/4 (deel 1 van 4), gevonden '5/4'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--processen", "0"])
    assert stopped.value.code == 2
    assert "verwacht een aantal van 1 of meer, gevonden '0'" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--sinds", "--since"])
def test_since_is_an_alias_of_sinds(monkeypatch, flag):
    seen = {}
    monkeypatch.setattr(cli, "_review", lambda slug, since: seen.update(slug=slug, since=since) or 0)
    assert cli.main(["review", "sint-menadorp", flag, "v1"]) == 0
    assert seen == {"slug": "sint-menadorp", "since": "v1"}


def test_every_option_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    options = set(re.findall(r"--[a-z-]+", cli._parser().format_help())) - {"--help"}
    assert options >= {"--stil", "--alles-opnieuw", "--force", "--poort", "--sinds", "--since"}
    assert sorted(o for o in options if not re.search(rf"{o}\b", readme)) == []
    assert "site/<korte-naam>/downloads/" in readme, "where the plan documents land"


# --- no traceback ever -----------------------------------------------------------------------


def test_unexpected_error_gives_dutch_message_log_file_and_exit_3(monkeypatch, tmp_path, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("kapot van binnen")

    monkeypatch.setattr(pipeline, "validate", broken)
    monkeypatch.setattr(crash_log, "LOG_DIR", tmp_path / "fouten")
    assert cli.main(["validate"]) == 3
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    (log,) = (tmp_path / "fouten").glob("fout-*.log")
    assert re.fullmatch(r"fout-\d{8}-\d{6}\.log", log.name)
    assert err == f"{crash_log.MESSAGE}\nDe technische details staan in {log}; stuur dat bestand mee als u om hulp vraagt.\n"
    text = log.read_text(encoding="utf-8")
    assert text.startswith("opdracht: python build.py validate\n")
    assert "Traceback (most recent call last)" in text and "RuntimeError: kapot van binnen" in text


def test_a_second_error_in_the_same_second_gets_its_own_log(monkeypatch, tmp_path):
    monkeypatch.setattr(crash_log, "LOG_DIR", tmp_path)
    monkeypatch.setattr(crash_log.time, "strftime", lambda fmt, *a: "20260101-120000" if "%H%M%S" in fmt else "2026-01-01 12:00:00")
    first = crash_log.write_log(ValueError("een"), [])
    second = crash_log.write_log(ValueError("twee"), [])
    assert (first.name, second.name) == ("fout-20260101-120000.log", "fout-20260101-120000-2.log")
    assert "ValueError: twee" in second.read_text(encoding="utf-8")


def test_a_missing_python_module_says_how_to_set_up(monkeypatch, capsys):
    def missing(*args, **kwargs):
        raise ModuleNotFoundError("No module named 'jinja2'", name="jinja2")

    monkeypatch.setattr(pipeline, "validate", missing)
    assert cli.main(["validate"]) == 3
    assert capsys.readouterr().err == (
        "Er ontbreekt een onderdeel van Keukentafel: de Python-module 'jinja2'.\n"
        "    tip: draai eerst 'make setup' en start dan met '.venv/bin/python build.py'\n"
    )


def test_a_broken_installation_in_a_real_run_gives_no_traceback(tmp_path):
    """A data file of Keukentafel itself is missing: not the user's input, so exit 3 and a log file."""
    root = tmp_path / "project"
    root.mkdir()
    for name in TEXTS:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copyfile)(ROOT / name, root / name)
    (root / "data" / "wettelijke-feiten.yml").unlink()
    proc = run("validate", "sint-menadorp", root=root)
    assert proc.returncode == 3 and "Traceback" not in proc.stdout + proc.stderr
    (log,) = (root / ".build" / "fouten").glob("fout-*.log")
    shown = f".build/fouten/{log.name}"
    assert proc.stderr == f"{crash_log.MESSAGE}\nDe technische details staan in {shown}; stuur dat bestand mee als u om hulp vraagt.\n"
    assert "FileNotFoundError" in log.read_text(encoding="utf-8")


# --- counting right --------------------------------------------------------------------------


@pytest.mark.parametrize("n, text", [(0, "0 problemen"), (1, "1 probleem"), (2, "2 problemen")])
def test_aantal_picks_singular_only_for_one(n, text):
    assert aantal(n, "probleem", "problemen") == text


def test_paginas():
    assert (paginas(1), paginas(28)) == ("1 pagina", "28 pagina's")


def no_count_with_wrong_form(source: str) -> list[str]:
    """Literal texts in our modules that put a number before a fixed plural, or write '(n)'."""
    tree = ast.parse(source)
    wrong = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = node.values
            for before, after in zip(parts, parts[1:]):
                if isinstance(before, ast.FormattedValue) and isinstance(after, ast.Constant):
                    if re.match(r" (pagina's|problemen|fouten|gemeenten|waarschuwingen|alinea's|bestanden)\b", after.value):
                        wrong.append(ast.unparse(node))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "(n)" in node.value:
            wrong.append(node.value)
    return wrong


@pytest.mark.parametrize("module", ["cli.py", "report/console.py", "progress.py", "preview/serve.py", "preview/error_page.py"])
def test_counts_in_user_messages_use_the_right_form(module):
    assert no_count_with_wrong_form((ROOT / "keukentafel" / module).read_text(encoding="utf-8")) == []


def page(path: str, findings: int = 0, cached: bool = False) -> PageResult:
    finding = Finding(path, "axe", "color-contrast", "1.4.3", "te weinig contrast", "p", source="templates/overrides/main.html")
    found = [finding] * findings
    return PageResult(path, found, cached=cached)


def test_summary_counts_pages_and_checks_and_says_one_problem():
    pages = [page("/x/"), page("/x/gesprek/", findings=1), page("/x/plan-invullen/"), page("/x/plan-invullen/#zonder-js")]
    pages.append(page("/x/404.html", cached=True))
    gemeente = GemeenteResult("x", "X", pages)
    text = format_summary(BuildResult([gemeente]))
    assert site_pages_checked(gemeente) == 3
    header, row = [line for line in text.splitlines() if line.startswith("  gemeente") or line.startswith("  x ")]
    assert header.split() == ["gemeente", "pagina's", "toetsen", "uit", "cache", "problemen", "uitzonderingen", "gepubliceerd"]
    assert row.split()[:5] == ["x", "3", "5", "1", "1"]
    assert text.endswith("\nNiet alles gepubliceerd: 1 probleem gevonden bij het toetsen.\n")


def test_summary_names_a_gemeente_that_was_not_built_and_why():
    good = GemeenteResult("goed", "Goed", [page("/goed/")], published=True)
    problem = Diagnostic("municipalities/kapot.yml", 7, "contact.telefoon", 'verwacht een telefoonnummer, gevonden "abc"', "bijvoorbeeld 0123 45 67 89")
    bad = InvalidGemeente("kapot", [problem])
    text = format_summary(BuildResult([good], invalid=[bad]))
    assert (
        "Niet gebouwd door fouten in de invoer (de vorige versie van de site blijft staan):\n"
        '  municipalities/kapot.yml:7: contact.telefoon: verwacht een telefoonnummer, gevonden "abc"\n'
        "      tip: bijvoorbeeld 0123 45 67 89\n"
    ) in text
    assert text.endswith("\nNiet alles gepubliceerd: 1 gemeente niet gebouwd door fouten in de invoer (kapot).\n")


def test_validate_says_one_gemeente_in_the_singular(capsys):
    assert cli.main(["validate", "sint-menadorp"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert re.fullmatch(r"Geldig: 1 gemeente, samen \d+ pagina's, zonder fouten\.", last)


def test_validate_counts_the_pages_the_build_publishes(example_build, capsys):
    """The number `validate` gives is the pagina's column of the build's summary, per gemeente."""
    result, _ = example_build
    for g in result.gemeenten:
        assert cli.main(["validate", g.slug]) == 0
        counted = int(re.search(r"samen (\d+) pagina", capsys.readouterr().out).group(1))
        assert counted == site_pages_checked(g), g.slug


# --- progress --------------------------------------------------------------------------------


def test_every_stage_the_pipeline_names_has_a_dutch_label():
    source = (ROOT / "keukentafel" / "pipeline.py").read_text(encoding="utf-8")
    stages = set(re.findall(r"progress\.stage\(\"([a-z]+)\"", source))
    assert stages and stages <= set(STAGE_LABELS)


def test_progress_writes_the_dutch_label():
    out = io.StringIO()
    Progress(out).stage("check", "pa11y in Chromium")
    assert out.getvalue() == "toets: pa11y in Chromium\n"


# --- setup -----------------------------------------------------------------------------------


def test_pyproject_uses_an_spdx_licence_with_a_setuptools_that_knows_it():
    """`license = { text = ... }` makes setuptools warn during `pip install -e .`; SPDX needs setuptools 77."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["license"] == "EUPL-1.2"
    (setuptools,) = [r for r in data["build-system"]["requires"] if r.startswith("setuptools")]
    assert tuple(int(n) for n in re.search(r">=([\d.]+)", setuptools).group(1).split(".")) >= (77,)
