"""The question pages of the symptom wizard, in the order they are asked.

Each page reads its own widgets into the answers object of the interface spec (`answers()`), so
the wizard only has to merge the pages the runner actually visited.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from planner.ui.body_diagram import BodyDiagram
from planner.ui.style import count_suffix
from planner.ui.wizard_labels import choices, red_flag_questions, red_flag_triage, yes_no_label

PAGE_RED_FLAGS, PAGE_WHERE, PAGE_FEEL, PAGE_HISTORY, PAGE_FORM, PAGE_RESULT = range(6)
# Asked between the history and the running form; a new id keeps the older ids as they were.
PAGE_CONTEXT = 6

# Yes/no answers that are warning signs in their own right: asked with the red flags, first.
WARNING_YES_NO = ("both_legs", "breathless_or_chest_pain", "calf_swelling")
# A ticked warning at these levels ends the questions: nothing later can make it less urgent.
STOP_AT = ("urgent", "emergency")

SPACING = 10


class WrapCheck(QWidget):
    """A check box whose long label wraps; clicking the words ticks the box too."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox(self)
        self.box.setAccessibleName(text)
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        self.text.mousePressEvent = self._click  # type: ignore[method-assign]
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 2)
        row.setSpacing(8)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)

    def _click(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.box.toggle()
            self.box.setFocus()


def _check_grid(key: str, parent: QWidget, columns: int) -> tuple[QGridLayout, dict[str, QCheckBox]]:
    grid = QGridLayout()
    grid.setHorizontalSpacing(24)
    grid.setVerticalSpacing(8)
    boxes: dict[str, QCheckBox] = {}
    items = choices(key)
    rows = (len(items) + columns - 1) // columns
    for i, (value, text) in enumerate(items):
        box = QCheckBox(text, parent)
        box.setObjectName(f"{key}:{value}")
        boxes[value] = box
        grid.addWidget(box, i % rows, i // rows)  # fill down each column, then across
    return grid, boxes


def _ticked(boxes: dict[str, QCheckBox]) -> list[str]:
    return [value for value, box in boxes.items() if box.isChecked()]


def _radios(key: str, parent: QWidget, group_owner: QWidget) -> tuple[QHBoxLayout, dict[str, QRadioButton]]:
    """One row of radio buttons for a single-choice answer; none is chosen until the runner picks."""
    row = QHBoxLayout()
    row.setSpacing(18)
    group = QButtonGroup(group_owner)
    radios: dict[str, QRadioButton] = {}
    for value, text in choices(key):
        radio = QRadioButton(text, parent)
        radio.setObjectName(f"{key}:{value}")
        radios[value] = radio
        group.addButton(radio)
        row.addWidget(radio)
    row.addStretch(1)
    return row, radios


def _chosen(radios: dict[str, QRadioButton]) -> str | None:
    return next((value for value, radio in radios.items() if radio.isChecked()), None)


def _yes_no_boxes(keys: tuple[str, ...], parent: QWidget) -> dict[str, QCheckBox]:
    boxes = {}
    for key in keys:
        box = QCheckBox(yes_no_label(key), parent)
        box.setObjectName(key)
        boxes[key] = box
    return boxes


def _scrolled(page: QWidget, inner: QWidget) -> None:
    """Put a page's content in a frameless scroll area, so long lists never squeeze the layout."""
    scroll = QScrollArea(page)
    scroll.setWidget(inner)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scroll)


class QuestionPage(QWizardPage):
    """A page that contributes part of the answers object."""

    def answers(self) -> dict[str, Any]:
        return {}


class RedFlagPage(QuestionPage):
    """(a) Warning signs first. An urgent or emergency one ends the check with what to do instead;
    a "see a clinician soon" one lets the questions go on, because the rest of the answers (a child's
    age, a limp with hip pain) can make it more urgent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("First, a few warning signs")
        self.setSubTitle("Tick any that are true for this pain. If none are, tick “None of these”.")
        self.flags: dict[str, WrapCheck] = {}
        self.warnings: dict[str, WrapCheck] = {}
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setSpacing(6)
        column.setContentsMargins(4, 4, 12, 4)
        for flag, question in red_flag_questions():
            check = WrapCheck(question, inner)
            check.box.setObjectName(f"red_flag:{flag}")
            check.box.toggled.connect(self._flag_toggled)
            self.flags[flag] = check
            column.addWidget(check)
        for key in WARNING_YES_NO:
            check = WrapCheck(yes_no_label(key), inner)
            check.box.setObjectName(key)
            check.box.toggled.connect(self._flag_toggled)
            self.warnings[key] = check
            column.addWidget(check)
        column.addSpacing(8)
        self.none_box = WrapCheck("None of these", inner)
        self.none_box.box.setObjectName("red_flag:none")
        self.none_box.text.setStyleSheet("font-weight: 600;")
        self.none_box.box.toggled.connect(self._none_toggled)
        column.addWidget(self.none_box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)

    def _flag_toggled(self, on: bool) -> None:
        if on:
            self.none_box.box.setChecked(False)
        self.completeChanged.emit()

    def _none_toggled(self, on: bool) -> None:
        if on:
            for check in (*self.flags.values(), *self.warnings.values()):
                check.box.setChecked(False)
        self.completeChanged.emit()

    def red_flags(self) -> list[str]:
        return [flag for flag, check in self.flags.items() if check.box.isChecked()]

    def warning_answers(self) -> dict[str, bool]:
        return {key: True for key, check in self.warnings.items() if check.box.isChecked()}

    def isComplete(self) -> bool:
        return self.none_box.box.isChecked() or bool(self.red_flags()) or bool(self.warning_answers())

    def stops_here(self) -> bool:
        """True when what is ticked already calls for care today or now."""
        triage = red_flag_triage()
        return bool(self.warning_answers()) or any(triage.get(f) in STOP_AT for f in self.red_flags())

    def nextId(self) -> int:
        return PAGE_RESULT if self.stops_here() else PAGE_WHERE

    def answers(self) -> dict[str, Any]:
        return {"red_flags": self.red_flags(), **self.warning_answers()}


class WherePage(QuestionPage):
    """(b) Where it hurts: the drawing and a check-box list that answer the same question."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Where does it hurt?")
        self.setSubTitle("Click every place that hurts on the drawing, or tick it in the list.")
        self.diagram = BodyDiagram(self)
        self.regions: dict[str, QCheckBox] = {}
        listing = QGroupBox("Places", self)
        places, self.regions = _check_grid("pain_regions", listing, 4)
        places.setHorizontalSpacing(14)
        places.setVerticalSpacing(4)
        listing.setLayout(places)
        for box in self.regions.values():
            box.toggled.connect(self._list_toggled)
        side_box = QGroupBox("Which leg?", self)
        sides = QHBoxLayout(side_box)
        self.side_group = QButtonGroup(self)
        self.sides: dict[str, QRadioButton] = {}
        for value, text in choices("side"):
            radio = QRadioButton(text, side_box)
            radio.setObjectName(f"side:{value}")
            self.sides[value] = radio
            self.side_group.addButton(radio)
            sides.addWidget(radio)
        # The drawing across the page with the list under it: sixteen places beside it left the drawing small.
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(self.diagram, 1)
        layout.addWidget(listing)
        layout.addWidget(side_box)
        self.diagram.selection_changed.connect(self._diagram_changed)

    def _diagram_changed(self, selected: list[str]) -> None:
        for value, box in self.regions.items():
            box.blockSignals(True)
            box.setChecked(value in selected)
            box.blockSignals(False)
        self.completeChanged.emit()

    def _list_toggled(self) -> None:
        self.diagram.set_selected(_ticked(self.regions))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.diagram.selected())

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {"pain_regions": self.diagram.selected()}
        side = next((value for value, radio in self.sides.items() if radio.isChecked()), None)
        if side is not None:
            out["side"] = side
        return out


