"""Keyboard manners for every window and dialog: no focus trap, Undo/Redo whatever has the focus, and an
accelerator on every dialog button.

One application-wide event filter instead of a rule per widget, so a widget added later behaves too:
- a multi-line text field passes Tab on (Ctrl+Tab still types a tab, as Qt has it);
- a table or list lets Tab leave: Tab from its last cell (Shift+Tab from its first) moves to the next
  (previous) control instead of wrapping to the first row or changing the selected athlete;
- Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y reach the window's undo stack even when a spin box, combo box or
  date field has the focus (they take those keys for their own text otherwise); a text field keeps
  them while it has typing of its own to undo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

ROOT = QModelIndex()  # a list model's rowCount/columnCount take the parent; give it to every model
_UNDO = QKeySequence.StandardKey.Undo
_REDO = QKeySequence.StandardKey.Redo


class KeyboardManners(QObject):
    """The filter; `install()` puts one on the application (idempotent)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        try:
            return self._filter(watched, event)
        except RuntimeError:  # a widget whose C++ side is already gone (polished while being torn down)
            return False
        except Exception as exc:  # a filter on every event must never take the window down
            from planner.logs import log_exception

            log_exception(exc, context="keyboard handling")
            return False

    def _filter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, QPlainTextEdit | QTextEdit):
            watched.setTabChangesFocus(True)
        elif kind == QEvent.Type.Show and isinstance(watched, QPushButton) and isinstance(watched.window(), QDialog):
            give_accelerator(watched)  # on Show, not Polish: a button box polishes its buttons before its dialog has it
        if kind == QEvent.Type.Polish and isinstance(watched, QWidget) and _cell_widget_table(watched) is not None:
            # A table's cell editor is reached through its table (in reading order), not where Qt's Tab
            # chain happens to put it: after the last field of the form, which made Tab go round in circles.
            if watched.focusPolicy() & Qt.FocusPolicy.TabFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        elif kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            return self._undo_keys(watched, event)
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and _is_plain_tab(event):
            forward = event.key() == Qt.Key.Key_Tab
            if isinstance(watched, QAbstractItemView):
                return self._tab_out(watched, event)
            if isinstance(watched, QWidget) and (table := _cell_widget_table(watched)) is not None:
                return _tab_between_cells(table, watched, forward=forward)
            if isinstance(watched, QDateTimeEdit):
                # Qt's date field moves between day, month and year on Tab: 3 presses per field. The
                # sections are typed straight through (or reached with the arrows), so Tab leaves.
                return _move_focus(watched, forward=forward)
        return False

    @staticmethod
    def _undo_keys(watched: QObject, event: QKeyEvent) -> bool:
        if not (event.matches(_UNDO) or event.matches(_REDO) or _is_ctrl_y(event)):
            return False
        if not isinstance(watched, QWidget) or not isinstance(watched.window(), QMainWindow):
            return False  # a dialog has no undo stack of its own: its fields keep their keys
        # Filtered, not accepted: Qt then looks the keys up as a shortcut, and the window's Undo/Redo run.
        return not _owns_its_undo(watched, redo=not event.matches(_UNDO))

    @staticmethod
    def _tab_out(view: QAbstractItemView, event: QKeyEvent) -> bool:
        key = event.key()
        if _cell_widgets(view):
            return _tab_between_cells(view, view, forward=key == Qt.Key.Key_Tab)
        if not view.tabKeyNavigation():
            return False
        model, current = view.model(), view.currentIndex()
        rows = view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
        read_only = view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        if model is None or model.rowCount(ROOT) == 0 or not current.isValid() or rows or read_only:
            # A list of rows (the roster, the library) or a table to read: the arrows move inside it, and
            # Tab moving the row would change what is shown.
            return _leave(view, forward=key == Qt.Key.Key_Tab)
        last = current.row() == model.rowCount(ROOT) - 1 and current.column() == model.columnCount(ROOT) - 1
        first = current.row() == 0 and current.column() == 0
        if (key == Qt.Key.Key_Tab and last) or (key == Qt.Key.Key_Backtab and first):
            return _leave(view, forward=key == Qt.Key.Key_Tab)
        return False


def _leave(view: QAbstractItemView, *, forward: bool) -> bool:
    return _move_focus(view, forward=forward)


def _is_plain_tab(event: QKeyEvent) -> bool:
    plain = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
    return event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not event.modifiers() & ~plain


