"""The Plan view: the current athlete's season as a grid, with the selected session beside it."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.domain.athlete import Athlete, DayKind, Phase
from planner.domain.dates import monday_of
from planner.domain.errors import BadInput
from planner.domain.plan import Plan, PlannedExercise, Session
from planner.domain.plan import SessionKind as Kind
from planner.store import athletes as store
from planner.ui.colors import TRIAGE, color, phase_chip_text, phase_color, session_color
from planner.ui.phase_colors import SESSION_LABELS
from planner.ui.plan_commands import SetDoseCommand
from planner.ui.plan_commands import regenerate as regenerate_plan
from planner.ui.plan_grid import PlanGrid
from planner.ui.plan_model import FIRST_DAY_COLUMN, PlanModel, plan_summary
from planner.ui.plan_rebuilds import plan_rebuilds
from planner.ui.session_panel import SessionPanel
from planner.ui.shortcuts import register_shortcut
from planner.ui.style import count_suffix
from planner.ui.triage_banner import TriageIcon
from planner.ui.wizard_labels import triage_look

if TYPE_CHECKING:
    from planner.ui.context import AppContext

log = logging.getLogger(__name__)

# The keys the actions below use (Enter and the arrows are the grid's own), listed in the F1 table.
REGENERATE_KEYS, NEXT_WEEK_KEYS, PREVIOUS_WEEK_KEYS, THIS_WEEK_KEYS, CLOSE_KEYS = (
    "F5",
    "Ctrl+]",
    "Ctrl+[",
    "Ctrl+T",
    "Esc",
)
for _keys, _text in (
    (REGENERATE_KEYS, "Regenerate the plan, keeping your dose edits"),
    (NEXT_WEEK_KEYS, "Next week"),
    (PREVIOUS_WEEK_KEYS, "Previous week"),
    (THIS_WEEK_KEYS, "Jump to this week"),
    (("Return", "Enter"), "Open the session of the selected day (again: its next session)"),
    (CLOSE_KEYS, "Close the session panel"),
    (("Left", "Right", "Up", "Down"), "Move between days and weeks"),
):
    register_shortcut("Plan", _keys, _text)

CONTROL_DEBOUNCE_MS = 700
LOG_KEYS = "Ctrl+L"
register_shortcut("Plan", LOG_KEYS, "Type the selected week's log from the printed sheet")
MAX_WEEKS = 52


def legend_html(dark: bool | None = None) -> str:
    """Phase and session colours with their names: the key to the grid, in the palette's colours."""
    chips = [
        f"<span style='background:{phase_color(p, dark).name()}; color:{phase_chip_text(p, dark).name()};'>"
        f"&nbsp;{p.label}&nbsp;</span>"
        for p in Phase
    ]
    kinds = [f"<span style='color:{session_color(k, dark).name()}'>■</span> {SESSION_LABELS[k]}" for k in Kind]
    edited = color("edited", dark).name()
    marks = [*kinds, f"<span style='color:{edited}'>●</span> edited"]
    return " ".join(chips) + "&nbsp;&nbsp;&nbsp;" + " &nbsp;".join(marks)


