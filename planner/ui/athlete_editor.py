"""The athlete form: name, level, note, running week, races, equipment and planned mileage.

The form never writes to the database itself: when the coach finishes a change it emits `changed`
with the new Athlete and the view pushes an undoable command. Text fields commit on editingFinished,
drop-downs and check boxes at once, dates after a short pause (typing a date passes through others).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from planner.domain import limits
from planner.domain.athlete import DAY_NAMES, DAYS, LEVELS, Athlete, DayKind, Mileage, Priority, Race
from planner.domain.errors import BadInput
from planner.domain.exercise import EQUIPMENT, EQUIPMENT_LABELS
from planner.domain.week_suggestions import is_past
from planner.ui.phase_colors import RUN_LABELS, RUN_SHORT
from planner.ui.style import set_tone
from planner.ui.text_limits import cap_plain_text

DATE_DEBOUNCE_MS = 500


class NoteEdit(QPlainTextEdit):
    """A multi-line note that reports when the coach leaves it, like QLineEdit.editingFinished."""

    editing_finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


def parse_km_list(text: str) -> tuple[float, ...]:
    """ "40, 44, 48" → (40.0, 44.0, 48.0); BadInput names the entry that is not a distance."""
    values: list[float] = []
    for i, part in enumerate(p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        try:
            km = float(part.replace("km", "").strip())
        except ValueError:
            raise BadInput(f"entry {i + 1} ({part!r}) is not a number of km", field="weekly km") from None
        if not 0 <= km <= 1000:
            raise BadInput(f"entry {i + 1} ({part}) should be 0-1000 km", field="weekly km")
        values.append(km)
    return tuple(values)


def format_km_list(values: tuple[float, ...]) -> str:
    return ", ".join(f"{v:g}" for v in values)


class AthleteEditor(QWidget):
    changed = Signal(int, object)  # athlete id, Athlete: the coach finished a change
    wizard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._athlete: Athlete | None = None
        self.athlete_id: int | None = None
        self._date_timer = QTimer(self, singleShot=True, interval=DATE_DEBOUNCE_MS)
        self._date_timer.timeout.connect(self._commit)

        self.heading = QLabel()
        self.heading.setObjectName("athleteHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.wizard_button = QPushButton("Symptom check…")
        self.wizard_button.setToolTip(
            "Run the symptom wizard for this athlete; a self-care result adds a corrective routine to the plan"
        )
        self.wizard_button.clicked.connect(self.wizard_requested)

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(limits.ATHLETE_NAME.chars)
        self.name_edit.setPlaceholderText("Athlete's name")
        self.name_edit.editingFinished.connect(self._commit)
        self.level_combo = QComboBox()
        for level in LEVELS:
            self.level_combo.addItem(level.capitalize(), level)
        self.level_combo.currentIndexChanged.connect(self._commit)
        self.note_edit = NoteEdit()
        cap_plain_text(self.note_edit, limits.ATHLETE_NOTE.chars)
        self.note_edit.setPlaceholderText("Injury history, preferences, anything to remember")
        self.note_edit.setFixedHeight(60)
        self.note_edit.editing_finished.connect(self._commit)

        self.day_combos: dict[str, QComboBox] = {}
        week_box = QGroupBox("Running week")
        week_grid = QGridLayout(week_box)
        for col, day in enumerate(DAYS):
            label = QLabel(DAY_NAMES[day][:3])
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            combo = QComboBox()
            combo.setAccessibleName(f"{DAY_NAMES[day]} run")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            combo.setMinimumWidth(64)  # seven must fit beside the roster
            for kind in DayKind:
                combo.addItem(RUN_SHORT[kind.value], kind.value)
                combo.setItemData(combo.count() - 1, RUN_LABELS[kind.value], Qt.ItemDataRole.ToolTipRole)
            combo.currentIndexChanged.connect(self._commit)
            self.day_combos[day] = combo
            week_grid.addWidget(label, 0, col)
            week_grid.addWidget(combo, 1, col)

        races_box = QGroupBox("Races")
        self.races_table = QTableWidget(0, 3)
        self.races_table.setHorizontalHeaderLabels(["Date", "Race", "Priority"])
        self.races_table.verticalHeader().hide()
        self.races_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.races_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.races_table.horizontalHeader()
        # Cell widgets do not count for ResizeToContents: give the date and priority their room.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 170)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 70)
        self.races_table.setMinimumHeight(100)
        self.races_table.setMaximumHeight(170)
        self.add_race_button = QPushButton("Add race")
        self.add_race_button.clicked.connect(self.add_race)
        self.remove_race_button = QPushButton("Remove race")
        self.remove_race_button.clicked.connect(self.remove_selected_race)
        race_buttons = QHBoxLayout()
        race_buttons.addWidget(self.add_race_button)
        race_buttons.addWidget(self.remove_race_button)
        race_buttons.addStretch(1)
        # Beside the table, not a dialog: said as the coach types a date, gone once the date is corrected.
        self.past_race_label = QLabel()
        self.past_race_label.setObjectName("pastRaceMessage")
        set_tone(self.past_race_label, "warning")
        self.past_race_label.setWordWrap(True)
        self.past_race_label.hide()
        races_layout = QVBoxLayout(races_box)
        races_layout.addWidget(self.races_table)
        races_layout.addWidget(self.past_race_label)
        races_layout.addLayout(race_buttons)

        equipment_box = QGroupBox("Equipment at hand (body-weight exercises need none)")
        equipment_grid = QGridLayout(equipment_box)
        self.equipment_checks: dict[str, QCheckBox] = {}
        for i, item in enumerate(EQUIPMENT):
            check = QCheckBox(EQUIPMENT_LABELS[item])
            check.toggled.connect(self._commit)
            self.equipment_checks[item] = check
            equipment_grid.addWidget(check, i // 3, i % 3)

        self.mileage_edit = QLineEdit()
        self.mileage_edit.setPlaceholderText("optional, e.g. 40, 44, 48, 36")
        self.mileage_edit.setToolTip(
            "Planned weekly distance in km for plan weeks 1, 2, 3, …; the plan "
            "warns when a week rises more than 10 % over the one before"
        )
        self.mileage_edit.editingFinished.connect(self._commit)
        self.mileage_error = QLabel()
        set_tone(self.mileage_error, "error")
        self.mileage_error.setWordWrap(True)
        self.mileage_error.hide()

        form = QFormLayout()
        form.addRow("Name", self.name_edit)
        form.addRow("Level", self.level_combo)
        form.addRow("Note", self.note_edit)
        mileage_form = QFormLayout()
        mileage_form.addRow("Weekly km", self.mileage_edit)
        mileage_form.addRow("", self.mileage_error)

        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.wizard_button)

        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(head)
        column.addLayout(form)
        column.addWidget(week_box)
        column.addWidget(races_box)
        column.addWidget(equipment_box)
        column.addLayout(mileage_form)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # --- showing an athlete ---------------------------------------------------------------------

    def athlete(self) -> Athlete | None:
        return self._athlete

    def set_athlete(self, athlete: Athlete | None, athlete_id: int | None = None) -> None:
        """Show `athlete` without emitting `changed` (fields the coach is typing in are replaced too)."""
        if self._date_timer.isActive() and athlete_id != self.athlete_id:
            self._commit()  # a date still waiting out its pause belongs to the athlete shown before
        self._date_timer.stop()
        self._athlete = athlete
        self.athlete_id = athlete_id if athlete is not None else None
        self.setEnabled(athlete is not None)
        if athlete is None:
            return
        blockers = [
            QSignalBlocker(w)
            for w in (
                self.name_edit,
                self.level_combo,
                self.note_edit,
                self.mileage_edit,
                *self.day_combos.values(),
                *self.equipment_checks.values(),
            )
        ]
        self.heading.setText(athlete.name)
        if self.name_edit.text() != athlete.name:
            self.name_edit.setText(athlete.name)
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(athlete.level)))
        if self.note_edit.toPlainText() != athlete.note:
            self.note_edit.setPlainText(athlete.note)
        for day, combo in self.day_combos.items():
            combo.setCurrentIndex(combo.findData(athlete.week.get(day, DayKind.REST).value))
        for item, check in self.equipment_checks.items():
            check.setChecked(item in athlete.equipment)
        self.mileage_edit.setText(format_km_list(athlete.mileage.weekly_km) if athlete.mileage else "")
        self.mileage_error.hide()
        del blockers
        if self._races_shown() != sorted(athlete.races, key=lambda r: r.date):
            self._fill_races(athlete.races)
        self._show_past_races()

    def _fill_races(self, races: tuple[Race, ...]) -> None:
        self.races_table.setRowCount(0)
        for race in sorted(races, key=lambda r: r.date):
            self._append_race_row(race)

    def _append_race_row(self, race: Race) -> int:
        row = self.races_table.rowCount()
        self.races_table.insertRow(row)
        date_edit = QDateEdit(QDate(race.date.year, race.date.month, race.date.day))
        date_edit.setCalendarPopup(True)
        date_edit.setDisplayFormat("ddd d MMM yyyy")
        date_edit.dateChanged.connect(self._date_timer.start)
        date_edit.dateChanged.connect(self._show_past_races)
        date_edit.editingFinished.connect(self._commit)
        name_edit = QLineEdit(race.name)
        name_edit.setMaxLength(limits.RACE_NAME.chars)
        name_edit.setFrame(False)
        name_edit.editingFinished.connect(self._commit)
        priority = QComboBox()
        for p in Priority:
            priority.addItem(p.value, p.value)
        priority.setCurrentIndex(priority.findData(race.priority.value))
        priority.setToolTip("A: the goal race (taper before it); B: a tune-up; C: a training race")
        priority.currentIndexChanged.connect(self._commit)
        self.races_table.setCellWidget(row, 0, date_edit)
        self.races_table.setCellWidget(row, 1, name_edit)
        self.races_table.setCellWidget(row, 2, priority)
        return row

    def race_date_edit(self, row: int) -> QDateEdit:
        return self.races_table.cellWidget(row, 0)  # type: ignore[return-value]

    def race_name_edit(self, row: int) -> QLineEdit:
        return self.races_table.cellWidget(row, 1)  # type: ignore[return-value]

    def race_priority_combo(self, row: int) -> QComboBox:
        return self.races_table.cellWidget(row, 2)  # type: ignore[return-value]

    def _races_shown(self) -> list[Race]:
        races = []
        for row in range(self.races_table.rowCount()):
            date_edit = self.race_date_edit(row)
            name_edit = self.race_name_edit(row)
            combo = self.race_priority_combo(row)
            if date_edit is None or name_edit is None or combo is None:
                continue
            races.append(
                Race(
                    date=date_edit.date().toPython(),
                    name=name_edit.text().strip() or "Race",
                    priority=Priority(combo.currentData()),
                )
            )
        return sorted(races, key=lambda r: r.date)

    # --- races ----------------------------------------------------------------------------------

    def _show_past_races(self) -> None:
        """Say which races are dated in the past: the plan cannot prepare for them and leaves them out."""
        today = dt.date.today()
        past = [race for race in self._races_shown() if is_past(race, today)]
        if not past:
            self.past_race_label.hide()
            return
        named = "; ".join(f"{race.name} ({race.date:%a} {race.date.day} {race.date:%b %Y})" for race in past)
        one = len(past) == 1
        self.past_race_label.setText(
            f"{'This race is' if one else 'These races are'} in the past: {named}. The plan leaves "
            f"{'it' if one else 'them'} out; correct the date or remove the race."
        )
        self.past_race_label.show()

    def add_race(self) -> None:
        """A new B race eight weeks out (a typical tune-up distance from today); the coach edits it."""
        when = dt.date.today() + dt.timedelta(weeks=8)
        when += dt.timedelta(days=(6 - when.weekday()))  # races are mostly on Sundays
        row = self._append_race_row(Race(date=when, name="New race", priority=Priority.B))
        self.races_table.selectRow(row)
        self._commit()
        self.race_name_edit(row).setFocus()
        self.race_name_edit(row).selectAll()

    def remove_selected_race(self) -> None:
        row = self.races_table.currentRow()
        if row < 0 and self.races_table.rowCount():
            row = self.races_table.rowCount() - 1
        if row < 0:
            return
        self.races_table.removeRow(row)
        self._show_past_races()
        self._commit()

    # --- collecting the coach's version ---------------------------------------------------------

    def _mileage(self, current: Mileage | None) -> Mileage | None:
        weekly = parse_km_list(self.mileage_edit.text())
        if not weekly and (current is None or not (current.long_run_km or current.history_long_run_km)):
            return None
        return replace(current or Mileage(), weekly_km=weekly)

    def edited_athlete(self) -> Athlete | None:
        """The athlete as the form shows it now (fields the form does not show are kept)."""
        if self._athlete is None:
            return None
        current = self._athlete
        if not self.name_edit.text().strip():
            self.name_edit.setText(current.name)  # a name is required; give the old one back
        try:
            mileage = self._mileage(current.mileage)
            self.mileage_error.hide()
            set_tone(self.mileage_edit, None)
        except BadInput as exc:
            self.mileage_error.setText(f"Not saved: {exc}. Write distances in km separated by commas.")
            self.mileage_error.show()
            set_tone(self.mileage_edit, "error")
            mileage = current.mileage
        return replace(
            current,
            name=self.name_edit.text().strip() or current.name,
            level=self.level_combo.currentData() or current.level,
            note=self.note_edit.toPlainText().strip(),
            week={day: DayKind(combo.currentData()) for day, combo in self.day_combos.items()},
            races=tuple(self._races_shown()),
            equipment=frozenset(item for item, check in self.equipment_checks.items() if check.isChecked()),
            mileage=mileage,
        )

    def commit_pending(self) -> None:
        """Save what the form shows now: a field still being typed in, a date still in its pause."""
        self._commit()

    def _commit(self) -> None:
        self._date_timer.stop()
        after = self.edited_athlete()
        if after is None or after == self._athlete or self.athlete_id is None:
            return
        self._athlete = after
        self.heading.setText(after.name)
        self.changed.emit(self.athlete_id, after)
