"""Stage 3, site: the rendered pages as a static site with MkDocs and Material. MkDocs is used only
here (mkdocs_site.py, and the hooks it loads).
"""
