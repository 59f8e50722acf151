"""The toegankelijkheidsverklaring page of every site, written from the measured gate results.

The page follows the Dutch model statement (EU model 2018/1523, as used by the national register
on toegankelijkheidsverklaring.nl). Its status (A to D) follows from the gemeente's own config:
a research report of at most 3 years old gives A or B; a full study planned within 6 months gives
C; anything else is D. Our automated gate never gives A or B by itself.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import os
import tomllib
from dataclasses import dataclass
from importlib import metadata

from keukentafel import ROOT
from keukentafel.config.loader import LoadedGemeente
from keukentafel.diagnostics import display_path
from keukentafel.gate.exceptions import GateException
from keukentafel.rendering.render import RenderedPage, make_environment, map_lines
from keukentafel.config.schema import Toegankelijkheid
from keukentafel.site.mkdocs_site import site_title

TEMPLATE = ROOT / "templates" / "toegankelijkheid.md.j2"
PAGE_PATH = "toegankelijkheid.md"
PAGE_TITLE = "Toegankelijkheid"
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")

REGISTER_URL = "https://www.toegankelijkheidsverklaring.nl/register/{id}"
REPORT_VALID_YEARS = 3
PLANNED_WITHIN_MONTHS = 6
# The labels the national register gives each status.
LABELS = {
    "A": "voldoet volledig",
    "B": "voldoet gedeeltelijk",
    "C": "eerste maatregelen genomen",
    "D": "voldoet niet",
}


def check_day() -> datetime.date:
    """Today, or the day KEUKENTAFEL_TOETSDATUM_EPOCH names (for byte-identical rebuilds)."""
    epoch = os.environ.get("KEUKENTAFEL_TOETSDATUM_EPOCH")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date() if epoch else datetime.date.today()


def dutch_date(day: datetime.date) -> str:
    """15 april 2027."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def check_date() -> str:
    """The check day in Dutch."""
    return dutch_date(check_day())


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day so many months later (or earlier); the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def status(toegankelijkheid: Toegankelijkheid | dict, day: datetime.date) -> tuple[str, str]:
    """The compliance status on `day` and its basis, as Dutch sentences for the page.

    A: the newest report is at most 3 years old, it says the site meets every requirement and no
       deviations are listed. B: such a report exists, but not everything is met (the report says
       so, or deviations are listed). C: no valid report, but a full study is planned on a day from
       `day` up to 6 months later. D: everything else. Reports dated after `day` do not count yet.
    """
    t = toegankelijkheid if isinstance(toegankelijkheid, Toegankelijkheid) else Toegankelijkheid.model_validate(toegankelijkheid)
    oldest_valid = add_months(day, -12 * REPORT_VALID_YEARS)
    reports = sorted((r for r in t.onderzoeksrapporten if r.datum <= day), key=lambda r: r.datum)
    later = [r for r in t.onderzoeksrapporten if r.datum > day]
    newest = reports[-1] if reports else None

    if newest and newest.datum >= oldest_valid:
        when = dutch_date(newest.datum)
        if newest.voldoet and not t.afwijkingen:
            return "A", (
                f"Op {when} is de website volledig onderzocht. Dat is niet meer dan {REPORT_VALID_YEARS} jaar geleden. "
                "Uit dat onderzoek blijkt dat de website aan alle eisen voldoet."
            )
        return "B", (
            f"Op {when} is de website volledig onderzocht. Dat is niet meer dan {REPORT_VALID_YEARS} jaar geleden. "
            "Uit dat onderzoek blijkt dat de website nog niet aan alle eisen voldoet. "
            "Hieronder leest u wat nog niet goed werkt en wat de gemeente eraan doet."
        )

    reasons = []
    if newest:
        reasons.append(
            f"Het laatste volledige onderzoek is van {dutch_date(newest.datum)}. Dat is meer dan {REPORT_VALID_YEARS} jaar geleden."
        )
    else:
        reasons.append("De website is nog niet volledig onderzocht.")
    if later:
        reasons.append(f"Het rapport van {dutch_date(later[0].datum)} telt pas mee vanaf die datum.")
    planned = t.onderzoek_gepland
    latest_allowed = add_months(day, PLANNED_WITHIN_MONTHS)
    if planned and day <= planned <= latest_allowed:
        reasons.append(
            f"Een volledig onderzoek is gepland op {dutch_date(planned)}. "
            f"Dat is binnen {PLANNED_WITHIN_MONTHS} maanden na {dutch_date(day)}."
        )
        return "C", " ".join(reasons)
    if planned and planned < day:
        reasons.append(f"Het onderzoek was gepland op {dutch_date(planned)}. Die datum is voorbij en er is nog geen nieuw rapport.")
    elif planned:
        reasons.append(
            f"Het volgende onderzoek is gepland op {dutch_date(planned)}. "
            f"Dat is later dan {PLANNED_WITHIN_MONTHS} maanden na {dutch_date(day)}."
        )
    else:
        reasons.append(f"Er is ook geen volledig onderzoek gepland binnen {PLANNED_WITHIN_MONTHS} maanden.")
    return "D", " ".join(reasons)


def product_versions() -> dict[str, str]:
    """Keukentafel and the MkDocs packages the site is built with."""

    def installed(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "onbekend"

    pyproject = ROOT / "pyproject.toml"
    if pyproject.is_file():
        own = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    else:
        own = installed("keukentafel")
    return {"keukentafel": own, "mkdocs": installed("mkdocs"), "material": installed("mkdocs-material")}


@dataclass(frozen=True)
class Outcome:
    datum: str
    paginas: int
    fouten: int
    versies: dict
    uitzonderingen: list[GateException]


def _cell(value: object) -> str:
    """Text for one cell of a Markdown table: on one line (printing it escapes the | itself)."""
    return " ".join(str(value).split())


def _host(url: str) -> str:
    """https://wmo.gemeente.nl/ → wmo.gemeente.nl (shown as text, never as link text)."""
    return url.split("://", 1)[-1].rstrip("/")


def statement_context(loaded: LoadedGemeente, outcome: Outcome | None, day: datetime.date | None = None) -> dict:
    day = day or check_day()
    gemeente = loaded.gemeente.model_dump()
    t = loaded.gemeente.toegankelijkheid
    letter, reden = status(t, day)
    return {
        "gemeente": gemeente,
        "uitslag": outcome,
        "website": site_title(loaded),
        "status": {"letter": letter, "label": LABELS[letter], "reden": reden},
        "rapporten": sorted(gemeente["toegankelijkheid"]["onderzoeksrapporten"], key=lambda r: r["datum"], reverse=True),
        "register_url": REGISTER_URL.format(id=t.register_id) if t.register_id else None,
        "product": product_versions(),
    }


@functools.lru_cache(maxsize=4)
def _compiled(source: str):
    """The statement template, compiled once per text (in its own environment, for its filters)."""
    env = make_environment().overlay()
    env.filters = {**env.filters, "datum": dutch_date, "cel": _cell, "host": _host}
    return env.from_string(source)


def statement_page(loaded: LoadedGemeente, outcome: Outcome | None, day: datetime.date | None = None) -> RenderedPage:
    """The statement as rendered Markdown; outcome None gives the placeholder checked in the first pass."""
    source = TEMPLATE.read_text(encoding="utf-8")
    text = _compiled(source).render(statement_context(loaded, outcome, day))
    lines = text.rstrip("\n").split("\n")
    return RenderedPage(PAGE_PATH, PAGE_TITLE, lines, map_lines(source.rstrip("\n").split("\n"), lines, display_path(TEMPLATE)))
