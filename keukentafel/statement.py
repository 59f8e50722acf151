"""The toegankelijkheidsverklaring page of every site, written from the measured gate results."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from . import ROOT
from .config import LoadedGemeente
from .diagnostics import display_path
from .exceptions import GateException
from .render import RenderedPage, make_environment, map_lines

TEMPLATE = ROOT / "templates" / "toegankelijkheid.md.j2"
PAGE_PATH = "toegankelijkheid.md"
PAGE_TITLE = "Toegankelijkheid"
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")


def check_date() -> str:
    """Today in Dutch, or the day KEUKENTAFEL_TOETSDATUM_EPOCH names (for byte-identical rebuilds)."""
    epoch = os.environ.get("KEUKENTAFEL_TOETSDATUM_EPOCH")
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date() if epoch else datetime.date.today()
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Outcome:
    datum: str
    paginas: int
    fouten: int
    versies: dict
    uitzonderingen: list[GateException]


def statement_page(loaded: LoadedGemeente, outcome: Outcome | None) -> RenderedPage:
    """The statement as rendered Markdown; outcome None gives the placeholder checked in the first pass."""
    source = TEMPLATE.read_text(encoding="utf-8")
    env = make_environment()
    text = env.from_string(source).render(gemeente=loaded.gemeente.model_dump(), uitslag=outcome)
    lines = text.rstrip("\n").split("\n")
    return RenderedPage(PAGE_PATH, PAGE_TITLE, lines, map_lines(source.rstrip("\n").split("\n"), lines, display_path(TEMPLATE)))
