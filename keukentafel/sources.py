"""Point each browser finding at what an editor can change: a Markdown line, or a theme template.

A finding inside the page's article came from Markdown: we find the rendered line that holds the
element's text (or link target) and follow the render stage's source map back to the content file
or the gemeente's YAML. Anything else came from the theme: we name the template of that region.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .gate import Finding
from .render import RenderedPage

OVERVIEW_TEMPLATE = "templates/overzicht.html.j2"
THEME_REGIONS = {
    ".md-search": "templates/overrides/partials/search.html",
    ".md-header": "thema: Material partials/header.html (kleuren: templates/assets/keukentafel.css)",
    ".md-tabs": "thema: Material partials/tabs.html",
    ".md-sidebar--primary": "templates/overrides/partials/nav-item.html (thema: Material partials/nav.html)",
    ".md-sidebar--secondary": "thema: Material partials/toc.html",
    ".md-footer": "thema: Material partials/footer.html (kleuren: templates/assets/keukentafel.css)",
    ".md-banner": "thema: Material partials/banner.html",
    ".md-skip": "thema: Material base.html (skip link)",
}
MARKDOWN_SYNTAX = re.compile(r"\]\([^)]*\)|\{[^}]*\}|[*_`#>\[\]|]|^\s*(?:[-+]|\d+\.)\s+|!!!\s*\w+")


def doc_path_for(url_path: str) -> str:
    """/slug/gesprek/ → gesprek.md; /slug/ → index.md (MkDocs directory URLs)."""
    inner = url_path.split("/", 2)[2] if url_path.count("/") >= 2 else ""
    inner = re.split(r"[?#]", inner, maxsplit=1)[0]
    if inner.endswith("index.html"):
        inner = inner[: -len("index.html")]
    if inner in ("", "/"):
        return "index.md"
    inner = inner.rstrip("/")
    return f"{inner}/index.md" if inner in ("makkelijk",) else f"{inner}.md"


def _plain(line: str) -> str:
    return " ".join(MARKDOWN_SYNTAX.sub(" ", line).split()).lower()


def markdown_line(page: RenderedPage, text: str, href: str, context: str = "") -> tuple[str, int] | None:
    """The source of the rendered line that holds this element, or None."""
    opening = context.split(">", 1)[0] + ">" if context.startswith("<") else ""
    if opening and len(opening) > 4:
        for i, line in enumerate(page.lines):
            if opening in line:
                return page.sources[i]
    needle = " ".join(text.split()).lower()[:40]
    if needle:
        for i, line in enumerate(page.lines):
            if needle in _plain(line):
                return page.sources[i]
    if href:
        for i, line in enumerate(page.lines):
            if href in line or href.rstrip("/").removesuffix("/index.html") in line:
                return page.sources[i]
    return None


def locate(finding: Finding, pages: dict[str, RenderedPage]) -> Finding:
    """The finding with its source filled in."""
    if finding.page in ("/", "/index.html"):
        return replace(finding, source=OVERVIEW_TEMPLATE)
    page = pages.get(doc_path_for(finding.page))
    if finding.code == "extern-verzoek":
        found = markdown_line(page, "", finding.context) if page else None
        return replace(finding, source=f"{found[0]}:{found[1]}" if found else "templates/ (thema, extra_css of extra_javascript)")
    if finding.in_article and page is not None:
        found = markdown_line(page, finding.element_text, finding.element_href, finding.context)
        if found:
            return replace(finding, source=f"{found[0]}:{found[1]}")
        return replace(finding, source=page.sources[0][0] if page.sources else f"content/{page.path}")
    if finding.region in THEME_REGIONS:
        return replace(finding, source=THEME_REGIONS[finding.region])
    if page is not None and page.path.startswith("toegankelijkheid"):
        return replace(finding, source="templates/toegankelijkheid.md.j2")
    return replace(finding, source="thema: Material main.html / base.html")
