"""Phases of the season: derived from the races, with the spec's precedence, overridden by the coach."""

from __future__ import annotations

import datetime as dt

from planner.domain.athlete import Athlete, Phase, PhaseRange, Priority, Race
from planner.domain.phases import phase_of_weeks

START = dt.date(2027, 1, 4)  # Monday


def on_week(n: int, weekday: int = 6) -> dt.date:
    """The given weekday (0 = Monday) of plan week n (1-based)."""
    return START + dt.timedelta(days=7 * (n - 1) + weekday)


def test_an_a_race_shapes_the_weeks_before_and_after_it():
    athlete = Athlete(name="R", races=(Race(on_week(16), "Marathon", Priority.A),))
    phases = phase_of_weeks(athlete, START, 18)
    assert phases[:1] == [Phase.OFF_SEASON]
    assert phases[1:2] == [Phase.OFF_SEASON]
    assert phases[2:6] == [Phase.PRE_SEASON] * 4
    assert phases[6:14] == [Phase.IN_SEASON] * 8
    assert phases[14] is Phase.TAPER
    assert phases[15] is Phase.RACE_WEEK
    assert phases[16] is Phase.RECOVERY
    assert phases[17] is Phase.OFF_SEASON


def test_a_b_race_week_is_in_season_even_in_the_off_season():
    athlete = Athlete(name="R", races=(Race(on_week(3, 5), "Tune-up", Priority.B),))
    assert phase_of_weeks(athlete, START, 4) == [Phase.OFF_SEASON, Phase.OFF_SEASON, Phase.IN_SEASON, Phase.OFF_SEASON]


def test_a_c_race_does_not_change_the_phase():
    athlete = Athlete(name="R", races=(Race(on_week(2), "Parkrun", Priority.C),))
    assert phase_of_weeks(athlete, START, 3) == [Phase.OFF_SEASON] * 3


def test_the_higher_phase_wins_where_two_races_overlap():
    # Race 1 in week 3: its recovery (week 4) is the taper of race 2 in week 5: taper wins.
    athlete = Athlete(name="R", races=(Race(on_week(3), "Race 1", Priority.A), Race(on_week(5), "Race 2", Priority.A)))
    phases = phase_of_weeks(athlete, START, 6)
    assert phases[2] is Phase.RACE_WEEK
    assert phases[3] is Phase.TAPER
    assert phases[4] is Phase.RACE_WEEK
    assert phases[5] is Phase.RECOVERY


def test_a_b_race_in_a_taper_week_stays_taper():
    athlete = Athlete(
        name="R", races=(Race(on_week(5), "Marathon", Priority.A), Race(on_week(4, 2), "Tune-up", Priority.B))
    )
    assert phase_of_weeks(athlete, START, 5)[3] is Phase.TAPER


def test_a_phase_range_overrides_every_week_whose_monday_it_covers():
    athlete = Athlete(
        name="R",
        races=(Race(on_week(16), "Marathon", Priority.A),),
        phases=(PhaseRange(START + dt.timedelta(days=7), on_week(3, 0), Phase.IN_SEASON),),
    )
    phases = phase_of_weeks(athlete, START, 4)
    assert phases == [Phase.OFF_SEASON, Phase.IN_SEASON, Phase.IN_SEASON, Phase.PRE_SEASON]


def test_a_phase_range_that_misses_the_monday_leaves_the_week_alone():
    athlete = Athlete(name="R", phases=(PhaseRange(on_week(1, 1), on_week(1, 6), Phase.TAPER),))
    assert phase_of_weeks(athlete, START, 2) == [Phase.OFF_SEASON, Phase.OFF_SEASON]


def test_a_start_in_mid_week_counts_from_that_weeks_monday():
    athlete = Athlete(name="R", races=(Race(on_week(2), "Marathon", Priority.A),))
    assert phase_of_weeks(athlete, START + dt.timedelta(days=3), 2) == [Phase.TAPER, Phase.RACE_WEEK]
