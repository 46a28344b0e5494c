"""The exercise library as an item model, and the proxy that filters it as the coach types.

Filtering must keep up with typing over 10,000 exercises, so every string the filter looks at is
computed once when the rows are set, the proxy decides all rows in one pass per keystroke, and
sorting happens on the Python list in the source model (a Qt-side sort would call data() per comparison).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from planner.domain.exercise import CONDITION_NAMES, EQUIPMENT_LABELS, Exercise

ExerciseRole = Qt.ItemDataRole.UserRole + 1
ExerciseIdRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    CATEGORY = 1
    TARGETS = 2
    EQUIPMENT = 3
    DOSE = 4
    CONDITIONS = 5


HEADERS = {
    Column.NAME: "Name",
    Column.CATEGORY: "Category",
    Column.TARGETS: "Targets",
    Column.EQUIPMENT: "Equipment",
    Column.DOSE: "Dose",
    Column.CONDITIONS: "Conditions",
}

DEFAULT_DOSE_NOTE = "Default dose — not from the source"


def origin(ex: Exercise) -> str:
    """Where the exercise comes from, in the coach's words: built-in, edited built-in or custom."""
    if ex.builtin:
        return "edited" if ex.edited else "builtin"
    return "custom"


ORIGIN_LABELS = {"builtin": "Built-in", "edited": "Built-in, edited by you", "custom": "Your own exercise"}
_ORIGIN_LETTER = {"builtin": "B", "edited": "E", "custom": "C"}  # colours: planner.ui.colors badge_<kind>


def _badge(kind: str, dark: bool) -> QIcon:
    from planner.ui.colors import color

    colour, letter = color(f"badge_{kind}", dark), _ORIGIN_LETTER[kind]
    icon = QIcon()
    for size in (16, 32):
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor(colour))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRoundedRect(1, 1, size - 2, size - 2, size / 4, size / 4)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.62))
        p.setFont(font)
        p.setPen(color("badge_text", dark))
        p.drawText(pm.rect(), Qt.AlignmentFlag.AlignCenter, letter)
        p.end()
        icon.addPixmap(pm, QIcon.Mode.Normal)
        icon.addPixmap(pm, QIcon.Mode.Selected)  # keep the badge legible on the selected row
    return icon


CONDITION_SHORT = {
    "pfps": "PFPS",
    "itbs": "ITBS",
    "patellar_tendinopathy": "Patellar tendon",
    "quadriceps_tendinopathy": "Quad tendon",
    "meniscus": "Meniscus",
    "piriformis": "Piriformis",
    "gluteal_tendinopathy": "Outer hip tendon",
    "fat_pad": "Fat pad",
    "hip_joint": "Hip joint",
    "osgood_schlatter": "Osgood-Schlatter",
    "pes_anserine": "Pes anserine",
    "proximal_hamstring_tendinopathy": "High hamstring",
}


def pretty(token: str) -> str:
    return token.replace("_", " ")


