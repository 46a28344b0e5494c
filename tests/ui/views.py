"""Views opened as the window opens them, for tests that need more than one or a variant of the fixtures'."""

from __future__ import annotations

from typing import Any


def open_library_view(qtbot: Any, ctx: Any) -> Any:
    """A Library view on `ctx`'s database, shown at 1100 x 700, loaded and painted."""
    from planner.ui.library_view import LibraryView

    view = LibraryView(ctx)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.load()
    qtbot.waitUntil(view.is_ready, timeout=15_000)
    return view
