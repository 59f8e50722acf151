"""Config values are text, everywhere: hostile values in every string key of a gemeente's YAML.

The keys come from the schema itself (every string field, nested models, lists and page texts
included), not from a hand-picked list. Three configs each put a value from the payload corpus in
every key, rotating through the corpus, so every key meets several payloads and every payload many
keys. Per key and payload:

- a key with a format (phone, e-mail, web address, postcode, colour, a file name) may refuse the
  payload: then validation stops with exit 2 and names the key;
- a key of plain text must accept it, and show it literally;
- a key documented as Markdown (own page texts) stays Markdown, without raw HTML (validation) and
  without unsafe links or event handlers (the renderer).

Each config is built with real MkDocs (no browser), next to a twin with harmless text in the same
keys. Then, with a parser rather than a substring search, on every built page, the search index,
the 404 page, the statement, the overview, reports/index.html, the review bundle and the plan
documents: no script but the site's own files, no event-handler attribute, no javascript:, data:
or vbscript: URL, and the very same elements as the harmless twin (a payload adds no element);
and wherever a value's marker ("Waarde07") appears, the whole value follows, character for
character.
"""

from __future__ import annotations

import copy
import functools
import html
import json
import re
import types
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin
from xml.etree import ElementTree

import markdown
import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.functional_validators import AfterValidator

from conftest import ROOT, copy_examples
from keukentafel import cli, pipeline
from keukentafel.config.loader import load_all, validate_file
from keukentafel.gate.browser import Finding, PageResult
from keukentafel.pipeline import BuildResult, GemeenteResult, check_sources, with_statement, write_overview
from keukentafel.rendering.render import render_site
from keukentafel.report.files import write_reports
from keukentafel.review.bundle import make_bundle
from keukentafel.review.document import build_view, docx_bytes, render_html
from keukentafel.language.page_blocks import markdown_extensions
from keukentafel.rendering.safe_markdown import SafeMarkdown, markdown_text, own_markdown
from keukentafel.config.schema import Gemeente
from keukentafel.site.mkdocs_site import as_html, build_site

