"""Pain-guided progression: the rule table, one branch per test, and the properties the issue asks for."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.adjustments import ACCEPTABLE_PAIN, apply_log, step_down, step_up
from planner.domain.athlete import Phase
from planner.domain.exercise import Dose
from planner.domain.plan import Change, Plan, PlannedExercise, Session, SessionKind, Week
from planner.domain.progression import HEAVY_SLOW_ID, LOAD_NOTE
from planner.domain.training_log import LogEntry, Side

START = dt.date(2027, 1, 4)  # a Monday


def bridge(reps: int, sets: int = 3, notes: str = "") -> PlannedExercise:
    return PlannedExercise("single-leg-bridge", "Single-leg bridge", Dose(sets=sets, reps=reps, each_side=True), notes)


def plan_of(*doses: PlannedExercise, tuesday_only: bool = False) -> Plan:
    """A plan of len(doses) weeks: the bridge on Tuesday (and Friday) of every week at that week's dose."""
    weeks = []
    for i, ex in enumerate(doses):
        monday = START + dt.timedelta(weeks=i)
        days = (1,) if tuesday_only else (1, 4)
        sessions = tuple(
            Session(monday + dt.timedelta(days=d), SessionKind.STRENGTH, f"Strength {'AB'[k]}", "", (ex,))
            for k, d in enumerate(days)
        )
        weeks.append(Week(index=i + 1, start=monday, phase=Phase.OFF_SEASON, sessions=sessions))
    return Plan(athlete="Ann", start=START, weeks=tuple(weeks))


def entry(day: int, *, pain: int = 2, morning: int | None = 1, sets: int = 3, done: bool = True) -> LogEntry:
    """A bridge entry `day` days after the plan's start."""
    return LogEntry(
        date=START + dt.timedelta(days=day),
        exercise="single-leg-bridge",
        sets_done=sets,
        pain_during=pain,
        pain_next_morning=morning,
        done=done,
    )


def week2(plan: Plan) -> tuple[Change, str, Dose]:
    [adjustment] = [a for a in plan.adjustments if a.week == 2]
    return adjustment.change, adjustment.because, plan.weeks[1].sessions[0].exercises[0].dose


LADDER = plan_of(bridge(8), bridge(10), bridge(12))


def test_the_acceptable_pain_is_the_one_pain_rules_limit() -> None:
    assert ACCEPTABLE_PAIN == 5


def test_low_pain_settled_and_all_sets_done_progresses_as_planned() -> None:
    change, because, dose = week2(apply_log(LADDER, [entry(1), entry(4)]))
    assert (change, dose.reps) == (Change.PROGRESS, 10)
    assert "100 % of sets done" in because


def test_pain_of_5_settled_next_morning_still_progresses() -> None:
    change, _because, dose = week2(apply_log(LADDER, [entry(1, pain=5, morning=2)]))
    assert (change, dose.reps) == (Change.PROGRESS, 10)


def test_pain_above_5_steps_back_one_rung() -> None:
    change, because, dose = week2(apply_log(LADDER, [entry(1, pain=6, morning=2)]))
    assert (change, dose.reps, dose.sets) == (Change.BACK, 6, 3)
    assert because == "pain 6/10 during on Tue 5 Jan"


def test_pain_worse_the_next_morning_steps_back() -> None:
    change, because, dose = week2(apply_log(LADDER, [entry(1, pain=2, morning=3)]))
    assert (change, dose.reps) == (Change.BACK, 6)
    assert "worse the next morning" in because and "2 → 3/10" in because


def test_pain_not_settled_next_morning_holds_the_dose() -> None:
    change, because, dose = week2(apply_log(LADDER, [entry(1, pain=4, morning=3)]))
    assert (change, dose.reps) == (Change.HOLD, 8)
    assert because == "pain 3/10 the next morning after Tue 5 Jan"


def test_next_morning_not_recorded_holds_the_dose() -> None:
    change, because, dose = week2(apply_log(LADDER, [entry(1, pain=1, morning=None)]))
    assert (change, dose.reps) == (Change.HOLD, 8)
    assert "not recorded" in because


