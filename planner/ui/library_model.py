"""The exercise library as an item model, and the flat model of the rows the filters let through.

Filtering must keep up with typing over 50,000 exercises: the search keys are computed (or read from the
database) once when the rows are set, each keystroke decides all rows in one comprehension and resets the
flat model of visible rows, and sorting happens on the Python list in the source model (a Qt-side sort would
call data() per comparison). Cells are formatted when first painted.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from planner.domain.exercise import CONDITION_NAMES, EQUIPMENT_LABELS, Exercise
from planner.ui.colors import app_is_dark

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


# Roles as plain ints: painting asks data() several roles per cell, and comparing ints is the cheap part.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_EXERCISE = int(ExerciseRole)
_EXERCISE_ID = int(ExerciseIdRole)
_ASCENDING = Qt.SortOrder.AscendingOrder
_ANSWERED = frozenset({_DECORATION, _TOOLTIP, _FONT, _EXERCISE, _EXERCISE_ID})
_COLUMNS = len(Column)  # len() of an Enum class is a Python call: not once per cell
_NAME, _DOSE = int(Column.NAME), int(Column.DOSE)
_HEADERS = tuple(HEADERS[c] for c in Column)  # the header repaints with the rows: no Enum call per section
_REMEMBERED_FILTERS = 12  # filter results kept: deleting a typed search shows rows already decided


def _texts(ex: Any) -> tuple[str, ...]:
    """The six cells of a row, as the table shows them."""
    dose = ex.dose.describe() + (" *" if ex.dose_is_default else "")
    return (
        ex.name,
        ex.category.value,
        ", ".join(pretty(t) for t in ex.targets),
        ", ".join(EQUIPMENT_LABELS.get(e, e) for e in ex.equipment) or "None",
        dose,
        ", ".join(CONDITION_SHORT.get(c, c) for c in ex.conditions),
    )


def _search_key(ex: Any) -> str:
    stored = getattr(ex, "search_text", None)  # a listed row carries it from the database
    if stored is not None:
        return stored
    return " | ".join([ex.name.lower(), ex.id, *(a.lower() for a in ex.aliases)])


class ExerciseTableModel(QAbstractTableModel):
    """Read-only rows of exercises (every one, sorted); the view edits through dialogs and undo commands.

    No flags() of its own: QAbstractTableModel's (enabled, selectable, no children) are the ones wanted, and
    answering them in C++ spares a Python call per painted cell.

    Rows are `Exercise`s or the lighter `store.exercises.ExerciseSummary`s the Library lists at start-up;
    a summary becomes an `Exercise` (through the loader given with it) only when one is asked for: the
    selected row's detail, an edit. Cells are formatted when first painted, not when the rows arrive.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._display: list[tuple[str, ...] | None] = []  # per row, filled as rows are painted
        self._row_of: dict[str, int] | None = None  # id -> row, built when first asked
        self._loaded: dict[str, Exercise] = {}  # whole exercises built from summaries, by id
        self._all_prepared = False  # every row's details read (see prepare_all)
        self._load: Callable[[str], Exercise | None] | None = None
        self.search_keys: list[str] = []  # per row: "name | id | aliases", lowercase
        self._badges: dict[tuple[str, bool], QIcon] = {}  # (origin, dark palette)
        self.italic = QFont()  # the Dose cell of a default dose
        self.italic.setItalic(True)
        self._sort: tuple[int, Qt.SortOrder] = (Column.NAME, _ASCENDING)

    # -- data in -------------------------------------------------------------------------------
    def set_exercises(self, exercises: Sequence[Any], load: Callable[[str], Exercise | None] | None = None) -> None:
        """Show `exercises`: `Exercise`s, or summaries with `load(id)` to build the whole exercise when needed."""
        self.beginResetModel()
        self._rows = list(exercises)
        self._all_prepared = False
        self._load = load
        self._loaded = {}
        self._sort_rows()
        self.endResetModel()

    def _after_order(self) -> None:
        self._display = [None] * len(self._rows)
        self._row_of = None
        self.search_keys = [_search_key(ex) for ex in self._rows]

    def prepare(self, rows: Iterable[int]) -> None:
        """Read in one go what `rows` (source rows) need for their cells: a listing read from a file leaves each
        exercise's targets, equipment, conditions and dose in the database until they are shown or filtered on."""
        from planner.store.exercises import fill_details

        listed = self._rows
        fill_details([listed[row] for row in rows])

    def all_prepared(self) -> bool:
        return self._all_prepared

    def prepare_all(self) -> None:
        """`prepare` every row: before filtering by equipment or condition, or sorting by a column of details."""
        if not self._all_prepared:
            self.prepare(range(len(self._rows)))
            self._all_prepared = True

    def row_texts(self, row: int) -> tuple[str, ...]:
        texts = self._display[row]
        if texts is None:
            texts = self._display[row] = _texts(self._rows[row])
        return texts

    def listed(self, row: int) -> Any:
        """The row as listed (an `Exercise` or a summary): enough for the columns and the filters."""
        return self._rows[row]

    def exercise(self, row: int) -> Exercise:
        ex = self._rows[row]
        if isinstance(ex, Exercise):
            return ex
        whole = self._loaded.get(ex.id)
        if whole is None:
            whole = self._load(ex.id) if self._load is not None else None
            if whole is None:
                raise LookupError(f"exercise {ex.id!r} is no longer in the library")
            self._loaded[ex.id] = whole
        return whole

    def exercises(self) -> list[Exercise]:
        return [self.exercise(r) for r in range(len(self._rows))]

    def row_of(self, exercise_id: str) -> int:
        if self._row_of is None:
            self._row_of = {ex.id: i for i, ex in enumerate(self._rows)}
        return self._row_of.get(exercise_id, -1)

    # -- Qt model interface --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < _COLUMNS:
            return _HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, col: int, role: int) -> Any:
        """What data() answers for a row and column, without a model index (the filter model asks too)."""
        if row >= len(self._rows) or col >= _COLUMNS:
            return None
        if role == _DISPLAY:
            texts = self._display[row]
            if texts is None:
                texts = self._display[row] = _texts(self._rows[row])
            return texts[col]
        if role not in _ANSWERED:
            return None  # painting asks some ten roles a cell; most have no answer here
        if role == _EXERCISE_ID:
            return self._rows[row].id
        if role == _EXERCISE:
            try:
                return self.exercise(row)
            except LookupError:
                return None  # deleted by another window since the list was read; the next reload drops it
        ex = self._rows[row]
        if role == _DECORATION and col == _NAME:
            return self.badge(ex)
        if role == _TOOLTIP:
            return self._tooltip(ex, row, col)
        if role == _FONT and col == _DOSE and ex.dose_is_default:
            return self.italic
        return None

    def badge(self, ex: Any) -> QIcon:
        """The origin badge (B, E or C) of a listed row, in the application palette's colours."""
        return self.badge_of(origin(ex))

    def badge_of(self, kind: str) -> QIcon:
        """The badge of an origin ("builtin", "edited", "custom"), in the application palette's colours."""
        key = (kind, app_is_dark())
        icon = self._badges.get(key)
        if icon is None:
            icon = self._badges[key] = _badge(*key)
        return icon

    def _tooltip(self, ex: Any, row: int, col: int) -> str | None:
        if col == Column.NAME:
            return f"{ex.name} — {ORIGIN_LABELS[origin(ex)]}"
        if col == Column.DOSE and ex.dose_is_default:
            return DEFAULT_DOSE_NOTE
        if col == Column.CONDITIONS and ex.conditions:
            return "\n".join(CONDITION_NAMES.get(c, c) for c in ex.conditions)
        return self.row_texts(row)[col] or None

    def sort(self, column: int, order: Qt.SortOrder = _ASCENDING) -> None:
        if not 0 <= column < _COLUMNS:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in persistent]
        cols = [i.column() for i in persistent]
        self._sort_rows()
        self.changePersistentIndexList(
            persistent, [self.index(self.row_of(i), c) for i, c in zip(ids, cols, strict=True)]
        )
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        rows = self._rows
        # By the column's text as shown, then the name, then the id, each without regard to case: sorted by the least
        # of the keys first, then by each greater one (a sort keeps the order of equal keys, descending too), with
        # C-level keys and no tuple per row. Only the sorted column is formatted.
        descending = order == Qt.SortOrder.DescendingOrder
        ordered = sorted(range(len(rows)), key=[ex.id for ex in rows].__getitem__, reverse=descending)
        ordered.sort(key=[ex.name.lower() for ex in rows].__getitem__, reverse=descending)
        if column != Column.NAME:
            self.prepare_all()
            ordered.sort(key=[_texts(ex)[column].lower() for ex in rows].__getitem__, reverse=descending)
        self._rows = [rows[i] for i in ordered]
        self._after_order()


