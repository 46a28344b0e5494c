"""The week's log grid: the printed weekly sheet typed back in, keyboard first.

Rows follow the sheet: each session of the week in day order (its pain during, pain the next morning and
effort, as the sheet's "Pain 0-10" box beside the session's title), then its exercises with one box per
set (left and right for each-side work). Typing works as on paper:

- digits type a number into the cell (pain 0-10, sets done); Tab or Enter keeps it and moves on;
- Space in a sets cell ticks every set and moves on; Space in "Done" toggles done / missed;
- x (or -) on a session marks it missed; Delete clears a cell; Shift+Tab goes back.

Every kept cell is one undoable command (Ctrl+Z). The plan's next week follows the log a moment after the
typing stops (planner.domain.adjustments), not on every key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from planner.domain.log_summary import WeekSummary, week_summaries
from planner.domain.plan import Plan, PlannedExercise, Session, Week
from planner.domain.training_log import LogEntry, Side
from planner.store import training_log as log_store
from planner.ui.undo import DatabaseCommand, push

if TYPE_CHECKING:
    from planner.domain.conflict import EditConflict
    from planner.ui.conflict_dialog import ConflictChoices
    from planner.ui.context import AppContext

_Index = QModelIndex | QPersistentModelIndex
Key = tuple[dt.date, str, str]

COLUMNS: tuple[str, ...] = (
    "Day",
    "Session / exercise",
    "Dose",
    "Sets (L)",
    "Sets (R)",
    "Pain",
    "Morning",
    "RPE",
    "Done",
)
SETS_L, SETS_R, PAIN, MORNING, RPE, DONE = 3, 4, 5, 6, 7, 8
SESSION_CELLS = (PAIN, MORNING, RPE)  # Tab stops on a session row (Done is reached with the arrows)
TICKED, EMPTY = "☑", "☐"
REPLAN_MS = 1200  # the plan follows the log once typing pauses this long


@dataclass(frozen=True, slots=True)
class GridRow:
    """A session of the week, or one exercise of it."""

    session: Session
    exercise: PlannedExercise | None = None


def rows_of(week: Week) -> list[GridRow]:
    """The sheet's order: sessions by day, each followed by its exercises."""
    out: list[GridRow] = []
    for session in sorted(week.sessions, key=lambda s: s.date):
        out.append(GridRow(session))
        out += [GridRow(session, ex) for ex in session.exercises]
    return out


def sides_of(exercise: PlannedExercise) -> tuple[Side | None, ...]:
    return (Side.LEFT, Side.RIGHT) if exercise.dose.each_side else (None,)


def key_of(day: dt.date, exercise: str, side: Side | None) -> Key:
    return (day, exercise, side.value if side else "")