def _takes_tab(widget: QWidget) -> bool:
    return (
        widget.isVisible()
        and widget.isEnabled()
        and widget.focusProxy() is None
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )


def _move_focus(start: QWidget, *, forward: bool, outside: QWidget | None = None) -> bool:
    """Focus the next (previous) control in the window's Tab order after `start`, skipping `outside`'s
    children; the widget's own focusNextPrevChild would move inside it (date sections, table cells)."""
    widget = start
    for _ in range(2000):  # the chain is a ring: stop once round it
        widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
        if widget is start or widget is None:
            return True
        if widget.window() is not start.window() or not _takes_tab(widget):
            continue
        if outside is not None and (widget is outside or outside.isAncestorOf(widget)):
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            widget = widget.parentWidget()
        widget.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
        return True
    return True


def _cell_widgets(view: QAbstractItemView) -> list[QWidget]:
    """The editors a table shows in its cells with setIndexWidget (the races' date, name, priority), row by row."""
    model = view.model()
    if model is None:
        return []
    found = []
    for row in range(model.rowCount(ROOT)):
        for column in range(model.columnCount(ROOT)):
            cell = view.indexWidget(model.index(row, column))
            if (
                cell is not None
                and cell.isVisible()
                and cell.isEnabled()
                and cell.focusPolicy() != Qt.FocusPolicy.NoFocus
            ):
                found.append(cell)
    return found


def _cell_widget_table(widget: QWidget) -> QAbstractItemView | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return parent if parent.viewport().isAncestorOf(widget) else None
        parent = parent.parentWidget()
    return None


def _tab_between_cells(table: QAbstractItemView, widget: QWidget, *, forward: bool) -> bool:
    """Tab walks a table's cell editors in reading order, then leaves the table (no cycling inside a row)."""
    cells = _cell_widgets(table)
    here = next((i for i, cell in enumerate(cells) if cell is widget or cell.isAncestorOf(widget)), None)
    if here is None:  # on the table itself: into its first (last) editor
        target = (cells[0] if forward else None) if cells else None
    else:
        step = here + (1 if forward else -1)
        target = cells[step] if 0 <= step < len(cells) else None
    if target is None:
        if here is None and not forward:
            return _move_focus(table, forward=False, outside=table)
        if here is not None and not forward:
            table.setFocus(Qt.FocusReason.BacktabFocusReason)
            return True
        return _move_focus(table, forward=forward, outside=table)
    target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
    return True


def mnemonic(text: str) -> str | None:
    """The accelerator letter of a button or label text ("Save &PDF" -> "p"), or None."""
    at = text.replace("&&", "").find("&")
    rest = text.replace("&&", "")[at + 1 : at + 2] if at >= 0 else ""
    return rest.lower() or None


def give_accelerator(button: QPushButton) -> None:
    """Underline the first letter of `button` that no other button or label of its dialog uses.

    Qt's own OK, Cancel, Close and Save have none on Linux; every dialog button should answer to Alt+letter.
    """
    text = button.text()
    if not text or mnemonic(text) is not None:
        return
    window = button.window()
    used = {
        m
        for other in (*window.findChildren(QAbstractButton), *window.findChildren(QLabel))
        if other is not button and (m := mnemonic(other.text())) is not None
    }
    for i, char in enumerate(text):
        if char.isalnum() and char.lower() not in used:
            button.setText(f"{text[:i]}&{text[i:]}")
            return


def _is_ctrl_y(event: QKeyEvent) -> bool:
    return event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier


def _owns_its_undo(widget: QWidget, *, redo: bool) -> bool:
    """A text field with typing of its own to undo keeps Ctrl+Z; spin boxes and combo boxes never do."""
    owner = widget.parentWidget()
    if isinstance(owner, QAbstractSpinBox | QComboBox) or isinstance(widget, QAbstractSpinBox | QComboBox):
        return False
    if isinstance(widget, QLineEdit):
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return False


_installed: list[KeyboardManners] = []


def install(app: QApplication | None = None) -> KeyboardManners:
    """Install the filter on the application once; later calls return the same one."""
    if _installed:
        return _installed[0]
    application = app or QApplication.instance()
    assert isinstance(application, QApplication)
    manners = KeyboardManners(application)
    application.installEventFilter(manners)
    _installed.append(manners)
    return manners
