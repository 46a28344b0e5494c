"""New athlete, start to paper, in at most 15 actions (issue #13).

An action is one key press or shortcut, one click, or typing one field's text (a name, a date); the
test counts them as it drives the window. The flow: Ctrl+Shift+A, the name, "5 runs" (Alt+5), Enter,
a race date, Tab, the race's name, Enter, "A gym" (Alt+G), Enter, Ctrl+Shift+S, Enter in the save dialog.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QWizard

from planner.domain.athlete import DayKind
from planner.domain.week_presets import preset_week
from planner.ui.new_athlete_wizard import NewAthleteWizard, parse_typed_date

MAX_ACTIONS = 15
ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class Counter:
    def __init__(self, window: Any) -> None:
        self.actions: list[str] = []
        self.window = window  # where keys go when nothing has the focus (a dialog just closed)

    def key(self, what: str, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.actions.append(what)
        QTest.keyClick(QApplication.instance().focusWidget() or self.window, key, modifier)
        QApplication.processEvents()

    def type(self, what: str, text: str) -> None:
        self.actions.append(what)
        QTest.keyClicks(QApplication.instance().focusWidget(), text)


def test_a_new_athletes_season_pdf_in_at_most_15_actions(
    main_window, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = Counter(main_window)
    race_day = dt.date.today() + dt.timedelta(days=120)
    out = tmp_path / "ada-season.pdf"

    def drive(wizard: NewAthleteWizard) -> int:
        wizard.show()
        qtbot.waitExposed(wizard)
        wizard.activateWindow()
        qtbot.waitUntil(lambda: wizard.name_page.name.hasFocus())
        count.type("type the name", "Ada Lovelace")
        count.key("Alt+5: five runs", Qt.Key.Key_5, ALT)
        qtbot.waitUntil(wizard.name_page.runs.button(5).isChecked)  # a mnemonic clicks after a short flash
        count.key("Enter: next", Qt.Key.Key_Return)
        assert wizard.currentPage() is wizard.races_page
        qtbot.waitUntil(wizard.races_page.rows[0][0].hasFocus)  # the page opens on its first date
        count.type("type the race date", f"{race_day:%d/%m/%Y}")
        count.key("Tab", Qt.Key.Key_Tab)
        count.type("type the race name", "Autumn Half")
        count.key("Enter: next", Qt.Key.Key_Return)
        assert wizard.currentPage() is wizard.equipment_page
        count.key("Alt+G: a gym", Qt.Key.Key_G, ALT)
        qtbot.waitUntil(wizard.equipment_page.choice.button(2).isChecked)
        count.key("Enter: make the plan", Qt.Key.Key_Return)
        return int(wizard.result())

    monkeypatch.setattr(NewAthleteWizard, "exec", drive)

    def save_dialog(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        count.actions.append("Enter in the save dialog")
        return str(out), "PDF files (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    main_window.activateWindow()
    main_window.sidebar.setFocus()
    count.key("Ctrl+Shift+A: new athlete", Qt.Key.Key_A, CTRL_SHIFT)
    assert main_window.current_view_name == "plan"
    plan_view = main_window.current_view()
    qtbot.waitUntil(lambda: plan_view.plan is not None, timeout=20_000)
    assert plan_view.athlete.name == "Ada Lovelace"
    assert plan_view.athlete.week == preset_week(5, "sun")
    assert "machine" in plan_view.athlete.equipment
    assert [r.name for r in plan_view.athlete.races] == ["Autumn Half"]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    count.key("Ctrl+Shift+S: save the season", Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(out.exists, timeout=60_000)
    from planner.ui.operations import wait_for_all

    wait_for_all()
    assert out.stat().st_size > 10_000
    assert len(count.actions) <= MAX_ACTIONS, count.actions
    assert len(count.actions) == 12  # the README counts these twelve


def test_the_wizard_can_be_finished_with_the_presets_alone(qtbot: Any) -> None:
    wizard = NewAthleteWizard()
    qtbot.addWidget(wizard)
    wizard.name_page.name.setText("Ben")
    wizard.name_page.runs.button(3).setChecked(True)
    wizard.name_page.long_day.setCurrentIndex(wizard.name_page.long_day.findData("sat"))
    answers = wizard.answers()
    assert answers.athlete.week["sat"] == DayKind.LONG
    assert sum(kind != DayKind.REST for kind in answers.athlete.week.values()) == 3
    assert answers.athlete.equipment == frozenset({"band", "mat"})  # home is the default
    assert answers.athlete.races == ()


def test_a_race_in_the_past_is_refused_with_a_message(qtbot: Any) -> None:
    wizard = NewAthleteWizard()
    qtbot.addWidget(wizard)
    wizard.races_page.rows[0][0].setText("01/01/2001")
    assert not wizard.races_page.validatePage()
    assert "in the past" in wizard.races_page.subTitle()


def test_a_date_that_is_not_one_is_refused_in_words(qtbot: Any) -> None:
    wizard = NewAthleteWizard()
    qtbot.addWidget(wizard)
    wizard.races_page.rows[0][0].setText("31/02/2030")
    assert not wizard.races_page.validatePage()
    assert "is not a date" in wizard.races_page.subTitle()


@pytest.mark.parametrize("text", ["21/03/2027", "21.3.2027", "2027-03-21", "21/3/27"])
def test_typed_dates_read_day_first_or_iso(text: str) -> None:
    assert parse_typed_date(text) == dt.date(2027, 3, 21)


def test_the_finish_button_has_an_accelerator(qtbot: Any) -> None:
    wizard = NewAthleteWizard()
    qtbot.addWidget(wizard)
    assert "&" in wizard.buttonText(QWizard.WizardButton.FinishButton)