class PlanNotice(QFrame):
    """A banner over the plan: the symptom check's hold, or the re-check its routine asks for.

    Fill and border come from planner.ui.colors (the triage level's pair, or the notice's), the text
    is the palette's window text, so the banner reads in light and dark; the icon shape and the words
    carry the meaning too.
    """

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.icon = TriageIcon(self)
        self.headline = QLabel(self)
        self.headline.setObjectName(f"{name}Headline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.headline.setFont(font)
        self.message = QLabel(self)
        self.message.setObjectName(f"{name}Message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.headline)
        text.addWidget(self.message)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(12)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        self._level = "notice"
        self._shape = "clock"
        self.hide()

    def show_notice(self, headline: str, message: str, *, shape: str, level: str = "notice") -> None:
        """Show the banner; `level` is a symptom-check level (its colours) or "notice" (the accent)."""
        self.headline.setText(headline)
        self.message.setText(message)
        self._level, self._shape = level, shape
        self._restyle()
        self.setAccessibleName(f"{headline}. {message}")
        self.show()

    def _restyle(self) -> None:
        # The application's palette (light or dark): the frame's own changes with its style sheet.
        pal = QApplication.palette()
        level = self._level if self._level in TRIAGE else "notice"
        if level == "notice":
            fill, border = color("notice_fill"), color("notice_border")
        else:
            fill, border = color(f"triage_fill.{level}"), color(f"triage_border.{level}")
        self.icon.set_look(self._shape, border.name())
        name = self.objectName()
        text = pal.color(QPalette.ColorRole.WindowText).name()
        sheet = (
            f"#{name} {{ background: {fill.name()}; border: 1px solid {border.name()};"
            f" border-left: 6px solid {border.name()}; border-radius: 6px; }}"
            f"#{name} QLabel {{ color: {text}; background: transparent; border: none; }}"
        )
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationPaletteChange:  # light <-> dark while the app runs
            self._restyle()
        super().changeEvent(event)


class PlanView(QWidget):
    ready = Signal()

    title = "Plan"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ready = False
        self._loaded = False
        self.athlete_id: int | None = None
        self.athlete: Athlete | None = None
        self._athlete_version: int | None = None  # what a change of one week's run starts from (club mode)
        self.plan: Plan | None = None
        # The version of the plan shown: what Regenerate and Reset edits start from, so a plan another coach
        # saved after this view read it (before the button was pressed, too) stops them with Reload / Keep mine.
        self._plan_version: int | None = None
        self._edited_keys: frozenset[str] = frozenset()
        self._shown_for: int | None = None  # the athlete the grid was last scrolled for

        self.model = PlanModel(self)
        self.grid = PlanGrid()
        self.grid.setModel(self.model)
        self.grid.session_clicked.connect(self.open_session)
        self.grid.run_chosen.connect(self.set_week_run)
        self.panel = SessionPanel()
        self.panel.dose_edited.connect(self._on_dose_edited)
        self.panel.close_requested.connect(self.close_session)
        self.panel.setMinimumWidth(290)
        self.panel.hide()  # the grid gets the whole width until a session is opened

        self.name_label = QLabel()
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name_label.setFont(font)
        self.summary_label = QLabel()
        self.summary_label.setStyleSheet("color: palette(placeholder-text);")
        self.summary_label.setWordWrap(True)
        self.legend_label = QLabel(legend_html())
        self.legend_label.setStyleSheet("font-size: 8pt;")

        self.start_edit = QDateEdit()
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("ddd d MMM yyyy")
        self.start_edit.setToolTip("First week of the plan (moved to its Monday)")
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setRange(1, MAX_WEEKS)
        count_suffix(self.weeks_spin, " week", " weeks")
        self._control_timer = QTimer(self, singleShot=True, interval=CONTROL_DEBOUNCE_MS)
        self._control_timer.timeout.connect(self.apply_range)
        self.start_edit.dateChanged.connect(self._control_timer.start)
        self.start_edit.editingFinished.connect(self.apply_range)
        self.weeks_spin.valueChanged.connect(self._control_timer.start)
        self.weeks_spin.editingFinished.connect(self.apply_range)

        self._make_actions()

        controls = QHBoxLayout()
        controls.addWidget(self.name_label)
        controls.addStretch(1)
        controls.addWidget(QLabel("Start"))
        controls.addWidget(self.start_edit)
        controls.addWidget(self.weeks_spin)
        self.hold_banner = PlanNotice("planHoldBanner")
        self.recheck_banner = PlanNotice("planRecheckBanner")
        self.log_banner = PlanNotice("planLogBanner")  # the training log suggests a new symptom check
        header = QVBoxLayout()
        header.setSpacing(2)
        header.addWidget(self.hold_banner)
        header.addWidget(self.recheck_banner)
        header.addWidget(self.log_banner)
        header.addLayout(controls)
        header.addWidget(self.summary_label)
        header.addWidget(self.legend_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("planSplitter")
        self.splitter.addWidget(self.grid)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([980, 300])

        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(6, 6, 6, 6)
        page_layout.addLayout(header)
        page_layout.addWidget(self.splitter, 1)
        from planner.ui.log_grid import LogPanel

        self.log_panel = LogPanel(ctx)  # the week's log, typed from the printed sheet (Ctrl+L)
        self.log_panel.hide()
        page_layout.addWidget(self.log_panel, 1)
        self.grid.selectionModel().currentChanged.connect(lambda *_: self._show_log())

        self.stack = QStackedWidget()
        self.stack.addWidget(self._empty_state())
        self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _empty_state(self) -> QWidget:
        page = QWidget()
        self.empty_label = QLabel(
            "<h2>No athlete selected</h2><p>Choose an athlete in the Athletes view, "
            "or add one: their season plan appears here.</p>"
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_add_button = QPushButton("Add athlete")
        self.empty_add_button.clicked.connect(self.add_athlete)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.empty_add_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.empty_label)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _make_actions(self) -> None:
        def action(text: str, slot: object, shortcut: str | None, tip: str) -> QAction:
            act = QAction(text, self)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(tip)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.regenerate_action = action(
            "Regenerate",
            self.regenerate,
            REGENERATE_KEYS,
            f"Rebuild the plan from the athlete's season, keeping your dose edits ({REGENERATE_KEYS})",
        )
        self.reset_action = action(
            "Reset edits…", self.reset_edits, None, "Forget your dose edits and rebuild the plan"
        )
        self.previous_week_action = action(
            "Previous week",
            lambda: self.grid.move_week(-1),
            PREVIOUS_WEEK_KEYS,
            f"Previous week ({PREVIOUS_WEEK_KEYS})",
        )
        self.next_week_action = action(
            "Next week", lambda: self.grid.move_week(1), NEXT_WEEK_KEYS, f"Next week ({NEXT_WEEK_KEYS})"
        )
        self.close_session_action = action(
            "Close session", self.close_session, CLOSE_KEYS, f"Close the session ({CLOSE_KEYS})"
        )
        self.this_week_action = action(
            "This week", self.go_to_today, THIS_WEEK_KEYS, f"Jump to this week ({THIS_WEEK_KEYS})"
        )
        self.log_action = action(
            "Log week", self.toggle_log, LOG_KEYS, f"Type the selected week's log from the printed sheet ({LOG_KEYS})"
        )
        self.log_action.setCheckable(True)

    # --- the view contract ----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationPaletteChange:  # the legend's colours follow light <-> dark
            self.legend_label.setText(legend_html())
        super().changeEvent(event)

    def toolbar_actions(self) -> list[QAction]:
        return [self.regenerate_action, self.reset_action, self.this_week_action, self.log_action]

    def is_ready(self) -> bool:
        return self._ready

    def commit_pending(self) -> None:
        """Save a dose or plan range still waiting out its pause (the window calls this before it closes)."""
        for row in self.panel.rows:
            if row.pending():
                row.commit()
        if self._control_timer.isActive():
            self.apply_range()
        self.log_panel.grid.keep_pending()
        if self.log_panel.pending_replan():
            self.log_panel.replan_now()

    def focus_search(self) -> None:
        self.grid.setFocus()

    def load(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.ctx.current_athlete_changed.connect(self.show_athlete)
            self.ctx.plan_changed.connect(self._on_plan_changed)
            self.ctx.athletes_changed.connect(self._on_athletes_changed)
            plan_rebuilds(self.ctx).settled.connect(self._on_rebuild_settled)
        athlete_id = self.ctx.current_athlete_id
        if athlete_id is None:
            first = next(iter(store.list_athletes(self.ctx.db)), None)
            if first is not None:
                self.ctx.set_current_athlete(first.id)  # arrives back through show_athlete
                athlete_id = first.id
        self.show_athlete(athlete_id)
        QTimer.singleShot(0, self._mark_ready)

    def _on_rebuild_settled(self, athlete_id: int) -> None:
        if athlete_id == self.athlete_id and self.plan is None:
            self.refresh()  # a first plan that failed leaves no plan_changed: say so instead of "Making…"
        if not self._ready:
            self._mark_ready()

    def _mark_ready(self) -> None:
        if self.athlete_id is not None and plan_rebuilds(self.ctx).pending(self.athlete_id):
            return  # its plan is being built (a first run's demo): ready once it is shown
        self.repaint()
        self._ready = True
        self.ready.emit()

    # --- showing a plan -------------------------------------------------------------------------

    def show_athlete(self, athlete_id: int | None) -> None:
        if athlete_id is not None and athlete_id == self.athlete_id and self.plan is not None:
            return
        self.athlete_id = athlete_id
        self.close_session()
        self.refresh()

    def _on_plan_changed(self, athlete_id: int) -> None:
        if athlete_id == self.athlete_id:
            self.refresh()

    def _on_athletes_changed(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read the athlete and their plan again (generating a first plan) and repaint."""
        stored = None
        if self.athlete_id is not None and self.ctx.db is not None:
            try:
                stored = store.get_athlete(self.ctx.db, self.athlete_id)
            except BadInput:  # deleted
                stored = None
        if stored is None:
            roster_empty = self.ctx.db is None or not store.list_athletes(self.ctx.db)
            self.empty_label.setText(
                "<h2>No athletes yet</h2><p>Add a runner with their week and races: their season plan appears here.</p>"
                if roster_empty
                else "<h2>No athlete selected</h2><p>Choose an athlete in the Athletes view: their season plan "
                "appears here.</p>"
            )
            self.athlete = self.plan = self._plan_version = None
            self.hold_banner.hide()
            self.recheck_banner.hide()
            self.model.set_plan(None)
            self.stack.setCurrentIndex(0)
            self._set_actions_enabled(False)
            return
        self.athlete = stored.athlete
        self._athlete_version = stored.version
        # The version first: a save landing between the two reads then looks like another coach's (a question
        # too many), never the other way round (a plan shown as newer than the version it is saved against).
        version = store.plan_version(self.ctx.db, stored.id)
        plan = store.load_plan(self.ctx.db, stored.id)
        building = plan is None and plan_rebuilds(self.ctx).pending(stored.id)
        if plan is None and not building:
            plan = self._first_plan(stored.id)
            version = store.plan_version(self.ctx.db, stored.id) if plan is not None else None
        self.plan = plan
        self._plan_version = version
        self._edited_keys = frozenset(key for key, _ in store.dose_edits(self.ctx.db, stored.id))
        current = self.grid.currentIndex()
        self.model.set_plan(plan, stored.athlete, self._edited_keys)
        self.stack.setCurrentIndex(1)
        self._set_actions_enabled(plan is not None)
        self.name_label.setText(stored.athlete.name)
        if plan is None:
            self.summary_label.setText(
                "Making the plan…" if building else "No plan yet: the plan could not be made (see the status bar)."
            )
            self.hold_banner.hide()
            self.recheck_banner.hide()
            return
        self.summary_label.setText(plan_summary(plan))
        self._show_notices(plan)
        self._show_log()
        with QSignalBlocker(self.start_edit), QSignalBlocker(self.weeks_spin):
            self.start_edit.setDate(QDate(plan.start.year, plan.start.month, plan.start.day))
            self.weeks_spin.setValue(len(plan.weeks))
        if self._shown_for != stored.id:
            self._shown_for = stored.id
            self.go_to_today()
        elif current.isValid():
            self.grid.setCurrentIndex(self.model.index(min(current.row(), self.model.rowCount() - 1), current.column()))
        if self.panel.session is not None:
            session = self.session_by_key(self.panel.session.key)
            if session is None:
                self.close_session()
            else:
                self.panel.show_session(session, edited=self._is_edited(session))
                self.grid.select_session(session.key)

    def _show_notices(self, plan: Plan) -> None:
        """The hold at the top when the symptom check needs a clinician; else the re-check when its
        routine has run its weeks inside the plan."""
        hold = plan.hold
        if hold is not None:
            look = triage_look(hold.triage)
            self.hold_banner.show_notice(hold.title, hold.instead, shape=look.icon, level=hold.triage)
        else:
            self.hold_banner.hide()
        last_day = plan.weeks[-1].end if plan.weeks else plan.start
        due = plan.recheck_due
        if hold is None and due is not None and due <= last_day:
            week = next((w.index for w in plan.weeks if w.start <= due <= w.end), 1)
            import datetime as dt

            ran = "has run its weeks" if due <= dt.date.today() else "runs until then"
            self.recheck_banner.show_notice(
                f"Re-check due {due:%a} {due.day} {due:%b %Y} (week {week})",
                f"The hip and knee routine from the symptom check {ran}. Repeat the symptom check then "
                "(or see a physical therapist if it is not clearly better) before carrying on with it; the plan "
                "does not repeat it on its own.",
                shape="clock",
            )
        else:
            self.recheck_banner.hide()
        from planner.domain.adjustments import CHECK_ADVICE

        suggested = [w for w in plan.warnings if CHECK_ADVICE in w]
        if hold is None and suggested:
            self.log_banner.show_notice(
                "The training log suggests a new symptom check", " ".join(suggested), shape="clock"
            )
        else:
            self.log_banner.hide()

    # --- the training log -----------------------------------------------------------------------

    def toggle_log(self) -> None:
        """Show or hide the log grid of the selected week (typing goes straight into it)."""
        show = self.log_panel.isHidden()
        self.log_panel.setVisible(show)
        self.log_action.setChecked(show)
        self._show_log()
        if show:
            self.log_panel.grid.setFocus()

    def _show_log(self) -> None:
        if self.log_panel.isHidden():
            return
        row = self.grid.currentIndex().row()
        week = self.model.week_at(row) if self.plan is not None and row >= 0 else None
        self.log_panel.show_week(self.athlete_id, self.plan, week.index if week is not None else None)

    def _first_plan(self, athlete_id: int) -> Plan | None:
        from planner.store.plans import ensure_plan

        try:
            return ensure_plan(self.ctx.db, athlete_id)[0]  # the one place a missing plan is made
        except Exception:  # the scheduler is ours: log the traceback and say so calmly
            from planner.logs import log_exception, log_location

            path = log_exception(context=f"making the first plan of athlete {athlete_id}")
            self.ctx.say(f"The plan could not be made; details are in {log_location(path)}.")
            return None

    def _set_actions_enabled(self, enabled: bool) -> None:
        for act in (
            self.regenerate_action,
            self.reset_action,
            self.previous_week_action,
            self.next_week_action,
            self.this_week_action,
        ):
            act.setEnabled(enabled)

    def session_by_key(self, key: str) -> Session | None:
        if self.plan is None:
            return None
        return next((s for w in self.plan.weeks for s in w.sessions if s.key == key), None)

    def _is_edited(self, session: Session) -> bool:
        return session.edited or session.key in self._edited_keys

    def go_to_today(self) -> None:
        if self.plan is None or not self.plan.weeks:
            return
        today = dt.date.today()
        row = next((i for i, w in enumerate(self.plan.weeks) if w.start <= today <= w.end), 0)
        column = FIRST_DAY_COLUMN + (today.weekday() if self.plan.weeks[row].start <= today else 0)
        index = self.model.index(row, column)
        self.grid.setCurrentIndex(index)
        self.grid.scrollTo(index)

    def open_session(self, session: Session) -> None:
        self.grid.select_session(session.key)
        self.panel.show_session(session, edited=self._is_edited(session))
        if not self.panel.isVisible():
            self.grid.set_narrow(True)  # the warnings column gives its room to the days
            self.panel.show()
            self.splitter.setSizes([max(400, self.splitter.width() - 310), 300])
            self.grid.scrollTo(self.grid.currentIndex())

    def close_session(self) -> None:
        self.grid.select_session(None)
        self.panel.show_session(None)
        self.panel.hide()
        self.grid.set_narrow(False)
        self.grid.setFocus()

    # --- changes --------------------------------------------------------------------------------

    def _on_dose_edited(self, session_key: str, old: PlannedExercise, new: PlannedExercise) -> None:
        if self.athlete_id is not None:
            self.ctx.undo_stack.push(SetDoseCommand(self.ctx, self.athlete_id, session_key, old, new))

    def set_week_run(self, day: dt.date, kind: DayKind | None) -> None:
        """Change the run of `day` for its week only (None: its usual run again), as one undoable step."""
        from planner.ui.athlete_commands import ChangeWeekRun

        if self.athlete_id is None or self.athlete is None:
            return
        try:
            command = ChangeWeekRun(
                self.ctx, self.athlete_id, self.athlete, day, kind, expected_version=self._athlete_version
            )
        except BadInput as exc:  # more changed weeks than an athlete may keep
            self.ctx.say(str(exc))
            return
        self.ctx.undo_stack.push(command)

    def regenerate(self) -> None:
        if self.athlete_id is None or self.plan is None:
            return
        regenerate_plan(
            self.ctx,
            self.athlete_id,
            start=self.plan.start,
            weeks=len(self.plan.weeks),
            seen_version=self._plan_version,
        )

    def apply_range(self) -> None:
        """Rebuild over the start and weeks the controls show, when they differ from the plan's."""
        self._control_timer.stop()
        if self.athlete_id is None or self.plan is None:
            return
        start = monday_of(self.start_edit.date().toPython())
        weeks = self.weeks_spin.value()
        if (start, weeks) == (self.plan.start, len(self.plan.weeks)):
            return
        regenerate_plan(self.ctx, self.athlete_id, start=start, weeks=weeks, seen_version=self._plan_version)

    def reset_edits(self) -> None:
        if self.athlete_id is None or self.plan is None or self.athlete is None:
            return
        count = len(store.dose_edits(self.ctx.db, self.athlete_id))
        if count == 0:
            self.ctx.say("There are no dose edits to reset.")
            return
        answer = QMessageBox.question(
            self,
            "Reset dose edits",
            f"Forget the {count} dose change{'s' if count != 1 else ''} you made for {self.athlete.name} "
            "and rebuild the plan with the library's doses?\n\nYou can undo this with Ctrl+Z.",
            QMessageBox.StandardButton.Reset | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Reset:
            return
        # Built off the UI thread; on the undo stack (and said in the status bar) once it is saved.
        regenerate_plan(
            self.ctx,
            self.athlete_id,
            start=self.plan.start,
            weeks=len(self.plan.weeks),
            keep_edits=False,
            seen_version=self._plan_version,
        )

    def add_athlete(self) -> None:
        from planner.ui.athlete_commands import AddAthlete

        self.ctx.undo_stack.push(AddAthlete(self.ctx, Athlete(name="New athlete")))
        window = self.window()
        if hasattr(window, "show_view"):
            window.show_view("athletes")
