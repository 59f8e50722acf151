"""Stage 4a, language: the rendered pages as blocks with their sources, Dutch sentence and word
measures, and the plain-language rules (errors on easy pages stop publishing). The text measures
are also used by config, to check a gemeente's own easy texts.
"""
