"""Team batch export: one PDF per athlete (or one combined PDF), built in worker processes.

`export_team` blocks until the batch is done, so call it off the UI thread (an operation of
planner.ui.operations in the window); the PDFs themselves are built in a pool of processes, which keeps the
window responsive and uses both cores. Jobs are plain data (dicts) so that they pickle.

Cancelling: queued jobs never start and running ones stop at their next page. Separate files: the
PDFs finished before the cancel was noticed stay, complete; no other file is written. Combined: no
file at all. Either way no half-written file is ever left: every PDF is built into a hidden `.part`
file beside its target and moved into place only when complete.
"""

from __future__ import annotations

import multiprocessing
import threading
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from typing import Any

from planner import atomic
from planner.domain.errors import BadInput
from planner.export.document import CONTENT_KINDS, cannot_write, parse_content
from planner.export.file_names import file_stem, unique_name
from planner.export.layout import page_size

POLL_S = 0.1
BUILDING, DONE, FAILED = "building", "done", "failed"  # an athlete's state, for on_athlete


@dataclass(frozen=True, slots=True)
class TeamJob:
    """One athlete of a batch, as plain data: the athlete file, its plan JSON and the library's exercises."""

    athlete: dict[str, Any]
    plan: dict[str, Any]
    library: tuple[dict[str, Any], ...]


