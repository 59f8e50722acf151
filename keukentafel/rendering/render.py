"""Stage 2: render the shared content/ pages for one gemeente (Jinja2, sandboxed, strict).

Every rendered Markdown line keeps a pointer to the line it came from (content file or the
gemeente's YAML), so later checks can name the place an editor has to change.
"""

from __future__ import annotations

import difflib
import functools
import re
import shutil
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

from jinja2 import FileSystemLoader, StrictUndefined, Template, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from keukentafel import ROOT
from keukentafel.config.loader import LoadedGemeente
from keukentafel.diagnostics import Diagnostic, InvalidInput, display_path
from keukentafel.files import read_yaml
from keukentafel.config.legal import load_wet
from keukentafel.config.pages import PAGES
from keukentafel.rendering.plan_documents import write_plan_documents
from keukentafel.rendering.safe_markdown import markdown_text, own_markdown
from keukentafel.config.values import tel_uri
from keukentafel.config.yaml_lines import line_for, load_with_lines

CONTENT = ROOT / "content"
ASSETS = ROOT / "templates" / "assets"
PLAN_SECTIONS = CONTENT / "plan-secties.yml"

Source = tuple[str, int]  # (file as shown to the user, 1-based line)


@dataclass
class RenderedPage:
    path: str  # relative to docs/
    title: str
    lines: list[str]
    sources: list[Source]

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


@dataclass
class RenderedSite:
    slug: str
    pages: list[RenderedPage] = field(default_factory=list)
    nav: list[Any] = field(default_factory=list)


# --- Jinja environment ------------------------------------------------------------------


def _tel(number: str) -> Markup:
    return Markup(f"[{markdown_text(number)}]({tel_uri(number)})")


def _mail(address: str) -> Markup:
    return Markup(f"[{markdown_text(address)}](mailto:{quote(address, safe='@')})")


def _list_with(items: list[str], word: str) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _as_text(value: object) -> object:
    """What `{{ value }}` prints: the value as text, unless one of our filters built the Markdown."""
    if isinstance(value, Markup) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    return markdown_text(value)


def make_environment() -> SandboxedEnvironment:
    """The Jinja environment of content/ (see _environment), one per process: a content page is
    compiled once for all gemeenten, and again only when its file changes (Jinja checks the time)."""
    return _environment(str(CONTENT))


@functools.lru_cache(maxsize=4)
def _environment(content: str) -> SandboxedEnvironment:
    """Jinja for content/ and the statement template: every printed value is text, never markup.

    `{{ x }}` prints x through markdown_text(), whatever x is (a gemeente value, a legal fact, a
    string put together in the template); only the filters tel and mail write Markdown (a link).
    `| e` and `| safe` do the same as printing: there is no way to print a value as markup.
    """
    env = SandboxedEnvironment(
        loader=FileSystemLoader(content),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=_as_text,
    )
    env.filters["tel"] = _tel
    env.filters["tel_uri"] = tel_uri
    env.filters["mail"] = _mail
    env.filters["opsomming"] = lambda items: _list_with(items, "en")
    env.filters["opsomming_of"] = lambda items: _list_with(items, "of")
    for name in ("e", "escape", "safe"):
        env.filters[name] = lambda value: Markup(markdown_text(value))
    return env


def load_plan() -> dict[str, Any]:
    if PLAN_SECTIONS.is_file():
        return read_yaml(PLAN_SECTIONS)
    return {}


def page_context(loaded: LoadedGemeente) -> dict[str, Any]:
    gemeente = loaded.gemeente.model_dump()
    wet = load_wet()
    own = gemeente["termijnen"]
    onderzoek = own["onderzoek_weken"] or wet["onderzoek"]["termijn_weken"]
    beschikking = own["beschikking_weken"] or wet["beschikking"]["termijn_weken"]
    termijn = {
        "onderzoek_weken": onderzoek,
        "beschikking_weken": beschikking,
        "onderzoek_sneller": onderzoek < wet["onderzoek"]["termijn_weken"],
        "beschikking_sneller": beschikking < wet["beschikking"]["termijn_weken"],
    }
    return {"gemeente": gemeente, "wet": wet, "termijn": termijn, "plan": load_plan(), "slug": loaded.slug}


# --- source maps ------------------------------------------------------------------------


JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")


def _static_text(line: str) -> str:
    """A source line as it reads without its Jinja parts (what must reappear in the output)."""
    return " ".join(JINJA_EXPRESSION.sub(" ", line).split())


WORD_RE = re.compile(r"\w+")


def _best_match(rendered: str, candidates: range, static: list[list[str]], variable_text: list[str | None]) -> int:
    """The source line in candidates whose own words best reappear in the rendered line.

    A line scores the words it shares with the rendered line (in order) less half the words it
    has that do not reappear (text in an `{% if %}` that was off). A line that is only a variable
    (`{{ x }}`) has no words of its own; it matches when what it prints is exactly the rendered line.
    """
    text = " ".join(rendered.split())
    if not text:
        return candidates.start
    words = WORD_RE.findall(text.lower())
    best, score = candidates.start, float("-inf")
    for i in candidates:
        if static[i]:
            shared = sum(b.size for b in difflib.SequenceMatcher(None, static[i], words, autojunk=False).get_matching_blocks())
            value = shared - 0.5 * (len(static[i]) - shared)
        elif variable_text[i] is not None and " ".join(variable_text[i].split()) == text:
            value = 1e6
        else:
            continue
        if value > score:
            best, score = i, value
    return best