class ExerciseFilterProxy(QAbstractTableModel):
    """The rows the search and filters let through: a flat model over the visible rows of an
    `ExerciseTableModel`. Filters by text (name, id, aliases), category, equipment and condition.

    Each change decides every row in one comprehension over the model's search keys and resets this
    model; nothing calls into Python per row (a QSortFilterProxyModel asks filterAcceptsRow once per row
    and keystroke). The view keeps its current exercise by id across the reset. Sorting the source keeps
    the selection (persistent indexes follow their exercises).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._category: str | None = None
        self._equipment: str | None = None
        self._condition: str | None = None
        self._model: ExerciseTableModel | None = None
        self._visible: Sequence[int] = []  # source rows, ascending (a range when nothing is filtered out)
        self._moving: list[tuple[QPersistentModelIndex, str, int]] = []
        # Rows decided per (search, category, equipment, condition) since the source last changed: a longer
        # search looks only at the rows of a shorter one it contains, and deleting keys finds rows decided before.
        self._decided: dict[tuple[str, str | None, str | None, str | None], Sequence[int]] = {}

    def setSourceModel(self, model: ExerciseTableModel) -> None:
        self.beginResetModel()
        old = self._model
        if old is not None:
            old.modelAboutToBeReset.disconnect(self.beginResetModel)
            old.modelReset.disconnect(self._source_reset)
            old.layoutAboutToBeChanged.disconnect(self._source_sorting)
            old.layoutChanged.disconnect(self._source_sorted)
        self._model = model
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._source_reset)
        model.layoutAboutToBeChanged.connect(self._source_sorting)
        model.layoutChanged.connect(self._source_sorted)
        self._decided = {}
        self._visible = self._decide()
        self.endResetModel()

    def sourceModel(self) -> ExerciseTableModel | None:
        return self._model

    def source(self) -> ExerciseTableModel:
        assert self._model is not None
        return self._model

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

    def visible_rows(self) -> Sequence[int]:
        """The source rows shown, top to bottom (row i of this model is source row visible_rows()[i])."""
        return self._visible

    def _refilter(self) -> None:
        rows = self._decide()
        old = self._visible
        if rows is old or (len(rows) == len(old) and type(rows) is type(old) and rows == old):
            return  # the same rows ("zz" then "zzz"): nothing to reset, the view keeps its place and paint
        self.beginResetModel()
        self._visible = rows
        self.endResetModel()

    def _decide(self) -> Sequence[int]:
        model = self._model
        if model is None:
            return []
        key = (self._text, self._category, self._equipment, self._condition)
        decided = self._decided
        rows = decided.get(key)
        if rows is not None:
            decided[key] = decided.pop(key)  # most recent last
            return rows
        text, cat, equip, cond = key
        if equip or cond:
            model.prepare_all()  # the equipment and conditions of every row, read at once
        keys = model.search_keys
        if not text:
            rows = range(len(keys))
            if cat or equip or cond:
                listed = model.listed
                rows = [i for i in rows if self._passes(listed(i), cat, equip, cond)]
        else:
            # The rows of a search this one contains (same filters), the fewest: a match of "squa" contains "squ".
            base: Sequence[int] | None = None
            for (t, c, e, d), seen in decided.items():
                if t in text and (c, e, d) == (cat, equip, cond) and (base is None or len(seen) < len(base)):
                    base = seen
            if base is None:
                rows = [i for i, k in enumerate(keys) if text in k]
                if cat or equip or cond:
                    listed = model.listed
                    rows = [i for i in rows if self._passes(listed(i), cat, equip, cond)]
            else:
                rows = [i for i in base if text in keys[i]]
        decided[key] = rows
        if len(decided) > _REMEMBERED_FILTERS:
            del decided[next(iter(decided))]
        return rows

    @staticmethod
    def _passes(ex: Any, cat: str | None, equip: str | None, cond: str | None) -> bool:
        if cat and ex.category.value != cat:
            return False
        if cond and cond not in ex.conditions:
            return False
        if equip == "none":
            return not ex.equipment
        return not equip or equip in ex.equipment or equip in ex.optional_equipment

    # -- the source changing ---------------------------------------------------------------------
    def _source_reset(self) -> None:
        self._decided = {}
        self._visible = self._decide()
        self.endResetModel()

    def _source_sorting(self) -> None:
        self.layoutAboutToBeChanged.emit()
        model = self.source()
        self._moving = []
        for index in self.persistentIndexList():
            if index.isValid():
                self._moving.append((index, model.listed(self._visible[index.row()]).id, index.column()))

    def _source_sorted(self) -> None:
        self._decided = {}  # row numbers of the old order
        self._visible = self._decide()
        model = self.source()
        old = [QModelIndex(index) for index, _id, _col in self._moving]
        new = [self.mapFromSource(model.index(model.row_of(i), col)) for _index, i, col in self._moving]
        self._moving = []
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    # -- mapping -------------------------------------------------------------------------------
    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = source_index.row()
        pos = bisect_left(self._visible, row)
        if pos < len(self._visible) and self._visible[pos] == row:
            return self.index(pos, source_index.column())
        return QModelIndex()

    def mapToSource(self, index: Index) -> QModelIndex:
        if not index.isValid() or self._model is None:
            return QModelIndex()
        return self._model.index(self._visible[index.row()], index.column())

    # -- Qt model interface --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self._model.headerData(section, orientation, role) if self._model is not None else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._model is None:
            return None
        row = index.row()
        if row >= len(self._visible):
            return None
        return self._model.cell(self._visible[row], index.column(), role)

    def multiData(self, index: QModelIndex, roleDataSpan: Any) -> None:  # noqa: N803 - Qt's name
        # Painting asks a cell for seven roles in one call: answer them in one Python call, not seven data()
        # calls through PySide (each crossing costs more than the answer). The three roles a painted cell can
        # have (text, badge, italic dose) are answered here without going through cell().
        model = self._model
        if model is None or not index.isValid():
            return
        row = index.row()
        if row >= len(self._visible):
            return
        source_row, col = self._visible[row], index.column()
        texts = model.row_texts(source_row)
        for role_data in roleDataSpan:
            # The span is reused from cell to cell: a role this cell has no answer for must be cleared, or it
            # keeps the last cell's value (the built-in badge showed in every column).
            role = role_data.role()
            if role == _DISPLAY:
                role_data.setData(texts[col])
            elif role == _DECORATION:
                if col == _NAME:
                    role_data.setData(model.badge(model.listed(source_row)))
                else:
                    role_data.clearData()
            elif role == _FONT:
                if col == _DOSE and model.listed(source_row).dose_is_default:
                    role_data.setData(model.italic)
                else:
                    role_data.clearData()
            elif role in _ANSWERED and (value := model.cell(source_row, col, role)) is not None:
                role_data.setData(value)
            else:
                role_data.clearData()

    # -- sorting -------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = _ASCENDING) -> None:
        # The source sorts its Python list; this model follows (see _source_sorted).
        if self._model is not None:
            self._model.sort(column, order)
