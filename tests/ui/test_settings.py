"""Settings: typed, defaulted, stored in the config folder, and edited in Preferences."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QDialog

from planner.ui.preferences_dialog import PreferencesDialog
from planner.ui.settings import REGISTRY, Settings, settings_path


def test_defaults_without_a_file(settings: Settings) -> None:
    assert settings.get("units") == "km"
    assert settings.get("paper") == "a4"
    assert settings.get("first_day_of_week") == "mon"
    assert settings.get("dark_palette") is False
    assert settings.get("first_run_done") is False
    assert settings.get("window/geometry") == QByteArray()


def test_values_survive_a_restart(isolated_folders: Path) -> None:
    first = Settings()
    first.set("units", "mi")
    first.set("paper", "letter")
    first.set("first_day_of_week", "sun")
    first.set("dark_palette", True)
    first.set("default_database", "/tmp/coach.db")
    first.set("window/geometry", QByteArray(b"\x01\x02geometry"))
    first.set_splitter_state("library", "library_splitter", QByteArray(b"split"))
    first.sync()

    again = Settings()
    assert again.get("units") == "mi"
    assert again.get("paper") == "letter"
    assert again.get("first_day_of_week") == "sun"
    assert again.get("dark_palette") is True
    assert again.get("default_database") == "/tmp/coach.db"
    assert bytes(again.get("window/geometry").data()) == b"\x01\x02geometry"
    assert bytes(again.splitter_state("library", "library_splitter").data()) == b"split"
    assert settings_path().parent == isolated_folders / "config"
    assert settings_path().is_file()


def test_a_value_outside_the_choices_is_refused(settings: Settings) -> None:
    with pytest.raises(ValueError, match="units"):
        settings.set("units", "furlongs")
    with pytest.raises(KeyError):
        settings.get("no_such_setting")


def test_a_hand_edited_bad_value_falls_back_to_the_default() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[General]\nunits=leagues\ndark_palette=maybe\n", encoding="utf-8")
    settings = Settings()
    assert settings.get("units") == "km"
    assert settings.get("dark_palette") is False


def test_every_declared_setting_has_a_default_of_its_type() -> None:
    for setting in REGISTRY.values():
        assert isinstance(setting.default, setting.type), setting.key
        if setting.choices:
            assert setting.default in setting.choices


def test_preferences_dialog_saves_what_the_coach_chose(qtbot, settings: Settings, monkeypatch) -> None:
    def choose(dialog: PreferencesDialog) -> int:
        dialog.combos["units"].setCurrentIndex(dialog.combos["units"].findData("mi"))
        dialog.combos["paper"].setCurrentIndex(dialog.combos["paper"].findData("letter"))
        dialog.database.setText("/tmp/other.db")
        dialog.dark.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", choose)
    values, ok = PreferencesDialog.edit(settings)
    assert ok
    assert values["units"] == "mi"
    assert settings.get("paper") == "letter"
    assert settings.get("default_database") == "/tmp/other.db"
    assert settings.get("dark_palette") is True


def test_preferences_dialog_cancel_changes_nothing(qtbot, settings: Settings, monkeypatch) -> None:
    def cancel(dialog: PreferencesDialog) -> int:
        dialog.dark.setChecked(True)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(PreferencesDialog, "exec", cancel)
    assert PreferencesDialog.edit(settings) == ({}, False)
    assert settings.get("dark_palette") is False