class LogGridModel(QAbstractTableModel):
    """One plan week's log: reads the entries it is given, and turns a typed cell into new entries."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.week: Week | None = None
        self.rows: list[GridRow] = []
        self.entries: dict[Key, LogEntry] = {}
        self.pending: tuple[int, int, str] | None = None  # (row, column, digits typed but not kept yet)

    def set_week(self, week: Week | None, entries: dict[Key, LogEntry]) -> None:
        self.beginResetModel()
        self.week = week
        self.rows = rows_of(week) if week is not None else []
        self.entries = dict(entries)
        self.pending = None
        self.endResetModel()

    def set_entries(self, entries: dict[Key, LogEntry]) -> None:
        self.entries = dict(entries)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))

    # -- reading ----------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def session_entries(self, session: Session) -> list[LogEntry]:
        return [
            self.entries[k]
            for ex in session.exercises
            for side in sides_of(ex)
            if (k := key_of(session.date, ex.id, side)) in self.entries
        ]

    def editable(self, row: int, column: int) -> bool:
        if not 0 <= row < len(self.rows):
            return False
        item = self.rows[row]
        if item.exercise is None:
            return column in (*SESSION_CELLS, DONE)
        return column == SETS_L or (column == SETS_R and item.exercise.dose.each_side)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        item = self.rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if self.pending is not None and self.pending[:2] == (row, column):
                return self.pending[2] + "▏"
            return self._text(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= SETS_L:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and item.exercise is None:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and self.editable(row, column):
            return "Type a number and press Tab; Space ticks every set; x marks the session missed"
        return None

    def _text(self, item: GridRow, column: int) -> str:
        session, ex = item.session, item.exercise
        if ex is None:
            found = self.session_entries(session)
            first = found[0] if found else None
            if column == 0:
                return f"{session.date:%a} {session.date.day}"
            if column == 1:
                return session.title
            if column == PAIN:
                return str(first.pain_during) if first else ""
            if column == MORNING:
                return "" if first is None or first.pain_next_morning is None else str(first.pain_next_morning)
            if column == RPE:
                return "" if first is None or first.rpe is None else str(first.rpe)
            if column == DONE:
                if not found:
                    return ""
                return "✓ done" if any(e.done for e in found) else "✗ missed"
            return ""
        if column == 1:
            return f"   {ex.name}"
        if column == 2:
            return ex.dose.describe()
        if column in (SETS_L, SETS_R):
            sides = sides_of(ex)
            if column == SETS_R and len(sides) == 1:
                return ""
            side = sides[0] if column == SETS_L else sides[1]
            entry = self.entries.get(key_of(session.date, ex.id, side))
            done = entry.sets_done if entry is not None else 0
            return (
                TICKED * min(done, ex.dose.sets)
                + EMPTY * max(ex.dose.sets - done, 0)
                + (f" +{done - ex.dose.sets}" if done > ex.dose.sets else "")
            )
        return ""

    # -- what a typed cell means ------------------------------------------------------------------------
    def _session_values(self, session: Session) -> LogEntry:
        """The session's pain, morning, effort and done, for a new entry of one of its exercises."""
        found = self.session_entries(session)
        if found:
            return found[0]
        return LogEntry(date=session.date, exercise="", sets_done=0)

    def change_for(self, row: int, column: int, value: int | str | None) -> dict[Key, LogEntry | None]:
        """The entries a typed value makes (key -> new entry, None to forget one); {} when nothing changes.

        `value` is a number, None (cleared), "all" (every set ticked) or "toggle"/"missed" (Done).
        """
        item = self.rows[row]
        session = item.session
        out: dict[Key, LogEntry | None] = {}
        if item.exercise is None:
            base = self._session_values(session)
            for ex in session.exercises:
                for side in sides_of(ex):
                    key = key_of(session.date, ex.id, side)
                    old = self.entries.get(key) or replace(base, exercise=ex.id, side=side, sets_done=0, note="")
                    if column == PAIN:
                        new = replace(old, pain_during=value if isinstance(value, int) else 0)
                    elif column == MORNING:
                        new = replace(old, pain_next_morning=value if isinstance(value, int) else None)
                    elif column == RPE:
                        new = replace(old, rpe=value if isinstance(value, int) else None)
                    else:  # DONE
                        missed = value == "missed" or (value == "toggle" and any(e.done for e in [old]))
                        new = replace(old, done=not missed, sets_done=0 if missed else old.sets_done)
                    if new != self.entries.get(key):
                        out[key] = new
            return out
        ex = item.exercise
        sides = sides_of(ex)
        side = sides[0] if column == SETS_L else sides[-1]
        key = key_of(session.date, ex.id, side)
        base = self._session_values(session)
        old = self.entries.get(key) or replace(base, exercise=ex.id, side=side, sets_done=0, note="", done=True)
        if value is None:
            new: LogEntry | None = None if key in self.entries and old.sets_done == 0 else replace(old, sets_done=0)
        else:
            sets = ex.dose.sets if value == "all" else int(value)
            new = replace(old, sets_done=max(0, min(sets, 20)), done=True)
        if new != self.entries.get(key):
            out[key] = new
        return out

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class LogEdit(DatabaseCommand):
    """One kept cell of the log grid: the entries it wrote, and what they were before.

    Each write names what it started from (redo: `before`, undo: `after`), so a cell another coach changed,
    typed or deleted meanwhile is refused (EditConflict): the redo offers Reload or Keep mine, an undo is
    refused and said, never written over their entry.
    """

    def __init__(
        self,
        ctx: AppContext,
        athlete_id: int,
        after: dict[Key, LogEntry | None],
        before: dict[Key, LogEntry | None],
        session_key: str,
        changed: Any,
    ) -> None:
        super().__init__(ctx, "Log entry")
        self.athlete_id = athlete_id
        self.after, self.before, self.session_key = after, before, session_key
        self.changed = changed  # called with the athlete id after every write (the panel refreshes and replans)
        self.uuids: dict[Key, str] = {}  # rows this command deleted: undo and redo put back the same rows

    def _write(self, state: dict[Key, LogEntry | None], expected: dict[Key, LogEntry | None]) -> None:
        remove = [k for k, v in state.items() if v is None]
        add = [v for v in state.values() if v is not None]
        removed = log_store.replace_entries(
            self.ctx.db,
            self.athlete_id,
            remove,
            add,
            session_keys={e.key: self.session_key for e in add},
            expected=expected,
            uuids=self.uuids,
        )
        self.uuids.update(removed)

    def apply(self) -> None:
        self._write(self.after, self.before)

    def revert(self) -> None:
        self._write(self.before, self.after)

    def announce(self) -> None:
        self.changed(self.athlete_id)

    def undo(self) -> None:
        self.error = None
        super().undo()
        if self.error is not None:  # refused (another coach's newer entry): show the log as it is now
            self.changed(self.athlete_id)

    def conflict_choices(self, conflict: EditConflict) -> ConflictChoices:
        from planner.ui.conflict_dialog import ConflictChoices

        ctx, athlete_id, mine, session_key, changed = (
            self.ctx,
            self.athlete_id,
            self.after,
            self.session_key,
            self.changed,
        )

        def keep_mine() -> None:
            # Over what is there now (the dialog said whose it was): undo gives their entries back.
            now = {e.key: e for e in log_store.log_entries(ctx.db, athlete_id)}
            theirs = {key: now.get(key) for key in mine}
            push(ctx, LogEdit(ctx, athlete_id, mine, theirs, session_key, changed))

        return ConflictChoices(
            reload=lambda: changed(athlete_id),
            keep_mine=keep_mine,
            no_copy=(
                "A log entry cannot be saved as a copy: the log holds one answer per day, exercise and side, "
                "so keep theirs (Reload) or put yours over it (Keep mine)."
            ),
        )


