"""The season overview: one page with a chart of the weeks, their phases, sessions, races and deloads.

Phases are told apart three ways (tint, hatching, label) so the chart reads on a black-and-white printer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from planner.domain.athlete import Athlete, Phase
from planner.domain.plan import Plan, SessionKind, Week
from planner.export.fonts import BODY, BOLD, PrintWarnings, font_for_text
from planner.export.layout import HAIRLINE, INK, MUTED, RULE, SHADE, Table, style
from planner.export.markup import markup, printable


@dataclass(frozen=True, slots=True)
class PhaseLook:
    fill: colors.Color
    hatch: str  # none, diag, back, horiz, cross, dots
    short: str


PHASE_LOOKS: dict[Phase, PhaseLook] = {
    Phase.OFF_SEASON: PhaseLook(colors.HexColor("#e4edf6"), "none", "Off"),
    Phase.PRE_SEASON: PhaseLook(colors.HexColor("#e2f0da"), "diag", "Pre"),
    Phase.IN_SEASON: PhaseLook(colors.HexColor("#fbecd0"), "horiz", "In"),
    Phase.TAPER: PhaseLook(colors.HexColor("#eedff0"), "back", "Taper"),
    Phase.RACE_WEEK: PhaseLook(colors.HexColor("#f5d5d5"), "cross", "Race"),
    Phase.RECOVERY: PhaseLook(colors.HexColor("#e6e6e6"), "dots", "Rec"),
}
HATCH = colors.HexColor("#8c8c8c")
BAR = colors.HexColor("#3b3b3b")


def counts(week: Week) -> tuple[int, int, int]:
    """Strength, corrective and mobility sessions of a week."""
    kinds = [s.kind for s in week.sessions]
    return (kinds.count(SessionKind.STRENGTH), kinds.count(SessionKind.CORRECTIVE), kinds.count(SessionKind.MOBILITY))


def _phase_runs(weeks: tuple[Week, ...]) -> Iterator[tuple[int, int, Phase]]:
    start = 0
    for i in range(1, len(weeks) + 1):
        if i == len(weeks) or weeks[i].phase is not weeks[start].phase:
            yield start, i, weeks[start].phase
            start = i


def _hatch(d: Drawing, kind: str, x0: float, y0: float, x1: float, y1: float, step: float = 6) -> None:
    def seg(xa: float, ya: float, xb: float, yb: float) -> None:
        d.add(Line(xa, ya, xb, yb, strokeColor=HATCH, strokeWidth=0.45))

    if kind in ("diag", "cross"):  # y = x + c
        c = y0 - x1
        while c <= y1 - x0:
            xa, xb = max(x0, y0 - c), min(x1, y1 - c)
            if xb > xa:
                seg(xa, xa + c, xb, xb + c)
            c += step
    if kind in ("back", "cross"):  # y = -x + c
        c = x0 + y0
        while c <= x1 + y1:
            xa, xb = max(x0, c - y1), min(x1, c - y0)
            if xb > xa:
                seg(xa, c - xa, xb, c - xb)
            c += step
    if kind == "horiz":
        y = y0 + step / 2
        while y < y1:
            seg(x0, y, x1, y)
            y += step
    if kind == "dots":
        y = y0 + step / 2
        while y < y1:
            x = x0 + step / 2
            while x < x1:
                d.add(Circle(x, y, 0.6, fillColor=HATCH, strokeColor=None))
                x += step
            y += step


def _flag(d: Drawing, x: float, y: float, filled: bool) -> None:
    d.add(Line(x, y, x, y + 13, strokeColor=INK, strokeWidth=0.9))
    d.add(
        Polygon(
            [x, y + 13, x + 8, y + 10, x, y + 7],
            fillColor=INK if filled else colors.white,
            strokeColor=INK,
            strokeWidth=0.8,
        )
    )


def _marker(d: Drawing, kind: str, x: float, y: float, r: float = 2.6) -> None:
    if kind == "corrective":
        d.add(Circle(x, y, r, fillColor=colors.white, strokeColor=INK, strokeWidth=0.9))
    else:
        d.add(
            Polygon(
                [x - r, y - r * 0.8, x + r, y - r * 0.8, x, y + r * 1.1],
                fillColor=INK,
                strokeColor=INK,
                strokeWidth=0.4,
            )
        )


def season_chart(plan: Plan, width: float, height: float, warnings: PrintWarnings) -> Drawing:
    """The chart: phase bands behind strength bars, routine and mobility markers, race flags, deloads."""
    d = Drawing(width, height, initialFontName=BODY)  # the default font would be base-14 Helvetica
    n = max(len(plan.weeks), 1)
    left, right, bottom, top = 28, 6, 30, 46
    pw, ph = width - left - right, height - bottom - top
    slot = pw / n
    data = [counts(w) for w in plan.weeks]
    ymax = max([3, *(max(c) for c in data)]) + 1

    def y_of(v: float) -> float:
        return bottom + ph * v / ymax

    for a, b, phase in _phase_runs(plan.weeks):
        look = PHASE_LOOKS[phase]
        x0, x1 = left + a * slot, left + b * slot
        d.add(Rect(x0, bottom, x1 - x0, ph, fillColor=look.fill, strokeColor=None))
        _hatch(d, look.hatch, x0, bottom, x1, bottom + ph)
        d.add(Line(x0, bottom, x0, bottom + ph + 14, strokeColor=RULE, strokeWidth=0.5))
        label = phase.label if stringWidth(phase.label, BOLD, 7) + 4 < x1 - x0 else look.short
        if stringWidth(label, BOLD, 7) + 2 < x1 - x0:
            d.add(
                String(
                    (x0 + x1) / 2, bottom + ph + 4, label, fontName=BOLD, fontSize=7, fillColor=INK, textAnchor="middle"
                )
            )
    d.add(Line(left + pw, bottom, left + pw, bottom + ph + 14, strokeColor=RULE, strokeWidth=0.5))

    for v in range(ymax + 1):
        y = y_of(v)
        d.add(Line(left, y, left + pw, y, strokeColor=colors.white if v else INK, strokeWidth=0.5 if v else 0.8))
        d.add(String(left - 4, y - 2.5, str(v), fontName=BODY, fontSize=7, fillColor=MUTED, textAnchor="end"))
    label = Group(String(0, 0, "sessions per week", fontName=BODY, fontSize=7, fillColor=MUTED, textAnchor="middle"))
    label.transform = (0, 1, -1, 0, 7, bottom + ph / 2)  # rotated a quarter turn, reading upwards
    d.add(label)
    step = 1 if n <= 20 else 2 if n <= 40 else 4 if n <= 80 else 8
    bar_w = max(min(slot * 0.42, 16), 1.2)
    for i, (week, (strength, _, _)) in enumerate(zip(plan.weeks, data, strict=True)):
        cx = left + (i + 0.5) * slot
        bx = cx - slot * 0.12
        if strength:
            if week.deload:
                d.add(
                    Rect(
                        bx - bar_w / 2,
                        bottom,
                        bar_w,
                        y_of(strength) - bottom,
                        fillColor=colors.white,
                        strokeColor=BAR,
                        strokeWidth=1,
                        strokeDashArray=[2, 1.5],
                    )
                )
            else:
                d.add(Rect(bx - bar_w / 2, bottom, bar_w, y_of(strength) - bottom, fillColor=BAR, strokeColor=None))
        if week.index % step == 0 or i == 0:
            d.add(
                String(cx, bottom - 10, str(week.index), fontName=BODY, fontSize=7, fillColor=INK, textAnchor="middle")
            )
        if week.deload:
            d.add(String(cx, bottom - 20, "D", fontName=BOLD, fontSize=7.5, fillColor=INK, textAnchor="middle"))
    for kind, index, dash in (("corrective", 1, None), ("mobility", 2, [2, 2])):
        points = [(left + (i + 0.5) * slot + slot * 0.22, y_of(c[index])) for i, c in enumerate(data)]
        if not any(c[index] for c in data):
            continue
        for (xa, ya), (xb, yb) in pairwise(points):
            d.add(Line(xa, ya, xb, yb, strokeColor=INK, strokeWidth=0.6, strokeDashArray=dash))
        for x, y in points:
            _marker(d, kind, x, y, r=min(2.6, slot * 0.3 + 0.8))
    d.add(String(left + pw / 2, 4, "week of the plan", fontName=BODY, fontSize=7, fillColor=MUTED, textAnchor="middle"))
    _race_flags(d, plan, left, slot, bottom + ph + 14, width, warnings)
    return d


def _race_flags(
    d: Drawing, plan: Plan, left: float, slot: float, y: float, width: float, warnings: PrintWarnings
) -> None:
    last_end = [-1e9, -1e9]
    for i, week in enumerate(plan.weeks):
        if not week.race:
            continue
        cx = left + (i + 0.5) * slot
        name = printable(week.race, f"race name of week {week.index}", warnings)
        font = font_for_text(name)
        a_race = week.phase is Phase.RACE_WEEK
        _flag(d, cx, y, filled=a_race)
        text_w = stringWidth(name, font, 7)
        # Right of the flag when it fits, else ending left of the pole so it never covers the flag.
        x_text = cx + 10 if cx + 10 + text_w <= width - 2 else max(2, cx - 3 - text_w)
        level = 0 if x_text > last_end[0] + 4 else 1
        if level == 1 and x_text <= last_end[1] + 4:
            level = 0
        last_end[level] = x_text + text_w
        d.add(String(x_text, y + 8 + 9 * level, name, fontName=font, fontSize=7, fillColor=INK))


def _legend(width: float) -> Drawing:
    d = Drawing(width, 34, initialFontName=BODY)
    x, y = 4, 22
    d.add(Rect(x, y - 3, 7, 9, fillColor=BAR, strokeColor=None))
    d.add(String(x + 11, y, "Strength sessions", fontName=BODY, fontSize=7.5))
    x += 90
    _marker(d, "corrective", x + 3, y + 1.5)
    d.add(String(x + 10, y, "Hip & knee routine", fontName=BODY, fontSize=7.5))
    x += 92
    _marker(d, "mobility", x + 3, y + 1.5)
    d.add(String(x + 10, y, "Mobility sessions", fontName=BODY, fontSize=7.5))
    x += 88
    _flag(d, x + 2, y - 4, filled=True)
    d.add(String(x + 13, y, "A race (outline: B/C)", fontName=BODY, fontSize=7.5))
    x += 100
    d.add(Rect(x, y - 3, 7, 9, fillColor=colors.white, strokeColor=BAR, strokeDashArray=[2, 1.5]))
    d.add(String(x + 11, y, "D  deload week", fontName=BODY, fontSize=7.5))
    x, y = 4, 4
    for phase, look in PHASE_LOOKS.items():
        d.add(Rect(x, y - 2, 16, 10, fillColor=look.fill, strokeColor=RULE, strokeWidth=0.5))
        _hatch(d, look.hatch, x, y - 2, x + 16, y + 8, step=4)
        d.add(String(x + 20, y, phase.label, fontName=BODY, fontSize=7.5))
        x += 24 + stringWidth(phase.label, BODY, 7.5) + 10
    return d


def _week_table(plan: Plan, width: float, warnings: PrintWarnings) -> Table:
    small = style("ov-cell", 7.6)
    head = style("ov-head", 7.6, bold=True)
    rows: list[list[object]] = [
        [Paragraph(h, head) for h in ("Week", "Dates", "Phase", "Strength", "Hip & knee", "Mobility", "Notes")]
    ]
    for week in plan.weeks:
        strength, corrective, mobility = counts(week)
        notes = []
        if plan.on_hold(week):
            notes.append(
                "<b>On hold: see a clinician before running</b>"
                if week.run_notes
                else "<b>On hold: see a clinician</b>"
            )
        if week.deload:
            notes.append("<b>Deload week</b>")
        if week.race:
            notes.append("Race: " + markup(week.race, f"race name of week {week.index}", warnings))
        count = len(plan.warnings_for(week.index))
        if count:
            notes.append(f"{count} warning{'' if count == 1 else 's'} on its sheet")
        rows.append(
            [
                Paragraph(str(week.index), small),
                Paragraph(f"{week.start.day} {week.start:%b} – {week.end.day} {week.end:%b}", small),
                Paragraph(week.phase.label, small),
                Paragraph(str(strength), small),
                Paragraph(str(corrective), small),
                Paragraph(str(mobility), small),
                Paragraph(", ".join(notes), small),
            ]
        )
    fixed = [13 * mm, 32 * mm, 24 * mm, 18 * mm, 20 * mm, 18 * mm]
    table = Table(rows, colWidths=[*fixed, width - sum(fixed)], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, HAIRLINE),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, SHADE]),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
            ]
        )
    )
    return table


def hold_notice(plan: Plan, width: float, warnings: PrintWarnings) -> list[Flowable]:
    """The symptom check needs a clinician: the plan's hold and what to do instead, framed heavily."""
    hold = plan.hold
    if hold is None:
        return []
    covered = [w.index for w in plan.weeks if plan.on_hold(w)]
    heading = hold.title
    if covered:
        first, last = covered[0], covered[-1]
        heading += f" · week {first}" if first == last else f" · weeks {first}-{last}"
    items = [
        Paragraph(markup(heading, "hold", warnings, bold=True), style("ov-hold-head", 12.5, bold=True)),
        Spacer(1, 1.5),
        Paragraph(markup(hold.instead, "hold", warnings), style("ov-hold", 9.4)),
    ]
    box = Table([[items]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2, INK),
                ("LINEBEFORE", (0, 0), (0, -1), 6, INK),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    return [Spacer(1, 3 * mm), box]


def log_chart(plan: Plan, width: float, height: float) -> Drawing:
    """The training log week by week: bars for the share of sets done, a line for the highest pain (0-10),
    the pain rule's limit dashed. Weeks without a log leave a gap."""
    from planner.domain.adjustments import ACCEPTABLE_PAIN

    d = Drawing(width, height)
    left, right, top, bottom = 30.0, 30.0, 14.0, 12.0
    w, h = width - left - right, height - top - bottom
    d.add(String(0, height - 9, "Training log: sets done (bars) and highest pain (line)", fontName=BOLD, fontSize=8))
    d.add(Line(left, bottom, left + w, bottom, strokeColor=RULE, strokeWidth=0.6))
    d.add(String(left - 3, bottom + h - 3, "100 %", fontName=BODY, fontSize=6.5, fillColor=MUTED, textAnchor="end"))
    d.add(String(left + w + 3, bottom + h - 3, "10/10", fontName=BODY, fontSize=6.5, fillColor=MUTED))
    limit = bottom + h * ACCEPTABLE_PAIN / 10
    d.add(Line(left, limit, left + w, limit, strokeColor=MUTED, strokeWidth=0.5, strokeDashArray=[2, 2]))
    weeks = plan.log_weeks
    step = w / max(len(weeks), 1)
    points: list[tuple[float, float] | None] = []
    for i, s in enumerate(weeks):
        x = left + i * step
        if s.adherence is not None:
            d.add(
                Rect(
                    x + step * 0.15,
                    bottom,
                    step * 0.7,
                    h * s.adherence,
                    fillColor=SHADE,
                    strokeColor=RULE,
                    strokeWidth=0.4,
                )
            )
        points.append((x + step / 2, bottom + h * s.max_pain / 10) if s.max_pain is not None else None)
        if len(weeks) <= 26 or s.week % 4 == 1:
            d.add(String(x + step / 2, 2, str(s.week), fontName=BODY, fontSize=6, fillColor=MUTED, textAnchor="middle"))
    for a, b in pairwise(points):
        if a is not None and b is not None:
            d.add(Line(a[0], a[1], b[0], b[1], strokeColor=INK, strokeWidth=1.2))
    for p in points:
        if p is not None:
            d.add(Circle(p[0], p[1], 1.8, fillColor=INK, strokeColor=INK))
    return d


def season_overview(
    *, athlete: Athlete, plan: Plan, warnings: PrintWarnings, width: float, height: float
) -> list[Flowable]:
    """The overview page's flowables: title, chart, legend and (when it fits) a row per week."""
    title = Paragraph(
        "Season overview · " + markup(athlete.name, "athlete name", warnings, bold=True),
        style("ov-title", 16, bold=True),
    )
    first, last = plan.weeks[0].start if plan.weeks else plan.start, plan.weeks[-1].end if plan.weeks else plan.start
    races = [r for r in athlete.races if first <= r.date <= last]
    sub = f"{first:%a} {first.day} {first:%b %Y} – {last:%a} {last.day} {last:%b %Y}  ·  {len(plan.weeks)} weeks"
    if races:
        sub += "  ·  " + ", ".join(
            f"{markup(r.name, 'race name', warnings)} ({r.priority.value}) {r.date.day} {r.date:%b}" for r in races
        )
    out: list[Flowable] = [
        title,
        Paragraph(sub, style("ov-sub", 9, color=MUTED)),
        *hold_notice(plan, width, warnings),
        Spacer(1, 4 * mm),
        season_chart(plan, width, 92 * mm, warnings),
        Spacer(1, 2 * mm),
        _legend(width),
        Spacer(1, 4 * mm),
    ]
    if any(w.adherence is not None for w in plan.log_weeks):
        out += [log_chart(plan, width, 34 * mm), Spacer(1, 3 * mm)]
    table = _week_table(plan, width, warnings)
    used = sum(f.wrap(width, height)[1] for f in out)
    if table.wrap(width, height)[1] <= height - used:
        out.append(table)
    else:
        out.append(
            Paragraph("The weekly sheets that follow give each week's sessions.", style("ov-note", 8.5, color=MUTED))
        )
    return out
