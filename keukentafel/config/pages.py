"""The shared pages every gemeente site has, in navigation order, each with an easy-language twin."""

from __future__ import annotations

from dataclasses import dataclass

EASY_DIR = "makkelijk"


@dataclass(frozen=True)
class Page:
    id: str  # key used in a gemeente's pagina_teksten
    file: str  # Markdown file in content/ (the twin has the same name in content/makkelijk/)
    title: str  # navigation title of the standard page
    easy_title: str  # navigation title of the twin

    @property
    def easy_file(self) -> str:
        return f"{EASY_DIR}/{self.file}"


PAGES: tuple[Page, ...] = (
    Page("start", "index.md", "Start", "Start"),
    Page("gesprek", "gesprek.md", "Het gesprek", "Het gesprek"),
    Page("voorbereiden", "voorbereiden.md", "Voorbereiden", "Voorbereiden"),
    Page("eigen-plan", "eigen-plan.md", "Uw eigen plan", "Uw eigen plan"),
    Page("plan-invullen", "plan-invullen.md", "Uw plan invullen", "Uw plan invullen"),
    Page("iemand-meenemen", "iemand-meenemen.md", "Iemand meenemen", "Iemand meenemen"),
    Page("soorten-hulp", "soorten-hulp.md", "Welke hulp is er?", "Welke hulp is er?"),
    Page("na-het-gesprek", "na-het-gesprek.md", "Na het gesprek", "Na het gesprek"),
    Page("na-het-besluit", "na-het-besluit.md", "Na het besluit", "Na het besluit"),
    Page("niet-eens", "niet-eens.md", "Niet eens?", "Niet eens?"),
    Page("uw-gegevens", "uw-gegevens.md", "Uw gegevens", "Uw gegevens"),
    Page("woordenlijst", "woordenlijst.md", "Woordenlijst", "Woordenlijst"),
    Page("contact", "contact.md", "Contact", "Contact"),
)

PAGE_IDS = tuple(p.id for p in PAGES)
