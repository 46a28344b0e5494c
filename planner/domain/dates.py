"""Calendar helpers: weeks run Monday to Sunday."""

from __future__ import annotations

import datetime as dt


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def next_monday(today: dt.date | None = None) -> dt.date:
    """The Monday after today (today itself is never chosen: a plan starts on a fresh week)."""
    today = today or dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


def season_horizon(
    race_dates: list[dt.date], today: dt.date | None = None, *, minimum: int = 12, maximum: int = 52
) -> tuple[dt.date, int]:
    """(start Monday, number of weeks) for a plan shown in the window.

    It starts this week and runs at least `minimum` weeks, or through the week after the last race
    ahead (its recovery week), whichever is longer, never more than `maximum`.
    """
    start = monday_of(today or dt.date.today())
    weeks = minimum
    ahead = [d for d in race_dates if d >= start]
    if ahead:
        weeks = max(weeks, (monday_of(max(ahead)) - start).days // 7 + 2)
    return start, min(weeks, maximum)
