#!/usr/bin/env python3
"""Keukentafel: bouw per gemeente een gecontroleerde, toegankelijke site.

    python build.py                 alle gemeenten
    python build.py <naam> ...      alleen deze gemeenten
    python build.py validate        controleer zonder te bouwen
    python build.py serve <naam>    bekijk terwijl u werkt
    python build.py --help          alle opdrachten en opties

Exit codes: 0 ok, 1 a check found problems, 2 invalid input, 3 a tool failed.
"""

import sys

if sys.version_info < (3, 11):  # checked before importing the package, which needs 3.11
    print(f"Keukentafel heeft Python 3.11 of nieuwer nodig; dit is Python {sys.version.split()[0]}.", file=sys.stderr)
    print("    tip: draai 'make setup' en start met '.venv/bin/python build.py'", file=sys.stderr)
    sys.exit(3)

from keukentafel.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
