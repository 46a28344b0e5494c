"""The season as a table model: one row per week, a week column, Monday..Sunday, and warnings."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from planner.domain.athlete import DAY_NAMES, DAYS, Athlete, Phase
from planner.domain.plan import Plan, Session, Week
from planner.domain.week_suggestions import Suggestion, suggested_runs
from planner.ui.phase_colors import RUN_LABELS, SESSION_LABELS

WEEK_COLUMN = 0
FIRST_DAY_COLUMN = 1
WARNINGS_COLUMN = FIRST_DAY_COLUMN + len(DAYS)

CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # WeekCell, DayCell or the week's warnings (list[str])

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class WeekCell:
    week: Week
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DayCell:
    date: dt.date
    run: str  # rest / easy / quality / long / race
    race: str | None
    sessions: tuple[Session, ...]
    edited: frozenset[str]  # keys of the sessions the coach edited
    phase: Phase
    race_priority: str | None = None  # A, B or C
    held: bool = False  # the symptom check holds this day: no strength, routine or mobility
    run_note: str | None = None  # e.g. "See a clinician before running" (urgent or emergency check)
    usual: str | None = None  # the athlete's usual run that weekday (None on a race day)
    changed: bool = False  # the coach set this day's run for this week (Athlete.week_overrides)
    suggested: str | None = None  # why the plan changed this day's run by default, e.g. "day before Club 10k"

    def is_edited(self, session: Session) -> bool:
        return session.edited or session.key in self.edited


def week_dates(week: Week) -> str:
    end = week.end
    if week.start.month == end.month:
        return f"{week.start.day}–{end.day} {end:%b}"
    return f"{week.start.day} {week.start:%b} – {end.day} {end:%b}"


def session_line(session: Session) -> str:
    return f"{session.title} · {len(session.exercises)} ex · {round(session.minutes())} min"


def plan_summary(plan: Plan) -> str:
    """ "22 weeks: 6 off-season, 4 pre-season, … · 3 deload · 4 warnings", in season order."""
    counts = Counter(w.phase for w in plan.weeks)
    phases = ", ".join(f"{counts[p]} {p.label.lower()}" for p in Phase if counts[p])
    parts = [f"{len(plan.weeks)} weeks from {plan.start:%d %b %Y}: {phases}"]
    deloads = sum(1 for w in plan.weeks if w.deload)
    if deloads:
        parts.append(f"{deloads} deload")
    strength = sum(len(w.strength_sessions()) for w in plan.weeks)
    parts.append(f"{strength} strength sessions")
    if plan.warnings:
        parts.append(f"{len(plan.warnings)} warning{'s' if len(plan.warnings) != 1 else ''}")
    return " · ".join(parts)


class PlanModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan: Plan | None = None
        self._athlete: Athlete | None = None
        self._edited: frozenset[str] = frozenset()
        self._suggested: dict[tuple[dt.date, str], Suggestion] = {}
        self._cells: list[list[WeekCell | DayCell | tuple[str, ...] | None]] = []

    def set_plan(
        self, plan: Plan | None, athlete: Athlete | None = None, edited_keys: frozenset[str] = frozenset()
    ) -> None:
        self.beginResetModel()
        self.plan = plan
        self._athlete = athlete
        self._edited = edited_keys
        # The same suggestions the scheduler applied: the coach sees which days the plan changed by default.
        self._suggested = (
            {(s.monday, s.day): s for s in suggested_runs(athlete, plan.start, len(plan.weeks))}
            if plan is not None and athlete is not None and plan.weeks
            else {}
        )
        # Built once per plan: painting asks for every visible cell on every scroll step.
        self._cells = [
            [self._make_cell(row, column) for column in range(WARNINGS_COLUMN + 1)]
            for row in range(len(plan.weeks) if plan is not None else 0)
        ]
        self.endResetModel()

    def week_at(self, row: int) -> Week | None:
        if self.plan is None or not 0 <= row < len(self.plan.weeks):
            return None
        return self.plan.weeks[row]

    def max_sessions_per_day(self) -> int:
        if self.plan is None:
            return 0
        return max(
            (sum(1 for s in w.sessions if s.date == d) for w in self.plan.weeks for d in {s.date for s in w.sessions}),
            default=0,
        )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.plan is None else len(self.plan.weeks)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else WARNINGS_COLUMN + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                if section == WEEK_COLUMN:
                    return "Week"
                if section == WARNINGS_COLUMN:
                    return "Warnings"
                if FIRST_DAY_COLUMN <= section < WARNINGS_COLUMN:
                    return DAY_NAMES[DAYS[section - FIRST_DAY_COLUMN]][:3]
            return None
        if role == Qt.ItemDataRole.DisplayRole and self.week_at(section) is not None:
            return str(section + 1)
        return None

    def cell(self, row: int, column: int) -> WeekCell | DayCell | tuple[str, ...] | None:
        if 0 <= row < len(self._cells) and 0 <= column <= WARNINGS_COLUMN:
            return self._cells[row][column]
        return None

    def _make_cell(self, row: int, column: int) -> WeekCell | DayCell | tuple[str, ...] | None:
        week = self.week_at(row)
        if week is None or self.plan is None:
            return None
        warnings = tuple(self.plan.warnings_for(week.index))
        if column == WEEK_COLUMN:
            return WeekCell(week, warnings)
        if column == WARNINGS_COLUMN:
            return warnings
        if not FIRST_DAY_COLUMN <= column < WARNINGS_COLUMN:
            return None
        day_id = DAYS[column - FIRST_DAY_COLUMN]
        date = week.start + dt.timedelta(days=column - FIRST_DAY_COLUMN)
        race = self._athlete.race_on(date) if self._athlete is not None else None
        run = "race" if race is not None else week.runs.get(day_id) or self._athlete_run(week.start, day_id)
        changed = self._athlete is not None and day_id in self._athlete.week_overrides.get(week.start.isoformat(), {})
        suggestion = self._suggested.get((week.start, day_id)) if race is None else None
        usual = self._athlete_usual(day_id) if self._athlete is not None and race is None else None
        race_name = race.name if race is not None else (week.race if run == "race" else None)
        return DayCell(
            date=date,
            run=run,
            race=race_name,
            sessions=tuple(week.sessions_on(date)),
            edited=self._edited,
            phase=week.phase,
            race_priority=race.priority.value if race is not None else None,
            held=self.plan.hold is not None and self.plan.hold.covers(date),
            run_note=week.run_notes.get(day_id),
            usual=usual,
            changed=changed and race is None,
            suggested=suggestion.reason if suggestion is not None else None,
        )

    def _athlete_run(self, monday: dt.date, day_id: str) -> str:
        # A plan saved before its week's runs were recorded: the athlete's week as changed for that week.
        if self._athlete is None:
            return "rest"
        changed = self._athlete.week_overrides.get(monday.isoformat(), {})
        return changed[day_id].value if day_id in changed else self._athlete_usual(day_id)

    def _athlete_usual(self, day_id: str) -> str:
        assert self._athlete is not None
        kind = self._athlete.week.get(day_id)
        return kind.value if kind is not None else "rest"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.cell(index.row(), index.column())
        if cell is None:
            return None
        if role == CELL_ROLE:
            return cell
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(cell)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _display(cell).replace("\n", ", ")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _display(cell: WeekCell | DayCell | tuple[str, ...]) -> str:
    if isinstance(cell, WeekCell):
        w = cell.week
        label = f"Week {w.index}\n{week_dates(w)}\n{w.phase.label}"
        return label + (" · deload" if w.deload else "")
    if isinstance(cell, DayCell):
        run = f"Race: {cell.race}" if cell.run == "race" and cell.race else RUN_LABELS.get(cell.run, cell.run)
        lines = [run] + [session_line(s) + (" (edited)" if cell.is_edited(s) else "") for s in cell.sessions]
        if cell.suggested:
            lines[0] += " (suggested)"
        elif cell.changed:
            lines[0] += " (changed this week)"
        if cell.run_note:
            lines.append(cell.run_note)
        elif cell.held and not cell.sessions:
            lines.append("On hold")
        return "\n".join(lines)
    return "\n".join(cell)


def _tooltip(cell: WeekCell | DayCell | tuple[str, ...]) -> str | None:
    if isinstance(cell, WeekCell):
        w = cell.week
        tip = f"Week {w.index}, {w.start:%a %d %b} – {w.end:%a %d %b %Y}: {w.phase.label}"
        if w.deload:
            tip += " (deload week: lighter strength work)"
        return "\n".join([tip, *cell.warnings])
    if isinstance(cell, DayCell):
        parts = [f"{cell.date:%A %d %B}: {_display(cell).splitlines()[0]}"]
        usual = RUN_LABELS.get(cell.usual or "", "").lower()
        if cell.suggested:
            parts.append(f"Suggested for the {cell.suggested}; the usual run is {usual} (right-click to keep it).")
        elif cell.changed:
            parts.append(f"Changed for this week only; the usual run is {usual} (right-click to change it).")
        if cell.run_note:
            parts.append(f"{cell.run_note}: the symptom check needs a clinician first.")
        if cell.held:
            parts.append("On hold: no strength, routine or mobility work until a clinician has looked.")
        for s in cell.sessions:
            edited = " — edited by the coach" if cell.is_edited(s) else ""
            parts.append(f"{SESSION_LABELS[s.kind]}: {s.title}{edited}\n  {s.why}")
        return "\n".join(parts)
    return "\n".join(cell) or None
