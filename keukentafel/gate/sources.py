"""Point each browser finding at what an editor can change: a Markdown line, or a theme template.

A finding inside the page's article came from Markdown: we find the rendered line that holds the
element's text (or link target) and follow the render stage's source map back to the content file
or the gemeente's YAML. Anything else came from the theme: we name the template of that region.
"""

from __future__ import annotations

import html

import re
from dataclasses import replace
from pathlib import Path

from keukentafel import ROOT
from keukentafel.gate.browser import Finding
from keukentafel.rendering.render import RenderedPage

OVERVIEW_TEMPLATE = "templates/overzicht.html.j2"
OVERRIDES = ROOT / "templates" / "overrides"
STYLESHEET = "templates/assets/keukentafel.css"
# Each theme region and the template(s) that render it, most specific first; a note after "|".
# The first one that templates/overrides/ holds is ours to change; otherwise it is Material's.
REGION_TEMPLATES = {
    ".md-search": ("partials/search.html",),
    ".md-header": ("partials/header.html|kleuren: " + STYLESHEET,),
    ".md-tabs": ("partials/tabs.html",),
    ".md-sidebar--primary": ("partials/nav.html", "partials/nav-item.html"),
    ".md-sidebar--secondary": ("partials/toc.html", "partials/toc-item.html"),
    ".md-footer": ("partials/footer.html|kleuren: " + STYLESHEET,),
    ".md-banner": ("partials/banner.html",),
    ".md-skip": ("base.html|skip link",),
}
# Keyboard findings whose cure is a style rule, not markup.
STYLE_CODES = {"toetsenbord:focusring-te-zwak": "focusstijl"}


def region_template(region: str, overrides: Path = OVERRIDES) -> str:
    """The file an editor changes for a theme region: our override if there is one, else Material's."""
    choices = REGION_TEMPLATES[region]
    for choice in choices:
        name, _, note = choice.partition("|")
        if (overrides / name).is_file():
            return f"templates/overrides/{name}" + (f" ({note})" if note else "")
    name, _, note = choices[0].partition("|")
    return f"thema: Material {name}" + (f" ({note})" if note else "")

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
    # Printed values are character references in the Markdown (&#39;s-Heerenbrûk): unescape first.
    return " ".join(MARKDOWN_SYNTAX.sub(" ", html.unescape(line)).split()).lower()


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
    if finding.code in STYLE_CODES:
        # A focus ring is drawn by the style sheet, wherever the element itself comes from.
        return replace(finding, source=f"{STYLESHEET} ({STYLE_CODES[finding.code]})")
    if finding.page in ("/", "/index.html"):
        return replace(finding, source=OVERVIEW_TEMPLATE)
    if finding.source:
        return finding  # the gate named the file itself (Content-Security-Policy findings)
    page = pages.get(doc_path_for(finding.page))
    if finding.code == "extern-verzoek":
        found = markdown_line(page, "", finding.context) if page else None
        return replace(finding, source=f"{found[0]}:{found[1]}" if found else "templates/ (thema, extra_css of extra_javascript)")
    if finding.in_article and page is not None:
        found = markdown_line(page, finding.element_text, finding.element_href, finding.context)
        if found:
            return replace(finding, source=f"{found[0]}:{found[1]}")
        return replace(finding, source=page.sources[0][0] if page.sources else f"content/{page.path}")
    if finding.region in REGION_TEMPLATES:
        return replace(finding, source=region_template(finding.region))
    if page is not None and page.path.startswith("toegankelijkheid"):
        return replace(finding, source="templates/toegankelijkheid.md.j2")
    return replace(finding, source="thema: Material main.html / base.html")
