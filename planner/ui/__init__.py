"""The window (PySide6 only here): main window, views, item models, dialogs and the wizard pages.

No workaround lives here any more: PySide6-Essentials 6.11.3 keeps the refcounts of None, True and False
right on CPython 3.11 (6.12.0 did not, and aborted with "none_dealloc"); tests/ui/test_pyside_refcount.py
holds the pinned stack to that.
"""
