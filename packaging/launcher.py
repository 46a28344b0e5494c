"""Entry script of the PyInstaller bundle: the same door as the `stride-planner` console script."""

import sys

from planner.cli import main

if __name__ == "__main__":
    sys.exit(main())
