"""The window's editors stop at the limits a file is held to (planner.domain.limits)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from planner.domain import limits
from planner.domain.athlete import Athlete
from planner.domain.exercise import Dose
from planner.domain.plan import PlannedExercise
from planner.ui.athlete_editor import AthleteEditor
from planner.ui.exercise_dialog import ExerciseDialog
from planner.ui.session_panel import ExerciseDoseRow


def test_the_athlete_name_stops_at_its_limit(qtbot) -> None:
    editor = AthleteEditor()
    qtbot.addWidget(editor)
    editor.set_athlete(Athlete(name="Zoë"), 1)
    editor.name_edit.setText("n" * 5000)
    assert len(editor.name_edit.text()) == limits.ATHLETE_NAME.chars


def test_a_pasted_note_is_cut_at_its_limit(qtbot) -> None:
    editor = AthleteEditor()
    qtbot.addWidget(editor)
    editor.set_athlete(Athlete(name="Zoë"), 1)
    editor.note_edit.insertPlainText("note " * 100_000)
    assert len(editor.note_edit.toPlainText()) == limits.ATHLETE_NOTE.chars


def test_the_exercise_dialog_stops_each_line_field_at_its_limit(qtbot) -> None:
    dialog = ExerciseDialog(None)
    qtbot.addWidget(dialog)
    for edit, limit in (
        (dialog.name, limits.EXERCISE_NAME),
        (dialog.tempo, limits.TEMPO),
        (dialog.easier, limits.EASIER),
        (dialog.harder, limits.HARDER),
    ):
        edit.setText("x" * 100_000)
        assert len(edit.text()) == limit.chars


def test_a_step_over_its_limit_says_so_and_cannot_be_saved(qtbot) -> None:
    dialog = ExerciseDialog(None)
    qtbot.addWidget(dialog)
    dialog.name.setText("Clamshell")
    dialog.reps.setValue(15)
    dialog.instructions.setPlainText("Lie on your side.\n" + "x" * (limits.INSTRUCTION.chars + 1))
    assert dialog.problem_text() == (
        f"Too long to save: instructions[1]: {limits.INSTRUCTION.chars + 1:,} characters; "
        f"the limit is {limits.INSTRUCTION.chars:,}."
    )
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_an_exercise_note_in_a_session_stops_at_its_limit(qtbot) -> None:
    row = ExerciseDoseRow(PlannedExercise(id="clam", name="Clamshell", dose=Dose(sets=3, reps=15)))
    qtbot.addWidget(row)
    row.notes_edit.setText("n" * 5000)
    assert len(row.notes_edit.text()) == limits.PLAN_NOTE.chars
