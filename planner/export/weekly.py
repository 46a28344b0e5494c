"""The weekly sheet: one page per week, the seven days with their runs and sessions, boxes to tick.

It is what a runner pins on the fridge, so it must fit one page whatever the week holds: the sheet is
measured at full size first and, when a busy week does not fit, at smaller sizes, then in two columns
of days, and as a last resort shrunk to fit. Measuring a size is cheap (the days' heights are arithmetic,
see `weekly_days`); only the size kept is laid out for the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, TableStyle

from planner.domain.athlete import Athlete
from planner.domain.plan import Plan, Week
from planner.export.fonts import BOLD, PrintWarnings
from planner.export.layout import (
    INK,
    RIGHT,
    RULE,
    SHADE,
    SHADE_DARK,
    Table,
    style,
)
from planner.export.markup import markup as _escape
from planner.export.textblock import text_width
from planner.export.weekly_days import Days, SheetType, short_date

SCALES: tuple[float, ...] = (1.1, 1.0, 0.92, 0.84, 0.77, 0.7)
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


def long_date(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b} {day.year}"


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
        self.kind = SheetType.at(scale)
        self.body, self.small, self.bold = self.kind.body, self.kind.small, self.kind.bold
        self.sheet_days = Days(plan=plan, week=week, warnings=warnings, width=width, columns=columns, kind=self.kind)
        self._around: tuple[list[Flowable], list[Flowable], list[tuple[float, float]] | None] | None = None

    # -- header -------------------------------------------------------------------------------------
    def header(self) -> list[Flowable]:
        week, plan, s = self.week, self.plan, self.scale
        name = _Para(
            markup(self.athlete.name, "athlete name", self.warnings, bold=True), style("wk-name", 17 * s, bold=True)
        )
        count_text = f"Week {week.index} of {len(plan.weeks)}"
        count = _Para(count_text, style("wk-count", 13 * s, bold=True, align=RIGHT))
        # Wide enough for "Week 13 of 16" on one line at the largest size (it wrapped at 38 mm).
        count_w = max(38 * mm, text_width(count_text, BOLD, 13 * s) + 2)
        line = f"{long_date(week.start)} – {long_date(week.end)}   ·   <b>{week.phase.label}</b>"
        if week.race:
            line += "   ·   Race: " + markup(week.race, f"race name of week {week.index}", self.warnings, bold=False)
        sub = _Para(line, style("wk-sub", 9.5 * s, color=INK))
        rows = [[name, count], [sub, self.deload_badge()]]
        table = Table(rows, colWidths=[self.width - count_w, count_w])
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
        return around + self.sheet_days.height()

    def flowables(self, room: float) -> list[Flowable]:
        """The sheet's flowables, drawn as measured where they can be."""
        self.height(room)
        head, tail, _sizes = self._around
        flowables = [*head, *self.sheet_days.flowables(), *tail]
        sizes = _measure(flowables, self.width, room)  # the header's Paragraphs keep their wrap: this is cheap
        return [_FittedSheet(flowables, sizes, self.width)] if sizes is not None else flowables


HEIGHT_POWER = 1.6  # a sheet's height against its scale, from the demo season's busiest and lightest weeks


class _FittedSheet(Flowable):
    """A sheet already laid out at the size that fits: the page draws what the fitting measured.

    Finding the size measured the header's Paragraphs and boxes; the frame would wrap them all again.
    Drawn at the width it was measured at, the children go down the frame exactly as the frame would place
    them (none has space before or after).
    """

    def __init__(
        self, flowables: list[Flowable], sizes: list[tuple[float, float]], width: float, *, rigid: bool = False
    ) -> None:
        super().__init__()
        self.flowables, self.sizes, self.measured_width = flowables, sizes, width
        self.height = sum(h for _w, h in sizes)
        # Rigid: keeps the width it was measured at wherever it goes, so that a shrink-to-fit frame scales the
        # whole sheet alike (measured again in the frame's widened space, the text spread past the days).
        self.rigid = rigid

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        if self.rigid:
            self.width = self.measured_width
            return self.width, self.height
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
    flowables = sheet.flowables(height)
    if len(flowables) == 1 and isinstance(flowables[0], _FittedSheet):
        flowables[0].rigid = True
    return [KeepInFrame(width, height, flowables, mode="shrink")]