def map_lines(source_lines: list[str], rendered_lines: list[str], source_file: str, render_line: Callable[[str], str] | None = None) -> list[Source]:
    """For each rendered line, the source line it most likely came from.

    Lines of text without Jinja that reappear unchanged anchor the mapping (blank lines and
    `{% %}` lines do not: they are too alike to anchor anything). Between anchors, each rendered
    line maps to the source line whose text without its Jinja parts matches best, keeping the order.
    """
    static = [_static_text(line) for line in source_lines]
    static_words = [WORD_RE.findall(s.lower()) for s in static]
    variable_text: list[str | None] = [None] * len(source_lines)
    if render_line:
        for i, (s, line) in enumerate(zip(static, source_lines)):
            if not s and "{{" in line and "{%" not in line:
                try:
                    variable_text[i] = render_line(line)
                except Exception:  # a line that does not render alone simply does not match
                    variable_text[i] = None
    keys = [line if (s and "{" not in line) else f"\x00{i}" for i, (s, line) in enumerate(zip(static, source_lines))]
    targets = [line if line.strip() else f"\x01{j}" for j, line in enumerate(rendered_lines)]
    matcher = difflib.SequenceMatcher(None, keys, targets, autojunk=False)
    result: list[Source] = [(source_file, 1)] * len(rendered_lines)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for j in range(j1, j2):
                result[j] = (source_file, i1 + (j - j1) + 1)
            continue
        low = i1
        for j in range(j1, j2):
            if i2 > i1:
                i = _best_match(rendered_lines[j], range(low, i2), static_words, variable_text)
                low = i
            else:
                i = max(i1 - 1, 0)
            result[j] = (source_file, min(i, len(source_lines) - 1) + 1 if source_lines else 1)
    return result


def _template_error_line(error: Exception, template_name: str) -> int | None:
    if getattr(error, "lineno", None):
        return error.lineno  # type: ignore[attr-defined]
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename and frame.filename.endswith(template_name):
            return frame.lineno
    return None


def _error_message(error: Exception) -> tuple[str, str | None]:
    text = str(error)
    m = re.match(r"'(.+?)' is undefined", text) or re.match(r"'.+?' has no attribute '(.+?)'", text)
    if m:
        return f"onbekende variabele: {text}", "gebruik alleen gemeente.*, wet.*, termijn.* en plan.* (zie de README)"
    if isinstance(error, TemplateSyntaxError):
        return f"fout in de Jinja-opmaak: {error.message}", "controleer {{ }}, {% %} en of elke {% if %} een {% endif %} heeft"
    return f"fout bij het invullen van de pagina: {text}", None


# --- rendering --------------------------------------------------------------------------


def _switch_line(easy: bool, page_file: str) -> str:
    if easy:
        return f"[Lees de gewone tekst](../{page_file}){{ .taalwissel }}"
    return f"[Lees dit in makkelijke taal](makkelijk/{page_file}){{ .taalwissel }}"


def _insert_after_h1(lines: list[str], sources: list[Source], extra: list[tuple[str, Source]]) -> None:
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    for offset, (text, src) in enumerate(extra):
        lines.insert(at + offset, text)
        sources.insert(at + offset, src)


@functools.lru_cache(maxsize=32)
def _yaml_lines(path: Path, modified: int) -> dict:
    """Key lines of a gemeente's YAML, read once per version of the file (serve re-renders often)."""
    return load_with_lines(path)[1]


def _own_text_blocks(loaded: LoadedGemeente, page_id: str, easy: bool) -> dict[str, tuple[list[str], Source]]:
    """The gemeente's own texts for this page; on an easy page only its own easy-language variant.

    They are Markdown, but raw HTML in them is shown as text (validation refuses it already).
    """
    texts = loaded.gemeente.pagina_teksten.get(page_id)  # type: ignore[call-overload]
    if not texts:
        return {}
    holder, key = (texts.makkelijk, ("pagina_teksten", page_id, "makkelijk")) if easy else (texts, ("pagina_teksten", page_id))
    yaml_lines = _yaml_lines(loaded.path, loaded.path.stat().st_mtime_ns)
    shown = display_path(loaded.path)
    blocks = {}
    for where in ("boven", "onder"):
        value = getattr(holder, where)
        if value:
            line = line_for(yaml_lines, (*key, where)) or 1
            blocks[where] = (["", *own_markdown(value.strip()).splitlines(), ""], (shown, line))
    return blocks


NOT_RUNNING_TEXT = re.compile(r"^(#|[-*+] |\d+\. |!!!|\||<|\{|```|\[Lees )")


