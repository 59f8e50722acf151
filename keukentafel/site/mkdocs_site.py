"""Stage 3: turn one gemeente's rendered pages into a static site with MkDocs + Material.

MkDocs is used only here, behind build_site(), so a later switch of engine changes one module.

The generated mkdocs.yml is written with yaml.safe_dump, and MkDocs never evaluates Jinja in its
configuration, so `{{ }}` in a value stays text. Material prints the strings of the configuration
(site_name, copyright, nav titles, extra.*) as HTML, so every gemeente value in it is HTML-escaped
here; our templates print them as they are.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import subprocess
import sysconfig
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import yaml
from markupsafe import escape

from keukentafel import ROOT
from keukentafel.config.loader import LoadedGemeente
from keukentafel.config.contrast import WHITE, contrast_ratio, darker_until, lighter
from keukentafel.diagnostics import Diagnostic, InvalidInput, ToolFailed
from keukentafel.rendering.render import RenderedSite, load_plan, write_docs
from keukentafel.config.values import tel_uri
from keukentafel.site.template_cache import TEMPLATES

SHARED_CONFIG = ROOT / "mkdocs.yml"
OVERRIDES = ROOT / "templates" / "overrides"
HOOKS = Path(__file__).resolve().parent / "mkdocs_hooks.py"  # the code's own folder, also when KEUKENTAFEL_ROOT points at a copy of the texts

# The Content-Security-Policy of every page (a meta element at the top of templates/overrides/base.html):
# only the site's own files; no inline scripts, event handlers or javascript: links, no inline styles.
CSP_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),  # Material draws its icons with SVG data: URLs in its style sheet
    ("font-src", "'self'"),
    ("connect-src", "'self'"),  # the search index
    ("worker-src", "'self'"),  # the search worker
    ("form-action", "'self'"),
    ("base-uri", "'self'"),
    ("object-src", "'none'"),
)


def content_security_policy() -> str:
    return "; ".join(f"{name} {value}" for name, value in CSP_DIRECTIVES)


def source_date_epoch() -> str:
    """A fixed build date for reproducible output: the last commit's time, or a constant."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return out.stdout.strip()
    except OSError:
        pass
    return "1767225600"  # 2026-01-01


def site_title(loaded: LoadedGemeente) -> str:
    return f"Hulp thuis: het gesprek met gemeente {loaded.naam}"


def plan_lines_css(plan: dict[str, Any]) -> str:
    """The number of ruled lines of each plan field on paper (data-regels in content/plan-invullen.md):
    one rule per count that content/plan-secties.yml uses, as an inline style would break the CSP."""
    counts = {1}
    for paper in (plan.get("papier") or {}, (plan.get("makkelijk") or {}).get("papier") or {}):
        counts |= {v for v in paper.values() if isinstance(v, int) and not isinstance(v, bool)}
    rules = "".join(f'.plan-veld[data-regels="{n}"] {{ --plan-regels: {n}; }}\n' for n in sorted(counts))
    return "/* Generated from content/plan-secties.yml (papier): ruled lines per plan field. */\n" + rules


def colour_css(colour: str) -> str:
    """Material's colour variables for the gemeente colour, each kept at WCAG AA against white."""
    text = darker_until(colour)  # already the colour itself when it passes
    dark = darker_until(text, minimum=contrast_ratio(text, WHITE) + 1.5)
    return (
        "/* Generated from huisstijl.kleur; every colour here has at least 4.5:1 against white. */\n"
        ":root, [data-md-color-scheme=\"default\"] {\n"
        f"  --md-primary-fg-color: {text};\n"
        f"  --md-primary-fg-color--light: {text};\n"
        f"  --md-primary-fg-color--dark: {dark};\n"
        "  --md-primary-bg-color: #ffffff;\n"
        "  --md-primary-bg-color--light: #ffffff;\n"
        f"  --md-accent-fg-color: {dark};\n"
        f"  --md-accent-fg-color--transparent: {text}1a;\n"
        f"  --md-typeset-a-color: {text};\n"
        "}\n"
    )


FAVICON = "assets/keukentafel/favicon.svg"


