"""File ▸ Export calendar…: the current athlete's plan as an .ics file a calendar app updates on re-import.

The window remembers what its last export said of each session in the database (store.calendar_events),
not in the file: a coach saves each export wherever the dialog suggests, and a re-import must still update
the events (same UIDs, SEQUENCE raised where a session changed, dropped sessions cancelled).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from planner.domain.errors import BadInput

if TYPE_CHECKING:
    from planner.ui.context import AppContext

ICS_FILTER = "iCalendar files (*.ics);;All files (*)"


def suggested_path(athlete_name: str) -> Path:
    from planner.export.file_names import file_stem

    return Path.home() / f"{file_stem(athlete_name)}.ics"


def export_calendar(ctx: AppContext, athlete_id: int, path: Path) -> int:
    """Write the athlete's plan to `path` and remember what it said; returns the number of sessions."""
    from planner.export.calendar import build_calendar, write_calendar
    from planner.store.calendar_events import remember_sent, sent_events
    from planner.store.plans import ensure_plan

    plan, _made = ensure_plan(ctx.db, athlete_id)
    data, sent = build_calendar(plan, previous=sent_events(ctx.db, athlete_id))
    write_calendar(path, data)
    remember_sent(ctx.db, athlete_id, sent)  # only once the file is written: a failed write changes nothing
    return sum(1 for e in sent.values() if not e.cancelled)


def ask_export_calendar(parent: QWidget, ctx: AppContext) -> Path | None:
    """Ask where to save the current athlete's calendar and write it; None when nothing was written."""
    from planner.store.athletes import get_athlete

    athlete_id = ctx.current_athlete_id
    if ctx.db is None or athlete_id is None:
        ctx.say("Choose an athlete first: the calendar holds their plan.")
        return None
    try:
        name = get_athlete(ctx.db, athlete_id).athlete.name
    except BadInput:
        ctx.say("Choose an athlete first: the calendar holds their plan.")
        return None
    chosen, _ = QFileDialog.getSaveFileName(parent, f"Export calendar of {name}", str(suggested_path(name)), ICS_FILTER)
    if not chosen:
        return None
    path = Path(chosen) if Path(chosen).suffix else Path(chosen).with_suffix(".ics")
    try:
        count = export_calendar(ctx, athlete_id, path)
    except BadInput as exc:
        QMessageBox.warning(parent, "Export calendar", str(exc))
        return None
    ctx.say(f"Calendar of {name}: {count} sessions written to {path}. Import it again after a change to update it.")
    return path
