"""Undoable edits: every database change of the window is a QUndoCommand that writes at once.

A command's redo() writes to the database and announces the change on the context; its undo()
puts back exactly what was there. A redo() that fails with BadInput marks itself obsolete, so
QUndoStack drops it (Ctrl+Z never reaches a change that was not made), and keeps the message in
`error` for the caller to show. A database that is busy, read-only, full or damaged is also said in
the status bar. An undo() that fails leaves its change in the database, so the stack steps forward
again without writing: it stays true, and Ctrl+Z can try again.

Several coaches may share the database: a save names what it started from, and one that another coach
overtook raises EditConflict. redo() then offers Reload, Keep mine or Save as a copy (`conflict_choices`);
an undo() over someone's newer change is refused like any failed undo, never written over it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand

from planner.domain.conflict import EditConflict
from planner.domain.errors import BadInput
from planner.store.database import DatabaseUnavailable, retry_when_busy

if TYPE_CHECKING:
    from planner.domain.exercise import Exercise
    from planner.ui.conflict_dialog import ConflictChoices
    from planner.ui.context import AppContext


def plain(exc: BadInput) -> str:
    """The message without the database's path in front (the window shows the path elsewhere)."""
    text = str(exc)
    prefix = f"{exc.source}: " if isinstance(exc, DatabaseUnavailable) and exc.source else ""
    return text[len(prefix) :] if prefix and text.startswith(prefix) else text


