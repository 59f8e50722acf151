"""Beside the build: the bundle for the Wmo-raad (HTML, PDF, Word) with what changed since a version.
"""
