"""The window (PySide6 only here): main window, views, item models, dialogs and the wizard pages."""
