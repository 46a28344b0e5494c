"""What the window's last calendar export said of each session, so the next one updates rather than duplicates.

The command line keeps this memory in the .ics file it replaces; the window keeps it here, because a
coach saves each export wherever the file dialog suggests (planner.export.calendar explains the rules).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from planner.domain.calendar_memory import SentEvent

if TYPE_CHECKING:
    from planner.store.engine import Database


def sent_events(db: Database, athlete_id: int) -> dict[str, SentEvent]:
    """The athlete's last export: UID -> what it said ({} before the first export)."""
    from sqlmodel import select

    from planner.store.tables import CalendarEventRow as Row

    with db.session() as s:
        rows = s.exec(select(Row).where(Row.athlete_id == athlete_id)).all()
        return {r.uid: SentEvent(r.uid, r.sequence, r.digest, r.date, r.summary, r.cancelled) for r in rows}


def remember_sent(db: Database, athlete_id: int, sent: Mapping[str, SentEvent]) -> None:
    """Replace the athlete's memory with this export's, in one transaction."""
    from sqlmodel import delete

    from planner.store.tables import CalendarEventRow as Row

    with db.session() as s:
        s.exec(delete(Row).where(Row.athlete_id == athlete_id))
        for e in sent.values():
            s.add(
                Row(
                    athlete_id=athlete_id,
                    uid=e.uid,
                    sequence=e.sequence,
                    digest=e.digest,
                    date=e.date,
                    summary=e.summary,
                    cancelled=e.cancelled,
                )
            )
