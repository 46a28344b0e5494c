"""The wizard routine: one page from a wizard result dict, triage first, then the routine for a week."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, TableStyle

from planner import DISCLAIMER
from planner.domain.athlete import DAYS
from planner.domain.errors import BadInput
from planner.domain.exercise import Exercise
from planner.domain.plan import PlannedExercise
from planner.domain.progression import states_pain_limit
from planner.export.drawing import DrawingFlowable, exercise_drawing
from planner.export.fonts import PrintWarnings
from planner.export.layout import HAIRLINE, INK, MUTED, PAIN_RULE, SHADE, SHADE_DARK, TICK, Table, blank, style
from planner.export.markup import markup

TRIAGE: dict[str, tuple[str, str]] = {
    "self_care": (
        "Self-care is a reasonable start",
        "Nothing in your answers calls for a clinician first. Do the routine below; if pain gets "
        "worse or is no better after a few weeks, see a physical therapist.",
    ),
    "see_clinician_soon": (
        "See a clinician soon",
        "Your answers suggest seeing a physical therapist or doctor before you start "
        "exercises for this. No routine is offered.",
    ),
    "urgent": (
        "Get medical care today",
        "Your answers point to something that needs a medical review today. Do not exercise it.",
    ),
    "emergency": ("Seek care now", "Your answers point to an emergency. Go to a hospital or call for help now."),
}
RED_FLAGS: dict[str, str] = {
    "trauma_cannot_bear_weight": "After a fall, twist or blow the leg cannot take weight: urgent care today; "
    "an X-ray may be needed.",
    "rapid_swelling_after_injury": "The knee swelled quickly after an injury or feels unstable: urgent medical review.",
    "hot_red_swollen_joint_or_fever": "Hot, red, swollen joint or fever: seek care now.",
    "knee_locks": "The knee locks: see a physical therapist or orthopaedic doctor before running.",
    "knee_gives_way": "The knee gives way: see a physical therapist or orthopaedic doctor before running.",
    "night_or_rest_pain": "Pain at night or at rest: see a doctor.",
    "deep_groin_pain_worse_hopping": "Deep groin or hip pain worse when hopping: stop running; see a doctor this week.",
    "saddle_numbness_or_bladder_bowel_change": "Numbness in the saddle area or bladder/bowel changes: go "
    "to hospital now.",
    "foot_drop_or_progressive_weakness": "Foot weakening or dropping: go to hospital now.",
    "limping": "Pain makes you limp: stop this run; see a physical therapist if no better.",
}
DAY_SHORT = [d.capitalize() for d in DAYS]


def _flag_text(flag: Any) -> str:
    if isinstance(flag, str):
        return RED_FLAGS.get(flag, flag.replace("_", " ").capitalize())
    if isinstance(flag, dict):
        name = flag.get("name") or flag.get("question") or str(flag.get("id", "")).replace("_", " ")
        action = flag.get("advice") or flag.get("action") or flag.get("what_to_do")
        return f"{name}: {action}" if action else str(name)
    return str(flag)


def _likelihood(score: Any) -> str:
    if not isinstance(score, int | float):
        return ""
    return "strong match" if score >= 0.7 else "possible" if score >= 0.4 else "weak match"


def _exercises(program: dict[str, Any], library: Mapping[str, Exercise]) -> list[PlannedExercise]:
    out = []
    for i, item in enumerate(program.get("exercises") or []):
        if not isinstance(item, dict) or "id" not in item:
            raise BadInput("expected an object with id and dose", field=f"program.exercises[{i}]")
        known = library.get(item["id"])
        name = item.get("name") or (known.name if known else item["id"])
        out.append(PlannedExercise.from_dict({**item, "name": name}))
    return out


def _box(content: list[Flowable], width: float, *, fill: colors.Color, line: float) -> Table:
    box = Table([[content]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), fill),
                ("BOX", (0, 0), (-1, -1), line, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


THUMB_W, THUMB_H = 34 * mm, 15 * mm


def _name_cell(exercise: Exercise | None, name: Paragraph) -> object:
    """The exercise's name with its start-and-end drawing beside it, when it has one."""
    drawing = exercise_drawing(exercise)
    if drawing is None:
        return name
    cell = Table([[DrawingFlowable(drawing, THUMB_W, THUMB_H), name]], colWidths=[THUMB_W + 2 * mm, None])
    cell.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return cell


