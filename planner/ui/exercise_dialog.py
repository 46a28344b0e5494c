"""Add or edit one exercise. OK stays disabled, with the reason beside it, until the exercise is valid."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.domain import limits
from planner.domain.errors import BadInput
from planner.domain.exercise import (
    CONDITION_NAMES,
    CONDITIONS,
    DOSE_LIMITS,
    EQUIPMENT,
    EQUIPMENT_LABELS,
    Category,
    Dose,
    Exercise,
    slugify,
)
from planner.export.drawing import drawing_for, drawing_ids
from planner.ui.drawing_widget import DrawingView
from planner.ui.style import set_tone
from planner.ui.text_limits import cap_plain_text

NOT_SET = "none"


def _optional_spin(field: str, suffix: str = "") -> QSpinBox:
    """A spin box for an optional number: one below the minimum reads "none"."""
    low, high = DOSE_LIMITS[field]
    spin = QSpinBox()
    spin.setRange(low - 1, high)
    spin.setSpecialValueText(NOT_SET)
    spin.setSuffix(suffix)
    spin.setAccelerated(True)
    return spin


def _spin_value(spin: QSpinBox) -> int | None:
    return None if spin.value() == spin.minimum() else spin.value()


def _set_spin(spin: QSpinBox, value: int | None) -> None:
    spin.setValue(spin.minimum() if value is None else value)


def _split_commas(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _split_lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


NO_DRAWING = "No drawing"


def _drawing_picker() -> QComboBox:
    """ "No drawing" and every built-in drawing, named by the exercise it draws."""
    from planner.store.seed import builtin_exercises

    names = {ex.id: ex.name for ex in builtin_exercises()}
    picker = QComboBox()
    picker.addItem(NO_DRAWING, None)
    for drawing_id in sorted(drawing_ids(), key=lambda i: names.get(i, i).lower()):
        picker.addItem(names.get(drawing_id, drawing_id), drawing_id)
    picker.setMaxVisibleItems(20)
    return picker


class ExerciseDialog(QDialog):
    def __init__(
        self, exercise: Exercise | None = None, parent: QWidget | None = None, *, title: str | None = None
    ) -> None:
        super().__init__(parent)
        self.original = exercise
        self.setWindowTitle(title or ("Edit exercise" if exercise else "New exercise"))
        self._build()
        self._wire()
        if exercise is not None:
            self.set_exercise(exercise)
        self._revalidate()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.name = QLineEdit()
        self.name.setMaxLength(limits.EXERCISE_NAME.chars)
        self.name.setPlaceholderText("e.g. Side-lying clamshell")
        self.category = QComboBox()
        for cat in Category:
            self.category.addItem(cat.value.replace("-", " ").capitalize(), cat.value)
        self.sets = QSpinBox()
        self.sets.setRange(*DOSE_LIMITS["sets"])
        self.reps = _optional_spin("reps")
        self.hold = _optional_spin("hold_s", " s")
        self.duration = _optional_spin("duration_s", " s")
        low, high = DOSE_LIMITS["rest_s"]
        self.rest = QSpinBox()
        self.rest.setRange(low - 1, high)
        self.rest.setSpecialValueText("not set")
        self.rest.setSuffix(" s")
        self.each_side = QCheckBox("Each side")
        self.tempo = QLineEdit()
        self.tempo.setMaxLength(limits.TEMPO.chars)
        self.tempo.setPlaceholderText("e.g. 3-1-1")
        self.targets = QLineEdit()
        self.targets.setMaxLength(limits.TAGS.items * (limits.TAG.chars + 2))
        self.targets.setPlaceholderText("comma-separated, e.g. glute_med, quadriceps")
        self.aliases = QLineEdit()
        self.aliases.setMaxLength(limits.ALIASES.items * (limits.ALIAS.chars + 2))
        self.aliases.setPlaceholderText("other names, comma-separated")
        self.equipment = {e: QCheckBox(EQUIPMENT_LABELS[e]) for e in EQUIPMENT}
        self.conditions = {c: QCheckBox(CONDITION_NAMES[c]) for c in CONDITIONS}
        self.instructions = QPlainTextEdit()
        cap_plain_text(self.instructions, limits.INSTRUCTIONS_TEXT)
        self.instructions.setPlaceholderText("One step per line")
        self.cues = QPlainTextEdit()
        cap_plain_text(self.cues, limits.CUES_TEXT)
        self.cues.setPlaceholderText("One cue per line")
        self.easier = QLineEdit()
        self.easier.setMaxLength(limits.EASIER.chars)
        self.harder = QLineEdit()
        self.harder.setMaxLength(limits.HARDER.chars)
        self.drawing = _drawing_picker()
        self.drawing_preview = DrawingView()
        self.drawing_preview.setMinimumHeight(110)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        set_tone(self.problem, "error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)

        basics = QFormLayout()
        basics.addRow("&Name", self.name)
        basics.addRow("&Category", self.category)
        basics.addRow("&Targets", self.targets)
        basics.addRow("&Aliases", self.aliases)

        dose_box = QGroupBox("Dose")
        dose = QGridLayout(dose_box)
        dose.setHorizontalSpacing(16)
        dose.setVerticalSpacing(8)
        for i, (label, widget) in enumerate(
            (
                ("&Sets", self.sets),
                ("&Reps", self.reps),
                ("&Hold", self.hold),
                ("&Duration", self.duration),
                ("R&est", self.rest),
                ("Tem&po", self.tempo),
            )
        ):
            row, col = divmod(i, 3)
            caption = QLabel(label)
            caption.setBuddy(widget)
            dose.addWidget(caption, row * 2, col)
            dose.addWidget(widget, row * 2 + 1, col)
        dose.addWidget(self.each_side, 4, 0, 1, 3)

        equip_box = QGroupBox("Equipment (none ticked: body weight)")
        equip = QGridLayout(equip_box)
        for i, box in enumerate(self.equipment.values()):
            equip.addWidget(box, i // 3, i % 3)
        cond_box = QGroupBox("Helps with")
        cond = QGridLayout(cond_box)
        for i, box in enumerate(self.conditions.values()):
            cond.addWidget(box, i // 2, i % 2)

        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(8, 8, 8, 8)
        main_layout.setSpacing(8)
        main_layout.addLayout(basics)
        main_layout.addWidget(dose_box)
        main_layout.addWidget(equip_box)
        main_layout.addWidget(cond_box)
        main_layout.addStretch(1)

        how = QWidget()
        how_layout = QFormLayout(how)
        how_layout.setContentsMargins(8, 8, 8, 8)
        how_layout.addRow("&Steps", self.instructions)
        how_layout.addRow("C&ues", self.cues)
        how_layout.addRow("Eas&ier", self.easier)
        how_layout.addRow("Har&der", self.harder)
        how_layout.addRow("Dra&wing", self.drawing)
        how_layout.addRow("", self.drawing_preview)

        self.tabs = QTabWidget()
        self.tabs.addTab(main, "Exercise")
        self.tabs.addTab(how, "How to do it")

        footer = QHBoxLayout()
        footer.addWidget(self.problem, 1)
        footer.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(self.tabs)
        layout.addLayout(footer)
        self.resize(640, 640)

    def _wire(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._revalidate)
        for spin in (self.sets, self.reps, self.hold, self.duration, self.rest):
            spin.valueChanged.connect(self._revalidate)
        self.tempo.textChanged.connect(self._revalidate)
        for text in (self.instructions, self.cues):  # a line over its limit must say so at once
            text.textChanged.connect(self._revalidate)
        self.drawing.currentIndexChanged.connect(self._show_drawing)

    # -- values --------------------------------------------------------------------------------
    def set_exercise(self, ex: Exercise) -> None:
        self.name.setText(ex.name)
        self.category.setCurrentIndex(self.category.findData(ex.category.value))
        self.sets.setValue(ex.dose.sets)
        _set_spin(self.reps, ex.dose.reps)
        _set_spin(self.hold, ex.dose.hold_s)
        _set_spin(self.duration, ex.dose.duration_s)
        _set_spin(self.rest, ex.dose.rest_s)
        self.each_side.setChecked(ex.dose.each_side)
        self.tempo.setText(ex.dose.tempo or "")
        self.targets.setText(", ".join(ex.targets))
        self.aliases.setText(", ".join(ex.aliases))
        for key, box in self.equipment.items():
            box.setChecked(key in ex.equipment)
        for key, box in self.conditions.items():
            box.setChecked(key in ex.conditions)
        self.instructions.setPlainText("\n".join(ex.instructions))
        self.cues.setPlainText("\n".join(ex.cues))
        self.easier.setText(ex.easier or "")
        self.harder.setText(ex.harder or "")
        self.set_drawing(ex.drawing)

    def set_drawing(self, drawing_id: str | None) -> None:
        """Pick `drawing_id` (None: "No drawing"); an id this version does not ship is kept as it is."""
        index = self.drawing.findData(drawing_id)
        if index < 0:
            self.drawing.addItem(f"{drawing_id} (not in this version)", drawing_id)
            index = self.drawing.count() - 1
        self.drawing.setCurrentIndex(index)
        self._show_drawing()

    def _show_drawing(self) -> None:
        self.drawing_preview.set_drawing(drawing_for(self.drawing.currentData()))

    def dose(self) -> Dose:
        """The dose as entered; BadInput says what is missing or out of range."""
        return Dose(
            sets=self.sets.value(),
            reps=_spin_value(self.reps),
            hold_s=_spin_value(self.hold),
            duration_s=_spin_value(self.duration),
            each_side=self.each_side.isChecked(),
            rest_s=_spin_value(self.rest),
            tempo=self.tempo.text().strip() or None,
        )

    def problem_text(self) -> str | None:
        """Why the exercise cannot be saved yet, in the coach's words; None when it can."""
        if not self.name.text().strip():
            return "Give the exercise a name."
        if _spin_value(self.reps) is None and _spin_value(self.hold) is None and _spin_value(self.duration) is None:
            return "Give reps, a hold or a duration."
        try:
            self.dose()
        except BadInput as exc:
            return f"The dose is not valid: {exc}."
        try:  # a step or a cue per line: each line and the number of lines have limits
            limits.check_exercise_text(self.exercise())
        except BadInput as exc:
            return f"Too long to save: {exc}."
        return None

    def _revalidate(self) -> None:
        problem = self.problem_text()
        self.problem.setText(problem or "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def exercise(self) -> Exercise:
        """The exercise as entered (call only when problem_text() is None)."""
        dose = self.dose()
        name = self.name.text().strip()
        values = {
            "name": name,
            "category": Category(self.category.currentData()),
            "dose": dose,
            "aliases": _split_commas(self.aliases.text()),
            "targets": tuple(t.replace(" ", "_") for t in _split_commas(self.targets.text())),
            "equipment": tuple(k for k, box in self.equipment.items() if box.isChecked()),
            "conditions": tuple(k for k, box in self.conditions.items() if box.isChecked()),
            "instructions": _split_lines(self.instructions.toPlainText()),
            "cues": _split_lines(self.cues.toPlainText()),
            "easier": self.easier.text().strip() or None,
            "harder": self.harder.text().strip() or None,
            "drawing": self.drawing.currentData(),
        }
        if self.original is None:
            return Exercise(id=slugify(name), **values)
        # A dose the coach touched is theirs now, no longer the importer's placeholder.
        default = self.original.dose_is_default and dose == self.original.dose
        return replace(self.original, dose_is_default=default, **values)

    def accept(self) -> None:
        if self.problem_text() is None:
            super().accept()

    @classmethod
    def get_exercise(
        cls, parent: QWidget | None, exercise: Exercise | None = None, *, title: str | None = None
    ) -> tuple[Exercise | None, bool]:
        """Show the dialog; (the exercise as entered, True) when the coach pressed OK."""
        dialog = cls(exercise, parent, title=title)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.exercise(), True
            return None, False
        finally:
            dialog.deleteLater()
