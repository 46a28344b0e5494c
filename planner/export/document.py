"""Build the printable PDFs and write them atomically.

Page order of a season PDF: overview, weekly sheets, routine cards. The file appears at its path only
once it is complete: it is written to a temporary file in the same folder and moved into place, so a
failed build leaves any earlier file untouched and no half-written one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate

from planner import atomic
from planner.domain.athlete import Athlete
from planner.domain.errors import BadInput
from planner.domain.exercise import Exercise
from planner.domain.plan import Plan
from planner.export.fonts import PrintWarnings
from planner.export.layout import (
    FOOTER_HEIGHT,
    MARGIN,
    PAIN_RULE,
    Footer,
    PageCounter,
    draw_footer,
    frame_size,
    numbered_canvas,
    page_size,
)
from planner.export.markup import printable

CONTENT_KINDS: tuple[str, ...] = ("weekly", "cards", "overview")
PAPER_KINDS: tuple[str, ...] = ("a4", "letter")


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build produced: the file, its page count and the characters it could not print."""

    path: Path
    pages: int
    warnings: tuple[str, ...] = ()


class BuildCancelled(Exception):
    """Raised inside a build when its caller asked it to stop; nothing is written."""


def parse_content(content: Sequence[str] | str) -> tuple[str, ...]:
    """The content items in page order; an unknown one is BadInput naming the allowed ones."""
    items = [c.strip().lower() for c in (content.split(",") if isinstance(content, str) else content)]
    items = [c for c in items if c]
    for item in items:
        if item not in CONTENT_KINDS:
            raise BadInput(f"unknown content {item!r}; expected any of {', '.join(CONTENT_KINDS)}", field="content")
    if not items:
        raise BadInput(f"nothing to print; expected any of {', '.join(CONTENT_KINDS)}", field="content")
    return tuple(k for k in ("overview", "weekly", "cards") if k in items)


def cannot_write(out: Path, exc: OSError) -> BadInput:
    """The one-line message for an output path the system refused."""
    return BadInput(str(atomic.cannot_write(Path(out), exc)))


