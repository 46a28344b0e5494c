"""Which phase of the season each plan week is in, derived from the races or set by the coach."""

from __future__ import annotations

import datetime as dt

from planner.domain.athlete import Athlete, Phase, Priority
from planner.domain.dates import monday_of

# Where races make a week two phases, the one listed first wins.
PRECEDENCE: tuple[Phase, ...] = (
    Phase.RACE_WEEK,
    Phase.TAPER,
    Phase.RECOVERY,
    Phase.IN_SEASON,
    Phase.PRE_SEASON,
    Phase.OFF_SEASON,
)

IN_SEASON_WEEKS = 8  # before the taper
PRE_SEASON_WEEKS = 4  # before in-season

_WEEK = dt.timedelta(days=7)


def _rank(phase: Phase) -> int:
    return PRECEDENCE.index(phase)


def derived_phases_by_monday(athlete: Athlete) -> dict[dt.date, Phase]:
    """The phase each race claims for the weeks around it, keyed by the week's Monday.

    Weeks no race claims are off-season and are left out of the mapping.
    """
    claims: dict[dt.date, Phase] = {}

    def claim(monday: dt.date, phase: Phase) -> None:
        held = claims.get(monday)
        if held is None or _rank(phase) < _rank(held):
            claims[monday] = phase

    for race in athlete.races:
        race_monday = monday_of(race.date)
        if race.priority is Priority.A:
            claim(race_monday, Phase.RACE_WEEK)
            claim(race_monday - _WEEK, Phase.TAPER)
            claim(race_monday + _WEEK, Phase.RECOVERY)
            for back in range(2, 2 + IN_SEASON_WEEKS):
                claim(race_monday - back * _WEEK, Phase.IN_SEASON)
            for back in range(2 + IN_SEASON_WEEKS, 2 + IN_SEASON_WEEKS + PRE_SEASON_WEEKS):
                claim(race_monday - back * _WEEK, Phase.PRE_SEASON)
        elif race.priority is Priority.B:
            claim(race_monday, Phase.IN_SEASON)
    return claims


def phase_of_week(athlete: Athlete, monday: dt.date, claims: dict[dt.date, Phase] | None = None) -> Phase:
    """The phase of the week starting on `monday`; a coach's phase range covering that Monday wins."""
    chosen: Phase | None = None
    for phase_range in athlete.phases:  # a later range in the file overrides an earlier one
        if phase_range.covers(monday):
            chosen = phase_range.phase
    if chosen is not None:
        return chosen
    if claims is None:
        claims = derived_phases_by_monday(athlete)
    return claims.get(monday, Phase.OFF_SEASON)


def phase_of_weeks(athlete: Athlete, start: dt.date, weeks: int) -> list[Phase]:
    """The phase of each of `weeks` plan weeks; `start` is snapped to the Monday of its week.

    Derived from the races (race week holds an A race, taper the week before, in-season the 8 weeks
    before the taper and any week holding a B race, pre-season the 4 weeks before in-season, recovery
    the week after an A race, off-season the rest), with race_week > taper > recovery > in_season >
    pre_season > off_season where they overlap. An explicit phase range overrides every week whose
    Monday it covers.
    """
    first = monday_of(start)
    claims = derived_phases_by_monday(athlete)
    return [phase_of_week(athlete, first + i * _WEEK, claims) for i in range(weeks)]