class ExerciseTableModel(QAbstractTableModel):
    """Read-only rows of exercises; the view edits through dialogs and undo commands."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Exercise] = []
        self._display: list[tuple[str, ...]] = []
        self._sorted_texts: list[tuple[str, ...]] = []  # from _sort_rows, for the _cache that follows it
        self.search_keys: list[str] = []  # per row: "name | id | aliases", lowercase
        self._badges: dict[tuple[str, bool], QIcon] = {}  # (origin, dark palette)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._sort: tuple[int, Qt.SortOrder] = (Column.NAME, Qt.SortOrder.AscendingOrder)

    # -- data in -------------------------------------------------------------------------------
    def set_exercises(self, exercises: Sequence[Exercise]) -> None:
        self.beginResetModel()
        self._rows = list(exercises)
        self._sort_rows()
        self._cache()
        self.endResetModel()

    def _cache(self) -> None:
        # _sort_rows has just formatted every row's texts; reuse them (formatting 10,000 doses twice
        # was a third of loading the library).
        self._display = self._sorted_texts or [self._texts(ex) for ex in self._rows]
        self._sorted_texts = []
        self.search_keys = [" | ".join([ex.name.lower(), ex.id, *(a.lower() for a in ex.aliases)]) for ex in self._rows]

    @staticmethod
    def _texts(ex: Exercise) -> tuple[str, ...]:
        dose = ex.dose.describe() + (" *" if ex.dose_is_default else "")
        return (
            ex.name,
            ex.category.value,
            ", ".join(pretty(t) for t in ex.targets),
            ", ".join(EQUIPMENT_LABELS.get(e, e) for e in ex.equipment) or "None",
            dose,
            ", ".join(CONDITION_SHORT.get(c, c) for c in ex.conditions),
        )

    def exercise(self, row: int) -> Exercise:
        return self._rows[row]

    def exercises(self) -> list[Exercise]:
        return list(self._rows)

    def row_of(self, exercise_id: str) -> int:
        for i, ex in enumerate(self._rows):
            if ex.id == exercise_id:
                return i
        return -1

    # -- Qt model interface --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return HEADERS[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if row >= len(self._rows) or col >= len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[row][col]
        ex = self._rows[row]
        if role == ExerciseRole:
            return ex
        if role == ExerciseIdRole:
            return ex.id
        if role == Qt.ItemDataRole.DecorationRole and col == Column.NAME:
            kind = origin(ex)
            from planner.ui.colors import app_is_dark

            key = (kind, app_is_dark())
            if key not in self._badges:
                self._badges[key] = _badge(*key)
            return self._badges[key]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ex, row, col)
        if role == Qt.ItemDataRole.FontRole and col == Column.DOSE and ex.dose_is_default:
            return self._italic
        return None

    def _tooltip(self, ex: Exercise, row: int, col: int) -> str | None:
        if col == Column.NAME:
            return f"{ex.name} — {ORIGIN_LABELS[origin(ex)]}"
        if col == Column.DOSE and ex.dose_is_default:
            return DEFAULT_DOSE_NOTE
        if col == Column.CONDITIONS and ex.conditions:
            return "\n".join(CONDITION_NAMES.get(c, c) for c in ex.conditions)
        return self._display[row][col] or None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in persistent]
        cols = [i.column() for i in persistent]
        self._sort_rows()
        self._cache()
        where = {ex.id: r for r, ex in enumerate(self._rows)}
        self.changePersistentIndexList(persistent, [self.index(where[i], c) for i, c in zip(ids, cols, strict=True)])
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        reverse = order == Qt.SortOrder.DescendingOrder
        rows, texts = self._rows, [self._texts(ex) for ex in self._rows]
        order = sorted(
            range(len(rows)),
            key=lambda i: (texts[i][column].lower(), rows[i].name.lower(), rows[i].id),
            reverse=reverse,
        )
        self._rows = [rows[i] for i in order]
        self._sorted_texts = [texts[i] for i in order]


class ExerciseFilterProxy(QSortFilterProxyModel):
    """Filters by text (name, id, aliases), category, equipment and condition.

    Each change decides every row once, in one Python pass over the cached search keys; the
    per-row callback Qt makes is then only a list lookup.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._category: str | None = None
        self._equipment: str | None = None
        self._condition: str | None = None
        self._accepted: list[bool] = []
        self._model: ExerciseTableModel | None = None  # sourceModel() without a call into Qt per row
        self.setDynamicSortFilter(False)

    def setSourceModel(self, model: ExerciseTableModel) -> None:  # type: ignore[override]
        old = self.sourceModel()
        if old is not None:
            old.modelAboutToBeReset.disconnect(self._recompute)
            old.layoutAboutToBeChanged.disconnect(self._recompute)
        model.modelAboutToBeReset.connect(self._recompute)
        model.layoutAboutToBeChanged.connect(self._recompute)
        self._accepted = []
        self._model = model
        super().setSourceModel(model)

    def source(self) -> ExerciseTableModel:
        return self.sourceModel()  # type: ignore[return-value]

    # -- filters -------------------------------------------------------------------------------
    def set_search(self, text: str) -> None:
        text = text.strip().lower()
        if text != self._text:
            self._text = text
            self._refilter()

    def set_category(self, category: str | None) -> None:
        if category != self._category:
            self._category = category or None
            self._refilter()

    def set_equipment(self, equipment: str | None) -> None:
        if equipment != self._equipment:
            self._equipment = equipment or None
            self._refilter()

    def set_condition(self, condition: str | None) -> None:
        if condition != self._condition:
            self._condition = condition or None
            self._refilter()

    def search_text(self) -> str:
        return self._text

    def _refilter(self) -> None:
        self.beginFilterChange()
        self._recompute()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _recompute(self) -> None:
        # Runs before the source resets or re-sorts too, so the lookups below always match its rows.
        self._accepted = []

    def _decide(self) -> list[bool]:
        model = self.source()
        keys = model.search_keys
        text, cat, equip, cond = self._text, self._category, self._equipment, self._condition
        accepted = [text in k for k in keys] if text else [True] * len(keys)
        if cat or equip or cond:
            for row, ok in enumerate(accepted):
                if ok:
                    accepted[row] = self._passes(model.exercise(row), cat, equip, cond)
        return accepted

    @staticmethod
    def _passes(ex: Exercise, cat: str | None, equip: str | None, cond: str | None) -> bool:
        if cat and ex.category.value != cat:
            return False
        if cond and cond not in ex.conditions:
            return False
        if equip == "none":
            return not ex.equipment
        return not equip or equip in ex.equipment or equip in ex.optional_equipment

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        # Called by Qt once per row on every keystroke: keep it to a list lookup.
        accepted = self._accepted
        if len(accepted) != len(self._model.search_keys):  # type: ignore[union-attr]
            accepted = self._accepted = self._decide()
        return accepted[source_row] if source_row < len(accepted) else False

    # -- sorting -------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source sorts its Python list (fast); this proxy keeps the source's order.
        self.source().sort(column, order)
