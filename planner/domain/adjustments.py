"""Pain-guided progression: the training log decides next week's dose of each exercise.

The rule follows the one pain rule (`progression.PAIN_RULE`, Silbernagel's pain-monitoring model,
clinical content sections 3 and 5.3). For every exercise logged in plan week N, the dose of week N+1 is:

- **repeat** when the last two sessions of the exercise were both missed (`done` false): the dose the
  athlete did not do comes again, it is not progressed;
- **back** one step when pain during went above the rule's limit (5/10), or the pain the next morning was
  worse than during the exercise;
- **hold** (the week's dose again) when the pain was acceptable but had not *settled* by the next
  morning, when the next-morning pain was not recorded, or when less than 80 % of the sets were done;
- **progress** otherwise: the plan's next step.

"Settled" is precise: the next-morning pain was recorded, is not above the pain during the exercise, and
is at most 2/10 (mild). A week's verdict uses the worst of its sessions.

One step is a step of the progression ladder (planner.domain.progression): two reps, the next hold
rung (20 -> 30 -> 45 s), ten seconds of timed work, or a set. The log never raises a dose above the
plan's: "progress" follows the plan, and after a hold or a step back later weeks climb back towards the
plan one step a week. Heavy slow resistance keeps its rep-max schedule: hold and repeat keep the week's
rep max, back takes one set off it.

A pain answer above 7/10, or three sessions in a row each more painful than the one before, suggest a
new symptom check: a `Week N:` warning on the next week (its sheet prints it, the window shows it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.domain.dates import monday_of
from planner.domain.exercise import Dose
from planner.domain.plan import Adjustment, Change, Plan, PlannedExercise, Week
from planner.domain.progression import HEAVY_SLOW_ID, HOLD_RUNGS_S, LOAD_NOTE, PAIN_RULE
from planner.domain.scheduling import sort_by_week
from planner.domain.training_log import LogEntry

_RULE_LIMIT = re.search(r"up to (\d+)/10", PAIN_RULE)
if _RULE_LIMIT is None:  # pragma: no cover - guards an edit of the rule's text
    raise RuntimeError("progression.PAIN_RULE no longer states its limit as 'up to N/10'")
# The limit comes from the one rule's text, so the rule the sheets print and the one the log obeys agree.
ACCEPTABLE_PAIN = int(_RULE_LIMIT.group(1))
SETTLED_PAIN = 2  # next-morning pain at or below this (and not above pain during) has settled
ENOUGH_DONE = 0.8  # the share of the prescribed sets that counts as the week done
CHECK_PAIN = 7  # a pain answer above this suggests a new symptom check
REP_STEP = 2  # the ladder's rep step
TIMED_STEP_S = 10  # the ladder's timed-work step
HOLD_LADDER_S: tuple[int, ...] = (20, *HOLD_RUNGS_S)
CHECK_ADVICE = "repeat the symptom check before this week's sessions"


@dataclass(frozen=True, slots=True)
class Verdict:
    change: Change
    because: str


def day_label(day: dt.date) -> str:
    """ "Tue 1 Dec": short enough for a sheet's line."""
    return f"{day:%a} {day.day} {day:%b}"


def week_of(plan_start: dt.date, day: dt.date) -> int:
    """The plan week `day` falls in (1 is the first; 0 the week before the plan, and so on)."""
    return (monday_of(day) - monday_of(plan_start)).days // 7 + 1


def settled(entry: LogEntry) -> bool:
    """The pain had settled by the next morning: recorded, not above pain during, at most 2/10."""
    morning = entry.pain_next_morning
    return morning is not None and morning <= entry.pain_during and morning <= SETTLED_PAIN


def decide(
    entries: Sequence[LogEntry], prescribed: Sequence[int | None], *, missed: tuple[dt.date, dt.date] | None = None
) -> Verdict:
    """The verdict for one exercise from its entries of one week.

    `prescribed[i]` is the sets the plan asked for on `entries[i]`'s day (None when the plan does not
    say: the entry then counts as all done when any set was). `missed` is the last two sessions when
    both were missed.
    """
    if missed is not None:
        return Verdict(Change.REPEAT, f"missed on {day_label(missed[0])} and {day_label(missed[1])}")
    done = [e for e in entries if e.done]
    if not done:
        return Verdict(Change.HOLD, f"not done on {day_label(entries[-1].date)}")
    worst = max(done, key=lambda e: (e.pain_during, e.date))
    if worst.pain_during > ACCEPTABLE_PAIN:
        return Verdict(Change.BACK, f"pain {worst.pain_during}/10 during on {day_label(worst.date)}")
    worse = [e for e in done if e.pain_next_morning is not None and e.pain_next_morning > e.pain_during]
    if worse:
        e = worse[0]
        return Verdict(
            Change.BACK,
            f"pain worse the next morning after {day_label(e.date)} ({e.pain_during} → {e.pain_next_morning}/10)",
        )
    unrecorded = [e for e in done if e.pain_next_morning is None]
    if unrecorded:
        return Verdict(Change.HOLD, f"next-morning pain not recorded for {day_label(unrecorded[0].date)}")
    unsettled = [e for e in done if not settled(e)]
    if unsettled:
        e = max(unsettled, key=lambda x: (x.pain_next_morning or 0, x.date))
        return Verdict(Change.HOLD, f"pain {e.pain_next_morning}/10 the next morning after {day_label(e.date)}")
    asked = sum(p if p is not None else e.sets_done for e, p in zip(entries, prescribed, strict=True))
    did = sum(min(e.sets_done, p) if p is not None else e.sets_done for e, p in zip(entries, prescribed, strict=True))
    share = did / asked if asked else 1.0
    if share < ENOUGH_DONE:
        return Verdict(Change.HOLD, f"{did} of {asked} sets done ({round(share * 100)} %)")
    morning = max(e.pain_next_morning or 0 for e in done)
    return Verdict(
        Change.PROGRESS,
        f"pain {worst.pain_during}/10 at most, {morning}/10 the next morning, {round(share * 100)} % of sets done",
    )


