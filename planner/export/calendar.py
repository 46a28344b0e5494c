"""The plan as an iCalendar file: one all-day event per session, which a calendar app updates on re-import.

A calendar app matches a re-imported event by its UID and takes it as newer when its SEQUENCE is higher,
so the export keeps three promises (RFC 5545):

- the UID of a session never changes while the session is the same day, kind and title: it is a hash of
  (athlete, date, kind, title), never of the doses, so a dose change updates the event in place;
- SEQUENCE rises by one exactly where the event's content (day, title, exercises and doses) changed since
  the previous export, and stays where nothing did;
- a session the previous export had and this plan has not (a hold, a moved or dropped session) is sent
  again with STATUS:CANCELLED and a higher SEQUENCE, so it disappears instead of lingering.

That needs the previous export as memory. The command line reads the file it is about to replace (`--out`):
whoever re-exports to the same file gets updates. The window keeps the memory in the database
(planner.store.calendar_events), because a coach saves each export wherever the dialog suggests.
DTSTAMP is the export's time in UTC.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path

from planner import DISCLAIMER
from planner.domain.calendar_memory import SentEvent
from planner.domain.errors import BadInput
from planner.domain.plan import Plan, Session

PRODID = "-//Stride Planner//Season plan//EN"
UID_DOMAIN = "stride-planner"
KIND_WORDS = {"strength": "strength session", "corrective": "hip & knee routine", "mobility": "mobility session"}


def session_uid(athlete: str, session: Session) -> str:
    """The session's UID: a hash of athlete, date, kind and title (never the doses), at stride-planner."""
    key = "\x1f".join((athlete, session.date.isoformat(), session.kind.value, session.title))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


def summary_of(athlete: str, session: Session) -> str:
    return f"{session.title} – {athlete}"


def description_of(session: Session) -> str:
    """The exercises and doses, one a line, then why the session is on this day, then the disclaimer."""
    lines = [f"{ex.name}: {ex.dose.describe()}" + (f" ({ex.notes})" if ex.notes else "") for ex in session.exercises]
    if session.why:
        lines += ["", session.why]
    lines += ["", DISCLAIMER]
    return "\n".join(lines)


def digest_of(date: dt.date, summary: str, description: str) -> str:
    """A digest of what the event shows; a change in it raises the event's SEQUENCE."""
    text = "\x1f".join((date.isoformat(), summary, description))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_calendar(
    plan: Plan, *, previous: Mapping[str, SentEvent] | None = None, now: dt.datetime | None = None
) -> tuple[bytes, dict[str, SentEvent]]:
    """The iCalendar bytes of `plan` and what they said of each session (the memory for the next export).

    `previous` is the last export's memory (UID -> SentEvent); sessions it holds that the plan has not are
    sent as cancelled. `now` (UTC) is the DTSTAMP.
    """
    from icalendar import Calendar, Event

    previous = previous or {}
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Stride Planner – {plan.athlete}")
    sent: dict[str, SentEvent] = {}
    for week in plan.weeks:
        for session in week.sessions:
            uid = session_uid(plan.athlete, session)
            if uid in sent:  # two identical sessions on one day: the calendar shows one
                continue
            summary = summary_of(plan.athlete, session)
            description = description_of(session)
            digest = digest_of(session.date, summary, description)
            before = previous.get(uid)
            if before is None:
                sequence = 0
            elif before.digest != digest or before.cancelled:
                sequence = before.sequence + 1
            else:
                sequence = before.sequence
            cal.add_component(_event(Event, uid, session.date, summary, description, sequence, stamp, cancelled=False))
            sent[uid] = SentEvent(uid, sequence, digest, session.date, summary)
    for uid, before in sorted(previous.items(), key=lambda item: (item[1].date, item[0])):
        if uid in sent:
            continue
        sequence = before.sequence if before.cancelled else before.sequence + 1
        description = "Cancelled: this session is no longer in the plan."
        cal.add_component(_event(Event, uid, before.date, before.summary, description, sequence, stamp, cancelled=True))
        sent[uid] = SentEvent(uid, sequence, before.digest, before.date, before.summary, cancelled=True)
    return cal.to_ical(), sent


def _event(
    event_type: type,
    uid: str,
    date: dt.date,
    summary: str,
    description: str,
    sequence: int,
    stamp: dt.datetime,
    *,
    cancelled: bool,
) -> object:
    event = event_type()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", date)  # a date, not a time: an all-day event
    event.add("dtend", date + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("sequence", sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT")  # a 20-minute routine does not make the whole day busy
    return event


def read_sent(path: Path) -> dict[str, SentEvent]:
    """The memory of an earlier export at `path` ({} when there is none); a file that is not an iCalendar
    file of ours is BadInput rather than silently overwritten."""
    from icalendar import Calendar

    if not path.exists():
        return {}
    try:
        cal = Calendar.from_ical(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise BadInput(
            f"is not a calendar file that can be updated ({exc}); choose another --out", source=str(path)
        ) from None
    out: dict[str, SentEvent] = {}
    for event in cal.walk("VEVENT"):
        uid = str(event.get("uid", ""))
        if not uid.endswith(f"@{UID_DOMAIN}"):
            continue
        start = event.decoded("dtstart")
        day = start.date() if isinstance(start, dt.datetime) else start
        summary = str(event.get("summary", ""))
        description = str(event.get("description", ""))
        cancelled = str(event.get("status", "")).upper() == "CANCELLED"
        sequence = int(event.get("sequence", 0))
        out[uid] = SentEvent(uid, sequence, digest_of(day, summary, description), day, summary, cancelled)
    return out


def write_calendar(path: Path, data: bytes) -> None:
    """Write the calendar complete or not at all; a refusal is BadInput in one line."""
    from planner.export.document import write_atomically

    write_atomically(path, lambda fh: fh.write(data))
