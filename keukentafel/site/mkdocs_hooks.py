"""MkDocs hooks of every gemeente site (the generated mkdocs.yml lists this file under hooks:).

Every page's Markdown goes through SafeMarkdown (keukentafel/rendering/safe_markdown.py): no event handlers,
no javascript: or data: links, rel="noopener noreferrer" on links to other sites. As a hook, it
also applies when MkDocs is started on a generated mkdocs.yml some other way than build_site().
"""

from __future__ import annotations

import json
from pathlib import Path

from keukentafel.rendering.safe_markdown import SafeMarkdown
from keukentafel.site.template_cache import TEMPLATES


def on_config(config):
    if not any(isinstance(e, SafeMarkdown) for e in config.markdown_extensions):
        config.markdown_extensions.append(SafeMarkdown())
    return config


# --- building many sites in one process ------------------------------------------------------


_one_page: dict = {"on": False, "index": None}  # a build of changed pages only (see mkdocs_site.rebuild_page)


def on_startup(command, dirty):
    _one_page["on"] = dirty


def on_env(env, config, files):
    env.bytecode_cache = TEMPLATES
    return env


def _search_index(config) -> Path:
    return Path(config.site_dir) / "search" / "search_index.json"


def on_pre_build(config):
    """Before a build of changed pages only: keep the search index of the whole site."""
    path = _search_index(config)
    _one_page["index"] = json.loads(path.read_text(encoding="utf-8")) if _one_page["on"] and path.is_file() else None


SOFT_HYPHEN = "\u00ad"
SOFT_HYPHEN_IN_JSON = "\\u00ad"  # how Material's json.dumps (ASCII only) writes it


def on_post_build(config):
    """Finish Material's search index.

    After a build of changed pages only, Material's index holds just those pages: their entries
    go in place of the old ones, in the same order as a full build would. And a soft hyphen (a
    long heading may break there on a phone, see templates/toegankelijkheid.md.j2) is taken out
    of the index, so a search for the whole word finds that heading."""
    path = _search_index(config)
    previous = _one_page["index"]
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if not previous and SOFT_HYPHEN_IN_JSON not in text:  # nothing to merge or clean: leave it unparsed
        return
    index = json.loads(text)
    docs = _merged(previous["docs"], index["docs"]) if previous else index["docs"]
    cleaned = [{k: v.replace(SOFT_HYPHEN, "") if isinstance(v, str) else v for k, v in entry.items()} for entry in docs]
    path.write_text(json.dumps({"config": index["config"], "docs": cleaned}, separators=(",", ":"), default=str), encoding="utf-8")


def _merged(previous: list[dict], new: list[dict]) -> list[dict]:
    """The old index entries with those of the rebuilt pages put in their place."""

    def page_of(entry: dict) -> str:
        return entry["location"].split("#")[0]

    fresh: dict[str, list] = {}
    for entry in new:
        fresh.setdefault(page_of(entry), []).append(entry)
    rebuilt = set(fresh)
    docs = []
    for entry in previous:
        if page_of(entry) in rebuilt:
            docs += fresh.pop(page_of(entry), [])  # where the page's old entries began
        else:
            docs.append(entry)
    docs += [entry for entries in fresh.values() for entry in entries]  # a page the site did not have
    return docs
