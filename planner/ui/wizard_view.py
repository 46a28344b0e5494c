"""The Wizard view: what the symptom check does and does not do, the last result, and the check itself.

The wizard is embedded (a QWizard used as a child widget), so the view always shows something real:
the first page of the check beside the intro, and the athlete's last result when they have one.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner import DISCLAIMER
from planner.domain.errors import BadInput
from planner.ui.shortcuts import register_shortcut
from planner.ui.triage_banner import PatternBars, TriageBanner

if TYPE_CHECKING:
    from planner.domain.wizard import WizardResult
    from planner.ui.context import AppContext
    from planner.ui.wizard_window import SymptomWizard

START_KEYS = "Ctrl+Shift+W"
register_shortcut("Wizard", START_KEYS, "Start a new symptom check")

INTRO = (
    "<h2 style='margin-bottom:4px'>Symptom check</h2>"
    "<p>A few questions about a runner's leg, hip or back pain: warning signs first, then where it hurts, "
    "what makes it worse, how it started and a little about the runner.</p>"
    "<p><b>What it does:</b> names the <i>likely patterns</i> and why, says whether self-care is fine or "
    "who to see and how soon, and suggests a short hip and knee routine you can add to the plan.</p>"
    "<p><b>What it does not do:</b> examine, diagnose or replace a clinician. Any warning sign means no "
    "exercises, only what to do instead; an urgent one ends the check at once.</p>"
)


class WizardView(QWidget):
    ready = Signal()

    title = "Symptom check"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ready = False
        self._loaded = False
        self.wizard: SymptomWizard | None = None

        self.start_action = QAction("Start symptom check", self)
        self.start_action.setShortcut(QKeySequence(START_KEYS))
        self.start_action.setToolTip(f"Start a new symptom check ({START_KEYS})")
        self.start_action.triggered.connect(self.start_check)
        self.addAction(self.start_action)

        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        disclaimer = QLabel(DISCLAIMER, self)
        disclaimer.setObjectName("disclaimer_box")  # coloured by the app style sheet, light or dark
        disclaimer.setWordWrap(True)
        # Shown once the check has moved past its first page: on it, "start" would only clear its ticks.
        self.start_button = QPushButton("Start a &new check", self)
        self.start_button.setToolTip(self.start_action.toolTip())
        self.start_button.clicked.connect(self.start_action.trigger)
        self.athlete_label = QLabel(self)
        self.athlete_label.setWordWrap(True)

        self.last_box = QGroupBox("Last result", self)
        self.last_banner = TriageBanner(self.last_box)
        self.last_patterns = PatternBars(self.last_box, show_reasons=False, limit=2)
        self.last_when = QLabel(self.last_box)
        self.last_when.setWordWrap(True)
        self.last_when.setStyleSheet("color: palette(placeholder-text);")
        last = QVBoxLayout(self.last_box)
        last.setSpacing(8)
        last.addWidget(self.last_banner)
        last.addWidget(self.last_patterns)
        last.addWidget(self.last_when)
        self.last_box.hide()

        side = QWidget(self)
        column = QVBoxLayout(side)
        column.setContentsMargins(8, 8, 16, 8)
        column.setSpacing(14)
        column.addWidget(intro)
        column.addWidget(disclaimer)
        column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.athlete_label)
        column.addWidget(self.last_box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Horizontal scrolling is off, so everything in the column wraps to fit (pattern names too);
        # together with the wizard it must fit a 1280 px wide screen.
        scroll.setMinimumWidth(260)
        scroll.setMaximumWidth(420)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.wizard_slot = QVBoxLayout()
        self.wizard_slot.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel("Opening the symptom check…", self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.wizard_slot.addWidget(self.placeholder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 8)
        layout.setSpacing(12)
        layout.addWidget(scroll)
        layout.addLayout(self.wizard_slot, 1)
        self._show_athlete()

    # --- the view protocol ---------------------------------------------------------------------

    def toolbar_actions(self) -> list[QAction]:
        return [self.start_action]

    def is_ready(self) -> bool:
        return self._ready

    def load(self) -> None:
        if not self._loaded:
            self._loaded = True
            from planner.ui.wizard_window import SymptomWizard

            self.wizard = SymptomWizard(self.ctx, self, embedded=True)
            self.wizard_slot.replaceWidget(self.placeholder, self.wizard)
            self.wizard.currentIdChanged.connect(self._show_start)
            self._show_start()
            self.placeholder.deleteLater()
            self.ctx.current_athlete_changed.connect(self.refresh)
            self.ctx.athletes_changed.connect(self.refresh)
        self.refresh()
        QTimer.singleShot(0, self._mark_ready)

    def _mark_ready(self) -> None:
        if not self._ready:
            self._ready = True
            self.ready.emit()

    # --- content -------------------------------------------------------------------------------

    def start_check(self) -> None:
        """A fresh check in the embedded wizard, focused on its first question."""
        if self.wizard is None:
            return
        self.wizard.restart()
        # Unlike "Start again", a new check may be for another athlete: the warning signs are asked
        # afresh, never left answered by the last check.
        page = self.wizard.red_flag_page
        for check in (*page.flags.values(), *page.warnings.values(), page.none_box):
            check.box.setChecked(False)
        first = next(iter(page.flags.values()), None)
        if first is not None:
            first.box.setFocus()

    def _show_start(self, *_: object) -> None:
        on_first_page = self.wizard is not None and self.wizard.currentId() in (-1, self.wizard.startId())
        self.start_button.setVisible(not on_first_page)

    def refresh(self, *_: object) -> None:
        self._show_athlete()
        self._show_last_result()

    def _athlete(self) -> tuple[str, dict | None] | None:
        athlete_id = self.ctx.current_athlete_id
        if athlete_id is None or self.ctx.db is None:
            return None
        from planner.store.athletes import get_athlete

        try:
            athlete = get_athlete(self.ctx.db, athlete_id).athlete
        except BadInput:
            return None
        return athlete.name, athlete.wizard_answers

    def _show_athlete(self) -> None:
        found = self._athlete()
        if found is None:
            self.athlete_label.setText(
                "No athlete selected. The check works without one; choose an athlete "
                "under Athletes to add its routine to their plan."
            )
        else:
            self.athlete_label.setText(f"Results can be added to <b>{html.escape(found[0])}</b>'s plan.")

    def _show_last_result(self) -> None:
        found = self._athlete()
        result = self._evaluate(found[1]) if found and found[1] else None
        if found is None or result is None:
            self.last_box.hide()
            return
        self.last_box.setTitle(f"{found[0]}'s last check")
        self.last_banner.set_triage(result.triage, result.message)
        self.last_patterns.set_conditions(result.conditions)
        if result.program is not None:
            self.last_when.setText(
                f"Routine: {len(result.program.exercises)} exercises, {result.program.frequency_per_week} times a week."
            )
        else:
            self.last_when.setText("No routine: have it checked first.")
        self.last_box.show()

    def _evaluate(self, answers: dict) -> WizardResult | None:
        from planner.ui.wizard_window import evaluate_answers

        try:
            return evaluate_answers(answers)
        except BadInput:  # answers saved by an older version: show nothing rather than a wrong result
            return None