# -- one step of the ladder ---------------------------------------------------------------------------------


def step_down(dose: Dose) -> Dose:
    """One step of the progression ladder down: two reps, the hold rung below, ten seconds; a set when
    the main variable is already at its floor. The floor itself stays."""
    if dose.reps is not None and dose.reps > REP_STEP:
        return replace(dose, reps=dose.reps - REP_STEP)
    if dose.hold_s is not None and dose.hold_s > HOLD_LADDER_S[0]:
        lower = [h for h in HOLD_LADDER_S if h < dose.hold_s]
        return replace(dose, hold_s=lower[-1])
    if dose.duration_s is not None and dose.duration_s > TIMED_STEP_S:
        return replace(dose, duration_s=dose.duration_s - TIMED_STEP_S)
    if dose.sets > 1:
        return replace(dose, sets=dose.sets - 1)
    return dose


def step_up(dose: Dose, toward: Dose) -> Dose:
    """One step of the ladder from `dose` towards the plan's `toward`, never past it."""
    if dose.reps is not None and toward.reps is not None and dose.reps < toward.reps:
        return replace(dose, reps=min(toward.reps, dose.reps + REP_STEP))
    if dose.hold_s is not None and toward.hold_s is not None and dose.hold_s < toward.hold_s:
        higher = [h for h in HOLD_LADDER_S if h > dose.hold_s]
        return replace(dose, hold_s=min(toward.hold_s, higher[0] if higher else toward.hold_s))
    if dose.duration_s is not None and toward.duration_s is not None and dose.duration_s < toward.duration_s:
        return replace(dose, duration_s=min(toward.duration_s, dose.duration_s + TIMED_STEP_S))
    if dose.sets < toward.sets:
        return replace(dose, sets=dose.sets + 1)
    return dose


def at_most(planned: Dose, cap: Dose) -> Dose:
    """`planned` with every loading variable (sets, reps, hold, time) no higher than `cap`'s."""

    def low(a: int | None, b: int | None) -> int | None:
        return a if a is None or b is None else min(a, b)

    return replace(
        planned,
        sets=min(planned.sets, cap.sets),
        reps=low(planned.reps, cap.reps),
        hold_s=low(planned.hold_s, cap.hold_s),
        duration_s=low(planned.duration_s, cap.duration_s),
    )


def _without_load_note(notes: str) -> str:
    """The notes without "add load": a held or lowered dose does not take the next step's load either."""
    if LOAD_NOTE not in notes:
        return notes
    return notes.replace(LOAD_NOTE, "").strip().strip(";").strip()


# -- the post-pass -------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Track:
    """Where one exercise stands while the weeks are walked: its last dose, and whether it trails the plan."""

    last: PlannedExercise | None = None
    trailing: bool = False


def _missed_twice(entries: Sequence[LogEntry], exercise: str, until: dt.date) -> tuple[dt.date, dt.date] | None:
    days: dict[dt.date, bool] = {}
    for e in entries:
        if e.exercise == exercise and e.date <= until:
            days[e.date] = days.get(e.date, False) or e.done
    ordered = sorted(days)
    if len(ordered) >= 2 and not days[ordered[-1]] and not days[ordered[-2]]:
        return ordered[-2], ordered[-1]
    return None


def _prescribed(week: Week | None, entry: LogEntry) -> int | None:
    if week is None:
        return None
    for session in week.sessions_on(entry.date):
        for ex in session.exercises:
            if ex.id == entry.exercise:
                return ex.dose.sets
    return None


