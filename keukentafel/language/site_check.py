"""The plain-language check at build time: every page of a site measured on its rendered text.

On an easy page every limit is a rule: a sentence that is too long or a system word stops the
site from being published, with the content file and line (or the gemeente's YAML line). On a
standard page the same measurements are warnings. The figures go to reports/<slug>/readability.json.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from keukentafel.config.loader import LoadedGemeente
from keukentafel.language.plain_language import analyse_page
from keukentafel.rendering.render import RenderedSite
from keukentafel.language.blocks import LanguageFinding, PageLanguage, ReviewPage
from keukentafel.language.page_blocks import review_pages

CRITERION = ""  # not a WCAG rule: our own plain-language rule (data/taalregels.yml)


@dataclass
class SiteLanguage:
    pages: dict[str, PageLanguage]  # by rendered page path

    @property
    def errors(self) -> list[LanguageFinding]:
        return [f for p in self.pages.values() for f in p.findings if f.severity == "fout"]

    @property
    def warnings(self) -> list[LanguageFinding]:
        return [f for p in self.pages.values() for f in p.findings if f.severity == "waarschuwing"]

    def as_json(self) -> dict:
        return {"paginas": [asdict(p) for p in self.pages.values()]}


def names_of(loaded: LoadedGemeente) -> set[str]:
    """Proper names on the gemeente's pages, which are not 'uncommon words' for a resident."""
    g = loaded.gemeente
    names = [g.naam, g.clientondersteuning.organisatie, g.ombudsman.naam, g.gesprek.team or "", g.contact.bezoekadres.plaats]
    names += [extra.titel for extra in g.extra_paginas]
    return {word for name in names for word in re.findall(r"[\w'’-]+", name)}


def glossary_terms(pages: list[ReviewPage]) -> set[str]:
    """The words the site's glossaries explain (their headings)."""
    return {b.text for p in pages if p.path.endswith("woordenlijst.md") for b in p.blocks if b.kind == "kop"}


def measure(pages: list[ReviewPage], loaded: LoadedGemeente) -> SiteLanguage:
    names, glossary = names_of(loaded), glossary_terms(pages)
    return SiteLanguage({page.path: analyse_page(page, names, glossary=glossary) for page in pages})


def check_site(site: RenderedSite, loaded: LoadedGemeente) -> SiteLanguage:
    """Every page of the site, the toegankelijkheidsverklaring included."""
    return measure(review_pages(site, skip=()), loaded)
