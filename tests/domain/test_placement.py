"""Where strength, corrective and mobility sessions land in the running week, and why."""

from __future__ import annotations

import datetime as dt
import itertools

from planner.domain.athlete import DAYS, Athlete, DayKind, Phase, Priority, Race
from planner.domain.placement import place_corrective_days, place_mobility_days, place_strength_days

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


def day(weekday: int, monday: dt.date = MONDAY) -> dt.date:
    return monday + dt.timedelta(days=weekday)


def names(placement) -> list[str]:
    return [DAYS[d.date.weekday()] for d in placement.days]


def test_off_season_takes_three_days_that_keep_the_hard_runs_fresh():
    athlete = Athlete(name="Zoë", week=ZOE_WEEK)
    placement = place_strength_days(athlete, MONDAY, Phase.OFF_SEASON, week_index=1)
    assert names(placement) == ["tue", "thu", "sun"]
    assert placement.warning is None


def test_on_a_quality_day_strength_comes_after_the_run_and_says_so():
    athlete = Athlete(name="Zoë", week=ZOE_WEEK)
    placement = place_strength_days(athlete, MONDAY, Phase.OFF_SEASON, week_index=1)
    assert placement.days[0].why.startswith("After the quality run")


def test_on_a_long_run_day_the_why_says_after_the_long_run():
    week = dict.fromkeys(DAYS, DayKind.REST) | {
        "sat": DayKind.LONG,
        "fri": DayKind.QUALITY,
        "wed": DayKind.QUALITY,
        "mon": DayKind.QUALITY,
    }
    athlete = Athlete(name="R", week=week)
    placement = place_strength_days(athlete, MONDAY, Phase.IN_SEASON, week_index=1)
    sat = [d for d in placement.days if d.date == day(5)]
    assert sat
    assert sat[0].why.startswith("After the long run")


def test_an_easy_day_before_an_easy_day_reads_like_a_coach():
    week = dict.fromkeys(DAYS, DayKind.EASY)
    placement = place_strength_days(Athlete(name="R", week=week), MONDAY, Phase.TAPER, week_index=1)
    assert placement.days[0].why == "Easy day with nothing hard tomorrow: strength fits here, after the run"


def test_pre_and_in_season_take_two_days():
    athlete = Athlete(name="Zoë", week=ZOE_WEEK)
    assert len(place_strength_days(athlete, MONDAY, Phase.PRE_SEASON, week_index=1).days) == 2
    assert len(place_strength_days(athlete, MONDAY, Phase.IN_SEASON, week_index=1).days) == 2


def test_in_season_takes_one_day_in_a_week_holding_a_b_or_c_race():
    for priority in (Priority.B, Priority.C):
        athlete = Athlete(name="Zoë", week=ZOE_WEEK, races=(Race(day(6), "Half", priority),))
        placement = place_strength_days(athlete, MONDAY, Phase.IN_SEASON, week_index=1)
        assert names(placement) == ["tue"]
        assert placement.warning is None


def test_race_week_and_recovery_take_no_strength():
    athlete = Athlete(name="Zoë", week=ZOE_WEEK)
    for phase in (Phase.RACE_WEEK, Phase.RECOVERY):
        placement = place_strength_days(athlete, MONDAY, phase, week_index=1)
        assert placement.days == ()
        assert placement.warning is None


def test_never_on_a_race_day_nor_the_day_before_one():
    week = dict.fromkeys(DAYS, DayKind.REST)
    athlete = Athlete(name="R", week=week, races=(Race(day(3), "10k", Priority.C),))
    placed = [d.date for d in place_strength_days(athlete, MONDAY, Phase.OFF_SEASON, week_index=1).days]
    assert day(3) not in placed
    assert day(2) not in placed


def test_never_the_day_after_last_weeks_last_strength_day():
    week = dict.fromkeys(DAYS, DayKind.REST)
    athlete = Athlete(name="R", week=week)
    placement = place_strength_days(
        athlete, MONDAY, Phase.OFF_SEASON, week_index=2, last_strength=MONDAY - dt.timedelta(days=1)
    )
    assert MONDAY not in [d.date for d in placement.days]
    dates = [d.date for d in placement.days]
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(dates))


def test_none_in_the_nine_days_before_an_a_race():
    week = dict.fromkeys(DAYS, DayKind.REST)
    race = Race(day(10), "Marathon", Priority.A)  # Thursday of next week
    athlete = Athlete(name="R", week=week, races=(race,))
    placement = place_strength_days(athlete, MONDAY, Phase.TAPER, week_index=1)
    assert [d.date for d in placement.days] == [MONDAY]
    assert all((race.date - d.date).days > 9 for d in placement.days)


def test_too_few_allowed_days_places_what_fits_and_says_why():
    week = {
        "mon": DayKind.REST,
        "tue": DayKind.QUALITY,
        "wed": DayKind.QUALITY,
        "thu": DayKind.QUALITY,
        "fri": DayKind.QUALITY,
        "sat": DayKind.LONG,
        "sun": DayKind.QUALITY,
    }
    athlete = Athlete(name="R", week=week)
    placement = place_strength_days(athlete, MONDAY, Phase.OFF_SEASON, week_index=3)
    assert names(placement) == ["sun"]
    assert placement.warning is not None
    assert placement.warning.startswith("Week 3: only 1 of 3 strength sessions fit — ")
    assert "the day before a quality run or long run" in placement.warning


def test_a_week_with_no_allowed_day_gets_no_strength_and_one_warning():
    athlete = Athlete(name="R", week=dict.fromkeys(DAYS, DayKind.QUALITY))
    placement = place_strength_days(athlete, MONDAY, Phase.PRE_SEASON, week_index=5)
    assert placement.days == ()
    assert placement.warning is not None
    assert placement.warning.startswith("Week 5: no strength session fits")


def test_correctives_spread_over_the_week_never_on_a_race_day_and_one_a_day():
    athlete = Athlete(name="Zoë", week=ZOE_WEEK, races=(Race(day(6), "Half", Priority.B),))
    strength = [day(1)]
    placed = place_corrective_days(athlete, MONDAY, 4, strength)
    dates = [d.date for d in placed]
    assert len(dates) == 4
    assert len(set(dates)) == 4
    assert day(6) not in dates
    assert sum(1 for d in dates if d in strength) <= 1
    assert all((b - a).days >= 1 for a, b in itertools.pairwise(dates))


def test_a_corrective_sharing_a_strength_day_is_the_warm_up():
    athlete = Athlete(name="R", week=dict.fromkeys(DAYS, DayKind.EASY), races=(Race(day(6), "10k", Priority.C),))
    strength = [day(i) for i in (0, 2, 4)]
    placed = place_corrective_days(athlete, MONDAY, 4, strength)
    shared = [d for d in placed if d.date in strength]
    assert len(shared) == 1
    assert "warm-up" in shared[0].why


def test_mobility_goes_after_the_long_run_in_a_training_week():
    athlete = Athlete(name="Zoë", week=ZOE_WEEK)
    placed = place_mobility_days(athlete, MONDAY, Phase.OFF_SEASON)
    assert [d.date for d in placed] == [day(5)]
    assert placed[0].why.startswith("After the long run")


def test_race_week_gets_two_light_mobility_days_and_none_on_race_day():
    athlete = Athlete(name="Zoë", week=ZOE_WEEK, races=(Race(day(6), "Marathon", Priority.A),))
    placed = place_mobility_days(athlete, MONDAY, Phase.RACE_WEEK)
    assert len(placed) == 2
    assert day(6) not in [d.date for d in placed]
