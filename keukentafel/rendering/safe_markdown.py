"""Config values as text, and the hardening every Markdown page goes through.

A gemeente's YAML is data, not markup. Three parts keep it that way:

- markdown_text() turns a value into Markdown that can only ever be text: every character that
  could start Markdown or HTML becomes a numeric character reference (`&#60;`), which Markdown
  passes through untouched and the browser shows as the character. The render stage applies it
  to everything a content template prints (see render.make_environment).
- own_markdown() keeps a gemeente's own page texts (pagina_teksten, documented as Markdown) as
  Markdown, but shows any raw HTML in them as text.
- SafeMarkdown, a Python-Markdown extension that MkDocs (keukentafel/site/mkdocs_hooks.py) and the
  review stage use for every page: it decodes the character references in link targets (so a
  printed URL is a real URL again), drops event-handler attributes and every link or source that
  is not http(s), mailto: or tel: (javascript:, data:, vbscript:, ...), and gives every link to
  another site rel="noopener noreferrer".
"""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

# ASCII punctuation that starts no Markdown or HTML construct in the middle of a line, in
# Python-Markdown with the site's extensions (toc, attr_list, admonition, tables, md_in_html):
# emphasis needs * or _, links and images [ ], attribute lists { }, code `, escapes \, HTML < &,
# headings #, tables |, and the rest of ASCII punctuation is kept out for extensions a site
# might add (== marks, ++ keys, ~~ deletions, ^^ insertions, $ maths). Quotes are kept out
# because a value may be printed inside an HTML attribute in content/. At the start of a value
# (which may be the start of a line) only letters and digits stay as they are.
PLAIN_PUNCTUATION = frozenset(".,:;?!/@%-()")
ASCII_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
# Control characters have no place in a web page; Python-Markdown uses \x02 and \x03 itself.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _kept(char: str, index: int, text: str) -> bool:
    if char.isalnum() or char == " ":
        return True
    if char in PLAIN_PUNCTUATION:
        # "1. " or "1) " (or a bare "1.") at the start of a line would begin a numbered list.
        numbered = char in ".)" and text[:index].isdigit() and text[index + 1 : index + 2] in ("", " ")
        return index > 0 and not numbered
    return not char.isascii() and unicodedata.category(char)[0] not in "CZ"


def markdown_text(value: object) -> str:
    """A value as Markdown that renders exactly as its text, on one line.

    Whitespace (spaces, tabs, line breaks) is folded into single spaces, as a browser shows it.
    The result is also safe as HTML text and inside a quoted HTML attribute.
    """
    text = ASCII_WHITESPACE.sub(" ", CONTROL.sub("", str(value))).strip(" ")
    return "".join(char if _kept(char, i, text) else f"&#{ord(char)};" for i, char in enumerate(text))


AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>\s]*>", re.IGNORECASE)


def own_markdown(text: str) -> str:
    """A gemeente's own Markdown with raw HTML shown as text (autolinks such as <https://...> stay)."""
    parts, last = [], 0
    for m in AUTOLINK.finditer(text):
        parts.append(text[last : m.start()].replace("<", "&lt;"))
        parts.append(m.group(0))
        last = m.end()
    parts.append(text[last:].replace("<", "&lt;"))
    return "".join(parts)


# --- URLs ---------------------------------------------------------------------------------

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SOURCE_SCHEMES = frozenset({"http", "https"})
URL_ATTRIBUTES = {"href": LINK_SCHEMES, "xlink:href": LINK_SCHEMES, "src": SOURCE_SCHEMES, "action": SOURCE_SCHEMES,
                  "formaction": SOURCE_SCHEMES, "poster": SOURCE_SCHEMES, "data": SOURCE_SCHEMES, "cite": SOURCE_SCHEMES,
                  "background": SOURCE_SCHEMES, "srcset": SOURCE_SCHEMES}