def _is_running_text(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not NOT_RUNNING_TEXT.match(stripped)


def one_sentence_per_line(lines: list[str]) -> list[str]:
    """Easy pages are written one sentence per line; keep those lines apart on screen too.

    Markdown joins the lines of a paragraph into one; a trailing double space makes each line
    end in a line break instead. Lists, headings and other blocks are left alone.
    """
    result = list(lines)
    for i in range(len(lines) - 1):
        here, after = lines[i], lines[i + 1]
        same_indent = len(here) - len(here.lstrip()) == len(after) - len(after.lstrip())
        if _is_running_text(here) and _is_running_text(after) and same_indent and not here.endswith("  "):
            result[i] = here.rstrip() + "  "
    return result


@functools.lru_cache(maxsize=2048)
def _line_template(env: SandboxedEnvironment, line: str) -> Template:
    """One source line as a template of its own (for map_lines), compiled once for all gemeenten."""
    return env.from_string(line)


def render_page(env: SandboxedEnvironment, loaded: LoadedGemeente, context: dict, template_name: str, page_id: str, easy: bool, title: str) -> RenderedPage:
    source_text = (CONTENT / template_name).read_text(encoding="utf-8")
    rendered = env.get_template(template_name).render(context)
    shown = f"content/{template_name}"
    lines = rendered.rstrip("\n").split("\n")
    sources = map_lines(source_text.rstrip("\n").split("\n"), lines, shown, lambda line: _line_template(env, line).render(context))
    plain_name = template_name.split("/", 1)[1] if easy else template_name
    h1_source = sources[0] if sources else (shown, 1)
    inserted = [("", h1_source), (_switch_line(easy, plain_name), h1_source)]
    if loaded.gemeente.voorbeeld:
        # True for a real gemeente's name too (the benchmark uses real names with made-up data).
        if easy:
            notice = ["    Deze website is een voorbeeld.", "    De nummers en adressen zijn niet echt."]
        else:
            notice = ["    Dit is een voorbeeldsite van Keukentafel. Alle gegevens zijn verzonnen."]
        inserted += [("", h1_source), ('!!! info "Voorbeeld"', h1_source), ("", h1_source)] + [(n, h1_source) for n in notice]
    blocks = _own_text_blocks(loaded, page_id, easy)
    if "boven" in blocks:
        inserted += [(text, blocks["boven"][1]) for text in blocks["boven"][0]]
    if "onder" in blocks:
        lines += blocks["onder"][0]
        sources += [blocks["onder"][1]] * len(blocks["onder"][0])
    _insert_after_h1(lines, sources, inserted)
    if easy:
        lines = one_sentence_per_line(lines)
    return RenderedPage(template_name, title, lines, sources)


def render_site(loaded: LoadedGemeente, allow_missing: bool = False) -> RenderedSite:
    """Render every page and twin; raise InvalidInput with every template problem at once.

    allow_missing skips pages that do not exist (an older version of the texts, read for comparison).
    """
    env = make_environment()
    context = page_context(loaded)
    site = RenderedSite(loaded.slug)
    problems: list[Diagnostic] = []
    standard_nav, easy_nav = [], []
    for page in PAGES:
        for easy in (False, True):
            name = page.easy_file if easy else page.file
            if not (CONTENT / name).is_file():
                if allow_missing:
                    continue
                problems.append(Diagnostic(f"content/{name}", None, None, "pagina ontbreekt", "elke pagina heeft een gewone en een makkelijke versie"))
                continue
            try:
                rendered = render_page(env, loaded, context, name, page.id, easy, page.easy_title if easy else page.title)
            except (TemplateError, TypeError, ValueError) as e:
                message, hint = _error_message(e)
                problems.append(Diagnostic(f"content/{name}", _template_error_line(e, name), None, message + f" (bij gemeente {loaded.slug})", hint))
                continue
            site.pages.append(rendered)
            (easy_nav if easy else standard_nav).append({(page.easy_title if easy else page.title): name})
    for extra in loaded.gemeente.extra_paginas:
        source = loaded.path.parent / extra.bestand
        text = source.read_text(encoding="utf-8").rstrip("\n").split("\n")
        name = f"extra/{Path(extra.bestand).name}"
        site.pages.append(RenderedPage(name, extra.titel, text, [(display_path(source), i + 1) for i in range(len(text))]))
        standard_nav.append({extra.titel: name})
    if problems:
        raise InvalidInput(problems)
    site.nav = standard_nav + [{"In makkelijke taal": easy_nav}]
    return site


def write_docs(site: RenderedSite, loaded: LoadedGemeente, docs_dir: Path) -> None:
    """Write the rendered Markdown, the shared assets and the logo into a fresh docs folder."""
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    for page in site.pages:
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")
    shutil.copytree(ASSETS, docs_dir / "assets" / "keukentafel")
    context = page_context(loaded)
    logo = loaded.gemeente.huisstijl.logo
    source = loaded.path.parent / logo if logo else None
    write_plan_documents(context["gemeente"], context["plan"], context["wet"], docs_dir / "downloads", logo=source)
    if source:
        shutil.copyfile(source, docs_dir / "assets" / f"logo{source.suffix.lower()}")
