"""Publish the gemeente schema as JSON Schema, so editors autocomplete keys and flag mistakes.

Run `make schema` after changing keukentafel/config/schema.py; a test checks the file is up to date.
"""

from __future__ import annotations

import json

from keukentafel import ROOT
from keukentafel.config.schema import Gemeente

SCHEMA_FILE = ROOT / "schema" / "gemeente.schema.json"


def schema_text() -> str:
    schema = Gemeente.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Keukentafel: instellingen van één gemeente"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> None:
    SCHEMA_FILE.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    print(f"geschreven: {SCHEMA_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