class LogGrid(QTableView):
    """The grid's keyboard: numbers typed into the cell, Tab and Enter keep them and move as on paper."""

    value_typed = Signal(int, int, object)  # row, column, value (int, None, "all", "toggle", "missed")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logGrid")
        # The cells are typed into by keyPressEvent below, never through an editor (no cell is ItemIsEditable).
        # Not NoEditTriggers: planner.ui.keyboard reads that as a table to read, whose Tab leaves the table.
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(True)

    def log_model(self) -> LogGridModel:
        model = self.model()
        assert isinstance(model, LogGridModel)
        return model

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    # -- moving -----------------------------------------------------------------------------------------
    def tab_stops(self) -> list[tuple[int, int]]:
        """Every cell Tab visits, in the sheet's order."""
        model = self.log_model()
        stops = []
        for row, item in enumerate(model.rows):
            columns = SESSION_CELLS if item.exercise is None else (SETS_L, SETS_R)
            stops += [(row, c) for c in columns if model.editable(row, c)]
        return stops

    def first_cell(self) -> None:
        stops = self.tab_stops()
        if stops:
            self.setCurrentIndex(self.log_model().index(*stops[0]))

    def move(self, step: int) -> None:
        stops = self.tab_stops()
        if not stops:
            return
        here = (self.currentIndex().row(), self.currentIndex().column())
        if here in stops:
            target = stops[min(max(stops.index(here) + step, 0), len(stops) - 1)]
        else:  # from a cell Tab does not visit, go to the next (or previous) one that it does
            after = [s for s in stops if s > here] if step > 0 else [s for s in stops if s < here]
            target = (after[0] if step > 0 else after[-1]) if after else stops[-1 if step > 0 else 0]
        self.setCurrentIndex(self.log_model().index(*target))

    def next_session(self) -> None:
        model = self.log_model()
        row = self.currentIndex().row()
        for r in range(row + 1, len(model.rows)):
            if model.rows[r].exercise is None:
                self.setCurrentIndex(model.index(r, PAIN))
                return
        self.move(len(self.tab_stops()))

    # -- typing -----------------------------------------------------------------------------------------
    def keep_pending(self) -> None:
        """Keep the digits typed into the current cell (a value_typed for the panel to write)."""
        model = self.log_model()
        if model.pending is None:
            return
        row, column, digits = model.pending
        model.pending = None
        self.value_typed.emit(row, column, int(digits))
        model.dataChanged.emit(model.index(row, column), model.index(row, column))

    def event(self, event: QEvent) -> bool:
        # Tab and Shift+Tab reach event() before keyPressEvent (focus chain): keep the cell and move.
        tab = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in tab:
            self.keep_pending()
            back = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.move(-1 if back else 1)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.log_model()
        index = self.currentIndex()
        row, column = index.row(), index.column()
        key, text = event.key(), event.text()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.keep_pending()
            self.move(1)
            return
        if not model.editable(row, column):
            super().keyPressEvent(event)
            return
        session_row = model.rows[row].exercise is None
        if text.isdigit() and column != DONE:
            digits = (model.pending[2] if model.pending and model.pending[:2] == (row, column) else "") + text
            limit = 20 if column in (SETS_L, SETS_R) else 10
            if int(digits) > limit:
                digits = text  # "12" for a pain means the 1 was a slip: start again from the 2
            model.pending = (row, column, digits)
            model.dataChanged.emit(index, index)
            return
        if key == Qt.Key.Key_Space:
            self.keep_pending()
            if column == DONE:
                self.value_typed.emit(row, column, "toggle")
            elif column in (SETS_L, SETS_R):
                self.value_typed.emit(row, column, "all")
                self.move(1)
            return
        if text.lower() in ("x", "-") and session_row:
            model.pending = None
            self.value_typed.emit(row, DONE, "missed")
            self.next_session()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if model.pending and model.pending[:2] == (row, column) and key == Qt.Key.Key_Backspace:
                digits = model.pending[2][:-1]
                model.pending = (row, column, digits) if digits else None
                model.dataChanged.emit(index, index)
                return
            model.pending = None
            self.value_typed.emit(row, column, None)
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.keep_pending()
        super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        self.keep_pending()
        super().focusOutEvent(event)


