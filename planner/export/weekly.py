"""The weekly sheet: one page per week, the seven days with their runs and sessions, boxes to tick.

It is what a runner pins on the fridge, so it must fit one page whatever the week holds: the sheet is
laid out at full size first and, when a busy week does not fit, at smaller sizes, then in two columns
of days, and as a last resort shrunk to fit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, TableStyle

from planner.domain.athlete import DAYS, Athlete
from planner.domain.plan import Plan, PlannedExercise, Session, SessionKind, Week
from planner.export.fonts import BOLD, PrintWarnings
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
from planner.export.markup import markup as _escape
from planner.export.textblock import BREAK, Para, Run, TextBlock, text_width, user_runs

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


class _Para(Paragraph):
    """A Paragraph that keeps its last wrap: a table wraps its cells to size the rows and again to draw them,
    and the sheet measured for fitting is drawn as measured, so the same width comes back twice or more."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        if self._wrapped is not None and self._wrapped[0] == availWidth:
            return self._wrapped[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size


_CLEAN: dict[tuple[str, bool], str] = {}  # text that printed without a warning -> its markup


def markup(value: str, where: str, warnings: PrintWarnings | None, *, bold: bool = False) -> str:
    """`markup.markup`, remembered for text that needs no warning: a season repeats the same exercise names,
    notes and reasons on every sheet, and each sheet may be laid out at more than one size."""
    key = (value, bold)
    found = _CLEAN.get(key)
    if found is not None:
        return found
    own = PrintWarnings()
    out = _escape(value, where, own, bold=bold)
    if own.messages:
        for message in own.messages:
            if warnings is not None:
                warnings.add(message)
        return out
    if len(_CLEAN) > 4096:  # many seasons of other athletes: keep it bounded
        _CLEAN.clear()
    _CLEAN[key] = out
    return out


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def long_date(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b} {day.year}"


class _Rows:
    """Rows of a days table as they are made: cells, heights, and style commands with rows counted from 0."""

    def __init__(self) -> None:
        self.cells: list[list[object]] = []
        self.heights: list[float] = []
        self.commands: list[tuple[Any, ...]] = []

    @property
    def count(self) -> int:
        return len(self.cells)

    def add(self, cells: list[object], height: float) -> int:
        self.cells.append(cells)
        self.heights.append(height)
        return len(self.cells) - 1

    def style(self, *commands: tuple[Any, ...]) -> None:
        self.commands += commands

    @classmethod
    def join(cls, parts: Sequence[_Rows]) -> _Rows:
        """The rows of `parts` one after another, each part's commands moved down to its rows."""
        out = cls()
        for part in parts:
            offset = out.count
            out.cells += part.cells
            out.heights += part.heights
            for name, (c0, r0), (c1, r1), *rest in part.commands:
                out.commands.append((name, (c0, r0 + offset), (c1, r1 + offset), *rest))
        return out


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
        self._days: tuple[list[float], list[list[_Rows]]] | None = None
        self._around: tuple[list[Flowable], list[Flowable], list[tuple[float, float]] | None] | None = None

    def text(self, value: str, where: str, st: object, *, bold: bool = False) -> Paragraph:
        return _Para(markup(value, where, self.warnings, bold=bold), st)

    # -- header -------------------------------------------------------------------------------------
    def header(self) -> list[Flowable]:
        week, plan, s = self.week, self.plan, self.scale
        name = _Para(
            markup(self.athlete.name, "athlete name", self.warnings, bold=True), style("wk-name", 17 * s, bold=True)
        )
        count = _Para(f"Week {week.index} of {len(plan.weeks)}", style("wk-count", 13 * s, bold=True, align=RIGHT))
        line = f"{long_date(week.start)} – {long_date(week.end)}   ·   <b>{week.phase.label}</b>"
        if week.race:
            line += "   ·   Race: " + markup(week.race, f"race name of week {week.index}", self.warnings, bold=False)
        sub = _Para(line, style("wk-sub", 9.5 * s, color=INK))
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
            note = _Para(
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
            out += [Spacer(1, 2 * mm * s), _Para(howto, self.small)]
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
            _Para(markup(heading, "hold", self.warnings, bold=True), style("wk-hold-head", 12 * s, bold=True)),
            Spacer(1, 1.5 * s),
            _Para(markup(hold.instead, "hold", self.warnings), style("wk-hold", 9.2 * s)),
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
            return _Para("", self.small)
        badge = Table(
            [[_Para("Deload week", style("wk-badge", 8.5 * self.scale, bold=True, align=1))]],
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
    # The seven days are one flat table (two in two columns): a column of day labels, each spanning its day's
    # rows, then a row per session heading and per exercise. Every cell is a plain string or a TextBlock,
    # so each row's height is known when the row is made: the table is given its row heights, wraps nothing,
    # and the sheet's height at a size is arithmetic.

    def _para(self, runs: list[Run], st: ParagraphStyle, *, space_before: float = 0.0) -> Para:
        return Para(runs, st.leading, space_before)

    def _run(self, value: str, st: ParagraphStyle, *, bold: bool = False, size: float | None = None) -> Run:
        """Our own words (labels, not user text) in a style."""
        return Run(value, BOLD if bold else st.fontName, size or st.fontSize, st.textColor)

    def _user(self, value: str, where: str, st: ParagraphStyle, *, bold: bool = False, **kw: Any) -> list[Run]:
        size = kw.get("size") or st.fontSize
        return user_runs(value, where, self.warnings, size=size, color=kw.get("color", st.textColor), bold=bold)

    def day_label(self, day: dt.date, run: str | None, width: float) -> TextBlock:
        paras = [
            self._para([self._run(f"{day:%a}", self.day)], self.day),
            self._para([self._run(short_date(day), self.small)], self.small),
        ]
        if run:
            label = RUN_LABELS.get(run, run)
            st = self.small if run == "rest" else self.body
            bold = run in ("quality", "long", "race")
            paras.append(self._para([self._run(label, st, bold=bold)], st, space_before=1.5 * self.scale))
            if run == "race" and self.week.race:
                where = f"race name of week {self.week.index}"
                paras.append(self._para(self._user(self.week.race, where, self.bold, bold=True), self.bold))
        return TextBlock(paras, width)

    def session_title(self, session: Session, width: float) -> TextBlock:
        s = self.scale
        runs = self._user(session.title, "session title", self.body, bold=True)
        kind = KIND_LABELS.get(session.kind, session.kind.value)
        if kind.lower().replace("&", "and") not in session.title.lower().replace("&", "and"):  # not twice in words
            runs.append(Run(f"  ({kind})", self.body.fontName, self.body.fontSize, MUTED))
        if session.why:
            runs.append(Run(BREAK, self.body.fontName, self.body.fontSize, MUTED))
            runs += self._user(session.why, "session reason", self.body, size=round(7.2 * s, 1), color=MUTED)
        return TextBlock([self._para(runs, self.body)], width)

    def exercise_name(self, ex: PlannedExercise, width: float, *, dose: bool) -> TextBlock:
        runs = self._user(ex.name, f"exercise name '{ex.id}'", self.body)
        if ex.notes:
            note = round(7 * self.scale, 1)
            runs.append(Run(" – ", self.body.fontName, note, MUTED))
            runs += self._user(ex.notes, f"notes of '{ex.id}'", self.body, size=note, color=MUTED)
        if dose:  # two columns: the dose under the name
            runs.append(Run(BREAK, self.body.fontName, self.body.fontSize, MUTED))
            runs += self._user(ex.dose.describe(), f"dose of '{ex.id}'", self.body, size=round(7.4 * self.scale, 1))
        return TextBlock([self._para(runs, self.body)], width)

    def _plain(self, text: str, st: ParagraphStyle, width: float) -> bool:
        """A plain string can take a TextBlock's place: each line fits and every character is one the body font
        has (ASCII and the sheet's own ×, box and no-break space; anything else goes through `user_runs`)."""
        if not all(ch < "\u0080" or ch in PLAIN_EXTRA for ch in text):
            return False
        return all(text_width(line, st.fontName, st.fontSize) <= width for line in text.split("\n"))

    def day_rows(self, index: int, widths: list[float]) -> _Rows:
        """One day's rows of the days table: a padding row, the sessions (or a line saying why there are none),
        a padding row, and the white gap to the next day."""
        s, compact = self.scale, self.columns == 2
        day = self.week.start + dt.timedelta(days=index)
        run = self.week.runs.get(DAYS[index]) if self.week.runs else None
        pad_l, pad_r, pad_t, pad_b = 4 * s, 3 * s, 1.6 * s, 2.4 * s
        inner = [w - pad_l - pad_r for w in widths]
        blank_row = [""] * len(widths)
        rows = _Rows()
        rows.add(list(blank_row), 2.5 * s)  # the label's row span starts here, under the day's rule
        pain = (
            "Pain 0-10: ___\nMorning: ___\nRPE: ___"
            if compact
            else "Pain 0-10: ______\nNext morning: ______\nEffort (RPE): ______"
        )
        for i, session in enumerate(self.week.sessions_on(day)):
            if i:
                rows.add(list(blank_row), 1.8 * s)
            title_w = inner[1] if compact else widths[1] + widths[2] - pad_l - pad_r
            title = self.session_title(session, title_w)
            head = ["", title, pain] if compact else ["", title, "", pain]
            r = rows.add(head, max(title.height, 3 * self.pain.leading) + pad_t + pad_b)
            rows.style(("BACKGROUND", (1, r), (-1, r), SHADE), ("VALIGN", (1, r), (-1, r), "TOP"))
            rows.style(
                ("FONTSIZE", (-1, r), (-1, r), self.pain.fontSize),
                ("LEADING", (-1, r), (-1, r), self.pain.leading),
                ("ALIGN", (-1, r), (-1, r), "RIGHT"),
            )
            if not compact:
                rows.style(("SPAN", (1, r), (2, r)))
            for n, ex in enumerate(session.exercises):
                r = rows.add(*self.exercise_row(ex, widths, inner, pad_t + pad_b))
                if n + 1 < len(session.exercises):
                    rows.style(("LINEBELOW", (1, r), (-1, r), 0.4, HAIRLINE))
        if rows.count == 1:
            hold = self.plan.hold
            run_note = self.week.run_notes.get(DAYS[index])
            width = sum(widths[1:])
            if hold is not None and hold.covers(day):
                runs = []
                if run_note:
                    runs = self._user(run_note, "running note", self.body, bold=True)
                    runs.append(Run(". ", BOLD, self.body.fontSize, self.body.textColor))
                held = "No strength, routine or mobility work (on hold: see the box above)."
                note = TextBlock([self._para([*runs, self._run(held, self.body)], self.body)], width)
            else:
                rest = "No strength or mobility work today." if run != "rest" else "Rest and recover."
                note = TextBlock([self._para([self._run(rest, self.small)], self.small)], width)
            r = rows.add(["", note] + [""] * (len(widths) - 2), note.height)
            rows.style(
                ("SPAN", (1, r), (-1, r)),
                ("LEFTPADDING", (1, r), (1, r), 0),
                ("RIGHTPADDING", (1, r), (1, r), 0),
                ("TOPPADDING", (1, r), (1, r), 0),
                ("BOTTOMPADDING", (1, r), (1, r), 0),
                ("VALIGN", (1, r), (1, r), "TOP"),
            )
        label = self.day_label(day, run, widths[0] - pad_l)
        last = rows.add(list(blank_row), 3 * s)
        short = label.height + 2.5 * s + 3 * s - sum(rows.heights)
        if short > 0:  # a long race name: the day grows to hold its label
            rows.heights[last] += short
        rows.cells[0][0] = label
        race = run == "race"
        rows.style(
            ("SPAN", (0, 0), (0, last)),
            ("BACKGROUND", (0, 0), (0, last), SHADE_DARK if race else SHADE),
            ("LINEABOVE", (0, 0), (-1, 0), 1.1 if race else 0.8, INK if race else RULE),
            ("LEFTPADDING", (0, 0), (0, 0), pad_l),
            ("RIGHTPADDING", (0, 0), (0, 0), 0),
            ("TOPPADDING", (0, 0), (0, 0), 2.5 * s),
            ("VALIGN", (0, 0), (0, 0), "TOP"),
        )
        rows.add(list(blank_row), 2.2 * s)  # the white gap under the day
        return rows

    def exercise_row(
        self, ex: PlannedExercise, widths: list[float], inner: list[float], pads: float
    ) -> tuple[list[object], float]:
        """An exercise's cells (name, dose, tick boxes) and the row's height."""
        boxes = TICK * ex.dose.sets
        if self.columns == 2:
            name = self.exercise_name(ex, inner[1], dose=True)
            ticks = f"L\u00a0{boxes}\nR\u00a0{boxes}" if ex.dose.each_side else boxes
            tick_cell, tick_h = self._tick_cell(ticks, inner[2])
            return ["", name, tick_cell], max(name.height, tick_h) + pads
        name = self.exercise_name(ex, inner[1], dose=False)
        dose_text = ex.dose.describe()
        if self._plain(dose_text, self.body, inner[2]):
            dose: object = dose_text
            dose_h = self.body.leading
        else:
            dose = TextBlock([self._para(self._user(dose_text, f"dose of '{ex.id}'", self.body), self.body)], inner[2])
            dose_h = dose.height
        ticks = f"L\u00a0{boxes}\u00a0\u00a0 R\u00a0{boxes}" if ex.dose.each_side else boxes
        tick_cell, tick_h = self._tick_cell(ticks, inner[3])
        return ["", name, dose, tick_cell], max(name.height, dose_h, tick_h) + pads

    def _tick_cell(self, ticks: str, width: float) -> tuple[object, float]:
        if self._plain(ticks, self.ticks, width):
            return ticks, self.ticks.leading * (ticks.count("\n") + 1)
        paras = [self._para([self._run(line, self.ticks)], self.ticks) for line in ticks.split("\n")]
        block = TextBlock(paras, width)
        return block, block.height

    def day_widths(self, width: float) -> list[float]:
        s = self.scale
        if self.columns == 2:
            label, ticks = 17 * mm * s, 27 * mm * s
            return [label, width - label - ticks, ticks]
        label, dose, ticks = 22 * mm * s, 56 * mm * s, 38 * mm * s
        return [label, width - label - dose - ticks, dose, ticks]

    def days_table(self, days: list[_Rows], widths: list[float]) -> Table:
        rows = _Rows.join(days)
        table = Table(rows.cells, colWidths=widths, rowHeights=rows.heights)
        s, body = self.scale, self.body
        table.setStyle(
            TableStyle(
                [
                    ("FONTSIZE", (0, 0), (-1, -1), body.fontSize),
                    ("LEADING", (0, 0), (-1, -1), body.leading),
                    ("TEXTCOLOR", (0, 0), (-1, -1), body.textColor),
                    ("FONTSIZE", (-1, 0), (-1, -1), self.ticks.fontSize),
                    ("LEADING", (-1, 0), (-1, -1), self.ticks.leading),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4 * s),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3 * s),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.6 * s),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.4 * s),
                    *rows.commands,
                ]
            )
        )
        return table

    def _plan_days(self) -> tuple[list[float], list[list[_Rows]]]:
        """The days' column widths and rows, made once per sheet: one list of days per column of the page."""
        if self._days is None:
            if self.columns == 1:
                widths = self.day_widths(self.width)
                self._days = (widths, [[self.day_rows(i, widths) for i in range(7)]])
            else:
                widths = self.day_widths((self.width - 5 * mm) / 2)
                days = [self.day_rows(i, widths) for i in range(7)]
                heights = [sum(d.heights) for d in days]
                # Split Mon.. into the left column where the two columns come closest to equal height.
                split = min(range(1, 7), key=lambda k: abs(sum(heights[:k]) - sum(heights[k:])))
                self._days = (widths, [days[:split], days[split:]])
        return self._days

    def days_height(self) -> float:
        """The days' height on the page, added up from their rows: nothing is wrapped to know it."""
        _widths, columns = self._plan_days()
        return max(sum(sum(d.heights) for d in column) for column in columns)

    def days(self) -> list[Flowable]:
        widths, columns = self._plan_days()
        if self.columns == 1:
            return [self.days_table(columns[0], widths)]
        col_w = (self.width - 5 * mm) / 2
        left, right = (self.days_table(column, widths) for column in columns)
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
        items = [_Para("<b>Watch this week</b>", self.bold)]
        items += [
            _Para("• " + markup(w, f"warning of week {self.week.index}", self.warnings), self.body) for w in found
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
        items = [_Para("<b>From your log</b>", self.bold)]
        items += [
            _Para("• " + markup(a.line, f"log change of week {self.week.index}", self.warnings), self.body)
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

    def height(self, room: float) -> float:
        """The sheet's height: its header and boxes wrapped (a few Paragraphs), its days added up from their rows."""
        if self._around is None:
            head, tail = self.header(), self.log_changes() + self.week_warnings()
            self._around = (head, tail, _measure(head + tail, self.width, room))
        head, tail, sizes = self._around
        around = sum(h for _w, h in sizes) if sizes is not None else _height(head + tail, self.width, room)
        return around + self.days_height()

    def flowables(self, room: float) -> list[Flowable]:
        """The sheet's flowables, drawn as measured where they can be."""
        self.height(room)
        head, tail, _sizes = self._around
        flowables = [*head, *self.days(), *tail]
        sizes = _measure(flowables, self.width, room)  # the header's Paragraphs keep their wrap: this is cheap
        return [_FittedSheet(flowables, sizes, self.width)] if sizes is not None else flowables


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
    the smallest two-column layout shrunk to fit. A size's height is arithmetic (the days' rows add up;
    only the header's few Paragraphs are wrapped), so trying a size costs little; the largest is tried
    first (most weeks fit it) and its height says where to look next. Only the kept size becomes tables.
    """
    tried: dict[tuple[int, float], tuple[_Sheet, PrintWarnings, float]] = {}

    def layout(columns: int, scale: float) -> tuple[_Sheet, PrintWarnings, float]:
        if (columns, scale) not in tried:
            # Warnings are collected only once, from the layout that is kept.
            trial = PrintWarnings()
            sheet = _Sheet(
                athlete=athlete, plan=plan, week=week, warnings=trial, width=width, scale=scale, columns=columns
            )
            tried[columns, scale] = (sheet, trial, sheet.height(height))
        return tried[columns, scale]

    def kept(columns: int, scale: float) -> _Sheet:
        sheet, trial, _total = layout(columns, scale)
        for message in trial.messages:
            warnings.add(message)
        return sheet

    for columns, scales in ((1, SCALES), (2, TWO_COLUMN_SCALES)):
        top = layout(columns, scales[0])[2]
        # Text shrinks with the scale and wraps less, so the height falls faster than the scale: about as
        # its 1.6th power on our sheets. The guess is the largest size that power says fits.
        guess = next(
            (i for i, s in enumerate(scales) if top * (s / scales[0]) ** HEIGHT_POWER <= height), len(scales) - 1
        )
        found = _first_fit(
            len(scales), lambda i, c=columns, sc=scales: layout(c, sc[i])[2] <= height, guess if top > height else 0
        )
        if found is not None:
            return kept(columns, scales[found]).flowables(height)
    sheet = kept(2, TWO_COLUMN_SCALES[-1])
    return [KeepInFrame(width, height, sheet.flowables(height), mode="shrink")]
