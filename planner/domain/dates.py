"""Calendar helpers: weeks run Monday to Sunday."""

from __future__ import annotations

import datetime as dt


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def next_monday(today: dt.date | None = None) -> dt.date:
    """The Monday after today (today itself is never chosen: a plan starts on a fresh week)."""
    today = today or dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())
