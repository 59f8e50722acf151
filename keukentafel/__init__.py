"""Keukentafel: builds a checked, accessible information site about the Wmo conversation per gemeente.

Stages, one module each: config → render → site → check → publish → report.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
