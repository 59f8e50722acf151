"""Beside the build: `python build.py serve <naam>`, the live preview for staff, with an error page.
"""