def _adjusted(planned: PlannedExercise, verdict: Verdict | None, track: _Track) -> PlannedExercise:
    reference = track.last
    if planned.id == HEAVY_SLOW_ID:
        # Its rep max falls as the load rises, so "no higher" is the schedule week, not a smaller number.
        if verdict is None or verdict.change is Change.PROGRESS or reference is None:
            return planned
        if verdict.change is Change.BACK:
            return replace(reference, dose=replace(reference.dose, sets=max(1, reference.dose.sets - 1)))
        return reference
    if verdict is None or verdict.change is Change.PROGRESS:
        if not track.trailing or reference is None:
            return planned
        dose = at_most(planned.dose, step_up(reference.dose, planned.dose))
    elif verdict.change is Change.BACK:
        dose = at_most(planned.dose, step_down((reference or planned).dose))
    else:  # hold, repeat
        dose = at_most(planned.dose, (reference or planned).dose)
    held = verdict is not None and verdict.change is not Change.PROGRESS
    notes = _without_load_note(planned.notes) if held or dose != planned.dose else planned.notes
    if dose == planned.dose and notes == planned.notes:
        return planned
    return replace(planned, dose=dose, notes=notes)


def apply_log(plan: Plan, log: Sequence[LogEntry]) -> Plan:
    """The plan with next week's doses decided by the training log (see the module's rule).

    Without a log the plan is returned as it is. Weeks are walked in order, so a week's verdict is
    judged against what was actually prescribed after earlier adjustments. Adds an `Adjustment` for
    every logged exercise the next week holds, and a `Week N:` warning where the log suggests a new
    symptom check.
    """
    if not log:
        return plan
    entries = sorted(log, key=lambda e: e.key)
    by_week: dict[int, dict[str, list[LogEntry]]] = {}
    for e in entries:
        by_week.setdefault(week_of(plan.start, e.date), {}).setdefault(e.exercise, []).append(e)
    weeks = list(plan.weeks)
    tracks: dict[str, _Track] = {}
    adjustments: list[Adjustment] = []
    for i, week in enumerate(weeks):
        previous = weeks[i - 1] if i > 0 else None  # already adjusted
        logged = by_week.get(week.index - 1, {})
        verdicts: dict[str, Verdict] = {}
        for exercise, found in logged.items():
            prescribed = [_prescribed(previous, e) for e in found]
            missed = _missed_twice(entries, exercise, found[-1].date)
            verdicts[exercise] = decide(found, prescribed, missed=missed)
        sessions = []
        seen: set[str] = set()
        for session in week.sessions:
            exercises = []
            for planned in session.exercises:
                track = tracks.setdefault(planned.id, _Track())
                verdict = verdicts.get(planned.id)
                new = _adjusted(planned, verdict, track)
                exercises.append(new)
                if verdict is not None and planned.id not in seen:
                    seen.add(planned.id)
                    adjustments.append(
                        Adjustment(
                            week=week.index,
                            exercise=planned.id,
                            change=verdict.change,
                            because=verdict.because,
                            name=planned.name,
                            dose=new.dose.describe(),
                        )
                    )
            sessions.append(
                replace(session, exercises=tuple(exercises)) if exercises != list(session.exercises) else session
            )
        for session in sessions:  # the week's last dose of each exercise is where the next week starts from
            for ex in session.exercises:
                track = tracks[ex.id]
                track.last = ex
        for session_new, session_old in zip(sessions, week.sessions, strict=True):
            for new_ex, old_ex in zip(session_new.exercises, session_old.exercises, strict=True):
                tracks[new_ex.id].trailing = new_ex.dose != old_ex.dose
        weeks[i] = replace(week, sessions=tuple(sessions))
    warnings = [*plan.warnings, *symptom_check_warnings(plan, entries)]
    return replace(plan, weeks=tuple(weeks), adjustments=tuple(adjustments), warnings=tuple(sort_by_week(warnings)))


def symptom_check_warnings(plan: Plan, entries: Sequence[LogEntry]) -> list[str]:
    """`Week N:` warnings where the log suggests a new symptom check: a pain answer above 7/10, or three
    sessions in a row each more painful than the one before. N is the week after the session; one
    warning of each kind a week."""
    out: dict[tuple[int, str], str] = {}
    last = len(plan.weeks)
    for e in entries:
        week = week_of(plan.start, e.date) + 1
        if not 1 <= week <= last or (week, "high") in out:
            continue
        for value, when in ((e.pain_during, "during"), (e.pain_next_morning, "the next morning")):
            if value is not None and value > CHECK_PAIN:
                out[week, "high"] = (
                    f"Week {week}: pain {value}/10 {when} ({e.exercise} on {day_label(e.date)}) is above "
                    f"{CHECK_PAIN}/10; {CHECK_ADVICE}"
                )
                break
    sessions: dict[dt.date, int] = {}
    for e in entries:
        if e.done:
            sessions[e.date] = max(sessions.get(e.date, 0), e.pain_during)
    days = sorted(sessions)
    for a, b, c in zip(days, days[1:], days[2:], strict=False):
        if sessions[a] < sessions[b] < sessions[c]:
            week = week_of(plan.start, c) + 1
            if 1 <= week <= last and (week, "rising") not in out:
                out[week, "rising"] = (
                    f"Week {week}: pain rose three sessions in a row ({sessions[a]}, {sessions[b]} and "
                    f"{sessions[c]}/10 on {day_label(a)}, {day_label(b)} and {day_label(c)}); {CHECK_ADVICE}"
                )
    return [out[k] for k in sorted(out)]