class FeelPage(QuestionPage):
    """(c) What makes it worse and how it feels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("What makes it worse, and how does it feel?")
        self.setSubTitle("Tick all that apply. Leave a box empty when you are not sure.")
        worse = QGroupBox("It hurts more with…", self)
        grid, self.aggravators = _check_grid("aggravators", worse, 2)
        worse.setLayout(grid)
        feel = QGroupBox("It feels like…", self)
        grid, self.sensations = _check_grid("sensations", feel, 3)
        feel.setLayout(grid)
        spot = QGroupBox("Where exactly?", self)
        row, self.pain_extent = _radios("pain_extent", spot, self)
        spot.setLayout(row)
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.setSpacing(14)
        layout.addWidget(worse)
        layout.addWidget(feel)
        layout.addWidget(spot)
        layout.addStretch(1)
        for box in (worse, feel, spot):
            box.setParent(inner)
        _scrolled(self, inner)

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {"aggravators": _ticked(self.aggravators), "sensations": _ticked(self.sensations)}
        extent = _chosen(self.pain_extent)
        if extent is not None:
            out["pain_extent"] = extent
        return out


class HistoryPage(QuestionPage):
    """(d) How it started, how long and how much it hurts, and what changed in training."""

    NOT_GIVEN_AGE = 4  # one below the youngest age the answers accept; shown as "Not given"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("How did it start?")
        self.setSubTitle("The story of the pain often says as much as where it is.")
        story = QGroupBox("The pain", self)
        form = QFormLayout(story)
        form.setVerticalSpacing(12)
        form.setHorizontalSpacing(16)
        onset_row = QHBoxLayout()
        onset_row.setSpacing(24)
        self.onset_group = QButtonGroup(self)
        self.onsets: dict[str, QRadioButton] = {}
        for value, text in choices("onset"):
            radio = QRadioButton(text, story)
            radio.setObjectName(f"onset:{value}")
            self.onsets[value] = radio
            self.onset_group.addButton(radio)
            onset_row.addWidget(radio)
        onset_row.addStretch(1)
        form.addRow("It came on:", onset_row)
        injury_row, self.injury = _radios("injury", story, self)
        form.addRow("When it started:", injury_row)
        self.weeks = QSpinBox(story)
        self.weeks.setObjectName("weeks_with_pain")
        self.weeks.setRange(-1, 104)
        self.weeks.setValue(-1)
        self.weeks.setSpecialValueText("Not sure")
        count_suffix(self.weeks, " week", " weeks")
        self.weeks.setMaximumWidth(180)
        form.addRow("Weeks with pain:", self.weeks)
        self.pain = QSlider(Qt.Orientation.Horizontal, story)
        self.pain.setObjectName("pain_during_run")
        self.pain.setRange(0, 10)
        self.pain.setPageStep(1)
        self.pain.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.pain.setTickInterval(1)
        self.pain.setMinimumWidth(260)
        self.pain.setAccessibleName("Pain during runs, 0 (none) to 10 (worst imaginable)")
        self.pain_value = QLabel(story)
        self.pain_value.setMinimumWidth(150)
        self.pain.valueChanged.connect(self._show_pain)
        self._show_pain(0)
        pain_row = QHBoxLayout()
        pain_row.addWidget(self.pain, 1)
        pain_row.addWidget(self.pain_value)
        form.addRow("Pain during runs:", pain_row)
        self.age = QSpinBox(story)
        self.age.setObjectName("age")
        self.age.setRange(self.NOT_GIVEN_AGE, 110)
        self.age.setValue(self.NOT_GIVEN_AGE)
        self.age.setSpecialValueText("Not given")
        self.age.setSuffix(" years")
        self.age.setMaximumWidth(180)
        form.addRow("Age:", self.age)
        self.self_care_tried = QCheckBox(yes_no_label("self_care_tried"), story)
        self.self_care_tried.setObjectName("self_care_tried")
        form.addRow("", self.self_care_tried)
        trend_row, self.trend = _radios("trend", story, self)
        form.addRow("Lately it is:", trend_row)
        changes = QGroupBox("In the weeks before it started…", self)
        grid, self.training_changes = _check_grid("training_changes", changes, 2)
        changes.setLayout(grid)
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.setSpacing(14)
        layout.addWidget(story)
        layout.addWidget(changes)
        layout.addStretch(1)
        for box in (story, changes):
            box.setParent(inner)
        _scrolled(self, inner)

    def _show_pain(self, value: int) -> None:
        words = "no pain" if value == 0 else "worst imaginable" if value == 10 else ""
        self.pain_value.setText(f"{value} / 10  {words}".strip())

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {"training_changes": _ticked(self.training_changes), "pain_during_run": self.pain.value()}
        onset = next((value for value, radio in self.onsets.items() if radio.isChecked()), None)
        if onset is not None:
            out["onset"] = onset
        if self.weeks.value() >= 0:
            out["weeks_with_pain"] = self.weeks.value()
        if self.age.value() > self.NOT_GIVEN_AGE:
            out["age"] = self.age.value()
        for key, radios in (("injury", self.injury), ("trend", self.trend)):
            value = _chosen(radios)
            if value is not None:
                out[key] = value
        if self.self_care_tried.isChecked():
            out["self_care_tried"] = True
        return out

    def nextId(self) -> int:
        return PAGE_CONTEXT


class ContextPage(QuestionPage):
    """(d2) About the runner and a few more signs: they change how urgent the same pain is."""

    SIGNS = ("limp", "cannot_hop", "cannot_straighten_knee", "bump_below_kneecap", "morning_stiffness")
    HISTORY = ("previous_stress_fracture", "recent_immobilisation")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("A little about the runner")
        self.setSubTitle("Age, sex and health change how urgent the same pain is. Leave anything you are not sure of.")
        about = QGroupBox("The runner", self)
        form = QFormLayout(about)
        form.setVerticalSpacing(10)
        sex_row, self.sex = _radios("sex", about, self)
        form.addRow("Sex:", sex_row)
        energy = QGroupBox("Eating and periods", self)
        grid, self.energy = _check_grid("energy_availability", energy, 1)
        energy.setLayout(grid)
        before = QGroupBox("Before this started…", self)
        column = QVBoxLayout(before)
        self.history = _yes_no_boxes(self.HISTORY, before)
        for box in self.history.values():
            column.addWidget(box)
        signs = QGroupBox("Also true now…", self)
        column = QVBoxLayout(signs)
        self.signs = _yes_no_boxes(self.SIGNS, signs)
        for box in self.signs.values():
            column.addWidget(box)
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.setSpacing(12)
        for box in (about, energy, before, signs):
            box.setParent(inner)
            layout.addWidget(box)
        layout.addStretch(1)
        _scrolled(self, inner)

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {"energy_availability": _ticked(self.energy)}
        sex = _chosen(self.sex)
        if sex is not None:
            out["sex"] = sex
        for key, box in (*self.history.items(), *self.signs.items()):
            if box.isChecked():
                out[key] = True
        return out

    def nextId(self) -> int:
        return PAGE_FORM


class FormPage(QuestionPage):
    """(e) Running form: optional, because few runners have seen themselves run."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Running form (optional)")
        self.setSubTitle("Tick what a video or the coach has shown. Not sure? Skip this step.")
        seen = QGroupBox("When running…", self)
        grid, self.form = _check_grid("form", seen, 1)
        seen.setLayout(grid)
        self.skip = QPushButton("S&kip this step", self)
        self.skip.setAutoDefault(False)  # Enter presses "See the result", the wizard's default, not this
        self.skip.setObjectName("skip_form")
        self.skip.clicked.connect(self._skip)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(seen)
        layout.addWidget(self.skip, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.setButtonText(QWizard.WizardButton.NextButton, "&See the result >")

    def _skip(self) -> None:
        for box in self.form.values():
            box.setChecked(False)
        self.wizard().next()

    def answers(self) -> dict[str, Any]:
        return {"form": _ticked(self.form)}
