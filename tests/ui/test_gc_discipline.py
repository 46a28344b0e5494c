"""The window's gc discipline: while operations run on workers, every collection happens on the main thread.

A collection on a worker thread can free a Qt wrapper there and crash the process (issue 11). Each test turns
automatic gc on first, as a plain interpreter has it, and leaves it off again as tests/conftest.py wants it.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import threading
from collections.abc import Iterator

import pytest

from planner.app import GarbageCollector
from planner.export.demo import demo_athlete
from planner.store.athletes import add_athlete
from planner.store.plans import regenerate_plan
from planner.ui.context import AppContext
from planner.ui.export_view import ExportView
from planner.ui.operations import Control, run_operation, running_operations


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def make_cycles(count: int, _control: Control) -> int:
    for _ in range(count):
        Node()
    return count


@pytest.fixture
def collecting_threads() -> Iterator[list[int]]:
    """The thread id of every collection from now on, with automatic gc on as in a plain interpreter."""
    threads: list[int] = []

    def record(phase: str, _info: dict) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    gc.callbacks.append(record)
    gc.enable()
    try:
        yield threads
    finally:
        gc.disable()
        gc.callbacks.remove(record)


def test_without_the_discipline_a_worker_thread_collects(qtbot, collecting_threads: list[int]) -> None:
    # What the test below guards against, and proof that the probe sees it.
    run_operation(functools.partial(make_cycles, 50_000), name="garbage")
    qtbot.waitUntil(lambda: not running_operations(), timeout=10_000)

    assert any(ident != threading.main_thread().ident for ident in collecting_threads)


def test_with_the_discipline_every_collection_runs_on_the_main_thread(
    qtbot, ctx: AppContext, collecting_threads: list[int]
) -> None:
    athlete_id = add_athlete(ctx.db, demo_athlete(dt.date(2027, 1, 4)))
    regenerate_plan(ctx.db, athlete_id, start=dt.date(2027, 1, 4), weeks=2)
    ctx.set_current_athlete(athlete_id)
    collector = GarbageCollector(ctx, tick_ms=20, full_every=25)
    try:
        view = ExportView(ctx)  # a preview build and page renders: reportlab and pypdfium2 on workers
        qtbot.addWidget(view)
        view.resize(1000, 700)
        view.show()
        view.load()
        for _ in range(3):
            run_operation(functools.partial(make_cycles, 50_000), name="garbage")
        qtbot.waitUntil(lambda: view.is_current() and not running_operations(), timeout=30_000)
        qtbot.waitUntil(lambda: collector.ticks > collector.full_every, timeout=10_000)  # a full one too
    finally:
        collector.stop()

    assert collecting_threads, "the timer collected nothing"
    assert set(collecting_threads) == {threading.main_thread().ident}
