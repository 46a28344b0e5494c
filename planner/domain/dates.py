"""Calendar helpers: weeks run Monday to Sunday."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.domain.errors import BadInput, shown

# Dates a coach can mean. Outside them date arithmetic (a taper before a race on 0001-01-01, the
# weeks after a start on 9999-12-31) would leave the calendar.
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2199, 12, 31)


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


def parse_date(value: Any, field_name: str) -> dt.date:
    """A YYYY-MM-DD date from FIRST_DATE to LAST_DATE; an impossible one (2027-02-30) or one outside
    that range (0001-01-01, 9999-12-31) is BadInput naming the field."""
    if not isinstance(value, str):
        raise BadInput(f"expected a date as YYYY-MM-DD, got {shown(value)}", field=field_name)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise BadInput(f"{shown(value)} is not a real date (expected YYYY-MM-DD)", field=field_name) from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise BadInput(f"expected a date from {FIRST_DATE} to {LAST_DATE}, got {shown(value)}", field=field_name)
    return day
