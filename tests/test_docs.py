"""The documentation keeps up with the code: every config key, the schema file, the quick start."""

from __future__ import annotations

import re
from pathlib import Path

from keukentafel.config.loader import _model_of
from keukentafel.config.json_schema import SCHEMA_FILE, schema_text
from keukentafel.config.schema import Gemeente

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def all_keys(model=Gemeente, prefix=""):
    for name, field in model.model_fields.items():
        key = prefix + name
        yield key
        sub = _model_of(field.annotation)
        if name == "pagina_teksten":
            yield from all_keys(sub, f"{key}.<pagina>.")
        elif sub and getattr(field.annotation, "__origin__", None) is list:
            yield from all_keys(sub, f"{key}[].")
        elif sub:
            yield from all_keys(sub, key + ".")


def test_every_config_key_is_documented_in_the_readme():
    missing = [key for key in all_keys() if f"`{key}`" not in README]
    assert missing == []


def test_published_json_schema_is_up_to_date():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run `make schema`"


def test_examples_point_editors_at_the_schema():
    for path in (ROOT / "municipalities").glob("*.yml"):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/gemeente.schema.json"), path


def test_quick_start_has_two_commands_and_ci_runs_the_second():
    block = re.search(r"^```[^\n]*\n(.*?)^```", README, re.S | re.M).group(1)
    commands = [line.strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make site", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_page_has_its_easy_twin():
    from keukentafel.config.pages import PAGES

    for page in PAGES:
        assert (ROOT / "content" / page.file).is_file(), page.file
        assert (ROOT / "content" / page.easy_file).is_file(), page.easy_file