def write_atomically(out: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write `out` with planner.atomic (complete or not at all); a refusal is BadInput in one line."""
    try:
        atomic.write_atomically(Path(out), write)
    except atomic.CannotWrite as exc:
        raise BadInput(str(exc)) from None


class _Call(Flowable):
    """A zero-size flowable that calls back when the page holding it is laid out."""

    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self.fn = fn

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.fn()


@dataclass(frozen=True, slots=True)
class Entry:
    """One athlete's part of a document."""

    athlete: Athlete
    plan: Plan


def _templates(paper: str, footer: Footer, first: str) -> list[PageTemplate]:
    width, height = frame_size(paper)
    frame = Frame(
        MARGIN,
        MARGIN + FOOTER_HEIGHT,
        width,
        height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )

    def plain(canvas: Any, doc: Any) -> None:
        draw_footer(canvas, paper, footer, hint="")

    def weekly(canvas: Any, doc: Any) -> None:
        draw_footer(canvas, paper, footer, hint=PAIN_RULE)

    templates = [PageTemplate("plain", [frame], onPage=plain), PageTemplate("weekly", [frame], onPage=weekly)]
    # The first page uses the first template; the story's NextPageTemplate marks switch the later ones.
    return sorted(templates, key=lambda t: t.id != first)


@dataclass(frozen=True, slots=True)
class Part:
    """Pages that start on a fresh page with the given page template (`plain` or `weekly`)."""

    template: str
    flowables: list[Flowable]


def _season_story(
    entry: Entry, library: Mapping[str, Exercise], content: tuple[str, ...], paper: str, warnings: PrintWarnings
) -> list[Part]:
    from planner.export.cards import routine_cards
    from planner.export.overview import season_overview
    from planner.export.weekly import weekly_sheet

    width, height = frame_size(paper)
    athlete, plan = entry.athlete, entry.plan
    parts: list[Part] = []
    if "overview" in content and plan.weeks:
        parts.append(
            Part("plain", season_overview(athlete=athlete, plan=plan, warnings=warnings, width=width, height=height))
        )
    if "weekly" in content:
        parts += [
            Part(
                # A week the symptom check holds has no exercise: its footer drops the pain rule.
                "plain" if plan.on_hold(week) and not week.sessions else "weekly",
                weekly_sheet(athlete=athlete, plan=plan, week=week, warnings=warnings, width=width, height=height),
            )
            for week in plan.weeks
        ]
    if "cards" in content and plan.exercise_ids():
        parts.append(
            Part(
                "plain",
                routine_cards(
                    plan=plan,
                    library=library,
                    warnings=warnings,
                    width=width,
                    height=height,
                    heading=athlete.name,
                ),
            )
        )
    return parts


def _build(
    out: Path,
    *,
    parts: list[Part],
    paper: str,
    title: str,
    subject: str,
    should_stop: Callable[[], bool] | None,
    printed: dt.date | None,
) -> int:
    footer = Footer(printed=printed or dt.date.today())
    counter = PageCounter()

    def write(fh: BinaryIO) -> None:
        doc = BaseDocTemplate(
            fh,
            pagesize=page_size(paper),
            title=title,
            author="Stride Planner",
            subject=subject,
            creator="Stride Planner",
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
        )
        doc.addPageTemplates(_templates(paper, footer, parts[0].template))
        if should_stop is not None:

            def after_page() -> None:
                if should_stop():
                    raise BuildCancelled

            doc.afterPage = after_page  # type: ignore[method-assign]
        story: list[Flowable] = []
        for part in parts:
            if story:
                # The template switch must come before the break so that the new page uses it.
                story += [NextPageTemplate(part.template), PageBreak()]
            story += part.flowables
        doc.build(story, canvasmaker=numbered_canvas(paper, counter))

    write_atomically(out, write)
    return counter.pages


def build_team_pdf(
    out: Path,
    *,
    entries: Sequence[Entry],
    library: Mapping[str, Exercise],
    paper: str = "a4",
    content: Sequence[str] | str = CONTENT_KINDS,
    printed: dt.date | None = None,
    on_entry_done: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> BuildReport:
    """One PDF holding every entry's pages in turn (each: overview, weekly sheets, cards)."""
    page_size(paper)
    kinds = parse_content(content)
    out = Path(out)
    warnings = PrintWarnings()
    parts: list[Part] = []
    for i, entry in enumerate(entries):
        entry_parts = _season_story(entry, library, kinds, paper, warnings)
        if on_entry_done is not None and entry_parts:
            entry_parts[-1].flowables.append(_Call(lambda i=i: on_entry_done(i + 1)))
        parts += entry_parts
    if not parts:
        raise BadInput("nothing to print: the plan has no weeks", field="plan")
    names = ", ".join(printable(e.athlete.name, "athlete name", None) for e in entries)
    first = min(e.plan.start for e in entries)
    last = max((e.plan.weeks[-1].end for e in entries if e.plan.weeks), default=first)
    pages = _build(
        out,
        parts=parts,
        paper=paper.lower(),
        title=f"Stride Planner – {names}",
        subject=f"Strength, corrective and mobility plan, {first.isoformat()} to {last.isoformat()}",
        should_stop=should_stop,
        printed=printed,
    )
    return BuildReport(path=out, pages=pages, warnings=tuple(warnings.messages))


def build_plan_pdf(
    out: Path,
    *,
    athlete: Athlete,
    plan: Plan,
    library: Mapping[str, Exercise],
    paper: str = "a4",
    content: Sequence[str] | str = CONTENT_KINDS,
    printed: dt.date | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> BuildReport:
    """The season PDF of one athlete: overview, one weekly sheet per week, routine cards."""
    return build_team_pdf(
        out,
        entries=[Entry(athlete, plan)],
        library=library,
        paper=paper,
        content=content,
        printed=printed,
        should_stop=should_stop,
    )


def build_routine_pdf(
    out: Path,
    *,
    result: dict[str, Any],
    athlete_name: str | None,
    library: Mapping[str, Exercise],
    paper: str = "a4",
    printed: dt.date | None = None,
) -> BuildReport:
    """The one-page wizard routine from a wizard result dict (`result.to_dict()`)."""
    from planner.export.routine import routine_page

    page_size(paper)
    warnings = PrintWarnings()
    width, height = frame_size(paper)
    story = routine_page(
        result=result, athlete_name=athlete_name, library=library, warnings=warnings, width=width, height=height
    )
    who = printable(athlete_name, "athlete name", None) if athlete_name else "self-care"
    pages = _build(
        Path(out),
        parts=[Part("plain", story)],
        paper=paper.lower(),
        title=f"Stride Planner – routine ({who})",
        subject="Hip and knee routine from the symptom check",
        should_stop=None,
        printed=printed,
    )
    return BuildReport(path=Path(out), pages=pages, warnings=tuple(warnings.messages))