def test_fewer_than_80_percent_of_sets_done_holds_the_dose() -> None:
    change, because, dose = week2(apply_log(LADDER, [entry(1, sets=3), entry(4, sets=1)]))
    assert (change, dose.reps) == (Change.HOLD, 8)
    assert because == "4 of 6 sets done (67 %)"


def test_80_percent_of_sets_done_is_enough_to_progress() -> None:
    plan = plan_of(bridge(8, sets=5), bridge(10, sets=5), tuesday_only=True)
    change, _because, _dose = week2(apply_log(plan, [entry(1, sets=4)]))
    assert change is Change.PROGRESS


def test_a_session_missed_twice_in_a_row_is_repeated_not_progressed() -> None:
    plan = apply_log(LADDER, [entry(1, sets=0, done=False), entry(4, sets=0, done=False)])
    change, because, dose = week2(plan)
    assert (change, dose.reps) == (Change.REPEAT, 8)
    assert because == "missed on Tue 5 Jan and Fri 8 Jan"


def test_one_missed_session_of_two_is_not_a_repeat() -> None:
    change, _because, _dose = week2(apply_log(LADDER, [entry(1, sets=0, done=False), entry(4)]))
    assert change is Change.HOLD  # 3 of 6 sets done


def test_the_adjustment_names_the_week_after_the_logged_session() -> None:
    plan = apply_log(LADDER, [entry(8, pain=7, morning=2)])  # week 2's Tuesday
    assert [(a.week, a.change) for a in plan.adjustments] == [(3, Change.BACK)]


def test_weeks_after_a_hold_climb_back_one_step_a_week_not_two() -> None:
    plan = apply_log(plan_of(bridge(8), bridge(10), bridge(12), bridge(14)), [entry(1, pain=4, morning=3)])
    reps = [w.sessions[0].exercises[0].dose.reps for w in plan.weeks]
    assert reps == [8, 8, 10, 12]


def test_holding_drops_the_add_load_note_of_the_next_step() -> None:
    plan = apply_log(plan_of(bridge(12), bridge(12, notes=LOAD_NOTE)), [entry(1, pain=4, morning=4)])
    assert plan.weeks[1].sessions[0].exercises[0].notes == ""


def test_pain_above_7_suggests_a_new_symptom_check_on_the_next_week() -> None:
    plan = apply_log(LADDER, [entry(1, pain=8, morning=3)])
    assert plan.warnings == (
        "Week 2: pain 8/10 during (single-leg-bridge on Tue 5 Jan) is above 7/10; "
        "repeat the symptom check before this week's sessions",
    )


def test_three_sessions_each_worse_than_the_one_before_suggest_a_symptom_check() -> None:
    plan = apply_log(LADDER, [entry(1, pain=1), entry(4, pain=2), entry(8, pain=3, morning=2)])
    assert plan.warnings_for(3) == [
        "Week 3: pain rose three sessions in a row (1, 2 and 3/10 on Tue 5 Jan, Fri 8 Jan and Tue 12 Jan); "
        "repeat the symptom check before this week's sessions"
    ]


def test_pain_that_stays_level_suggests_no_symptom_check() -> None:
    plan = apply_log(LADDER, [entry(1, pain=3), entry(4, pain=3), entry(8, pain=3)])
    assert plan.warnings == ()


def test_heavy_slow_resistance_held_keeps_its_rep_max_week() -> None:
    def hsr(reps: int) -> PlannedExercise:
        return PlannedExercise(HEAVY_SLOW_ID, "Heavy slow squat", Dose(sets=4, reps=reps, tempo="3-0-3"), f"{reps} RM")

    plan = plan_of(hsr(15), hsr(12), tuesday_only=True)
    log = [LogEntry(START + dt.timedelta(days=1), HEAVY_SLOW_ID, 4, pain_during=4, pain_next_morning=4)]
    held = apply_log(plan, log).weeks[1].sessions[0].exercises[0]
    assert (held.dose.reps, held.dose.sets, held.notes) == (15, 4, "15 RM")


