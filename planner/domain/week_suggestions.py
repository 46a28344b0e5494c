"""The running week a coach would question, changed by default: suggestions the coach can turn down.

- The recovery week after an A race has easy runs only: its quality days and long run become easy.
- The day before a B race is not a long run: the long run becomes easy (the race is that weekend's hard run).

A suggestion is applied as a week override (Athlete.week_overrides) only where the coach has not set that
day of that week: a coach who wants the usual run back sets the day to its usual kind, and that override
wins. Each applied suggestion is said as a `Week N:` warning of the plan, so the printed plan says so too.

A race dated before the plan starts is ignored by the plan; `past_race_warnings` says so instead of
leaving the coach to wonder why no taper appears.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from planner.domain.athlete import DAY_NAMES, DAYS, Athlete, DayKind, Priority, Race

_WEEK = dt.timedelta(days=7)
_HARD = (DayKind.QUALITY, DayKind.LONG)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One day of one week whose run the plan changes by default, and why (in the coach's words)."""

    monday: dt.date
    day: str  # mon..sun
    kind: DayKind
    reason: str


def suggested_runs(athlete: Athlete, first: dt.date, weeks: int) -> list[Suggestion]:
    """The default changes to the running weeks of the plan starting on Monday `first`, in date order.

    Days the coach has set for that week are left alone (the coach's word wins, even when it is the usual run).
    """
    last = first + _WEEK * weeks
    found: dict[tuple[dt.date, str], Suggestion] = {}

    def suggest(day: dt.date, kind: DayKind, reason: str) -> None:
        monday = day - dt.timedelta(days=day.weekday())
        name = DAYS[day.weekday()]
        if not first <= day < last or athlete.race_on(day) is not None:
            return
        if name in athlete.week_overrides.get(monday.isoformat(), {}):
            return  # the coach decided this day of this week
        if athlete.week[name] == kind or (monday, name) in found:
            return
        found[(monday, name)] = Suggestion(monday, name, kind, reason)

    for race in athlete.races:
        if race.priority is Priority.A:
            recovery = race.date - dt.timedelta(days=race.date.weekday()) + _WEEK
            for offset, name in enumerate(DAYS):
                if athlete.week[name] in _HARD:
                    suggest(recovery + dt.timedelta(days=offset), DayKind.EASY, f"recovery week after {race.name}")
        elif race.priority is Priority.B:
            eve = race.date - dt.timedelta(days=1)
            if athlete.week[DAYS[eve.weekday()]] is DayKind.LONG and athlete.race_on(eve) is None:
                suggest(eve, DayKind.EASY, f"day before {race.name}")
    return sorted(found.values(), key=lambda s: (s.monday, DAYS.index(s.day)))


def with_suggestions(athlete: Athlete, suggestions: list[Suggestion]) -> Athlete:
    """`athlete` with the suggestions added to its week overrides (the coach's own overrides untouched)."""
    if not suggestions:
        return athlete
    overrides = {monday: dict(days) for monday, days in athlete.week_overrides.items()}
    for s in suggestions:
        overrides.setdefault(s.monday.isoformat(), {})[s.day] = s.kind
    return replace(athlete, week_overrides=overrides)


def suggestion_warnings(suggestions: list[Suggestion], first: dt.date) -> list[str]:
    """One `Week N:` line per week and reason, e.g. "Week 9: suggested for the recovery week after City
    Marathon: Tuesday and Saturday are easy runs instead of the usual ones; change them back in the Plan view
    if you want"."""
    grouped: dict[tuple[dt.date, str], list[Suggestion]] = {}
    for s in suggestions:
        grouped.setdefault((s.monday, s.reason), []).append(s)
    lines = []
    for (monday, reason), items in grouped.items():
        week = (monday - first).days // 7 + 1
        days = _and([DAY_NAMES[s.day] for s in items])
        one = len(items) == 1
        lines.append(
            f"Week {week}: suggested for the {reason}: {days} "
            + (
                "is an easy run instead of the usual one; change it back"
                if one
                else "are easy runs instead of the usual ones; change them back"
            )
            + " in the Plan view if you want"
        )
    return lines


def past_race_warnings(athlete: Athlete, first: dt.date) -> list[str]:
    """A `Week 1:` line for every race dated before the plan's first Monday: the plan cannot prepare for it."""
    return [
        f"Week 1: the race {race.name} on {race.date:%a} {race.date.day} {race.date:%b %Y} is before the plan "
        "starts, so the plan ignores it; correct its date or remove it in the athlete editor"
        for race in athlete.races
        if race.date < first
    ]


def is_past(race: Race, today: dt.date) -> bool:
    """The race's day has gone (the athlete editor says so as the coach types)."""
    return race.date < today


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
