"""The weekly sheet: one page per week, the seven days with their runs and sessions, boxes to tick.

It is what a runner pins on the fridge, so it must fit one page whatever the week holds: the sheet is
laid out at full size first and, when a busy week does not fit, at smaller sizes, then in two columns
of days, and as a last resort shrunk to fit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, TableStyle

from planner.domain.athlete import DAYS, Athlete
from planner.domain.exercise import Dose
from planner.domain.plan import Plan, PlannedExercise, Session, SessionKind, Week
from planner.export.fonts import PrintWarnings
from planner.export.layout import (
    HAIRLINE,
    INK,
    MUTED,
    RIGHT,
    RULE,
    SHADE,
    SHADE_DARK,
    TICK,
    Table,
    blank,
    style,
)
from planner.export.markup import markup, paragraph

RUN_LABELS: dict[str, str] = {
    "rest": "Rest day",
    "easy": "Easy run",
    "quality": "Quality run",
    "long": "Long run",
    "race": "Race day",
}
KIND_LABELS: dict[SessionKind, str] = {
    SessionKind.STRENGTH: "Strength",
    SessionKind.CORRECTIVE: "Hip & knee routine",
    SessionKind.MOBILITY: "Mobility",
}
SCALES: tuple[float, ...] = (1.1, 1.0, 0.92, 0.84, 0.77, 0.7)
PLAIN_EXTRA = frozenset("\u00d7\u00a0" + TICK)  # beyond ASCII, what a plain dose or tick cell may hold
TWO_COLUMN_SCALES: tuple[float, ...] = (0.84, 0.77, 0.7, 0.64)


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def long_date(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b} {day.year}"


def tick_boxes(dose: Dose, *, stacked: bool = False) -> str:
    """One box per set; per side where the dose is each side: `L □□□ R □□□` (markup)."""
    boxes = TICK * dose.sets
    if not dose.each_side:
        return boxes
    return f"L&nbsp;{boxes}<br/>R&nbsp;{boxes}" if stacked else f"L&nbsp;{boxes}&nbsp;&nbsp; R&nbsp;{boxes}"


class _Sheet:
    """The flowables of one week's sheet at one size."""

    def __init__(
        self,
        *,
        athlete: Athlete,
        plan: Plan,
        week: Week,
        warnings: PrintWarnings,
        width: float,
        scale: float,
        columns: int,
    ) -> None:
        self.athlete, self.plan, self.week = athlete, plan, week
        self.warnings, self.width, self.scale, self.columns = warnings, width, scale, columns
        s = scale
        self.body = style("wk-body", 8.6 * s)
        self.small = style("wk-small", 7.4 * s, color=MUTED)
        self.bold = style("wk-bold", 8.6 * s, bold=True)
        self.ticks = style("wk-ticks", 10.5 * s, leading=12 * s)
        self.pain = style("wk-pain", 8 * s, align=RIGHT)
        self.day = style("wk-day", 10 * s, bold=True)
        self._dose_w = self._tick_w = 0.0  # the dose and tick columns of the session table being built

    def text(self, value: str, where: str, st: object, *, bold: bool = False) -> Paragraph:
        return paragraph(value, st, where=where, warnings=self.warnings, bold=bold)

    # -- header -------------------------------------------------------------------------------------
    def header(self) -> list[Flowable]:
        week, plan, s = self.week, self.plan, self.scale
        name = Paragraph(
            markup(self.athlete.name, "athlete name", self.warnings, bold=True), style("wk-name", 17 * s, bold=True)
        )
        count = Paragraph(f"Week {week.index} of {len(plan.weeks)}", style("wk-count", 13 * s, bold=True, align=RIGHT))
        line = f"{long_date(week.start)} – {long_date(week.end)}   ·   <b>{week.phase.label}</b>"
        if week.race:
            line += "   ·   Race: " + markup(week.race, f"race name of week {week.index}", self.warnings, bold=False)
        sub = Paragraph(line, style("wk-sub", 9.5 * s, color=INK))
        rows = [[name, count], [sub, self.deload_badge()]]
        table = Table(rows, colWidths=[self.width - 38 * mm, 38 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * s),
                    ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ]
            )
        )
        out: list[Flowable] = [table]
        if self.athlete.note.strip():
            note = Paragraph(
                "<b>Coach's note:</b> " + markup(self.athlete.note.strip(), "coach's note", self.warnings), self.body
            )
            box = Table([[note]], colWidths=[self.width])
            box.setStyle(
                TableStyle(
                    [
                        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                        ("LINEBEFORE", (0, 0), (0, -1), 2.5, RULE),
                        ("TOPPADDING", (0, 0), (-1, -1), 3 * s),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * s),
                        ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ]
                )
            )
            out += [Spacer(1, 2 * mm * s), box]
        howto = (
            "Tick a box for each set you finish. After each session, write down any pain from 0 (none) to 10 "
            "(worst), again the next morning, and how hard it felt (RPE, 0 easy to 10 maximal)."
        )
        out += self.hold_box()
        if self.week.sessions:  # a week the check holds entirely has nothing to tick
            out += [Spacer(1, 2 * mm * s), Paragraph(howto, self.small)]
        out.append(Spacer(1, 1.5 * mm * s))
        return out

    def hold_box(self) -> list[Flowable]:
        """The symptom check needs a clinician: what to do instead, above the days, in a heavy frame."""
        hold = self.plan.hold
        if hold is None or not self.plan.on_hold(self.week):
            return []
        s = self.scale
        heading = hold.title
        if hold.since > self.week.start:
            heading += f" (from {hold.since:%a} {short_date(hold.since)})"
        items = [
            Paragraph(markup(heading, "hold", self.warnings, bold=True), style("wk-hold-head", 12 * s, bold=True)),
            Spacer(1, 1.5 * s),
            Paragraph(markup(hold.instead, "hold", self.warnings), style("wk-hold", 9.2 * s)),
        ]
        box = Table([[items]], colWidths=[self.width])
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 2, INK),
                    ("LINEBEFORE", (0, 0), (0, -1), 6, INK),
                    ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                    ("TOPPADDING", (0, 0), (-1, -1), 5 * s),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6 * s),
                    ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ]
            )
        )
        return [Spacer(1, 2.5 * mm * s), box]

    def deload_badge(self) -> Flowable:
        if not self.week.deload:
            return Paragraph("", self.small)
        badge = Table(
            [[Paragraph("Deload week", style("wk-badge", 8.5 * self.scale, bold=True, align=1))]],
            colWidths=[32 * mm * self.scale],
        )
        badge.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1, INK),
                    ("BACKGROUND", (0, 0), (-1, -1), SHADE_DARK),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        badge.hAlign = "RIGHT"
        return badge

    # -- days ---------------------------------------------------------------------------------------
    def day_label(self, day: dt.date, run: str | None) -> list[Flowable]:
        out: list[Flowable] = [Paragraph(f"{day:%a}", self.day), Paragraph(short_date(day), self.small)]
        if run:
            label = RUN_LABELS.get(run, run)
            out.append(Spacer(1, 1.5 * self.scale))
            out.append(
                Paragraph(
                    f"<b>{label}</b>" if run in ("quality", "long", "race") else label,
                    self.small if run == "rest" else self.body,
                )
            )
            if run == "race" and self.week.race:
                out.append(self.text(self.week.race, f"race name of week {self.week.index}", self.bold, bold=True))
        return out

    def session_rows(self, session: Session, width: float) -> Table:
        s = self.scale
        title = f"<b>{markup(session.title, 'session title', self.warnings, bold=True)}</b>"
        kind = KIND_LABELS.get(session.kind, session.kind.value)
        if kind.lower().replace("&", "and") not in session.title.lower().replace("&", "and"):  # not twice in words
            title += f"  <font color='#5a5a5a'>({kind})</font>"
        if session.why:
            title += (
                "<br/>"
                + f"<font size={7.2 * s:.1f} color='#5a5a5a'>"
                + markup(session.why, "session reason", self.warnings)
                + "</font>"
            )
        compact = self.columns == 2
        # The same boxes as the window's log grid: pain during, pain the next morning, effort (RPE).
        # A plain three-line string, drawn by the table in the pain style (FONT commands below): no Paragraph.
        pain = (
            "Pain 0-10: ___\nMorning: ___\nRPE: ___"
            if compact
            else "Pain 0-10: ______\nNext morning: ______\nEffort (RPE): ______"
        )
        tick_w = (27 if compact else 38) * mm * s
        dose_w = 0 if compact else 56 * mm * s
        name_w = width - tick_w - dose_w
        if compact:
            rows: list[list[object]] = [[Paragraph(title, self.body), pain]]
            cols = [name_w, tick_w]
        else:
            rows = [[Paragraph(title, self.body), blank(), pain]]
            cols = [name_w, dose_w, tick_w]
        self._dose_w, self._tick_w = dose_w, tick_w
        rows += [self.exercise_row(ex, compact) for ex in session.exercises]
        table = Table(rows, colWidths=cols)
        commands = [
            ("FONTNAME", (-1, 0), (-1, 0), self.pain.fontName),
            ("FONTSIZE", (-1, 0), (-1, 0), self.pain.fontSize),
            ("LEADING", (-1, 0), (-1, 0), self.pain.leading),
            ("TEXTCOLOR", (-1, 0), (-1, 0), self.pain.textColor),
            ("ALIGN", (-1, 0), (-1, 0), "RIGHT"),
            ("FONTNAME", (1, 1), (-1, -1), self.body.fontName),
            ("FONTSIZE", (1, 1), (-2, -1), self.body.fontSize),
            ("LEADING", (1, 1), (-2, -1), self.body.leading),
            ("FONTSIZE", (-1, 1), (-1, -1), self.ticks.fontSize),
            ("LEADING", (-1, 1), (-1, -1), self.ticks.leading),
            ("TEXTCOLOR", (1, 1), (-1, -1), self.body.textColor),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("VALIGN", (0, 0), (-1, 0), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.6 * s),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.4 * s),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * s),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3 * s),
            ("LINEBELOW", (0, 1), (-1, -2), 0.4, HAIRLINE),
        ]
        if not compact:
            commands.append(("SPAN", (0, 0), (1, 0)))
        table.setStyle(TableStyle(commands))
        return table

    def exercise_row(self, ex: PlannedExercise, compact: bool) -> list[object]:
        name = markup(ex.name, f"exercise name '{ex.id}'", self.warnings)
        if ex.notes:
            name += (
                f" <font size={7 * self.scale:.1f} color='#5a5a5a'>– "
                + markup(ex.notes, f"notes of '{ex.id}'", self.warnings)
                + "</font>"
            )
        if compact:
            dose = markup(ex.dose.describe(), f"dose of '{ex.id}'", self.warnings)
            ticks = Paragraph(tick_boxes(ex.dose, stacked=compact), self.ticks)
            cell = Paragraph(f"{name}<br/><font size={7.4 * self.scale:.1f}>{dose}</font>", self.body)
            return [cell, ticks]
        # Plain strings where the text is one line in one font: the table draws them without a Paragraph (and
        # without markup: nothing to escape, and every character is one the body font has).
        plain_dose = ex.dose.describe()
        if self._fits(plain_dose, self.body, self._dose_w):
            dose_cell: object = plain_dose
        else:
            dose_cell = Paragraph(markup(plain_dose, f"dose of '{ex.id}'", self.warnings), self.body)
        boxes = TICK * ex.dose.sets
        tick_text = f"L\u00a0{boxes}\u00a0\u00a0 R\u00a0{boxes}" if ex.dose.each_side else boxes
        tick_cell = (
            tick_text if self._fits(tick_text, self.ticks, self._tick_w) else Paragraph(tick_boxes(ex.dose), self.ticks)
        )
        return [Paragraph(name, self.body), dose_cell, tick_cell]

    def _fits(self, text: str, st: ParagraphStyle, width: float) -> bool:
        """A plain string can take the Paragraph's place: one line in the body font (ASCII and the sheet's own
        ×, box and no-break space; anything else goes through markup's glyph check and font fallback)."""
        if not all(ch < "\u0080" or ch in PLAIN_EXTRA for ch in text):
            return False
        return stringWidth(text, st.fontName, st.fontSize) <= width - 7 * self.scale

    def day_block(self, index: int, width: float) -> Table:
        s = self.scale
        day = self.week.start + dt.timedelta(days=index)
        run = self.week.runs.get(DAYS[index]) if self.week.runs else None
        label_w = (22 if self.columns == 1 else 17) * mm * s
        content_w = width - label_w
        sessions = self.week.sessions_on(day)
        content: list[Flowable] = []
        for i, session in enumerate(sessions):
            if i:
                content.append(Spacer(1, 1.8 * s))
            content.append(self.session_rows(session, content_w))
        hold = self.plan.hold
        run_note = self.week.run_notes.get(DAYS[index])
        if not sessions and hold is not None and hold.covers(day):
            held = "No strength, routine or mobility work (on hold: see the box above)."
            if run_note:
                held = f"<b>{markup(run_note, 'running note', self.warnings, bold=True)}.</b> {held}"
            content.append(Paragraph(held, self.body))
        elif not sessions:
            rest = "No strength or mobility work today." if run != "rest" else "Rest and recover."
            content.append(Paragraph(rest, self.small))
        block = Table([[self.day_label(day, run), content]], colWidths=[label_w, content_w])
        race = run == "race"
        block.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEABOVE", (0, 0), (-1, 0), 1.1 if race else 0.8, INK if race else RULE),
                    ("BACKGROUND", (0, 0), (0, 0), SHADE_DARK if race else SHADE),
                    ("LEFTPADDING", (0, 0), (0, 0), 4 * s),
                    ("LEFTPADDING", (1, 0), (1, 0), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5 * s),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * s),
                ]
            )
        )
        return block

    def days(self) -> list[Flowable]:
        gap = 2.2 * self.scale
        if self.columns == 1:
            out: list[Flowable] = []
            for i in range(7):
                out += [self.day_block(i, self.width), Spacer(1, gap)]
            return out
        col_w = (self.width - 5 * mm) / 2
        blocks = [self.day_block(i, col_w) for i in range(7)]
        heights = [b.wrap(col_w, 10_000)[1] + gap for b in blocks]
        # Split Mon.. into the left column where the two columns come closest to equal height.
        split = min(range(1, 7), key=lambda k: abs(sum(heights[:k]) - sum(heights[k:])))
        left = [x for b in blocks[:split] for x in (b, Spacer(1, gap))]
        right = [x for b in blocks[split:] for x in (b, Spacer(1, gap))]
        grid = Table([[left, blank(), right]], colWidths=[col_w, 5 * mm, col_w])
        grid.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [grid]

    def week_warnings(self) -> list[Flowable]:
        found = self.plan.warnings_for(self.week.index)
        if not found:
            return []
        items = [Paragraph("<b>Watch this week</b>", self.bold)]
        items += [
            Paragraph("• " + markup(w, f"warning of week {self.week.index}", self.warnings), self.body) for w in found
        ]
        box = Table([[items]], colWidths=[self.width])
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1, INK),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, INK),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ]
            )
        )
        return [Spacer(1, 1.5 * mm), box]

    def log_changes(self) -> list[Flowable]:
        """What the training log changed this week, one short line each with its reason."""
        found = [a for a in self.plan.adjustments if a.week == self.week.index]
        if not found:
            return []
        items = [Paragraph("<b>From your log</b>", self.bold)]
        items += [
            Paragraph("• " + markup(a.line, f"log change of week {self.week.index}", self.warnings), self.body)
            for a in found
        ]
        box = Table([[items]], colWidths=[self.width])
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                    ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ]
            )
        )
        return [Spacer(1, 1.5 * mm), box]

    def flowables(self) -> list[Flowable]:
        return self.header() + self.days() + self.log_changes() + self.week_warnings()