def test_per_side_entries_count_both_sides() -> None:
    log = [
        LogEntry(START + dt.timedelta(days=1), "single-leg-bridge", 3, Side.LEFT, 2, 1),
        LogEntry(START + dt.timedelta(days=1), "single-leg-bridge", 1, Side.RIGHT, 2, 1),
    ]
    change, because, _dose = week2(apply_log(plan_of(bridge(8), bridge(10), tuesday_only=True), log))
    assert (change, because) == (Change.HOLD, "4 of 6 sets done (67 %)")


def test_no_log_leaves_the_plan_as_it_is() -> None:
    assert apply_log(LADDER, []) is LADDER


@pytest.mark.parametrize(
    ("dose", "lower"),
    [
        (Dose(sets=3, reps=10), Dose(sets=3, reps=8)),
        (Dose(sets=3, hold_s=45), Dose(sets=3, hold_s=30)),
        (Dose(sets=2, duration_s=60), Dose(sets=2, duration_s=50)),
        (Dose(sets=3, reps=2), Dose(sets=2, reps=2)),
        (Dose(sets=1, hold_s=20), Dose(sets=1, hold_s=20)),
    ],
)
def test_one_step_down_is_one_rung_of_the_ladder(dose: Dose, lower: Dose) -> None:
    assert step_down(dose) == lower


def test_one_step_up_never_passes_the_plan() -> None:
    assert step_up(Dose(sets=3, reps=8), Dose(sets=3, reps=9)) == Dose(sets=3, reps=9)
    assert step_up(Dose(sets=1, reps=12), Dose(sets=3, reps=12)) == Dose(sets=2, reps=12)


# -- properties --------------------------------------------------------------------------------------------

REPS = st.integers(min_value=4, max_value=16)
PLANS = st.lists(REPS, min_size=2, max_size=5).map(lambda reps: plan_of(*(bridge(r) for r in reps)))


def loads(dose: Dose) -> tuple[int, ...]:
    return (dose.sets, dose.reps or 0, dose.hold_s or 0, dose.duration_s or 0)


def logged_week_and_next(plan: Plan, week: int) -> tuple[Dose, Dose]:
    return plan.weeks[week - 1].sessions[-1].exercises[0].dose, plan.weeks[week].sessions[0].exercises[0].dose


@settings(max_examples=80, deadline=None)
@given(plan=PLANS, data=st.data())
def test_a_dose_never_rises_after_pain_above_5(plan: Plan, data: st.DataObject) -> None:
    week = data.draw(st.integers(min_value=1, max_value=len(plan.weeks) - 1))
    pain = data.draw(st.integers(min_value=ACCEPTABLE_PAIN + 1, max_value=10))
    others = data.draw(st.lists(st.integers(0, 10), min_size=0, max_size=3))
    log = [entry(7 * (week - 1) + 1, pain=pain)] + [
        entry(7 * (w % len(plan.weeks)) + 4, pain=p) for w, p in enumerate(others) if w + 1 != week
    ]
    adjusted = apply_log(plan, log)
    done, following = logged_week_and_next(adjusted, week)
    assert all(after <= before for after, before in zip(loads(following), loads(done), strict=True))


@settings(max_examples=80, deadline=None)
@given(plan=PLANS, data=st.data())
def test_a_dose_never_falls_with_pain_3_or_less_and_everything_done(plan: Plan, data: st.DataObject) -> None:
    log = []
    for w in range(len(plan.weeks)):
        for day in (1, 4):
            pain = data.draw(st.integers(0, 3))
            morning = data.draw(st.integers(0, pain))
            log.append(entry(7 * w + day, pain=pain, morning=morning, sets=3))
    adjusted = apply_log(plan, log)
    for week in range(1, len(plan.weeks)):
        done, following = logged_week_and_next(adjusted, week)
        planned = plan.weeks[week].sessions[0].exercises[0].dose
        # Never below the dose done the week before, unless the plan itself goes lower (a deload, a new wave).
        floor = tuple(min(a, b) for a, b in zip(loads(done), loads(planned), strict=True))
        assert all(g >= f for g, f in zip(loads(following), floor, strict=True))
        assert not any(a.change is Change.BACK for a in adjusted.adjustments)
