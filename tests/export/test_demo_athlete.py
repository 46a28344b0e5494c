"""The demo athlete's season always lies ahead, whatever today is."""

from __future__ import annotations

import datetime as dt

from planner.domain.athlete import Priority
from planner.export.demo import demo_season


def test_demo_races_fall_on_sundays_inside_the_plan() -> None:
    season = demo_season(dt.date(2031, 6, 18))
    athlete = season.athlete
    assert athlete.name == "Zoë Łukasiewicz"
    assert season.start == dt.date(2031, 6, 23)
    end = season.start + dt.timedelta(weeks=season.weeks)
    assert {r.priority for r in athlete.races} == {Priority.A, Priority.B}
    for race in athlete.races:
        assert race.date.weekday() == 6
        assert season.start < race.date < end
