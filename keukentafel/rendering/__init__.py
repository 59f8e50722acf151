"""Stage 2, rendering: the shared Markdown pages of content/ with one gemeente's facts (Jinja2), the
SafeMarkdown extension, and the blank persoonlijk-plan documents (.odt, .docx).
"""