HEIGHT_POWER = 1.6  # a sheet's height against its scale, from the demo season's busiest and lightest weeks


class _FittedSheet(Flowable):
    """A sheet already laid out at the size that fits: the page draws what the fitting measured.

    Finding the size wraps the sheet (every Paragraph and nested table) once per size tried; wrapping the
    kept one again for the page was a quarter of a sheet's cost. Drawn at the width it was measured at,
    the children go down the frame exactly as the frame would place them (none has space before or after).
    """

    def __init__(self, flowables: list[Flowable], sizes: list[tuple[float, float]], width: float) -> None:
        super().__init__()
        self.flowables, self.sizes, self.measured_width = flowables, sizes, width
        self.height = sum(h for _w, h in sizes)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        if abs(availWidth - self.measured_width) > 0.01:  # not where it was measured: measure again
            self.sizes = [f.wrap(availWidth, availHeight) for f in self.flowables]
            self.measured_width, self.height = availWidth, sum(h for _w, h in self.sizes)
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        y = self.height
        for flowable, (w, h) in zip(self.flowables, self.sizes, strict=True):
            y -= h
            flowable.drawOn(self.canv, 0, y, _sW=self.width - w)


def _measure(flowables: Sequence[Flowable], width: float, height: float) -> list[tuple[float, float]] | None:
    """Each flowable's wrapped size, or None when one has space before or after (a frame collapses those)."""
    sizes = []
    for f in flowables:
        if f.getSpaceBefore() or f.getSpaceAfter():
            return None
        sizes.append(f.wrap(width, height))
    return sizes


