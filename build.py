#!/usr/bin/env python3
"""Keukentafel: bouw per gemeente een gecontroleerde, toegankelijke site.

    python build.py                 alle gemeenten
    python build.py <naam> ...      alleen deze gemeenten
    python build.py validate        controleer zonder te bouwen
    python build.py serve <naam>    bekijk terwijl u werkt

Exit codes: 0 ok, 1 a check found problems, 2 invalid input, 3 a tool failed.
"""

import sys

from keukentafel.cli import main

if __name__ == "__main__":
    sys.exit(main())
