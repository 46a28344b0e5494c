"""Routine cards: one card per exercise of the plan, four to a page (2 × 2), or two when the text is long."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Paragraph, Spacer, TableStyle

from planner.domain.exercise import Exercise
from planner.domain.plan import Plan, PlannedExercise
from planner.domain.progression import HEAVY_SLOW_ID, PAIN_RULE, heavy_slow_schedule_text, states_pain_limit
from planner.export.drawing import DrawingFlowable, exercise_drawing
from planner.export.fonts import PrintWarnings
from planner.export.layout import MUTED, RULE, Table, blank, style
from planner.export.markup import markup

GAP = 5 * mm
PAD = 7
HEADER_HEIGHT = 9 * mm


@dataclass(frozen=True, slots=True)
class _Card:
    exercise_id: str
    small: list[Flowable]
    wide: list[Flowable]
    fits_small: bool


def _words(ids: tuple[str, ...]) -> str:
    return ", ".join(t.replace("_", " ") for t in ids)


class _CardText:
    def __init__(self, planned: PlannedExercise, exercise: Exercise | None, warnings: PrintWarnings) -> None:
        self.planned, self.exercise, self.warnings = planned, exercise, warnings
        self.name = style("card-name", 12, bold=True, leading=14)
        self.meta = style("card-meta", 7.6, color=MUTED)
        self.body = style("card-body", 8.4, leading=10.4)
        self.head = style("card-head", 8.4, bold=True, leading=10.4)
        self.step = style("card-step", 8.4, leading=10.4)
        self.step.leftIndent = 11
        self.step.firstLineIndent = -11

    def m(self, text: str, what: str) -> str:
        return markup(text, f"{what} of '{self.planned.id}'", self.warnings)

    def title(self) -> list[Flowable]:
        ex = self.exercise
        name = ex.name if ex else self.planned.name
        out: list[Flowable] = [
            Paragraph(markup(name, f"name of '{self.planned.id}'", self.warnings, bold=True), self.name)
        ]
        if ex:
            meta = ex.category.value.replace("-", " ").capitalize()
            if ex.targets:
                meta += " · targets " + self.m(_words(ex.targets), "targets")
            if ex.equipment:
                meta += " · needs " + self.m(_words(ex.equipment), "equipment")
            out.append(Paragraph(meta, self.meta))
        dose = self.planned.dose.describe()
        out.append(Spacer(1, 3))
        out.append(Paragraph("<b>Dose:</b> " + self.m(dose, "dose"), self.body))
        if self.planned.id == HEAVY_SLOW_ID:
            # The one rep-max schedule the plan's doses follow (progression.HEAVY_SLOW_SCHEDULE).
            out.append(Paragraph("<b>Schedule:</b> " + self.m(heavy_slow_schedule_text(), "schedule"), self.body))
        out.append(Paragraph("Your weekly sheet gives each week's dose.", self.meta))
        return out

    def pain_lines(self, lines: tuple[str, ...]) -> tuple[list[str], bool]:
        """The lines without those giving their own pain limit, and whether any did (the card then
        prints the one pain rule instead, so it never disagrees with the sheets)."""
        kept = [line for line in lines if not states_pain_limit(line)]
        return kept, len(kept) < len(lines)

    def details(self) -> list[Flowable]:
        ex = self.exercise
        if ex is None:
            return [Paragraph("This exercise is not in the library any more: no instructions to print.", self.meta)]
        out: list[Flowable] = []
        instructions, pain_in_steps = self.pain_lines(ex.instructions)
        cues, pain_in_cues = self.pain_lines(ex.cues)
        if instructions:
            out.append(Paragraph("How to", self.head))
            out += [
                Paragraph(f"{i}. " + self.m(step, "steps"), self.step) for i, step in enumerate(instructions, start=1)
            ]
        if cues:
            out.append(Spacer(1, 3))
            out.append(Paragraph("Cues", self.head))
            out += [Paragraph("• " + self.m(cue, "cues"), self.step) for cue in cues]
        if pain_in_steps or pain_in_cues:
            out.append(Spacer(1, 2))
            out.append(Paragraph(self.m(PAIN_RULE, "pain rule"), self.body))
        for label, text in (("Easier", ex.easier), ("Harder", ex.harder)):
            if text:
                out.append(Spacer(1, 2))
                out.append(Paragraph(f"<b>{label}:</b> " + self.m(text, label.lower()), self.body))
        return out


def illustration(exercise: Exercise | None, width: float, height: float) -> Flowable:
    """The exercise's start and end drawing (vector) in a box of width × height; an empty spacer when it
    has none, so a custom exercise without a drawing prints no empty frame."""
    drawing = exercise_drawing(exercise)
    if drawing is None:
        return Spacer(width, 0)
    return DrawingFlowable(drawing, width, height)


def _fits(flowables: list[Flowable], width: float, height: float) -> bool:
    return sum(f.wrap(width, height)[1] for f in flowables) <= height


def _frame(content: list[Flowable], width: float, height: float) -> Table:
    inner_w, inner_h = width - 2 * PAD, height - 2 * PAD
    card = Table([[KeepInFrame(inner_w, inner_h, content, mode="shrink")]], colWidths=[width], rowHeights=[height])
    card.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), PAD),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
            ]
        )
    )
    return card


def _card(
    planned: PlannedExercise,
    exercise: Exercise | None,
    warnings: PrintWarnings,
    *,
    small_w: float,
    small_h: float,
    wide_w: float,
) -> _Card:
    text = _CardText(planned, exercise, warnings)
    inner_w, inner_h = small_w - 2 * PAD, small_h - 2 * PAD
    small = [*text.title(), Spacer(1, 4), illustration(exercise, inner_w, 28 * mm), Spacer(1, 4), *text.details()]
    ill_w = 52 * mm
    left_w = wide_w - 2 * PAD - ill_w - 5 * mm
    top = Table([[text.title(), illustration(exercise, ill_w, 38 * mm)]], colWidths=[left_w + 5 * mm, ill_w])
    top.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    wide = [top, Spacer(1, 4), *text.details()]
    return _Card(planned.id, small, wide, _fits(small, inner_w, inner_h))


def routine_cards(
    *, plan: Plan, library: Mapping[str, Exercise], warnings: PrintWarnings, width: float, height: float, heading: str
) -> list[Flowable]:
    """Pages of routine cards for every exercise of the plan, in order of first use."""
    first_use: dict[str, PlannedExercise] = {}
    for week in plan.weeks:
        for session in week.sessions:
            for ex in session.exercises:
                first_use.setdefault(ex.id, ex)
    body_h = height - HEADER_HEIGHT
    small_w, small_h = (width - GAP) / 2, (body_h - GAP) / 2
    cards = [
        _card(first_use[i], library.get(i), warnings, small_w=small_w, small_h=small_h, wide_w=width)
        for i in plan.exercise_ids()
    ]
    rows = _rows(cards)
    out: list[Flowable] = []
    header = style("card-page", 9, color=MUTED)
    for page_start in range(0, len(rows), 2):
        if out:
            out.append(PageBreak())
        out.append(Paragraph("Routine cards · " + markup(heading, "athlete name", warnings), header))
        out.append(Spacer(1, HEADER_HEIGHT - 11))
        for i, row in enumerate(rows[page_start : page_start + 2]):
            if i:
                out.append(Spacer(1, GAP))
            if len(row) == 1 and not row[0].fits_small:
                out.append(_frame(row[0].wide, width, small_h))
            else:
                cells: list[object] = [_frame(c.small, small_w, small_h) for c in row]
                while len(cells) < 2:
                    cells.append(blank())
                grid = Table([[cells[0], blank(), cells[1]]], colWidths=[small_w, GAP, small_w])
                grid.setStyle(
                    TableStyle(
                        [
                            ("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                            ("TOPPADDING", (0, 0), (-1, -1), 0),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ]
                    )
                )
                out.append(grid)
    return out


def _rows(cards: list[_Card]) -> list[list[_Card]]:
    """Pairs of small cards; a long card takes a row alone. Order is kept except that a small card may
    wait for its partner past a long one."""
    rows: list[list[_Card]] = []
    waiting: list[_Card] | None = None
    for card in cards:
        if not card.fits_small:
            rows.append([card])
        elif waiting is None:
            waiting = [card]
            rows.append(waiting)
        else:
            waiting.append(card)
            waiting = None
    return rows


def card_pages(count_small: int, count_wide: int) -> int:
    """How many pages `count_small` short and `count_wide` long cards take (for checks and tests)."""
    rows = count_wide + (count_small + 1) // 2
    return (rows + 1) // 2
