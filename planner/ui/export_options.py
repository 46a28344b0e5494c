"""What the Export view and the team batch print, and the plain work behind a preview (no Qt here).

Both dialogs share the paper and content choices from here, so neither imports the other. `build_preview`
runs in an operation: it reads the athlete (making their first plan if needed), builds the PDF and renders
the first pages, and hands back plain data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.athlete import Athlete
from planner.domain.exercise import Exercise
from planner.domain.plan import Plan
from planner.export.document import BuildReport, build_plan_pdf

if TYPE_CHECKING:
    from planner.store.database import Database
    from planner.ui.operations import Control
    from planner.ui.pdf_pages import PageImage

PAPERS: tuple[tuple[str, str], ...] = (("a4", "A4"), ("letter", "Letter"))
# In page order: the overview comes first in the PDF, the routine cards last.
CONTENTS: tuple[tuple[str, str], ...] = (
    ("overview", "Season overview"),
    ("weekly", "Weekly sheets"),
    ("cards", "Routine cards"),
)
FIRST_PAGES = 2  # rendered by the build itself, so the preview shows ink as soon as it arrives


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to print: the paper, the parts in page order, and how many weeks (None: all of them)."""

    paper: str
    content: tuple[str, ...]
    weeks: int | None


@dataclass(frozen=True, slots=True)
class ExportInputs:
    """The athlete's data a build needs, read once per athlete (and again when it changes)."""

    athlete_id: int
    athlete: Athlete
    plan: Plan
    library: dict[str, Exercise]
    generated: bool  # the plan was missing and was made for this export


@dataclass(frozen=True, slots=True)
class PreviewBuild:
    """A finished preview build: what it was built from, the file, its page sizes and its first pages."""

    inputs: ExportInputs
    options: ExportOptions
    report: BuildReport
    sizes: tuple[tuple[float, float], ...]
    pages: tuple[PageImage, ...]


def load_inputs(db: Database, athlete_id: int) -> ExportInputs:
    """The athlete, their saved plan (made and saved first when there is none) and the library."""
    from planner.store.athletes import get_athlete
    from planner.store.exercises import list_exercises
    from planner.store.plans import ensure_plan

    stored = get_athlete(db, athlete_id)
    plan, generated = ensure_plan(db, athlete_id)
    library = {e.id: e for e in list_exercises(db)}
    return ExportInputs(athlete_id, stored.athlete, plan, library, generated)


def first_weeks(plan: Plan, weeks: int | None) -> Plan:
    """The plan cut to its first `weeks` weeks, keeping only the warnings about those weeks."""
    if weeks is None or weeks >= len(plan.weeks):
        return plan
    kept = plan.weeks[:weeks]
    dropped = {f"Week {w.index}:" for w in plan.weeks[weeks:]}
    warnings = tuple(w for w in plan.warnings if not any(w.startswith(d) for d in dropped))
    return replace(plan, weeks=kept, warnings=warnings)


def build(out: Path, inputs: ExportInputs, options: ExportOptions, should_stop: Callable[[], bool]) -> BuildReport:
    """The PDF of `inputs` with `options`, written atomically to `out`; BuildCancelled once asked to stop."""
    return build_plan_pdf(
        out,
        athlete=inputs.athlete,
        plan=first_weeks(inputs.plan, options.weeks),
        library=inputs.library,
        paper=options.paper,
        content=options.content,
        should_stop=should_stop,
    )


def build_preview(
    db: Database,
    athlete_id: int,
    inputs: ExportInputs | None,
    options: ExportOptions,
    out: Path,
    scale: float,
    control: Control,
) -> PreviewBuild:
    """Read the inputs (unless given), build the PDF into `out` and render its first pages at `scale`."""
    from planner.export.document import BuildCancelled
    from planner.ui.operations import OperationCancelled
    from planner.ui.pdf_pages import page_sizes, render_pages

    ready = inputs if inputs is not None else load_inputs(db, athlete_id)
    try:
        report = build(out, ready, options, control.cancelled)
    except BuildCancelled:
        raise OperationCancelled from None
    sizes = page_sizes(report.path)
    first = render_pages(report.path, range(min(FIRST_PAGES, len(sizes))), scale, control.cancelled)
    return PreviewBuild(ready, options, report, sizes, tuple(first))


def save_pdf(out: Path, inputs: ExportInputs, options: ExportOptions, control: Control) -> BuildReport:
    """Build the PDF straight into `out` (atomically); OperationCancelled leaves nothing written."""
    from planner.export.document import BuildCancelled
    from planner.ui.operations import OperationCancelled

    try:
        return build(out, inputs, options, control.cancelled)
    except BuildCancelled:
        raise OperationCancelled from None
