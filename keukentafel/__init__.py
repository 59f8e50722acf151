"""Keukentafel: builds a checked, accessible information site about the Wmo conversation per gemeente.

Stages, one module each: config → render → site → check → publish → report.
"""

import os
from pathlib import Path

# The project folder. KEUKENTAFEL_ROOT points the stages at another copy of the texts (content/,
# data/, municipalities/): the review's --since comparison renders an older version that way.
ROOT = Path(os.environ.get("KEUKENTAFEL_ROOT") or Path(__file__).resolve().parent.parent)