@dataclass
class BatchResult:
    """What a batch wrote, what failed (athlete name, message), warnings, and whether it was cancelled."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages: int = 0
    cancelled: bool = False


# Set in each worker process by the pool initializer (sync primitives pass only at process start).
_STOP: Any = None
_PROGRESS: Any = None


def _init_worker(stop: Any, progress: Any) -> None:
    global _STOP, _PROGRESS
    _STOP, _PROGRESS = stop, progress


def _stopped() -> bool:
    return bool(_STOP is not None and _STOP.is_set())


def _entries(jobs: Sequence[TeamJob]) -> tuple[list[Any], dict[str, Any]]:
    from planner.domain.athlete import Athlete
    from planner.domain.exercise import Exercise
    from planner.domain.plan import Plan
    from planner.export.document import Entry

    library: dict[str, Any] = {}
    for job in jobs:
        for item in job.library:
            if item.get("id") not in library:
                library[item["id"]] = Exercise.from_dict(item)
    entries = [Entry(Athlete.from_dict(job.athlete), Plan.from_dict(job.plan)) for job in jobs]
    return entries, library


def _run(build: Callable[[], Any]) -> tuple[str, Any]:
    """Run a build in the worker and say how it ended, as picklable plain data."""
    from planner.export.document import BuildCancelled

    try:
        report = build()
    except BuildCancelled:
        return "cancelled", None
    except BadInput as exc:
        return "failed", str(exc)
    except Exception as exc:  # reported to the caller, who logs it
        return "failed", f"unexpected error: {type(exc).__name__}: {exc}"
    return "ok", (report.pages, list(report.warnings))


def _build_single(job: TeamJob, target: str, paper: str, content: tuple[str, ...], index: int) -> tuple[str, Any]:
    from planner.export.document import build_team_pdf

    def build() -> Any:
        # Said from the worker itself: the pool queues more jobs than it runs, so "submitted" is not "building".
        _PROGRESS.put((BUILDING, index))
        entries, library = _entries([job])
        return build_team_pdf(
            Path(target), entries=entries, library=library, paper=paper, content=content, should_stop=_stopped
        )

    return _run(build)


def _build_combined(jobs: Sequence[TeamJob], target: str, paper: str, content: tuple[str, ...]) -> tuple[str, Any]:
    from planner.export.document import build_team_pdf

    def build() -> Any:
        entries, library = _entries(jobs)
        return build_team_pdf(
            Path(target),
            entries=entries,
            library=library,
            paper=paper,
            content=content,
            should_stop=_stopped,
            on_entry_done=_PROGRESS.put,
        )

    return _run(build)


def file_names(jobs: Sequence[TeamJob]) -> list[str]:
    """One file name per job from the athlete's name (the rule of export/file_names.py), made unique
    with -2, -3, ..."""
    names: list[str] = []
    for job in jobs:
        names.append(unique_name(file_stem(str(job.athlete.get("name") or "athlete")), ".pdf", names))
    return names


def export_team(
    jobs: Sequence[TeamJob],
    out_dir: Path,
    *,
    combined: bool = False,
    paper: str = "a4",
    content: Sequence[str] | str = CONTENT_KINDS,
    workers: int = 2,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    combined_name: str = "team.pdf",
    on_athlete: Callable[[int, str], None] | None = None,
) -> BatchResult:
    """Build the team's PDFs into `out_dir` (one per athlete, or `combined_name` holding them all).

    `on_athlete(index, state)` hears each athlete's state as it changes: BUILDING, then DONE or FAILED
    (an athlete never started, or stopped by a cancel, hears nothing more).
    """
    said = on_athlete or (lambda _index, _state: None)
    kinds = parse_content(content)
    page_size(paper)
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(out_dir, exc) from None
    result = BatchResult()
    total = len(jobs)
    if progress:
        progress(0, total)
    if not jobs:
        return result
    if cancel is not None and cancel.is_set():
        result.cancelled = True
        return result
    token = uuid.uuid4().hex[:8]
    if combined:
        targets = [(out_dir / combined_name, out_dir / f".{combined_name}.{token}.part")]
    else:
        targets = [(out_dir / n, out_dir / f".{n}.{token}.part") for n in file_names(jobs)]
    ctx = multiprocessing.get_context("spawn")  # never fork a process that runs Qt threads
    stop, queue = ctx.Event(), ctx.Queue()
    pool = ProcessPoolExecutor(
        max_workers=1 if combined else max(1, min(workers, total)),
        mp_context=ctx,
        initializer=_init_worker,
        initargs=(stop, queue),
    )
    futures: dict[Future[tuple[str, Any]], int] = {}
    try:
        if combined:
            futures[pool.submit(_build_combined, list(jobs), str(targets[0][1]), paper, kinds)] = 0
            said(0, BUILDING)  # one worker builds the entries in order
        else:
            for i, job in enumerate(jobs):
                futures[pool.submit(_build_single, job, str(targets[i][1]), paper, kinds, i)] = i
        done_count = 0
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=POLL_S, return_when=FIRST_COMPLETED)
            done_count = _drain(queue, done_count, total, progress, said, combined)
            _check_cancel(cancel, stop, result, pending)
            for f in finished:
                # The progress call of an earlier file in this round may have asked to stop.
                _check_cancel(cancel, stop, result, pending)
                i = futures[f]
                final, staging = targets[i]
                status, value = ("cancelled", None) if f.cancelled() else f.result()
                if status == "ok" and not result.cancelled:
                    try:
                        atomic.move_into_place(staging, final)
                    except atomic.CannotWrite as exc:  # e.g. a FIFO or a folder of that name is in the way
                        result.failed.append((_name(jobs, i, combined), str(exc)))
                    else:
                        result.written.append(final)
                        result.pages += value[0]
                        result.warnings += [w for w in value[1] if w not in result.warnings]
                        for index in range(total) if combined else (i,):
                            said(index, DONE)
                elif status == "failed":
                    result.failed.append((_name(jobs, i, combined), value))
                    for index in range(total) if combined else (i,):
                        said(index, FAILED)
                staging.unlink(missing_ok=True)
                if not combined and progress and not f.cancelled():
                    done_count += 1
                    progress(done_count, total)
    finally:
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
        for _final, staging in targets:
            staging.unlink(missing_ok=True)
        queue.close()
        queue.join_thread()
    if combined and progress and result.written and done_count < total:
        progress(total, total)
    return result


def _check_cancel(cancel: threading.Event | None, stop: Any, result: BatchResult, pending: set[Future[Any]]) -> None:
    if cancel is not None and cancel.is_set() and not stop.is_set():
        stop.set()
        result.cancelled = True
        for f in pending:
            f.cancel()


def _drain(
    queue: Any,
    done: int,
    total: int,
    progress: Callable[[int, int], None] | None,
    said: Callable[[int, str], None],
    combined: bool,
) -> int:
    """Pass on what the workers put on the queue: (BUILDING, index) from a single build, the count of
    entries done from a combined one (the next entry is then being built)."""
    while True:
        try:
            item = queue.get_nowait()
        except Empty:
            return done
        if isinstance(item, tuple):
            said(int(item[1]), str(item[0]))
            continue
        done = int(item)
        if combined and progress:
            progress(done, total)
        if combined and done < total:
            said(done, BUILDING)


def _name(jobs: Sequence[TeamJob], index: int, combined: bool) -> str:
    if combined:
        return "team"
    return str(jobs[index].athlete.get("name") or f"athlete {index + 1}")