class DatabaseCommand(QUndoCommand):
    """Base: subclasses implement apply() and revert(); errors become `error`, never a traceback."""

    def __init__(self, ctx: AppContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.error: str | None = None
        self._done_once = False
        self._still_done = False  # a failed undo left the change in place: the next redo must not write

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def announce(self) -> None:
        """Emit the context signal the change concerns."""

    def conflict_choices(self, conflict: EditConflict) -> ConflictChoices | None:
        """What Reload, Keep mine and Save as a copy do when another coach's save overtook this one
        (None: no choices, the refusal is only said in the status bar)."""
        return None

    def redo(self) -> None:
        if self._still_done:
            self._still_done = False
            return
        try:
            retry_when_busy(self.apply, self.ctx.db)
        except EditConflict as exc:
            self.error = str(exc)
            self.setObsolete(True)
            choices = self.conflict_choices(exc)
            if choices is None:
                self.ctx.say(f"{self.text()} was not done: {exc}")
            else:
                from planner.ui.conflict_dialog import ask_after_save

                ask_after_save(exc, choices)
            return
        except BadInput as exc:
            self.error = str(exc)
            self.setObsolete(True)
            if isinstance(exc, DatabaseUnavailable):
                self.ctx.say(f"{self.text()} was not done: {plain(exc)}")
            return
        self._done_once = True
        self.announce()

    def undo(self) -> None:
        try:
            retry_when_busy(self.revert, self.ctx.db)
        except BadInput as exc:
            self.error = str(exc)
            self.ctx.say(f"Could not undo {self.text()}: {plain(exc)}")
            self._still_done = True
            QTimer.singleShot(0, self._step_forward_again)
            return
        self.announce()

    def _step_forward_again(self) -> None:
        # QUndoStack has already moved its index back; the change is still in the database.
        stack = self.ctx.undo_stack
        if self._still_done and stack.index() < stack.count() and stack.command(stack.index()) is self:
            stack.redo()
        self._still_done = False


def push(ctx: AppContext, command: DatabaseCommand) -> str | None:
    """Push `command` (which writes at once); return the error message when it could not be done."""
    ctx.undo_stack.push(command)
    return command.error


class LibraryCommand(DatabaseCommand):
    def announce(self) -> None:
        self.ctx.library_changed.emit()


class AddExerciseCommand(LibraryCommand):
    """Add a custom exercise; `added` is the stored one (with the id the store gave it)."""

    def __init__(self, ctx: AppContext, exercise: Exercise, text: str | None = None) -> None:
        super().__init__(ctx, text or f"Add {exercise.name}")
        self.exercise = exercise
        self.added: Exercise | None = None
        self.uuid: str | None = None

    def apply(self) -> None:
        from planner.store.exercises import add_custom_exercise, restore_exercise

        if self.added is None:
            self.added = add_custom_exercise(self.ctx.db, self.exercise)
        else:
            restore_exercise(self.ctx.db, self.added, uuid=self.uuid)  # redo after undo: same id and UUID

    def revert(self) -> None:
        from planner.store.exercises import delete_exercise, exercise_uuid

        assert self.added is not None
        self.uuid = exercise_uuid(self.ctx.db, self.added.id)
        # `expected`: never delete it over another coach's edit made since (refused and said instead).
        delete_exercise(self.ctx.db, self.added.id, expected=self.added)


class EditExerciseCommand(LibraryCommand):
    """Save changes to an exercise; undo restores it exactly, markers included."""

    def __init__(self, ctx: AppContext, before: Exercise, after: Exercise) -> None:
        super().__init__(ctx, f"Edit {before.name}")
        self.before = before
        self.after = replace(after, id=before.id)
        self.saved: Exercise | None = None

    def apply(self) -> None:
        from planner.store.exercises import restore_exercise, update_exercise

        if self.saved is None:
            self.saved = update_exercise(self.ctx.db, self.after, expected=self.before)
        else:
            restore_exercise(self.ctx.db, self.saved, expected=self.before)

    def revert(self) -> None:
        from planner.store.exercises import restore_exercise

        restore_exercise(self.ctx.db, self.before, expected=self.saved)

    def conflict_choices(self, conflict: EditConflict) -> ConflictChoices:
        from planner.ui.conflict_dialog import ConflictChoices

        ctx, mine = self.ctx, self.after

        def keep_mine() -> None:
            from planner.store.exercises import get_exercise

            theirs = get_exercise(ctx.db, mine.id)
            if theirs is None:  # deleted meanwhile: put it back as this coach had it
                push(ctx, AddExerciseCommand(ctx, mine, f"Add {mine.name} again"))
            else:
                push(ctx, EditExerciseCommand(ctx, theirs, mine))

        def save_copy() -> None:
            copy = replace(mine, id=f"{mine.id}-copy", name=f"{mine.name} (copy)", builtin=False, edited=False)
            push(ctx, AddExerciseCommand(ctx, copy, f"Save {mine.name} as a copy"))

        return ConflictChoices(reload=ctx.library_changed.emit, keep_mine=keep_mine, save_copy=save_copy)


class DeleteExerciseCommand(LibraryCommand):
    """Delete a custom exercise; undo puts it back under the same id."""

    def __init__(self, ctx: AppContext, exercise: Exercise) -> None:
        super().__init__(ctx, f"Delete {exercise.name}")
        self.exercise = exercise
        self.deleted: Exercise | None = None
        self.uuid: str | None = None  # the undo puts back the same row (id and UUID), not a new exercise

    def apply(self) -> None:
        from planner.store.exercises import delete_exercise, exercise_uuid

        self.uuid = exercise_uuid(self.ctx.db, self.exercise.id) or self.uuid
        self.deleted = delete_exercise(self.ctx.db, self.exercise.id, expected=self.exercise)

    def conflict_choices(self, conflict: EditConflict) -> ConflictChoices:
        from planner.ui.conflict_dialog import ConflictChoices

        ctx, exercise_id = self.ctx, self.exercise.id

        def delete_anyway() -> None:
            from planner.store.exercises import get_exercise

            theirs = get_exercise(ctx.db, exercise_id)
            if theirs is not None:
                push(ctx, DeleteExerciseCommand(ctx, theirs))

        return ConflictChoices(reload=ctx.library_changed.emit, keep_mine=delete_anyway)

    def revert(self) -> None:
        from planner.store.exercises import restore_exercise

        restore_exercise(self.ctx.db, self.deleted or self.exercise, uuid=self.uuid)