def _routine_table(
    exercises: list[PlannedExercise],
    width: float,
    warnings: PrintWarnings,
    library: Mapping[str, Exercise] | None = None,
) -> Table:
    body, bold = style("rt-cell", 8.5), style("rt-head", 8, bold=True, align=1)
    tick = style("rt-tick", 12, align=1, leading=13)
    day_w = 11 * mm
    dose_w = 46 * mm  # narrower than before: the name cell carries the drawing
    name_w = width - dose_w - 7 * day_w
    rows: list[list[object]] = [
        [Paragraph("<b>Exercise</b>", body), Paragraph("<b>Dose</b>", body), *(Paragraph(d, bold) for d in DAY_SHORT)]
    ]
    for ex in exercises:
        rows.append(
            [
                _name_cell(
                    (library or {}).get(ex.id), Paragraph(markup(ex.name, f"exercise name '{ex.id}'", warnings), body)
                ),
                Paragraph(markup(ex.dose.describe(), f"dose of '{ex.id}'", warnings), body),
                *(Paragraph(TICK, tick) for _ in DAYS),
            ]
        )
    rows.append(
        [
            Paragraph("<b>Pain 0-10</b> after the routine", body),
            blank(),
            *(Paragraph("___", style("rt-pain", 8.5, align=1)) for _ in DAYS),
        ]
    )
    table = Table(rows, colWidths=[name_w, dose_w, *[day_w] * 7], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
                ("LINEBELOW", (0, 1), (-1, -2), 0.35, HAIRLINE),
                ("LINEABOVE", (0, -1), (-1, -1), 0.9, INK),
                ("SPAN", (0, -1), (1, -1)),
                ("BACKGROUND", (2, 0), (-1, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBEFORE", (2, 0), (-1, -1), 0.35, HAIRLINE),
                ("LEFTPADDING", (2, 0), (-1, -1), 1),
                ("RIGHTPADDING", (2, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def routine_page(
    *,
    result: dict[str, Any],
    athlete_name: str | None,
    library: Mapping[str, Exercise],
    warnings: PrintWarnings,
    width: float,
    height: float,
) -> list[Flowable]:
    """The routine page's flowables, shrunk to one page when the result is long."""
    if not isinstance(result, dict) or "triage" not in result:
        raise BadInput("expected a wizard result with a triage", field="result")
    triage = result["triage"]
    if triage not in TRIAGE:
        raise BadInput(f"unknown triage {triage!r}; expected one of {', '.join(TRIAGE)}", field="triage")
    h2 = style("rt-h2", 11, bold=True, space_after=2)
    body, small = style("rt-body", 9), style("rt-small", 8, color=MUTED)
    bullet = style("rt-bullet", 9)
    bullet.leftIndent, bullet.firstLineIndent = 10, -8
    title = "Hip &amp; knee routine"
    if athlete_name:
        title += " · " + markup(athlete_name, "athlete name", warnings, bold=True)
    out: list[Flowable] = [Paragraph(title, style("rt-title", 16, bold=True)), Spacer(1, 2 * mm)]
    disclaimer = result.get("disclaimer") or DISCLAIMER
    out.append(
        _box(
            [Paragraph(markup(disclaimer, "disclaimer", warnings), style("rt-disc", 8.5))],
            width,
            fill=colors.white,
            line=0.6,
        )
    )
    out.append(Spacer(1, 2.5 * mm))
    heading, advice = TRIAGE[triage]
    banner = [Paragraph(heading, style("rt-banner", 12.5, bold=True)), Paragraph(advice, body)]
    banner += [
        Paragraph("• " + markup(_flag_text(f), "red flag", warnings), bullet) for f in result.get("red_flags") or []
    ]
    out.append(
        _box(
            banner, width, fill=SHADE if triage == "self_care" else SHADE_DARK, line=0.8 if triage == "self_care" else 2
        )
    )
    conditions = result.get("conditions") or []
    if conditions:
        out += [Spacer(1, 3 * mm), Paragraph("Likely patterns (not a diagnosis)", h2)]
        for c in conditions:
            how = _likelihood(c.get("score"))
            out.append(
                Paragraph(
                    "<b>"
                    + markup(str(c.get("name") or c.get("id")), "pattern name", warnings, bold=True)
                    + "</b>"
                    + (f"  <font color='#5a5a5a'>({how})</font>" if how else ""),
                    body,
                )
            )
            out += [Paragraph("• " + markup(r, "reason", warnings), bullet) for r in c.get("reasons") or []]
    factors = result.get("factors") or []
    if factors:
        out += [Spacer(1, 2 * mm), Paragraph("What may have added to it", h2)]
        for f in factors:
            reasons = "; ".join(f.get("reasons") or [])
            text = "<b>" + markup(str(f.get("name") or f.get("id")), "factor name", warnings, bold=True) + "</b>"
            out.append(Paragraph("• " + text + (": " + markup(reasons, "reason", warnings) if reasons else ""), bullet))
    program = result.get("program") if triage == "self_care" else None
    if program:
        exercises = _exercises(program, library)
        times = program.get("frequency_per_week") or 3
        out += [
            Spacer(1, 3 * mm),
            Paragraph(f"The routine: {markup(str(times), 'frequency', warnings)} times this week", h2),
            Paragraph("Tick the day you do the routine; write down pain (0-10) afterwards.", small),
            Spacer(1, 1.5 * mm),
            _routine_table(exercises, width, warnings, library),
        ]
        # A tip with its own pain limit would disagree with the one pain rule printed below.
        tips = [t for t in program.get("advice") or [] if not states_pain_limit(str(t))]
        if tips:
            out += [Spacer(1, 3 * mm), Paragraph("Advice", h2)]
            out += [Paragraph("• " + markup(t, "advice", warnings), bullet) for t in tips]
        out += [Spacer(1, 3 * mm), Paragraph(PAIN_RULE, small)]
    return [KeepInFrame(width, height, out, mode="shrink")]
