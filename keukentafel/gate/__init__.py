"""Stage 4b, gate: Markdown rules before the browser, then pa11y (axe + htmlcs) and our own checks in
Chromium (check-pages.js, beside browser.py), findings traced to their sources, written
exceptions, and the cache of pages that passed.
"""