def _height(flowables: Sequence[Flowable], width: float, height: float) -> float:
    return sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def _first_fit(count: int, fits: Callable[[int], bool], guess: int) -> int | None:
    """The first index whose layout fits (fits is False, then True, along the list), probing `guess` first:
    from a guess that fits, step towards the larger sizes until one does not; otherwise bisect what is left."""
    lo, hi = 0, count
    probe = min(max(guess, 0), count - 1)
    if fits(probe):
        hi = probe
        while hi > lo and fits(hi - 1):
            hi -= 1
        return hi
    lo = probe + 1
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo if lo < count else None


def weekly_sheet(
    *, athlete: Athlete, plan: Plan, week: Week, warnings: PrintWarnings, width: float, height: float
) -> list[Flowable]:
    """The flowables of one week's sheet, sized to fit one frame of `width` × `height` points.

    The largest size that fits wins: one column at SCALES, then two columns at TWO_COLUMN_SCALES, then
    the smallest two-column layout shrunk to fit. A sheet's height only grows with its scale, so the largest
    size is tried first (most weeks fit it) and its height says where to look next: the size that height
    scaled down would fit, then its neighbours (laying out is most of the build). The kept layout is drawn
    as measured.
    """
    tried: dict[tuple[int, float], tuple[list[Flowable], PrintWarnings, list[tuple[float, float]] | None, float]] = {}

    def layout(
        columns: int, scale: float
    ) -> tuple[list[Flowable], PrintWarnings, list[tuple[float, float]] | None, float]:
        if (columns, scale) not in tried:
            # Warnings are collected only once, from the layout that is kept.
            trial = PrintWarnings()
            attempt = _Sheet(
                athlete=athlete, plan=plan, week=week, warnings=trial, width=width, scale=scale, columns=columns
            ).flowables()
            sizes = _measure(attempt, width, height)
            total = sum(h for _w, h in sizes) if sizes is not None else _height(attempt, width, height)
            tried[columns, scale] = (attempt, trial, sizes, total)
        return tried[columns, scale]

    def kept(columns: int, scale: float) -> list[Flowable]:
        attempt, trial, sizes, _total = layout(columns, scale)
        for message in trial.messages:
            warnings.add(message)
        return [_FittedSheet(attempt, sizes, width)] if sizes is not None else attempt

    for columns, scales in ((1, SCALES), (2, TWO_COLUMN_SCALES)):
        top = layout(columns, scales[0])[3]
        # Text shrinks with the scale and wraps less, so the height falls faster than the scale: about as
        # its 1.6th power on our sheets. The guess is the largest size that power says fits.
        guess = next(
            (i for i, s in enumerate(scales) if top * (s / scales[0]) ** HEIGHT_POWER <= height), len(scales) - 1
        )
        found = _first_fit(
            len(scales), lambda i, c=columns, sc=scales: layout(c, sc[i])[3] <= height, guess if top > height else 0
        )
        if found is not None:
            return kept(columns, scales[found])
    attempt, trial, _sizes, _total = layout(2, TWO_COLUMN_SCALES[-1])
    for message in trial.messages:
        warnings.add(message)
    return [KeepInFrame(width, height, attempt, mode="shrink")]
