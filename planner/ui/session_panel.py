"""The side panel: one session's reason and its exercises, with the doses the coach may change."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain import limits
from planner.domain.errors import BadInput
from planner.domain.exercise import DOSE_LIMITS, Dose
from planner.domain.plan import PlannedExercise, Session
from planner.ui.colors import session_color
from planner.ui.phase_colors import SESSION_LABELS
from planner.ui.style import set_tone, unbroken_units

DOSE_DEBOUNCE_MS = 600
# (field, label, optional): an optional field shows "—" one below its minimum for "not used".
DOSE_FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("sets", "Sets", False),
    ("reps", "Reps", True),
    ("hold_s", "Hold (s)", True),
    ("duration_s", "Time (s)", True),
    ("rest_s", "Rest (s)", True),
)


class ExerciseDoseRow(QFrame):
    """One exercise: its name, the dose in words, and spin boxes for each number."""

    edited = Signal(object, object)  # old PlannedExercise, new PlannedExercise

    def __init__(self, exercise: PlannedExercise, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.exercise = exercise
        self._timer = QTimer(self, singleShot=True, interval=DOSE_DEBOUNCE_MS)
        self._timer.timeout.connect(self.commit)

        self.name_label = QLabel(f"<b>{exercise.name}</b>")
        self.name_label.setWordWrap(True)
        self.dose_label = QLabel()
        self.dose_label.setStyleSheet("color: palette(placeholder-text);")
        self.error_label = QLabel()
        set_tone(self.error_label, "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.spins: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(1)
        for i, (name, label, optional) in enumerate(DOSE_FIELDS):
            row, col = 2 * (i // 3), i % 3  # three to a line: the panel is narrow
            low, high = DOSE_LIMITS[name]
            spin = QSpinBox()
            spin.setRange(low - 1 if optional else low, high)
            if optional:
                spin.setSpecialValueText("—")
            spin.setAccessibleName(f"{exercise.name} {label}")
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self._timer.start)
            spin.editingFinished.connect(self.commit)
            self.spins[name] = spin
            caption = QLabel(label)
            caption.setStyleSheet("color: palette(placeholder-text); font-size: 8pt;")
            grid.addWidget(caption, row, col)
            grid.addWidget(spin, row + 1, col)
        self.notes_edit = QLineEdit()
        self.notes_edit.setMaxLength(limits.PLAN_NOTE.chars)
        self.notes_edit.setPlaceholderText("Notes for the athlete")
        self.notes_edit.editingFinished.connect(self.commit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addWidget(self.name_label)
        layout.addWidget(self.dose_label)
        layout.addLayout(grid)
        layout.addWidget(self.notes_edit)
        layout.addWidget(self.error_label)
        self.show_exercise(exercise)
        self.setMinimumHeight(self.sizeHint().height())  # a long session scrolls; rows never squash

    def pending(self) -> bool:
        return self._timer.isActive()

    def show_exercise(self, exercise: PlannedExercise) -> None:
        self._timer.stop()
        self.exercise = exercise
        for name, spin in self.spins.items():
            value = getattr(exercise.dose, name)
            with QSignalBlocker(spin):
                spin.setValue(spin.minimum() if value is None else value)
        if self.notes_edit.text() != exercise.notes:
            with QSignalBlocker(self.notes_edit):
                self.notes_edit.setText(exercise.notes)
        self.dose_label.setText(unbroken_units(exercise.dose.describe()))
        self.error_label.hide()

    def _value(self, name: str) -> int | None:
        spin = self.spins[name]
        if spin.specialValueText() and spin.value() == spin.minimum():
            return None
        return spin.value()

    def edited_exercise(self) -> PlannedExercise:
        """The exercise as the boxes show it; BadInput when the dose would be incomplete."""
        old = self.exercise.dose
        dose = Dose(
            sets=self._value("sets") or 1,
            reps=self._value("reps"),
            hold_s=self._value("hold_s"),
            duration_s=self._value("duration_s"),
            each_side=old.each_side,
            rest_s=self._value("rest_s"),
            tempo=old.tempo,
        )
        return replace(self.exercise, dose=dose, notes=self.notes_edit.text().strip())

    def commit(self) -> None:
        self._timer.stop()
        try:
            new = self.edited_exercise()
        except BadInput:
            self.error_label.setText("A dose needs reps, a hold or a time; the last saved dose is kept.")
            self.error_label.show()
            return
        self.error_label.hide()
        if new != self.exercise:
            old = self.exercise
            self.exercise = new
            self.dose_label.setText(unbroken_units(new.dose.describe()))
            self.edited.emit(old, new)


class SessionPanel(QWidget):
    """Shows one session; `dose_edited(session_key, old, new)` when the coach changes a dose."""

    dose_edited = Signal(str, object, object)
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.rows: list[ExerciseDoseRow] = []
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Close the session (Esc)")
        self.close_button.clicked.connect(self.close_requested)
        self.meta_label = QLabel()
        self.meta_label.setWordWrap(True)
        self.why_label = QLabel()
        self.why_label.setWordWrap(True)
        self.why_label.setStyleSheet("font-style: italic; color: palette(placeholder-text);")
        self.edited_label = QLabel("● Doses edited by you — kept when the plan is regenerated")
        set_tone(self.edited_label, "edited")
        self.edited_label.setWordWrap(True)
        self.placeholder = QLabel(
            "Click a session in the plan (or select a day and press Enter) to see its exercises and change their doses."
        )
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: palette(placeholder-text);")

        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self._list)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.placeholder)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(title_row)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.why_label)
        layout.addWidget(self.edited_label)
        layout.addWidget(self.scroll, 1)
        self.show_session(None)

    def show_session(self, session: Session | None, *, edited: bool = False) -> None:
        """Show `session`; the same session again only refreshes the values (keeps focus and scroll)."""
        same = (
            session is not None
            and self.session is not None
            and session.key == self.session.key
            and [e.id for e in session.exercises] == [r.exercise.id for r in self.rows]
        )
        self.session = session
        for widget in (self.title_label, self.close_button, self.meta_label, self.why_label, self.scroll):
            widget.setVisible(session is not None)
        self.placeholder.setVisible(session is None)
        self.edited_label.setVisible(session is not None and edited)
        if session is None:
            self._clear_rows()
            return
        kind_colour = session_color(session.kind).name()
        self.title_label.setText(session.title)
        self.meta_label.setText(
            f"<span style='color:{kind_colour}'>■</span> {SESSION_LABELS[session.kind]} · {session.date:%A %d %B %Y}"
            f" · {len(session.exercises)} exercises · about {round(session.minutes())} min"
        )
        self.why_label.setText(session.why)
        self.title_label.setToolTip(session.why)
        if same:
            for row, exercise in zip(self.rows, session.exercises, strict=True):
                if row.exercise != exercise:
                    row.show_exercise(exercise)
            return
        self._clear_rows()
        for exercise in session.exercises:
            row = ExerciseDoseRow(exercise)
            row.edited.connect(self._on_row_edited)
            self._list_layout.insertWidget(self._list_layout.count() - 1, row)
            self.rows.append(row)

    def _clear_rows(self) -> None:
        for row in self.rows:
            if row.pending():
                row.commit()  # a change still waiting out its pause is saved, not dropped
            row.hide()
            row.deleteLater()
        self.rows = []

    def _on_row_edited(self, old: PlannedExercise, new: PlannedExercise) -> None:
        if self.session is not None:
            self.dose_edited.emit(self.session.key, old, new)
