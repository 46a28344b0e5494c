"""One week's runs changed by the coach, and the two changes the plan suggests by default (#13 item 8)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.athlete import DAYS, Athlete, DayKind, Phase, Priority, Race
from planner.domain.errors import BadInput
from planner.domain.placement import place_strength_days
from planner.domain.scheduling import build_plan

MONDAY = dt.date(2027, 1, 4)
ZOE_WEEK = {
    "mon": DayKind.REST,
    "tue": DayKind.QUALITY,
    "wed": DayKind.EASY,
    "thu": DayKind.QUALITY,
    "fri": DayKind.REST,
    "sat": DayKind.LONG,
    "sun": DayKind.EASY,
}


def plan_runs(athlete: Athlete, weeks: int = 4) -> list[dict[str, str]]:
    return [week.runs for week in build_plan(athlete, [], start=MONDAY, weeks=weeks).weeks]


def test_a_week_override_changes_only_that_week() -> None:
    second = (MONDAY + dt.timedelta(days=7)).isoformat()
    athlete = Athlete(name="Zoë", week=ZOE_WEEK, week_overrides={second: {"sat": DayKind.REST}})

    runs = plan_runs(athlete, 3)

    assert [r["sat"] for r in runs] == ["long", "rest", "long"]


def test_placement_works_around_the_week_s_own_runs() -> None:
    usual = Athlete(name="Zoë", week=ZOE_WEEK)
    # The coach moves this week's quality session from Thursday to Friday: strength leaves Thursday evening
    # (the day before a quality run now) and may take the freed Thursday.
    changed = Athlete(
        name="Zoë", week=ZOE_WEEK, week_overrides={MONDAY.isoformat(): {"thu": DayKind.EASY, "fri": DayKind.QUALITY}}
    )

    before = place_strength_days(usual, MONDAY, Phase.OFF_SEASON, week_index=1)
    after = place_strength_days(changed, MONDAY, Phase.OFF_SEASON, week_index=1)

    assert [d.date for d in before.days] != [d.date for d in after.days]
    assert all(changed.day_kind(d.date + dt.timedelta(days=1)) is not DayKind.QUALITY for d in after.days)


kinds = st.sampled_from(list(DayKind))


@settings(max_examples=40, deadline=None)
@given(week=st.integers(0, 5), changed=st.dictionaries(st.sampled_from(DAYS), kinds, min_size=1))
def test_the_plan_runs_each_week_as_its_overrides_say(week: int, changed: dict[str, DayKind]) -> None:
    monday = MONDAY + dt.timedelta(days=7 * week)
    athlete = Athlete(name="Zoë", week=ZOE_WEEK, week_overrides={monday.isoformat(): changed})

    runs = plan_runs(athlete, 6)

    for index, week_runs in enumerate(runs):
        expected = athlete.week_of(MONDAY + dt.timedelta(days=7 * index))
        assert week_runs == {d: k.value for d, k in expected.items()}


A_RACE = Race(date=dt.date(2027, 1, 17), name="Winter Marathon", priority=Priority.A)  # a Sunday, week 2


def test_the_recovery_week_after_an_a_race_has_easy_runs_only() -> None:
    athlete = Athlete(name="Zoë", week=ZOE_WEEK, races=(A_RACE,))

    plan = build_plan(athlete, [], start=MONDAY, weeks=4)

    assert set(plan.weeks[2].runs.values()) <= {"rest", "easy"}
    assert plan.weeks[3].runs["tue"] == "quality"  # the week after that is the usual week again
    assert any(w.startswith("Week 3: suggested for the recovery week after Winter Marathon") for w in plan.warnings)


def test_a_coach_who_keeps_the_quality_day_after_an_a_race_gets_it() -> None:
    recovery = (MONDAY + dt.timedelta(days=14)).isoformat()
    athlete = Athlete(name="Zoë", week=ZOE_WEEK, races=(A_RACE,), week_overrides={recovery: {"tue": DayKind.QUALITY}})

    plan = build_plan(athlete, [], start=MONDAY, weeks=4)

    assert plan.weeks[2].runs["tue"] == "quality"
    assert plan.weeks[2].runs["sat"] == "easy"  # the suggestions the coach did not turn down stay


def test_the_day_before_a_b_race_is_not_a_long_run() -> None:
    b_race = Race(date=dt.date(2027, 1, 24), name="Park 10k", priority=Priority.B)  # Sunday of week 3
    athlete = Athlete(name="Zoë", week=ZOE_WEEK, races=(b_race,))

    plan = build_plan(athlete, [], start=MONDAY, weeks=4)

    assert plan.weeks[2].runs["sat"] == "easy"
    assert plan.weeks[1].runs["sat"] == "long"
    assert any(w.startswith("Week 3: suggested for the day before Park 10k: Saturday") for w in plan.warnings)


def test_a_race_before_the_plan_starts_is_said_not_silently_ignored() -> None:
    old = Race(date=dt.date(2026, 10, 4), name="Autumn Half", priority=Priority.A)
    athlete = Athlete(name="Zoë", week=ZOE_WEEK, races=(old,))

    plan = build_plan(athlete, [], start=MONDAY, weeks=2)

    assert any(
        w.startswith("Week 1: the race Autumn Half on Sun 4 Oct 2026 is before the plan starts") for w in plan.warnings
    )


def test_week_overrides_round_trip_through_the_athlete_file() -> None:
    data = {"name": "Zoë", "week_overrides": {"2027-01-11": {"sat": "rest", "sun": "long"}}}

    athlete = Athlete.from_dict(data)

    assert athlete.day_kind(dt.date(2027, 1, 16)) is DayKind.REST
    assert athlete.day_kind(dt.date(2027, 1, 9)) is DayKind.LONG  # the week before keeps the usual run
    assert Athlete.from_dict(athlete.to_dict()) == athlete


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ([], "week_overrides"),
        ({"2027-01-12": {"sat": "rest"}}, "week_overrides.2027-01-12"),  # a Tuesday
        ({"2027-02-30": {"sat": "rest"}}, "week_overrides.2027-02-30"),
        ({"2027-01-11": {"sat": "sprint"}}, "week_overrides.2027-01-11.sat"),
        ({"2027-01-11": {"someday": "rest"}}, "week_overrides.2027-01-11"),
        ({"2027-01-11": "rest"}, "week_overrides.2027-01-11"),
    ],
)
def test_a_bad_week_override_names_its_key(value: object, field: str) -> None:
    with pytest.raises(BadInput) as caught:
        Athlete.from_dict({"name": "Zoë", "week_overrides": value})
    assert caught.value.field == field
