"""MkDocs hooks of every gemeente site (the generated mkdocs.yml lists this file under hooks:).

Every page's Markdown goes through SafeMarkdown (keukentafel/rendering/safe_markdown.py): no event handlers,
no javascript: or data: links, rel="noopener noreferrer" on links to other sites. As a hook, it
also applies when MkDocs is started on a generated mkdocs.yml some other way than build_site().
"""

from __future__ import annotations

from keukentafel.rendering.safe_markdown import SafeMarkdown


def on_config(config):
    if not any(isinstance(e, SafeMarkdown) for e in config.markdown_extensions):
        config.markdown_extensions.append(SafeMarkdown())
    return config
