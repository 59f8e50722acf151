"""National legal facts: loaded from the one data file that holds them with their sources."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


from keukentafel import ROOT
from keukentafel.files import read_yaml

FACTS_FILE = ROOT / "data" / "wettelijke-feiten.yml"


@lru_cache(maxsize=1)
def load_wet() -> dict[str, Any]:
    return read_yaml(FACTS_FILE)
