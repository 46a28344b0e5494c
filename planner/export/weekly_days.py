"""The days of a weekly sheet: one flat table (two in two columns) whose height is known before it is drawn.

A column of day labels, each spanning its day's rows, then a row per session heading and per exercise:
no table inside a table. Every cell is a plain string or a `TextBlock`, so each row's height is known when
the row is made; the table is given its row heights and wraps nothing, and the sheet's height at a size
is arithmetic (what lets the sheet try sizes cheaply and lay out only the one it keeps).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, TableStyle

from planner.domain.athlete import DAYS
from planner.domain.exercise import unbroken_units
from planner.domain.plan import Plan, PlannedExercise, Session, SessionKind, Week
from planner.export.fonts import BOLD, PrintWarnings
from planner.export.layout import HAIRLINE, INK, MUTED, RIGHT, RULE, SHADE, SHADE_DARK, TICK, Table, blank, style
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
PLAIN_EXTRA = frozenset("\u00d7\u00a0" + TICK)  # beyond ASCII, what a plain dose or tick cell may hold


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


@dataclass(frozen=True, slots=True)
class SheetType:
    """The weekly sheet's type styles at one size (`scale` 1 is the design size)."""

    scale: float
    body: ParagraphStyle
    small: ParagraphStyle
    bold: ParagraphStyle
    ticks: ParagraphStyle
    pain: ParagraphStyle
    day: ParagraphStyle

    @classmethod
    def at(cls, scale: float) -> SheetType:
        s = scale
        return cls(
            scale=scale,
            body=style("wk-body", 8.6 * s),
            small=style("wk-small", 7.4 * s, color=MUTED),
            bold=style("wk-bold", 8.6 * s, bold=True),
            ticks=style("wk-ticks", 10.5 * s, leading=12 * s),
            pain=style("wk-pain", 8 * s, align=RIGHT),
            day=style("wk-day", 10 * s, bold=True),
        )


class Rows:
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
    def join(cls, parts: Sequence[Rows]) -> Rows:
        """The rows of `parts` one after another, each part's commands moved down to its rows."""
        out = cls()
        for part in parts:
            offset = out.count
            out.cells += part.cells
            out.heights += part.heights
            for name, (c0, r0), (c1, r1), *rest in part.commands:
                out.commands.append((name, (c0, r0 + offset), (c1, r1 + offset), *rest))
        return out


class Days:
    """The seven days of one week's sheet at one size, in one column or two."""

    def __init__(
        self, *, plan: Plan, week: Week, warnings: PrintWarnings, width: float, columns: int, kind: SheetType
    ) -> None:
        self.plan, self.week, self.warnings, self.width, self.columns = plan, week, warnings, width, columns
        self.scale = kind.scale
        self.body, self.small, self.bold = kind.body, kind.small, kind.bold
        self.ticks, self.pain, self.day = kind.ticks, kind.pain, kind.day
        self._days: tuple[list[float], list[list[Rows]]] | None = None

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
            runs += self._user(
                unbroken_units(ex.dose.describe()), f"dose of '{ex.id}'", self.body, size=round(7.4 * self.scale, 1)
            )
        return TextBlock([self._para(runs, self.body)], width)

    def _plain(self, text: str, st: ParagraphStyle, width: float) -> bool:
        """A plain string can take a TextBlock's place: each line fits and every character is one the body font
        has (ASCII and the sheet's own ×, box and no-break space; anything else goes through `user_runs`)."""
        if not all(ch < "\u0080" or ch in PLAIN_EXTRA for ch in text):
            return False
        return all(text_width(line, st.fontName, st.fontSize) <= width for line in text.split("\n"))

    def day_rows(self, index: int, widths: list[float]) -> Rows:
        """One day's rows of the days table: a padding row, the sessions (or a line saying why there are none),
        a padding row, and the white gap to the next day."""
        s, compact = self.scale, self.columns == 2
        day = self.week.start + dt.timedelta(days=index)
        run = self.week.runs.get(DAYS[index]) if self.week.runs else None
        pad_l, pad_r, pad_t, pad_b = 4 * s, 3 * s, 1.6 * s, 2.4 * s
        inner = [w - pad_l - pad_r for w in widths]
        blank_row = [""] * len(widths)
        rows = Rows()
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
        dose_text = unbroken_units(ex.dose.describe())
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

    def days_table(self, days: list[Rows], widths: list[float]) -> Table:
        rows = Rows.join(days)
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

    def _plan_days(self) -> tuple[list[float], list[list[Rows]]]:
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

    def height(self) -> float:
        """The days' height on the page, added up from their rows: nothing is wrapped to know it."""
        _widths, columns = self._plan_days()
        return max(sum(sum(d.heights) for d in column) for column in columns)

    def flowables(self) -> list[Flowable]:
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
