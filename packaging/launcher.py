"""Entry script of the PyInstaller bundle: the same door as the `stride-planner` console script."""

import multiprocessing

from planner.cli import run

if __name__ == "__main__":
    # Team batches use "spawn" worker processes; in a frozen program they re-run this executable,
    # and freeze_support() turns those runs into workers instead of new copies of the app.
    multiprocessing.freeze_support()
    run()
