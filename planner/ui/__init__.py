"""The window (PySide6 only here): main window, views, item models, dialogs and the wizard pages."""

from __future__ import annotations

import sys


def _make_singletons_immortal() -> None:
    """Work around a refcount bug of the PySide6 6.12.0 wheels on CPython 3.11.

    Those wheels return None, True and False from C++ calls without taking a reference, as if they
    were immortal (they are from Python 3.12 on). On 3.11 each `update()`, `setText()` or signal emit
    then lowers their refcount by one, and after some thousands of calls Python aborts with
    "Fatal Python error: none_dealloc". Giving them a huge refcount once is what 3.12 does for every
    program; it costs nothing and leaves all other objects alone. tests/ui/test_pyside_refcount.py
    keeps this honest.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for singleton in (None, True, False, Ellipsis, NotImplemented):
        # ob_refcnt is the first field of every object on CPython; 2**40 calls would take days.
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_make_singletons_immortal()