PAYLOADS = (
    "{{ 7*7 }}",
    "{% raw %}{{ config }}{% endraw %}",
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' autofocus onfocus='alert(1)",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "[klik](javascript:alert(1))",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "<!-- x -->",
    "</textarea><script>alert(1)</script>",
    "</title><svg/onload=alert(1)>",
    "**vet** _schuin_ `code` {: onclick=\"alert(1)\" }",
    "# Kop | tabel | &lt;b&gt; &amp; \\*",
)
CONFIGS = 3
MARK = "Waarde{:02d} "  # fixed width: Waarde01 is no prefix of Waarde12
MARK_RE = re.compile(r"Waarde\d\d ")
BASE_CONFIG = ROOT / "municipalities" / "s-heerenbruk-aan-de-vliet.yml"
# Entries for lists of models the example leaves empty, so that their string keys exist.
SEEDS = {
    ("toegankelijkheid", "onderzoeksrapporten"): {
        "datum": "2026-03-15", "soort": "volledig onderzoek", "uitvoerder": "Bureau Vliet", "url": "https://rapport.voorbeeld.nl/r.pdf", "voldoet": False,
    },
    ("toegankelijkheid", "afwijkingen"): {
        "succescriterium": "1.4.3 Contrast", "oorzaak": "Te licht.", "gevolg": "Slecht te lezen.", "alternatief": "Bel ons.",
        "maatregel": "Donkerder maken.", "opgelost_voor": "2027-02-01",
    },
}
FILE_KEYS = {"logo", "bestand"}  # the name of a file next to the config: a file that must exist
SCRIPT_TYPES = {"", "text/javascript", "module"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background"}
UNSAFE_SCHEME = re.compile(r"^(javascript|data|vbscript):")


# --- the keys, from the schema -----------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    path: tuple
    kind: str  # "tekst" (plain text), "formaat" (phone, e-mail, URL, pattern, file) or "markdown"

    @property
    def dotted(self) -> str:
        return "".join(f"[{p}]" if isinstance(p, int) else ("." if i else "") + p for i, p in enumerate(self.path))


def _kind(path: tuple, metadata: tuple) -> str:
    if any((getattr(m, "json_schema_extra", None) or {}).get("contentMediaType") == "text/markdown" for m in metadata):
        return "markdown"
    if path[-1] in FILE_KEYS or any(isinstance(m, AfterValidator) or getattr(m, "pattern", None) for m in metadata):
        return "formaat"
    return "tekst"


def _walk(annotation: Any, path: tuple, metadata: tuple = ()):
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *more = get_args(annotation)
        yield from _walk(base, path, metadata + tuple(more))
    elif origin in (Union, types.UnionType):
        for option in get_args(annotation):
            if option is not type(None):
                yield from _walk(option, path, metadata)
    elif origin is list:
        yield from _walk(get_args(annotation)[0], (*path, 0), metadata)
    elif origin is dict:
        key_type, value_type = get_args(annotation)
        yield from _walk(value_type, (*path, get_args(key_type)[0]), metadata)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            yield from _walk(info.annotation, (*path, name), tuple(info.metadata))
    elif annotation is str:
        yield Key(path, _kind(path, metadata))


KEYS = tuple(_walk(Gemeente, ()))


def _set(data: dict, path: tuple, value: Any) -> None:
    """Put value at path (keys and list positions), making the containers on the way."""
    node: Any = data
    for i, part in enumerate(path[:-1]):
        empty: Any = [] if isinstance(path[i + 1], int) else {}
        if isinstance(part, int):
            list_path = tuple(p for p in path[:i] if not isinstance(p, int))
            while len(node) <= part:
                node.append(copy.deepcopy(SEEDS.get(list_path)))
            if node[part] is None:
                node[part] = empty
        elif node.get(part) is None:
            node[part] = empty
        node = node[part]
    if isinstance(path[-1], int):
        while len(node) <= path[-1]:
            node.append(None)
    node[path[-1]] = value


def base_config() -> dict:
    data = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8"))
    for (*parents, name), seed in SEEDS.items():
        holder = functools.reduce(lambda d, k: d.setdefault(k, {}), parents, data)
        if not holder.get(name):
            holder[name] = [copy.deepcopy(seed)]
    data["wmo_raad"] = {"naam": "Secretaris Wmo-raad", "email": "wmo-raad@heerenbruk.voorbeeld.nl"}
    return data


def write_config(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --- reading what was built ------------------------------------------------------------------------


@dataclass
class Page:
    """One HTML document as a parser sees it."""

    elements: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # tag and attribute names, in order
    attributes: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, name, value)
    scripts: list[tuple[str, str]] = field(default_factory=list)  # (type, src)
    comments: list[str] = field(default_factory=list)
    text: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.page.elements.append((tag, tuple(name for name, _ in attrs)))
        values = {name: value or "" for name, value in attrs}
        self.page.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag == "script":
            self.page.scripts.append((values.get("type", "").lower(), values.get("src", "")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.parts.append(data)

    def handle_comment(self, data):
        self.page.comments.append(data)
        self.page.elements.append(("#comment", ()))


def read_html(text: str) -> Page:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader.page.text = " ".join("".join(reader.parts).split())
    return reader.page


def danger(page: Page, allowed_scripts: set[str]) -> list[str]:
    """Everything in a document that could run a payload: scripts, handlers, unsafe URLs."""
    found = []
    for kind, src in page.scripts:
        if kind in SCRIPT_TYPES and src not in allowed_scripts:
            found.append(f"script {src or '(in de pagina)'}")
    for tag, name, value in page.attributes:
        if name.startswith("on"):
            found.append(f"<{tag} {name}>")
        if name in URL_ATTRIBUTES and UNSAFE_SCHEME.match(re.sub(r"[\x00-\x20\x7f]", "", html.unescape(value)).lower()):
            found.append(f"<{tag} {name}={value[:40]}>")
        if tag == "meta" and name == "http-equiv" and value.lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
    found += [f"<!--{c}-->" for c in page.comments if c.strip() == "x"]  # the comment of a payload
    return found


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    return " ".join("".join(t.text or "" for t in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")).split())


def odt_text(data: bytes) -> str:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        root = ElementTree.fromstring(z.read("content.xml"))
    return " ".join("".join(root.itertext()).split())


# --- the builds ---------------------------------------------------------------------------------


@dataclass
class Hostile:
    slug: str
    values: dict[Key, str]  # accepted: key → value placed
    refused: dict[Key, str]  # refused by validation: key → value tried
    site: Path
    twin: Path  # the same keys with harmless text
    config: Path
    outputs: dict[str, str] = field(default_factory=dict)  # name → text a reader sees (HTML, documents, ...)


def _payload(index: int, config: int) -> str:
    return PAYLOADS[(index + 5 * config) % len(PAYLOADS)]


def _build(config: Path, work: Path, site_dir: Path) -> None:
    (loaded,) = load_all([config])
    build_site(loaded, with_statement(render_site(loaded), loaded, None), work, site_dir)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> list[Hostile]:
    base = tmp_path_factory.mktemp("vijandig")
    municipalities = copy_examples(base / "municipalities")
    builds = []
    for n in range(CONFIGS):
        slug = f"vijandig-{n + 1}"
        data, twin, values, refused = base_config(), base_config(), {}, {}
        for i, key in enumerate(KEYS):
            value = MARK.format(i) + _payload(i, n)
            probe = base_config()
            _set(probe, key.path, value)
            loaded, _ = validate_file(write_config(municipalities / "proef.yml", probe))
            if loaded is None:
                refused[key] = value
                continue
            values[key] = value
            _set(data, key.path, value)
            # Harmless text with the same words (the header puts each word of the name in an element).
            _set(twin, key.path, value if key.kind == "markdown" else MARK.format(i) + re.sub(r"\S", "x", _payload(i, n)))
        (municipalities / "proef.yml").unlink()
        config = write_config(municipalities / f"{slug}.yml", data)
        write_config(municipalities / f"{slug}-gewoon.yml", twin)
        site, twin_site = base / "site" / slug, base / "site" / f"{slug}-gewoon"
        _build(config, base / "werk" / slug, site)
        _build(municipalities / f"{slug}-gewoon.yml", base / "werk" / f"{slug}-gewoon", twin_site)
        (municipalities / f"{slug}-gewoon.yml").unlink()
        builds.append(Hostile(slug, values, refused, site, twin_site, config))
    return builds


@pytest.fixture(scope="module")
def documents(hostile) -> dict[str, dict[str, str]]:
    """Per config: every document a reader gets besides the site pages, as HTML or text."""
    result = {}
    reports = hostile[0].site.parent.parent / "reports"
    gemeenten = []
    for h in hostile:
        (loaded,) = load_all([h.config])
        site = with_statement(render_site(loaded), loaded, None)
        findings, language = check_sources(loaded, site)
        value = next(iter(h.values.values()))
        browser = Finding(
            f"/{h.slug}/", "axe", "image-alt", "1.1.1", f"Afbeelding zonder tekst: {value}", "img", f'<img alt="{value}">', True, "", value, value
        )
        gemeenten.append(GemeenteResult(h.slug, loaded.naam, [PageResult(f"/{h.slug}/", [browser])], findings, False, language))
        view = build_view(make_bundle(loaded))
        docs = {
            "wmo-raad.html": render_html(view),
            "wmo-raad.docx": docx_text(docx_bytes(view)),
            **{p.name: docx_text(p.read_bytes()) for p in (h.site / "downloads").glob("*.docx")},
            **{p.name: odt_text(p.read_bytes()) for p in (h.site / "downloads").glob("*.odt")},
        }
        result[h.slug] = docs
    write_reports(BuildResult(gemeenten), reports)
    overview = write_overview(reports.parent, [{"slug": h.slug, "naam": g.naam, "voorbeeld": True} for h, g in zip(hostile, gemeenten)])
    result["reports"] = {
        "reports/index.html": (reports / "index.html").read_text(encoding="utf-8"),
        "overzicht/index.html": overview.read_text(encoding="utf-8"),
    }
    result["reports-json"] = {p.relative_to(reports).as_posix(): p.read_text(encoding="utf-8") for p in reports.rglob("*.json")}
    return result


def site_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def own_scripts(site: Path) -> set[str]:
    """The site's own script files, as the pages refer to them (relative, at any depth)."""
    names = {p.relative_to(site).as_posix() for p in site.rglob("*.js")}
    return {prefix + name for name in names for prefix in ("", "/", "../", "../../", "../../../")}


# --- the keys and what validation does with them ---------------------------------------------------------


def test_every_string_key_of_the_schema_meets_hostile_values():
    dotted = {k.dotted for k in KEYS}
    # A few keys of each kind, to show the walk reaches nested models, lists and page texts.
    assert {"naam", "contact.openingstijden[0]", "toegankelijkheid.afwijkingen[0].oorzaak", "extra_paginas[0].titel"} <= dotted
    assert {"pagina_teksten.start.boven", "pagina_teksten.start.makkelijk.onder"} <= dotted
    assert {k.kind for k in KEYS} == {"tekst", "formaat", "markdown"}
    assert len(KEYS) >= 50


def test_plain_text_keys_accept_every_payload_and_format_keys_refuse_with_exit_2(hostile, monkeypatch, capsys):
    for h in hostile:
        wrongly_refused = [k.dotted for k in h.refused if k.kind == "tekst"]
        assert wrongly_refused == [], f"{h.slug}: plain text refused"
        assert h.refused, "a phone number, an e-mail address and a web address cannot hold these payloads"
        # All refused values at once: validate stops with exit 2 and names every key.
        data = base_config()
        for key, value in h.refused.items():
            _set(data, key.path, value)
        municipalities = h.config.parent
        config = write_config(municipalities / "geweigerd.yml", data)
        monkeypatch.setattr(pipeline, "validate", functools.partial(pipeline.validate, municipalities=municipalities))
        try:
            code = cli.main(["validate", "geweigerd"])
        finally:
            config.unlink()
        output = capsys.readouterr()
        assert code == 2, output.err[-2000:]
        for key in h.refused:
            assert key.dotted in output.err or ".".join(map(str, key.path)) in output.err, (key.dotted, output.err[-3000:])


# --- what a browser gets ---------------------------------------------------------------------------------


def test_built_pages_run_nothing_from_a_value(hostile):
    for h in hostile:
        allowed = own_scripts(h.site)
        pages = site_pages(h.site)
        assert "404.html" in pages and "toegankelijkheid/index.html" in pages and len(pages) >= 28
        for name, text in pages.items():
            assert danger(read_html(text), allowed) == [], f"{h.slug}/{name}"
        # Material shows the search index as HTML: its titles and texts must be escaped text too.
        index = json.loads((h.site / "search" / "search_index.json").read_text(encoding="utf-8"))
        for doc in index["docs"]:
            assert danger(read_html(doc["title"] + " " + doc["text"]), set()) == [], doc["location"]


def test_a_value_adds_no_element_and_no_attribute(hostile):
    """The same elements, with the same attributes, as the build with harmless text in the same keys."""
    for h in hostile:
        ours, twin = site_pages(h.site), site_pages(h.twin)
        assert ours.keys() == twin.keys()
        for name in ours:
            mine, theirs = read_html(ours[name]).elements, read_html(twin[name]).elements
            first = next(((a, b) for a, b in zip(mine, theirs) if a != b), (len(mine), len(theirs)))
            assert mine == theirs, f"{h.slug}/{name}: {first}"


def _shown(text: str, values: dict[str, str]) -> list[str]:
    """Every marker in text that is not followed by its whole value (shown changed, cut or rendered)."""
    wrong = []
    for m in MARK_RE.finditer(text):
        value = values.get(m.group(0))
        if value is not None and not text.startswith(value, m.start()):
            wrong.append(text[m.start() : m.start() + len(value) + 20])
    return wrong


def test_every_value_is_shown_literally_wherever_it_is_shown(hostile, documents):
    for h in hostile:
        values = {MARK.format(KEYS.index(k)): " ".join(v.split()) for k, v in h.values.items() if k.kind == "tekst"}
        seen = set()
        readers = {}
        for name, text in site_pages(h.site).items():
            page = read_html(text)
            readers[name] = [page.text] + [v for _, n, v in page.attributes if n not in URL_ATTRIBUTES | {"id", "class"}]
        for name, text in documents[h.slug].items():
            readers[name] = [read_html(text).text if name.endswith(".html") else text]
        for name, texts in readers.items():
            for text in texts:
                assert _shown(text, values) == [], f"{h.slug}/{name}"
                seen |= set(MARK_RE.findall(text))
        shown_nowhere = sorted(k.dotted for k in h.values if k.kind == "tekst" and MARK.format(KEYS.index(k)) not in seen)
        assert shown_nowhere == [], f"{h.slug}: these values appear on no page and in no document"


def test_the_generated_mkdocs_config_holds_values_as_escaped_text(hostile):
    from mkdocs.utils.yaml import get_yaml_loader

    for h in hostile:
        config_file = h.site.parent.parent / "werk" / h.slug / "mkdocs.yml"
        generated = yaml.load(config_file.read_text(encoding="utf-8"), Loader=get_yaml_loader())
        naam = h.values[next(k for k in KEYS if k.path == ("naam",))]
        assert generated["extra"]["gemeente_naam"] == as_html(naam)
        assert as_html(naam) in generated["site_name"]
        titles = [next(iter(item)) for item in generated["nav"] if isinstance(item, dict)]
        extra_title = h.values.get(next(k for k in KEYS if k.path == ("extra_paginas", 0, "titel")))
        assert extra_title is None or as_html(extra_title) in titles


def _strings(data: Any):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def test_reports_overview_and_their_json_keep_values_as_text(hostile, documents):
    names = [h.values[next(k for k in KEYS if k.path == ("naam",))] for h in hostile]
    for name, text in documents["reports"].items():
        page = read_html(text)
        assert danger(page, set()) == [], name
        for naam in names:
            assert naam in page.text, f"{name}: {naam}"
    for naam in names:
        found = [s for text in documents["reports-json"].values() for s in _strings(json.loads(text)) if naam in s]
        assert found, f"the JSON reports hold the name {naam!r} as it is"


def test_review_bundle_and_plan_documents_run_nothing(hostile, documents):
    for h in hostile:
        page = read_html(documents[h.slug]["wmo-raad.html"])
        assert danger(page, set()) == []
        assert not page.scripts
        for name in ("mijn-plan.docx", "mijn-plan.odt", "mijn-plan-makkelijk.docx", "mijn-plan-makkelijk.odt"):
            assert MARK.format(0) in documents[h.slug][name], f"{h.slug}/{name}: the gemeente's name"


# --- the Markdown side: provable for any text ------------------------------------------------------------


def _site_markdown() -> markdown.Markdown:
    names, settings_ = markdown_extensions()
    return markdown.Markdown(extensions=[*names, SafeMarkdown()], extension_configs=settings_)


# A value can land anywhere in a content template: these are the places content/ uses.
CONTEXTS = (
    "{}",
    "Tekst met {} erin.",
    "# Hulp thuis in {}",
    "- {}",
    "1. {}\n2. Verder",
    "| Kop | Kop |\n| --- | --- |\n| {} | cel |",
    "[de website van {}](https://voorbeeld.nl)",
    '!!! info "Voorbeeld"\n\n    {} is een voorbeeld.',
    "Gemeente {}  \nVlietkade 12",
    "Ervoor\n{}\nerna",
)


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# Pieces of Markdown and HTML syntax, so that random text is full of almost-markup.
SYNTAX = ("**", "*", "_", "`", "[", "]", "](", "(", ")", "<", ">", "<b>", "</b>", "<!--", "-->", "&", "&lt;", "&#60;", "#", "|",
          "{:", "{", "}", "!", "!!!", "1.", "2)", "- ", "+ ", "=", "~", "^", "$", "\\", "'", '"', "\n", "\n\n", "    ", "\t",
          "a", "b c", "é", "\u00a0", "javascript:", "<script>", "{{", "}}", "{%", "%}", "http://x", "@")
TEXTS = st.one_of(
    st.lists(st.sampled_from(SYNTAX), min_size=1, max_size=12).map("".join),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cn")), min_size=1, max_size=40),
)


@settings(max_examples=400, deadline=None)
@given(text=TEXTS, context=st.sampled_from(CONTEXTS))
def test_any_text_renders_as_exactly_that_text_in_every_context(text, context):
    """markdown_text() of any string, in any context content/ uses, with the site's own Markdown
    extensions: the same elements as a plain word in its place, and the text itself (control
    characters dropped, whitespace folded as a browser folds it)."""
    shown = " ".join(CONTROL.sub("", text).split())
    assume(shown)
    page = read_html(_site_markdown().convert(context.format(markdown_text(text))))
    frame = read_html(_site_markdown().convert(context.format("WAARDE")))
    assert page.elements == frame.elements
    assert page.text == " ".join(frame.text.replace("WAARDE", shown).split())


def test_own_markdown_stays_markdown_without_raw_html_or_unsafe_links():
    text = own_markdown(
        "Bel **ons** of lees [de regels](https://voorbeeld.nl/regels).\n\n"
        "<script>alert(1)</script> <img src=x onerror=alert(1)> <!-- x -->\n\n"
        "[klik](javascript:alert(1)) [data](data:text/html,x) [vb](VBScript:x) ![x](data:image/png;base64,AA)\n\n"
        "Een alinea\n{: onclick=\"alert(1)\" }\n\n<https://voorbeeld.nl/direct>"
    )
    page = read_html(_site_markdown().convert(text))
    assert danger(page, set()) == []
    assert ("strong", ()) in page.elements
    assert [v for t, n, v in page.attributes if t == "a" and n == "href"] == ["https://voorbeeld.nl/regels", "https://voorbeeld.nl/direct"]
    assert "<script>alert(1)</script> <img src=x onerror=alert(1)> <!-- x -->" in page.text
    assert not page.comments
    assert all(v == "noopener noreferrer" for t, n, v in page.attributes if n == "rel")