DROPPED_ATTRIBUTES = frozenset({"srcdoc"})
SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# Browsers ignore these anywhere in a URL ("java\tscript:") and strip them from its ends.
URL_NOISE = re.compile(r"[\x00-\x20\x7f]")


def url_scheme(url: str) -> str | None:
    """The scheme of a URL as a browser reads it ('javascript' for ' JaVa&#115;cript:'), None when relative."""
    m = SCHEME.match(URL_NOISE.sub("", html.unescape(url)).lower())
    return m.group(1) if m else None


def url_allowed(attribute: str, url: str) -> bool:
    scheme = url_scheme(url)
    if attribute == "srcset":
        return all(url_allowed("src", candidate.strip().split(" ")[0]) for candidate in html.unescape(url).split(","))
    return scheme is None or scheme in URL_ATTRIBUTES[attribute]


def is_external(url: str) -> bool:
    return url_scheme(url) in ("http", "https")


# --- the extension ----------------------------------------------------------------------------


NUMERIC_REFERENCE = re.compile(r"&#(\d+);")


def _character(m: re.Match) -> str:
    code = int(m.group(1))
    return chr(code) if 0 < code < 0x110000 else m.group(0)


class _RealUrls(Treeprocessor):
    """A URL that a template printed arrives as character references (https&#58;//...): make it a
    URL again before MkDocs checks and rewrites links. Only the numeric references markdown_text()
    writes are decoded, so a hand-written query such as ?a=1&copy=2 stays as it is."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in ("href", "src"):
                value = element.get(name)
                if value and "&#" in value:
                    element.set(name, NUMERIC_REFERENCE.sub(_character, value))


START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)(\s*/?)>")
ATTRIBUTE = re.compile(r"\s+([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
NOOPENER = ("noopener", "noreferrer")


def _unquote(value: str | None) -> str:
    if value is None:
        return ""
    return value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] else value


def harden_tag(match: re.Match) -> str:
    """One start tag without event handlers and unsafe URLs; a link to another site gets rel=noopener."""
    tag, attributes, end = match.group(1), match.group(2), match.group(3)
    kept, changed, rel_at, external = [], False, None, False
    for attribute in ATTRIBUTE.finditer(attributes or ""):
        name, value = attribute.group(1).lower(), _unquote(attribute.group(2))
        if name.startswith("on") or name in DROPPED_ATTRIBUTES or (name in URL_ATTRIBUTES and not url_allowed(name, value)):
            changed = True
            continue
        if name == "rel":
            rel_at = len(kept)
        if tag.lower() == "a" and name == "href" and is_external(value):
            external = True
        kept.append((attribute.group(0), name, value))
    if external:
        words = kept[rel_at][2].split() if rel_at is not None else []
        missing = [w for w in NOOPENER if w not in words]
        if missing:
            changed = True
            rel = f' rel="{html.escape(" ".join(words + missing))}"'
            if rel_at is None:
                kept.append((rel, "rel", ""))
            else:
                kept[rel_at] = (rel, "rel", "")
    if not changed:
        return match.group(0)
    return f"<{tag}{''.join(text for text, _, _ in kept)}{end}>"


def harden_html(text: str) -> str:
    return START_TAG.sub(harden_tag, text)


class _Harden(Postprocessor):
    def run(self, text: str) -> str:
        return harden_html(text)


class SafeMarkdown(Extension):
    """Real URLs in link targets; no event handlers, no unsafe URLs, rel=noopener on outside links."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        # After the inline links (20) and attribute lists (8), before MkDocs' own link handling (0).
        md.treeprocessors.register(_RealUrls(md), "keukentafel_real_urls", 4)
        # After raw HTML is put back (30) and & is restored (20): this sees the page as it is served.
        md.postprocessors.register(_Harden(md), "keukentafel_harden", 10)


def makeExtension(**kwargs) -> SafeMarkdown:  # noqa: N802 - Python-Markdown's name
    return SafeMarkdown(**kwargs)
