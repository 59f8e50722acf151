"""National legal facts: loaded from the one data file that holds them with their sources."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from keukentafel import ROOT

FACTS_FILE = ROOT / "data" / "wettelijke-feiten.yml"


@lru_cache(maxsize=1)
def load_wet() -> dict[str, Any]:
    return yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))