class LogPanel(QWidget):
    """The Plan view's log of one week: the grid, the week's adherence and pain, and the season's chart."""

    log_changed = Signal(int)  # athlete id: entries were written (or undone)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logPanel")
        self.ctx = ctx
        self.athlete_id: int | None = None
        self.plan: Plan | None = None
        self.week_index: int | None = None
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel(
            "Type from the sheet: numbers and Tab (or Enter) · Space ticks every set · x marks a session missed · "
            "Ctrl+Z undoes"
        )
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("logWeekSummary")
        self.model = LogGridModel(self)
        self.grid = LogGrid()
        self.grid.setModel(self.model)
        self.grid.value_typed.connect(self._on_value_typed)
        from planner.ui.log_chart import LogChart

        self.chart = LogChart()
        self._replan = QTimer(self, singleShot=True, interval=REPLAN_MS)
        self._replan.timeout.connect(self.replan_now)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart)

    def show_week(self, athlete_id: int | None, plan: Plan | None, week_index: int | None) -> None:
        """Show the log of `week_index` of the athlete's plan (nothing when any is None)."""
        if self._replan.isActive() and athlete_id != self.athlete_id:
            self.replan_now()  # the last athlete's plan follows their log before we leave them
        self.athlete_id, self.plan, self.week_index = athlete_id, plan, week_index
        week = None
        if plan is not None and week_index is not None:
            week = next((w for w in plan.weeks if w.index == week_index), None)
        entries = self._read(week)
        if (
            week is not None
            and self.model.week is not None
            and self.model.week.start == week.start
            and ([r.session.key for r in rows_of(week)] == [r.session.key for r in self.model.rows])
        ):
            self.model.week = week
            self.model.rows = rows_of(week)
            self.model.set_entries(entries)  # the same week again (a replan): keep the cursor
        else:
            self.model.set_week(week, entries)
            self.grid.first_cell()
        if week is None:
            self.title.setText("Log: no week selected")
        else:
            self.title.setText(
                f"Log of week {week.index} · {week.start:%a} {week.start.day} {week.start:%b} – "
                f"{week.end:%a} {week.end.day} {week.end:%b}"
            )
        self._show_summary()

    def _read(self, week: Week | None) -> dict[Key, LogEntry]:
        if week is None or self.athlete_id is None or self.ctx.db is None:
            return {}
        found = log_store.log_entries(self.ctx.db, self.athlete_id, start=week.start, end=week.end)
        return {e.key: e for e in found}

    def summaries(self) -> list[WeekSummary]:
        if self.plan is None or self.athlete_id is None or self.ctx.db is None:
            return []
        return week_summaries(self.plan, log_store.log_entries(self.ctx.db, self.athlete_id))

    def _show_summary(self) -> None:
        summaries = self.summaries()
        self.chart.set_summaries(summaries, current=self.week_index)
        this = next((s for s in summaries if s.week == self.week_index), None)
        if this is None or this.adherence is None:
            lines = ["Nothing logged this week yet."]
        else:
            lines = [
                f"This week: {round(this.adherence * 100)} % of sets done ({this.sets_done} of "
                f"{this.sets_prescribed}) · highest pain "
                + (f"{this.max_pain}/10" if this.max_pain is not None else "–")
            ]
        if self.plan is not None and self.week_index is not None:
            following = [a for a in self.plan.adjustments if a.week == self.week_index + 1]
            if following:
                lines.append(f"Week {self.week_index + 1} follows this log:")
                lines += [f"  • {a.line}" for a in following]
        self.summary.setText("\n".join(lines))

    def _on_value_typed(self, row: int, column: int, value: object) -> None:
        if self.athlete_id is None or self.ctx.db is None or not 0 <= row < len(self.model.rows):
            return
        after = self.model.change_for(row, column, value)  # type: ignore[arg-type]
        if not after:
            return
        before = {k: self.model.entries.get(k) for k in after}
        session_key = self.model.rows[row].session.key
        self.ctx.undo_stack.push(LogEdit(self.ctx, self.athlete_id, after, before, session_key, self._on_written))

    def _on_written(self, athlete_id: int) -> None:
        if athlete_id == self.athlete_id and self.model.week is not None:
            self.model.set_entries(self._read(self.model.week))
            self._show_summary()
        self.log_changed.emit(athlete_id)
        self._replan.start()

    def replan_now(self) -> None:
        """Rebuild the athlete's plan so next week follows the log (the coach's dose edits are kept)."""
        self._replan.stop()
        if self.athlete_id is None or self.plan is None or self.ctx.db is None:
            return
        from planner.ui.plan_rebuilds import rebuild_plan

        # Through the one rebuild path: built off the UI thread, saved on it, and the latest change wins over a
        # rebuild already running for this athlete (a failure is said in the status bar with the log's path).
        rebuild_plan(
            self.ctx,
            self.athlete_id,
            start=self.plan.start,
            weeks=len(self.plan.weeks),
            doing="made to follow the log",
        )

    def pending_replan(self) -> bool:
        return self._replan.isActive()
