"""The roster as an item model: one row per athlete with level, next race and this week's phase."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from planner.domain.athlete import Athlete, Phase, Race
from planner.domain.dates import monday_of
from planner.domain.phases import phase_of_week
from planner.domain.plan import WeekSummary
from planner.store.athletes import StoredAthlete
from planner.ui.colors import color, phase_band, phase_color

ATHLETE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PHASE_ROLE = Qt.ItemDataRole.UserRole + 2

# Short headers: the roster shares the view with the editor, and the stretching "Next race" column gets what the
# others leave (it was squeezed to "…"). The tooltips say the rest.
COLUMNS: tuple[str, ...] = ("Name", "Level", "Next race", "Phase", "Last week")
LAST_WEEK = 4  # last week's training log: "83 % · 4/10" (sets done, highest pain), one column for a narrow roster

_Index = QModelIndex | QPersistentModelIndex


def next_race(athlete: Athlete, today: dt.date) -> Race | None:
    return next((r for r in athlete.races if r.date >= today), None)


def describe_race(race: Race | None, today: dt.date) -> str:
    if race is None:
        return "—"
    weeks = (race.date - today).days // 7
    when = "this week" if weeks == 0 else f"in {weeks} wk"
    date = f"{race.date:%d %b}" if weeks < 40 else f"{race.date:%d %b %Y}"
    return f"{race.name} ({race.priority.value}) · {date} · {when}"


class AthleteListModel(QAbstractTableModel):
    """Rows of StoredAthlete; `set_athletes` replaces them all (the roster is small)."""

    def __init__(self, parent: Any = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StoredAthlete] = []
        self._phases: list[Phase] = []
        self._today = today or dt.date.today()
        self._last_weeks: dict[int, WeekSummary | None] = {}  # athlete id -> last week's training log

    def set_athletes(self, athletes: list[StoredAthlete]) -> None:
        self.beginResetModel()
        self._rows = list(athletes)
        monday = monday_of(self._today)
        self._phases = [phase_of_week(a.athlete, monday) for a in self._rows]
        self.endResetModel()

    def set_last_weeks(self, summaries: dict[int, WeekSummary | None]) -> None:
        """Last week's training log per athlete id (adherence and highest pain columns)."""
        self._last_weeks = dict(summaries)
        if self._rows:
            self.dataChanged.emit(self.index(0, LAST_WEEK), self.index(len(self._rows) - 1, LAST_WEEK))

    def last_monday(self) -> dt.date:
        return monday_of(self._today) - dt.timedelta(days=7)

    def athlete_at(self, row: int) -> StoredAthlete | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, athlete_id: int) -> int | None:
        for row, stored in enumerate(self._rows):
            if stored.id == athlete_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == LAST_WEEK:
            return "Last week's training log: the share of the sets done · the highest pain (0-10)"
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == 3:
            return "The phase of the season this week"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        stored = self._rows[index.row()]
        athlete = stored.athlete
        phase = self._phases[index.row()]
        column = index.column()
        if role == ATHLETE_ID_ROLE:
            return stored.id
        if role == PHASE_ROLE:
            return phase.value
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return athlete.name
            if column == 1:
                return athlete.level.capitalize()
            if column == 2:
                return describe_race(next_race(athlete, self._today), self._today)
            if column == 3:
                return phase.label
            if column == LAST_WEEK:
                last = self._last_weeks.get(stored.id)
                if last is None:
                    return "—"
                done = "—" if last.adherence is None else f"{round(last.adherence * 100)} %"
                pain = "—" if last.max_pain is None else f"{last.max_pain}/10"
                return f"{done} · {pain}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == LAST_WEEK:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0 and athlete.note:
                return athlete.note
            if column == LAST_WEEK:
                monday = self.last_monday()
                return (
                    f"Training log of {monday:%a} {monday.day} {monday:%b} – {monday + dt.timedelta(days=6):%a} "
                    f"{(monday + dt.timedelta(days=6)).day} {monday + dt.timedelta(days=6):%b}: the share of the "
                    "sets done · the highest pain during a session (0-10)"
                )
            if column == 2 and athlete.races:  # the cell elides; the tooltip lists every race
                return "\n".join(f"{r.date:%a %d %b %Y}: {r.name} ({r.priority.value})" for r in athlete.races)
        if role == Qt.ItemDataRole.DecorationRole and column == 3:
            return phase_color(phase)
        if role == Qt.ItemDataRole.BackgroundRole and column == 3:
            return phase_band(phase)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:  # the band's own text: it is light in both palettes
            return color("text")
        return None


class AthleteFilterModel(QSortFilterProxyModel):
    """Filters the roster by any part of the name, ignoring case and accents typed or not."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = _fold(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        name = model.data(model.index(source_row, 0, source_parent), Qt.ItemDataRole.DisplayRole) or ""
        return self._needle in _fold(str(name))


def _fold(text: str) -> str:
    """Lowercase without accents, so "zoe" finds "Zoë" and "lukas" finds "Łukasiewicz"."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ł", "l"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