def favicon_svg(colour: str) -> str:
    """The browser-tab icon of a gemeente without a logo: a white house on its own colour."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" rx="6" fill="{darker_until(colour)}"/>'
        '<path d="M16 5 4 15.5h3.5V27h7v-7h3v7h7V15.5H28z" fill="#ffffff"/>'
        "</svg>\n"
    )


def as_html(text: str) -> str:
    """A value as HTML text, also safe inside a quoted attribute (escaped as Jinja's | e does)."""
    return str(escape(text))


def footer_contact(loaded: LoadedGemeente) -> dict:
    """The gemeente's contact details for the contact block in every page's footer, as HTML."""
    contact = loaded.gemeente.contact
    adres = contact.bezoekadres
    return {
        "telefoon": as_html(contact.telefoon),
        "telefoon_link": as_html(tel_uri(contact.telefoon)),
        "email": as_html(contact.email),
        "email_link": as_html("mailto:" + quote(contact.email, safe="@")),
        "adres": as_html(f"{adres.straat}, {adres.postcode} {adres.plaats}"),
        "openingstijden": [as_html(t) for t in contact.openingstijden],
    }


def html_nav(nav: list) -> list:
    """The navigation with its titles as HTML (MkDocs and Material print nav titles as HTML)."""

    def entry(item):
        if not isinstance(item, dict):
            return item
        return {as_html(title): html_nav(target) if isinstance(target, list) else target for title, target in item.items()}

    return [entry(item) for item in nav]


def generated_config(loaded: LoadedGemeente, site: RenderedSite, work_dir: Path, site_dir: Path) -> dict:
    huisstijl = loaded.gemeente.huisstijl
    config = {
        "INHERIT": os.path.relpath(SHARED_CONFIG, work_dir),
        "site_name": as_html(site_title(loaded)),
        "docs_dir": "docs",
        "site_dir": str(site_dir),
        "theme": {"custom_dir": str(OVERRIDES)},
        "hooks": [os.path.relpath(HOOKS, work_dir)],
        "nav": html_nav(site.nav),
        "extra": {
            "gemeente_naam": as_html(loaded.naam),
            "logo_alt": as_html(huisstijl.logo_alt or ""),
            "contact": footer_contact(loaded),
            "csp": content_security_policy(),
        },
        "copyright": as_html(f"Gemeente {loaded.naam}" + (" (verzonnen voorbeeld)" if loaded.gemeente.voorbeeld else "")),
    }
    if huisstijl.logo:
        config["theme"]["logo"] = f"assets/logo{Path(huisstijl.logo).suffix.lower()}"
        config["theme"]["favicon"] = config["theme"]["logo"]  # the gemeente's own logo in the browser tab
    else:
        config["theme"]["favicon"] = FAVICON  # a house in the gemeente colour, not the theme's icon
    return config


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _dutch(message: str) -> str:
    """MkDocs' most common warnings in Dutch; anything else is passed on as MkDocs wrote it."""
    m = re.search(r"contains a link '([^']+)', but the target '?([^']*?)'? is not found", message)
    if m:
        return f"de link '{m.group(1)}' gaat naar een pagina die niet bestaat"
    m = re.search(r"contains a link '([^']+)', but the doc '([^']+)' does not contain an anchor '([^']+)'", message)
    if m:
        return f"de link '{m.group(1)}' wijst naar het anker '{m.group(3)}', maar '{m.group(2)}' heeft geen kop met dat anker"
    return f"MkDocs meldt: {message}"


def _warning_to_diagnostic(message: str, site: RenderedSite) -> Diagnostic:
    match = re.search(r"Doc file '([^']+)'", message)
    file = f"content/{match.group(1)}" if match else "mkdocs.yml"
    if match:
        page = next((p for p in site.pages if p.path == match.group(1)), None)
        link = re.search(r"link '([^']+)'", message)
        if page and link:
            for i, line in enumerate(page.lines):
                if link.group(1) in line:
                    return Diagnostic(page.sources[i][0], page.sources[i][1], None, _dutch(message), "controleer de link en het anker")
    return Diagnostic(file, None, None, _dutch(message), None)


def prepare_site(loaded: LoadedGemeente, site: RenderedSite, work_dir: Path, site_dir: Path) -> Path:
    """Write the rendered docs and the generated MkDocs config into work_dir; return the config path."""
    docs = work_dir / "docs"
    write_docs(site, loaded, docs)
    (docs / "assets" / "keukentafel" / "kleur.css").write_text(
        colour_css(loaded.gemeente.huisstijl.kleur) + plan_lines_css(load_plan()), encoding="utf-8"
    )
    if not loaded.gemeente.huisstijl.logo:
        (docs / FAVICON).write_text(favicon_svg(loaded.gemeente.huisstijl.kleur), encoding="utf-8")
    config_path = work_dir / "mkdocs.yml"
    config_path.write_text(
        "# Generated by Keukentafel from municipalities/" + loaded.slug + ".yml. Do not edit.\n"
        + yaml.safe_dump(generated_config(loaded, site, work_dir, site_dir), allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return config_path


def build_site(loaded: LoadedGemeente, site: RenderedSite, work_dir: Path, site_dir: Path) -> None:
    """Write docs + generated config into work_dir and build the site into site_dir."""
    config_path = prepare_site(loaded, site, work_dir, site_dir)
    _run_mkdocs(config_path, loaded, site, dirty=False)


def rebuild_page(loaded: LoadedGemeente, site: RenderedSite, page_path: str, work_dir: Path) -> None:
    """Build one changed page of a site built before with build_site() into the same folders.

    Only that page's Markdown is written anew, so MkDocs (in its dirty mode) converts and writes
    that page alone, and the theme's assets are not copied again; the site's search index keeps
    every other page (mkdocs_hooks). The result is the site a full build of `site` gives.
    """
    (page,) = [p for p in site.pages if p.path == page_path]
    source = work_dir / "docs" / page.path
    source.write_text(page.text, encoding="utf-8")
    built = Path(yaml.safe_load((work_dir / "mkdocs.yml").read_text(encoding="utf-8"))["site_dir"])
    stem = page.path[: -len(".md")]
    target = built / (stem + ".html" if Path(stem).name == "index" else stem + "/index.html")
    if target.is_file():  # MkDocs compares times: the page's source must be newer than its HTML
        stamp = target.stat().st_mtime_ns
        os.utime(source, ns=(stamp + 1_000_000, stamp + 1_000_000))
    _run_mkdocs(work_dir / "mkdocs.yml", loaded, site, dirty=True)


def _run_mkdocs(config_path: Path, loaded: LoadedGemeente, site: RenderedSite, dirty: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()
    collector = _Collect()
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.addHandler(collector)
    build_logger = logging.getLogger("mkdocs.commands.build")
    build_logger.addFilter(_no_dirty_warning)
    try:
        config = load_config(config_file=str(config_path))
        _list_installed_theme_once(config.theme)
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except Abort:
        if collector.messages:
            raise InvalidInput([_warning_to_diagnostic(m, site) for m in collector.messages]) from None
        raise ToolFailed(f"MkDocs stopte bij gemeente {loaded.slug}") from None
    except MkDocsException as e:
        raise ToolFailed(f"MkDocs faalde bij gemeente {loaded.slug}: {e}") from None
    finally:
        mkdocs_logger.removeHandler(collector)
        build_logger.removeFilter(_no_dirty_warning)


# --- the theme's file listing, once per process ---------------------------------------------

INSTALLED = tuple({Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")})


@functools.lru_cache(maxsize=None)
def _installed_templates(directory: str) -> tuple[str, ...]:
    return tuple(name for name in jinja2.FileSystemLoader(directory).list_templates() if not _hidden(name))


def _hidden(name: str) -> bool:
    """A path with a part that starts with a dot, such as Material's .icons/ folder. MkDocs
    never copies those (its filter in Files.add_files_from_theme drops '.*' and '*/.*'); a
    template can still include them, as that goes through get_source, not the listing."""
    return any(part.startswith(".") for part in name.split("/"))


class _ThemeLoader(jinja2.FileSystemLoader):
    """MkDocs lists every file of the theme for each site it builds (to copy its assets); for
    Material that is a walk over thousands of icons, 0.16 s per site, and then a filter over each
    of them. An installed theme folder does not change while the process runs, so it is listed
    once, without its hidden files; our own overrides every time (serve sees a template that was
    just added)."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for directory in self.searchpath:
            if any(Path(directory).resolve().is_relative_to(base) for base in INSTALLED):
                found.update(_installed_templates(directory))
            else:
                found.update(jinja2.FileSystemLoader(directory).list_templates())
        return sorted(found)


def _list_installed_theme_once(theme: Any) -> None:
    get_env = theme.get_env

    def env_with_cached_listing() -> jinja2.Environment:
        env = get_env()
        env.loader = _ThemeLoader(env.loader.searchpath)
        # Material's search plugin asks the theme for an environment of its own (to read the
        # language partials): compiled templates are shared with those too.
        env.bytecode_cache = TEMPLATES
        return env

    theme.get_env = env_with_cached_listing


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build may leave the navigation stale. rebuild_page() changes one
    page's text, never the navigation, so that warning is not a problem (and would stop the strict build)."""
    return "'dirty' build is being performed" not in record.getMessage()
