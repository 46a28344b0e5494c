"""The demo athlete: a sample runner whose season always lies ahead of today.

The template (resources/demo_athlete.json) gives race dates as weeks after the plan's first Monday,
so the demo shows off-season, pre-season, in-season, a taper and a race week whenever it is run.
Used by `stride-planner demo` and by the window's first run.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from planner.domain.athlete import Athlete
from planner.domain.dates import next_monday
from planner.paths import resources_dir

TEMPLATE = "demo_athlete.json"


@dataclass(frozen=True, slots=True)
class DemoSeason:
    """The demo athlete file (as the spec's JSON), the first Monday of its plan and the plan length."""

    athlete_file: dict[str, Any]
    start: dt.date
    weeks: int

    @property
    def athlete(self) -> Athlete:
        return Athlete.from_dict(self.athlete_file)


def _template() -> dict[str, Any]:
    return json.loads((resources_dir() / TEMPLATE).read_text(encoding="utf-8"))


def demo_season(today: dt.date | None = None) -> DemoSeason:
    """The demo athlete with races placed relative to `today` (default: the real today)."""
    data = _template()
    start = next_monday(today)
    weeks = int(data.pop("weeks", 16))
    data.pop("_comment", None)
    races = []
    for race in data.pop("races", []):
        # Week N runs Monday start + 7(N-1) to Sunday start + 7N - 1; races are on the Sunday.
        day = start + dt.timedelta(weeks=int(race["week"]), days=-1)
        races.append({"date": day.isoformat(), "name": race["name"], "priority": race["priority"]})
    data["races"] = races
    return DemoSeason(athlete_file=data, start=start, weeks=weeks)


def demo_athlete(today: dt.date | None = None) -> Athlete:
    """The demo athlete, ready for the scheduler."""
    return demo_season(today).athlete
