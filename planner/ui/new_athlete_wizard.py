"""New athlete, start to paper: name and running week, races, equipment, then the plan.

Three short pages a coach who has never seen the app can fill in with a handful of keys: presets for
the running week (3 to 6 runs, long run Saturday or Sunday) and the equipment (none, home, gym), race
dates typed straight into the field. Everything stays adjustable afterwards in the Athletes view. The
athlete is added with one undoable command; the window then opens the plan, where Ctrl+Shift+S saves
the season PDF and Ctrl+Shift+P prints it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from planner.domain import limits
from planner.domain.athlete import Athlete, Priority, Race
from planner.domain.errors import BadInput
from planner.domain.week_presets import EQUIPMENT_PRESET_LABELS, EQUIPMENT_PRESETS, RUN_COUNTS, preset_week

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow

RACE_ROWS = 3
ACCELERATORS = {"none": "N", "home": "h", "gym": "g"}


def _with_accelerator(text: str, letter: str) -> str:
    at = text.find(letter)
    return f"{text[:at]}&{text[at:]}" if at >= 0 else text


@dataclass(frozen=True, slots=True)
class NewAthleteAnswers:
    athlete: Athlete
    symptom_check: bool  # run the symptom check for them next


class NamePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Who is it, and how do they run?")
        self.setSubTitle("Pick the nearest week; you can change any day later in the Athletes view.")
        self.name = QLineEdit(self)
        self.name.setMaxLength(limits.ATHLETE_NAME.chars)
        self.name.setPlaceholderText("The athlete's name")
        self.name.textChanged.connect(self.completeChanged)
        self.runs = QButtonGroup(self)
        runs_row = QGridLayout()
        for column, count in enumerate(RUN_COUNTS):
            button = QRadioButton(f"&{count} runs", self)
            button.setChecked(count == 4)
            self.runs.addButton(button, count)
            runs_row.addWidget(button, 0, column)
        self.long_day = QComboBox(self)
        self.long_day.addItem("Sunday", "sun")
        self.long_day.addItem("Saturday", "sat")
        form = QFormLayout(self)
        name_label = QLabel("&Name", self)
        name_label.setBuddy(self.name)
        long_label = QLabel("&Long run on", self)
        long_label.setBuddy(self.long_day)
        form.addRow(name_label, self.name)
        form.addRow("Runs a week", runs_row)
        form.addRow(long_label, self.long_day)

    def isComplete(self) -> bool:
        return bool(self.name.text().strip())


class RacesPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Races")
        self.hint = "Type a date as 21/03/2027 or 2027-03-21, and a name. No race yet? Go on."
        self.setSubTitle(self.hint)
        grid = QGridLayout(self)
        for column, text in enumerate(("Date", "Race", "Priority")):
            grid.addWidget(QLabel(f"<b>{text}</b>", self), 0, column)
        self.rows: list[tuple[QLineEdit, QLineEdit, QComboBox]] = []
        for row in range(1, RACE_ROWS + 1):
            date = QLineEdit(self)  # typed, not arrowed: a date field's sections fight a coach typing
            date.setPlaceholderText("dd/mm/yyyy")
            date.setMaxLength(10)
            name = QLineEdit(self)
            name.setMaxLength(limits.RACE_NAME.chars)
            name.setPlaceholderText("e.g. Spring Marathon")
            priority = QComboBox(self)
            for value in Priority:
                priority.addItem(f"{value.value} race", value.value)
            self.rows.append((date, name, priority))
            for column, widget in enumerate((date, name, priority)):
                grid.addWidget(widget, row, column)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(RACE_ROWS + 1, 1)

    def initializePage(self) -> None:
        self.rows[0][0].setFocus()  # typing starts with the first race's date

    def races(self) -> tuple[Race, ...]:
        """The races typed so far; BadInput names the first date that cannot be read."""
        out = []
        for date, name, priority in self.rows:
            if not date.text().strip():
                continue
            day = parse_typed_date(date.text())
            out.append(Race(day, name.text().strip() or "Race", Priority(priority.currentData())))
        return tuple(sorted(out, key=lambda r: r.date))

    def validatePage(self) -> bool:
        try:
            races = self.races()
        except BadInput as exc:
            self.setSubTitle(f"{exc}. {self.hint}")
            return False
        today = dt.date.today()
        past = [r for r in races if r.date < today]
        if past:
            self.setSubTitle(f"{past[0].date:%d %b %Y} is in the past: the plan only looks ahead. Change or clear it.")
            return False
        self.setSubTitle(self.hint)
        return True


def parse_typed_date(text: str) -> dt.date:
    """21/03/2027, 21.3.2027 or 2027-03-21 as a date; BadInput in the coach's words otherwise."""
    cleaned = text.strip().replace(".", "/").replace("-", "/")
    parts = cleaned.split("/")
    try:
        if len(parts) == 3 and len(parts[0]) == 4:
            year, month, day = (int(p) for p in parts)
        elif len(parts) == 3:
            day, month, year = (int(p) for p in parts)
        else:
            raise ValueError
        return dt.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        raise BadInput(f"{text.strip()!r} is not a date") from None


class EquipmentPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Equipment and a symptom check")
        self.setSubTitle("What the athlete can train with; fine-tune it later in the Athletes view.")
        self.choice = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for i, (key, label) in enumerate(EQUIPMENT_PRESET_LABELS.items()):
            button = QRadioButton(_with_accelerator(label, ACCELERATORS[key]), self)
            button.setProperty("preset", key)
            button.setChecked(key == "home")
            self.choice.addButton(button, i)
            layout.addWidget(button)
        self.symptom_check = QCheckBox("Run the s&ymptom check next (a few minutes; optional)", self)
        layout.addSpacing(12)
        layout.addWidget(self.symptom_check)
        layout.addStretch(1)
        self.setFinalPage(True)

    def equipment(self) -> frozenset[str]:
        button = self.choice.checkedButton()
        return EQUIPMENT_PRESETS[button.property("preset") if button is not None else "none"]


class NewAthleteWizard(QWizard):
    """Collects a new athlete; `answers()` after it was accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New athlete")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Make the plan")
        self.name_page = NamePage(self)
        self.races_page = RacesPage(self)
        self.equipment_page = EquipmentPage(self)
        for page in (self.name_page, self.races_page, self.equipment_page):
            self.addPage(page)
        self.resize(620, 420)

    def answers(self) -> NewAthleteAnswers:
        runs = self.name_page.runs.checkedId()
        week = preset_week(runs if runs in RUN_COUNTS else 4, self.name_page.long_day.currentData())
        athlete = Athlete(
            name=self.name_page.name.text().strip(),
            week=week,
            races=self.races_page.races(),
            equipment=self.equipment_page.equipment(),
        )
        return NewAthleteAnswers(athlete, self.equipment_page.symptom_check.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> tuple[NewAthleteAnswers | None, bool]:
        """Run the wizard; (answers, True) when the coach finished it, (None, False) when cancelled."""
        wizard = cls(parent)
        try:
            if wizard.exec() != QWizard.DialogCode.Accepted:
                return None, False
            return wizard.answers(), True
        finally:
            wizard.deleteLater()


def open_new_athlete(window: MainWindow) -> int | None:
    """The whole flow from the window: ask, add (undoable), open the plan or the symptom check."""
    from planner.ui.athlete_commands import AddAthlete

    ctx = window.ctx
    if ctx.db is None:
        ctx.say("The database is still opening…")
        return None
    answers, ok = NewAthleteWizard.ask(window)
    window.activateWindow()  # the keys that follow (Ctrl+Shift+S) are the window's again
    if not ok or answers is None:
        return None
    command = AddAthlete(ctx, answers.athlete)
    ctx.undo_stack.push(command)
    athlete_id = command.athlete_id
    if athlete_id is None:
        return None
    if answers.symptom_check:
        window.open_wizard_for(athlete_id)
    else:
        view = window.show_view("plan")
        view.setFocus(Qt.FocusReason.OtherFocusReason)
    ctx.say(f"{answers.athlete.name}'s season is ready: Ctrl+Shift+S saves it as a PDF, Ctrl+Shift+P prints it.")
    return athlete_id
