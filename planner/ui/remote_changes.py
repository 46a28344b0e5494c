"""Noticing other coaches' saves on a shared database, and refreshing the views without losing the coach's place.

Every few seconds a QTimer asks for a cheap fingerprint of the database (per table: how many rows, and the sum of
their versions; every save moves a version on, every add or delete the count). The query runs off the UI thread
as an operation; when the fingerprint changed, the context's signals tell the views to reload, the way a local
edit does: the views keep their selection (they reselect by id) and the current athlete.

An edit in progress is never disturbed: while a text field or a spin box has the focus, or a dialog is open,
the refresh waits for the next tick. Only a database on a server is watched unless STRIDE_PLANNER_POLL_MS asks
(a file has one coach).
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

if TYPE_CHECKING:
    from planner.store.engine import Database
    from planner.ui.context import AppContext
    from planner.ui.operations import Control

POLL_MS = 4000
WATCHED = ("exercise", "athlete", "race", "plan", "dose_edit", "training_log")


def fingerprint(db: Database, _control: Control | None = None) -> dict[str, tuple[int, int]]:
    """table -> (rows, sum of versions): changes whenever anyone adds, edits or deletes a row. One query."""
    parts = ", ".join(f"(SELECT count(*) FROM {t}), (SELECT coalesce(sum(version), 0) FROM {t})" for t in WATCHED)
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql(f"SELECT {parts}").one()
    return {t: (int(row[2 * i]), int(row[2 * i + 1])) for i, t in enumerate(WATCHED)}


def poll_interval_ms(db: Database) -> int | None:
    """How often to look (None: not at all): STRIDE_PLANNER_POLL_MS, else every 4 s on a server."""
    raw = os.environ.get("STRIDE_PLANNER_POLL_MS", "")
    if raw.isdigit():
        return int(raw) or None
    return POLL_MS if db.is_server else None


def editing_now() -> bool:
    """True while the coach is typing in a field or a dialog is open: a refresh now could replace their input."""
    if QApplication.activeModalWidget() is not None:
        return True
    focused = QApplication.focusWidget()
    if isinstance(focused, QLineEdit | QAbstractSpinBox):
        return not (isinstance(focused, QLineEdit) and focused.isReadOnly())
    return isinstance(focused, QTextEdit | QPlainTextEdit) and not focused.isReadOnly()


class RemoteChanges(QObject):
    """Watches the context's database and announces what others changed (see the module docstring)."""

    def __init__(self, ctx: AppContext, interval_ms: int) -> None:
        super().__init__(ctx)
        self.setObjectName("remoteChanges")
        self.ctx = ctx
        self.seen: dict[str, tuple[int, int]] | None = None
        self.waiting: set[str] = set()  # tables that changed while the coach was editing
        self._asking = False
        self._announcing = False
        self._local_change = False  # this window saved something since the last look: not "other coaches"
        for signal in (ctx.library_changed, ctx.athletes_changed, ctx.plan_changed):
            signal.connect(self._on_local_change)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.check()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        """Ask for the fingerprint off the UI thread (one question at a time)."""
        db = self.ctx.db
        if db is None or self._asking:
            return
        self._asking = True
        from planner.ui.operations import run_operation  # a file database never polls: start-up skips this import

        run_operation(
            functools.partial(fingerprint, db),
            name="looking for other coaches' changes",
            owner=self,
            on_done=self._compare,
            on_failed=self._unanswered,
            on_cancelled=self._unanswered,
        )

    def _on_local_change(self, *_args: Any) -> None:
        if not self._announcing:
            self._local_change = True

    def _unanswered(self, *_reason: Any) -> None:
        self._asking = False  # a server that did not answer: the next tick asks again, nothing is said

    def _compare(self, now: dict[str, tuple[int, int]]) -> None:
        self._asking = False
        if self.seen is not None:
            self.waiting |= {t for t in WATCHED if now.get(t) != self.seen.get(t)}
        self.seen = now
        if self.waiting and not editing_now():
            changed, self.waiting = self.waiting, set()
            ours, self._local_change = self._local_change, False
            self.announce(changed, quietly=ours)

    def announce(self, changed: set[str], *, quietly: bool = False) -> None:
        """Tell the views, as a local edit would; they reload keeping their selection. `quietly`: the change
        may be this window's own save (the views are current already), so the status bar says nothing."""
        self._announcing = True
        try:
            if "exercise" in changed:
                self.ctx.library_changed.emit()
            if changed & {"athlete", "race", "training_log"}:
                self.ctx.athletes_changed.emit()
            athlete_id = self.ctx.current_athlete_id
            if athlete_id is not None and changed & {"athlete", "plan", "dose_edit", "training_log"}:
                self.ctx.plan_changed.emit(athlete_id)
        finally:
            self._announcing = False
        if not quietly:
            self.ctx.say("Updated with other coaches' changes")


def watch(ctx: AppContext) -> RemoteChanges | None:
    """Start watching the context's database when it is shared (a server), else None."""
    if ctx.db is None:
        return None
    interval = poll_interval_ms(ctx.db)
    return None if interval is None else RemoteChanges(ctx, interval)
