"""The window's settings: declared once with type and default, stored in an INI file in the config folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from planner.paths import config_dir


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its INI key, Python type, default and (for closed sets) the allowed values."""

    key: str
    type: type
    default: Any
    choices: tuple[str, ...] = ()
    label: str = ""


_DECLARED: tuple[Setting, ...] = (
    Setting("units", str, "km", ("km", "mi"), "Distance units"),
    Setting("paper", str, "a4", ("a4", "letter"), "Paper size"),
    Setting("first_day_of_week", str, "mon", ("mon", "sun"), "First day of the week"),
    Setting("default_database", str, "", (), "Default database"),
    Setting("dark_palette", bool, False, (), "Dark palette"),
    Setting("first_run_done", bool, False),
    Setting("current_athlete", int, 0),
    Setting("window/geometry", QByteArray, QByteArray()),
    Setting("window/state", QByteArray, QByteArray()),
    Setting("window/last_view", str, "library"),
)

REGISTRY: dict[str, Setting] = {s.key: s for s in _DECLARED}
SETTINGS_FILE_NAME = "settings.ini"


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE_NAME


class Settings:
    """Typed access to the declared settings; an unknown key or a value of the wrong type is our bug."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, key: str) -> Any:
        setting = REGISTRY[key]
        raw = self._qs.value(key, None)
        if raw is None:
            return setting.default
        value = _coerce(raw, setting)
        return setting.default if value is None else value

    def set(self, key: str, value: Any) -> None:
        setting = REGISTRY[key]
        if _coerce(value, setting) is None:
            raise ValueError(f"setting {key!r}: {value!r} is not a valid {setting.type.__name__}")
        self._qs.setValue(key, value)

    def splitter_state(self, view: str, name: str) -> QByteArray:
        raw = self._qs.value(f"splitters/{view}.{name}", None)
        return raw if isinstance(raw, QByteArray) else QByteArray()

    def set_splitter_state(self, view: str, name: str, state: QByteArray) -> None:
        self._qs.setValue(f"splitters/{view}.{name}", state)

    def sync(self) -> None:
        self._qs.sync()


def _coerce(raw: Any, setting: Setting) -> Any:
    """The value as the declared type, or None when it cannot be one (a hand-edited INI file)."""
    if setting.type is bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.lower() in ("true", "false", "1", "0"):
            return raw.lower() in ("true", "1")
        return None
    if setting.type is QByteArray:
        if isinstance(raw, QByteArray):
            return raw
        if isinstance(raw, bytes):
            return QByteArray(raw)
        return None
    if setting.type is str:
        if not isinstance(raw, str):
            return None
        if setting.choices and raw not in setting.choices:
            return None
        return raw
    return raw if isinstance(raw, setting.type) else None
