import multiprocessing

from planner.cli import run

# Team batches build PDFs in "spawn" worker processes, which import this module again as
# __mp_main__: without the guard every worker would start the app; in a frozen bundle
# freeze_support() lets the worker processes run instead of another copy of the program.
if __name__ == "__main__":
    multiprocessing.freeze_support()
    run()
