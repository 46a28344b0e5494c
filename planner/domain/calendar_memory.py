"""What a calendar export said of one session: the memory the next export compares with (see export/calendar)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SentEvent:
    """One exported event: its UID, SEQUENCE, a digest of its content, its day and title, cancelled or not."""

    uid: str
    sequence: int
    digest: str
    date: dt.date
    summary: str
    cancelled: bool = False
