"""`python build.py review <slug> [--since REF]`: the Wmo-raad's review bundle for one gemeente.

Reads the gemeente's site as its residents read it (review_pages), measures the plain language of
every page (plain_language), optionally compares with an earlier version (history), and writes the
bundle as HTML, PDF and .docx (review_document) into wmo-raad/<slug>/.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from keukentafel import ROOT
from keukentafel.config.loader import LoadedGemeente, load_all
from keukentafel.review.history import changes_since
from keukentafel.config.legal import load_wet
from keukentafel.pipeline import select_paths
from keukentafel.language.site_check import measure
from keukentafel.rendering.render import CONTENT, render_site
from keukentafel.review.document import write_bundle
from keukentafel.language.blocks import LegalFact, ReviewBundle, ReviewContact, ReviewPage
from keukentafel.language.page_blocks import review_pages, setting_values
from keukentafel.site.mkdocs_site import source_date_epoch
from keukentafel.report.statement import dutch_date

OUTPUT = ROOT / "wmo-raad"
WET_KEY = re.compile(r"\bwet\.([a-z_]+)")


def legal_facts_used(pages: list[ReviewPage]) -> list[LegalFact]:
    """The national facts the gemeente's pages use, in the order of the facts file."""
    used: set[str] = set()
    for page in pages:
        source = CONTENT / page.path
        if source.is_file():
            used |= set(WET_KEY.findall(source.read_text(encoding="utf-8")))
    wet = load_wet()
    return [LegalFact(key, fact["regel"], fact["bron"], fact["bron_url"]) for key, fact in wet.items() if key in used]


def make_bundle(loaded: LoadedGemeente, since: str | None = None) -> ReviewBundle:
    pages = review_pages(render_site(loaded))
    language = measure(pages, loaded).pages
    day = datetime.datetime.fromtimestamp(int(source_date_epoch()), datetime.UTC).date()
    g = loaded.gemeente
    return ReviewBundle(
        slug=loaded.slug,
        gemeente=g.naam,
        date=dutch_date(day),
        pages=pages,
        language=language,
        legal_facts=legal_facts_used(pages),
        contact=ReviewContact(g.wmo_raad.naam, g.wmo_raad.email),
        gemeente_email=g.contact.email,
        changes=changes_since(loaded.slug, since, pages) if since else None,
        settings=setting_values(pages, loaded),
    )


def review(slug: str, since: str | None = None, output: Path = OUTPUT, municipalities: Path | None = None) -> tuple[ReviewBundle, list[Path]]:
    """Write the bundle of one gemeente; raise InvalidInput for an unknown gemeente or version."""
    paths = select_paths([slug], municipalities) if municipalities else select_paths([slug])
    (loaded,) = load_all(paths)
    bundle = make_bundle(loaded, since)
    return bundle, write_bundle(bundle, output / slug)
