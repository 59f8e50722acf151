"""Keukentafel: builds a checked, accessible information site about the Wmo conversation per gemeente.

The pipeline, one subpackage per stage, data flowing forward:

    config → rendering → site → language + gate → publish → report

pipeline.py runs them in that order; cli.py is the command line. Beside the build: review (the
Wmo-raad bundle) and preview (`serve`). Shared by all: diagnostics (errors with file and line),
progress, wording (Dutch counts), files (atomic writes), crash_log.
"""

import os
from pathlib import Path

# The project folder. KEUKENTAFEL_ROOT points the stages at another copy of the texts (content/,
# data/, municipalities/): the review's --since comparison renders an older version that way.
ROOT = Path(os.environ.get("KEUKENTAFEL_ROOT") or Path(__file__).resolve().parent.parent)
