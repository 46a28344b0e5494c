"""The symptom wizard window: warning signs, where and how it hurts, then a result with a routine.

The wizard names *likely patterns*, never a diagnosis; the disclaimer stays on the result page.
Open it with `open_wizard(ctx, parent, athlete_id)`; the Wizard view embeds one as a child widget.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from planner import DISCLAIMER
from planner.domain.errors import BadInput
from planner.export.file_names import file_stem
from planner.ui.style import unbroken_units
from planner.ui.triage_banner import TriageBanner, fit_words
from planner.ui.wizard_pages import (
    PAGE_CONTEXT,
    PAGE_FEEL,
    PAGE_FORM,
    PAGE_HISTORY,
    PAGE_RED_FLAGS,
    PAGE_RESULT,
    PAGE_WHERE,
    ContextPage,
    FeelPage,
    FormPage,
    HistoryPage,
    QuestionPage,
    RedFlagPage,
    WherePage,
)

if TYPE_CHECKING:
    from planner.domain.wizard import WizardResult
    from planner.ui.context import AppContext

log = logging.getLogger(__name__)


def evaluate_answers(data: dict[str, Any]) -> WizardResult:
    """Run the wizard on the answers; with warning signs and no regions yet, the signs alone decide."""
    from planner.store.wizard_rules import run_wizard

    if data.get("pain_regions"):
        return run_wizard(data)
    # An urgent warning ends the questions before "where it hurts": the warning signs alone decide.
    from planner.domain.wizard import evaluate
    from planner.domain.wizard_answers import parse_recorded_answers
    from planner.store.seed import builtin_exercises
    from planner.store.wizard_rules import load_wizard_rules

    answers = parse_recorded_answers(data)
    return evaluate(answers, load_wizard_rules(), {e.id: e.name for e in builtin_exercises()})


def routine_pdf_builder() -> Callable[..., Any] | None:
    """The routine PDF writer, or None when this install cannot print (the button says so)."""
    try:
        from planner.export.document import build_routine_pdf
    except ImportError:
        return None
    return build_routine_pdf


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _score_bar(score: float) -> str:
    # A table cell bar: QTextBrowser draws table widths reliably where CSS widths are ignored.
    from planner.ui.colors import color

    filled = max(1, round(score * 100))
    rest = f"<td width='{100 - filled}%' bgcolor='{color('score_rest').name()}'></td>" if filled < 100 else ""
    return (
        f"<table width='160' cellspacing='0' cellpadding='0' style='margin-top:4px'><tr>"
        f"<td width='{filled}%' bgcolor='{color('score_bar').name()}' height='9'></td>{rest}</tr></table>"
    )


def result_html(
    result: WizardResult, *, muted: str = "", warn: str = "", pictures: dict[str, str] | None = None
) -> str:
    """The body of the result page: why, what else to do, the likely patterns, factors and routine.

    An emergency shows the action and why only. Beside any referral the patterns are shown as what
    the clinician may look at, never as a reason to wait. `muted` and `warn` are text colours that
    read on the page's background (the palette's, so dark mode stays legible).
    """
    from planner.ui.colors import color

    muted = muted or color("muted").name()
    warn = warn or color("warning_text").name()
    out: list[str] = []
    h = out.append
    if len(result.actions) > 1:
        h("<h3>Also</h3><ul>")
        out.extend(f"<li>{_esc(a)}</li>" for a in result.actions[1:])
        h("</ul>")
    if result.red_flags or result.alerts:
        h("<h3>Why</h3><ul>")
        out.extend(f"<li>{_esc(flag.question)}</li>" for flag in result.red_flags)
        out.extend(f"<li>{_esc('; '.join(alert.reasons))}</li>" for alert in result.alerts if alert.reasons)
        h("</ul>")
    if result.triage != "self_care":
        h("<p><b>No exercises are suggested until a clinician has seen it.</b></p>")
    if result.triage == "emergency":
        return "".join(out)
    h("<h3>Likely patterns</h3>" if result.triage == "self_care" else "<h3>What a clinician may look at</h3>")
    if not result.conditions:
        h("<p>No likely pattern stands out from these answers.</p>")
    for match in result.conditions[:3]:
        h(
            "<table cellspacing='0' cellpadding='0' width='100%'><tr>"
            f"<td><b>{_esc(match.name)}</b> <span style='color:{muted}'>— {fit_words(match.score)}</span></td>"
            f"<td align='right' width='170'>{_score_bar(match.score)}</td></tr></table>"
        )
        if match.reasons:
            h("<ul style='margin-top:2px'>" + "".join(f"<li>{_esc(r)}</li>" for r in match.reasons) + "</ul>")
    notes = [n.text for n in result.notes if n.text not in result.actions]
    if notes:
        h(f"<p style='color:{warn}'>" + "<br>".join(f"⚠ {_esc(n)}" for n in notes) + "</p>")
    if result.factors:
        h("<h3>What may have fed it</h3>")
        for factor in result.factors:
            advice = f"<br>{_esc(factor.advice)}" if factor.advice else ""
            h(f"<p><b>{_esc(factor.name)}</b> — {_esc('; '.join(factor.reasons))}.{advice}</p>")
    program = result.program
    if program is None:
        return "".join(out)
    h("<h3>Routine</h3>")
    h(f"<p>{program.frequency_per_week} times a week, about {round(program.minutes())} minutes each time.</p>")
    h("<table cellspacing='0' cellpadding='5' width='100%'>")
    for item in program.exercises:
        note = f"<br><span style='color:{muted}'>{_esc(item.notes)}</span>" if item.notes else ""
        h(
            f"<tr><td width='38%' valign='top'><b>{_esc(item.name)}</b>"
            + (f"<br>{pictures[item.id]}" if pictures and pictures.get(item.id) else "")  # its drawing
            + "</td>"
            f"<td valign='top'>{_esc(unbroken_units(item.dose.describe()))}{note}</td></tr>"
        )
    h("</table>")
    if program.advice:
        h("<h3>Advice</h3><ul>")
        out.extend(f"<li>{_esc(a)}</li>" for a in program.advice)
        h("</ul>")
    return "".join(out)


class ResultPage(QuestionPage):
    """(f) What to do, the likely patterns and why, what may have fed it, and the routine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Result")
        self.setSubTitle("Likely patterns from the answers, what to do, and a routine when self-care fits.")
        self.result: WizardResult | None = None
        self.banner = TriageBanner(self)
        self.details = QTextBrowser(self)
        self.details.setObjectName("resultDetails")
        self.details.setFrameShape(QFrame.Shape.NoFrame)
        self.details.setOpenLinks(False)
        self.details.document().setDocumentMargin(6)
        self.details.viewport().setAutoFillBackground(False)
        self.athlete_label = QLabel(self)
        self.athlete_label.setWordWrap(True)
        self.add_button = QPushButton("Add to athlete's plan", self)
        self.print_button = QPushButton("Print routine (PDF)…", self)
        self.restart_button = QPushButton("Start again", self)
        self.feedback = QLabel(self)
        self.feedback.setWordWrap(True)
        self.feedback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.feedback.setStyleSheet("color: palette(link);")
        self.disclaimer = QLabel(DISCLAIMER, self)
        self.disclaimer.setObjectName("disclaimer")
        self.disclaimer.setWordWrap(True)
        self.disclaimer.setStyleSheet(
            "color: palette(placeholder-text); font-size: 9pt; border-top: 1px solid palette(mid); padding-top: 6px;"
        )
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restart_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.athlete_label)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)
        layout.addWidget(self.disclaimer)

    def isFinalPage(self) -> bool:
        return True

    def nextId(self) -> int:
        return -1

    def show_result(self, result: WizardResult) -> None:
        self.result = result
        self.banner.set_triage(result.triage, result.message)
        from planner.ui.colors import color
        from planner.ui.style import is_dark, muted_colour

        pal = self.palette()
        warn = color("warning_text", is_dark(pal)).name()
        from planner.export.drawing import drawing_for
        from planner.ui.drawing_widget import drawing_img_tag

        exercises = result.program.exercises if result.program else []
        pictures = {item.id: drawing_img_tag(drawing_for(item.id), 220, pal) for item in exercises}
        self.details.setHtml(result_html(result, muted=muted_colour(pal).name(), warn=warn, pictures=pictures))

    def text(self) -> str:
        """Everything the page says, as plain text (for tests and screen readers alike)."""
        return "\n".join(
            [
                self.banner.headline.text(),
                self.banner.message.text(),
                self.details.toPlainText(),
                self.disclaimer.text(),
            ]
        )


class SymptomWizard(QWizard):
    """The symptom check. `athlete_id` None follows the window's current athlete."""

    result_ready = Signal(object)  # WizardResult

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, athlete_id: int | None = None, *, embedded: bool = False
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._athlete_id = athlete_id
        self.embedded = embedded
        self.setObjectName("symptomWizard")
        self.setWindowTitle("Symptom check")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        if not embedded:  # in the Wizard view the window's size rules: it must fit 1024 x 640
            self.setMinimumSize(760, 560)
        self.setStyleSheet(
            "QWizardPage { font-size: 10.5pt; } QGroupBox { font-weight: 600; padding-top: 6px; }"
            " QGroupBox QCheckBox, QGroupBox QRadioButton, QGroupBox QLabel { font-weight: normal; }"
        )
        self.red_flag_page = RedFlagPage(self)
        self.where_page = WherePage(self)
        self.feel_page = FeelPage(self)
        self.history_page = HistoryPage(self)
        self.context_page = ContextPage(self)
        self.form_page = FormPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in (
            (PAGE_RED_FLAGS, self.red_flag_page),
            (PAGE_WHERE, self.where_page),
            (PAGE_FEEL, self.feel_page),
            (PAGE_HISTORY, self.history_page),
            (PAGE_CONTEXT, self.context_page),
            (PAGE_FORM, self.form_page),
            (PAGE_RESULT, self.result_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(PAGE_RED_FLAGS)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Done")
        if embedded:
            self.setWindowFlags(Qt.WindowType.Widget)
            self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.currentIdChanged.connect(self._page_shown)
        rp = self.result_page
        rp.restart_button.clicked.connect(self.restart)
        rp.add_button.clicked.connect(self.add_to_plan)
        rp.print_button.clicked.connect(self.print_routine)
        if routine_pdf_builder() is None:
            rp.print_button.setToolTip("Printing is not available in this installation.")
        ctx.current_athlete_changed.connect(self._refresh_athlete)
        ctx.athletes_changed.connect(self._refresh_athlete)
        # athlete id -> the check on record when this check started: recording ours over another coach's newer
        # one is refused (SetWizardAnswers' `seen`); forgotten when the check starts again.
        self._seen: dict[int, Any] = {}

    # --- answers and result --------------------------------------------------------------------

    def athlete_id(self) -> int | None:
        return self._athlete_id if self._athlete_id is not None else self.ctx.current_athlete_id

    def answers(self) -> dict[str, Any]:
        """The answers object of the interface spec, from the pages visited on the way here."""
        out: dict[str, Any] = {}
        for page_id in self.visitedIds():
            page = self.page(page_id)
            if isinstance(page, QuestionPage):
                out.update(page.answers())
        return {k: v for k, v in out.items() if v not in ([], None)}

    @property
    def result(self) -> WizardResult | None:
        return self.result_page.result

    def _remember_check(self) -> None:
        """Note the linked athlete's check on record the first time this check sees the athlete."""
        from planner.store.athletes import get_athlete

        athlete_id = self.athlete_id()
        if athlete_id is None or self.ctx.db is None or athlete_id in self._seen:
            return
        try:
            athlete = get_athlete(self.ctx.db, athlete_id).athlete
        except BadInput:
            return
        self._seen[athlete_id] = (athlete.wizard_answers, athlete.wizard_checked_on)

    def _record(self, athlete_id: int, answers: dict[str, Any], text: str | None = None) -> str | None:
        """Push the check onto the athlete (undoable); the error said when it was not recorded."""
        from planner.ui.undo import push
        from planner.ui.wizard_commands import SetWizardAnswers

        command = SetWizardAnswers(self.ctx, athlete_id, answers, text, seen=self._seen.get(athlete_id))
        error = push(self.ctx, command)
        if error is None:  # ours is on record now: a second click of this check is not a conflict
            self._seen[athlete_id] = (command.answers, command.checked_on)
        else:  # refused (the coach is shown whose check is on record): the next click starts from what is there
            self._seen.pop(athlete_id, None)
        return error

    def _page_shown(self, page_id: int) -> None:
        if page_id == PAGE_RED_FLAGS:
            self._seen.clear()  # a new check: what is on record is read again
        self._remember_check()
        if page_id != PAGE_RESULT:
            return
        rp = self.result_page
        rp.feedback.clear()
        try:
            result = evaluate_answers(self.answers())
        except BadInput as exc:  # our pages only offer allowed values; say it plainly if not
            rp.banner.set_triage("see_clinician_soon", f"These answers could not be checked: {exc}")
            rp.result = None
            self._refresh_athlete()
            return
        rp.show_result(result)
        self._refresh_athlete()
        self._hold_linked_plan(result)
        self.result_ready.emit(result)

    def _hold_linked_plan(self, result: WizardResult) -> None:
        """A result that is not self-care puts the linked athlete's plan on hold at once (undoable): the plan
        obeys the check, and a coach who closes the window without another click must not leave heavy
        loading in the plan of a runner who needs a clinician."""
        from planner.store.athletes import get_athlete

        athlete_id = self.athlete_id()
        if result.triage == "self_care" or athlete_id is None or self.ctx.db is None:
            return
        answers = self.answers()
        try:
            athlete = get_athlete(self.ctx.db, athlete_id).athlete
        except BadInput:
            return
        if athlete.wizard_answers == answers:
            return  # this check is the one on record (the page was shown again)
        text = f"Record the symptom check of {athlete.name}: plan on hold"
        error = self._record(athlete_id, answers, text)
        if error:
            self.result_page.feedback.setText(f"Could not put {athlete.name}'s plan on hold: {error}")
            return
        message = (
            f"{athlete.name}'s plan is on hold from today: no strength, routine or mobility sessions until a "
            "clinician has looked."
        )
        self.result_page.feedback.setText(f"{message} Undo with Ctrl+Z.")
        self.ctx.say(message)

    def _athlete_name(self) -> str | None:
        athlete_id = self.athlete_id()
        if athlete_id is None or self.ctx.db is None:
            return None
        from planner.store.athletes import get_athlete

        try:
            return get_athlete(self.ctx.db, athlete_id).athlete.name
        except BadInput:
            return None

    def _refresh_athlete(self, *_: object) -> None:
        rp = self.result_page
        name = self._athlete_name()
        has_program = rp.result is not None and rp.result.program is not None
        # Without a routine there is nothing to add or print: the result is "see someone".
        for button in (rp.add_button, rp.print_button):
            button.setVisible(has_program)
        rp.add_button.setEnabled(has_program and name is not None)
        rp.print_button.setEnabled(has_program and routine_pdf_builder() is not None)
        if not has_program:
            rp.athlete_label.setText(f"Linked to <b>{html.escape(name)}</b>." if name else "")
        elif name is None:
            rp.athlete_label.setText("No athlete selected: choose one under Athletes to add this routine to a plan.")
            rp.add_button.setText("Add to athlete's plan")
            rp.add_button.setToolTip("Select an athlete first.")
        else:
            rp.athlete_label.setText(f"Linked to <b>{html.escape(name)}</b>.")
            rp.add_button.setText(f"Add to {name}'s plan")
            rp.add_button.setToolTip("Adds the routine as corrective sessions; undo with Ctrl+Z.")

    # --- actions -------------------------------------------------------------------------------

    def add_to_plan(self) -> None:
        athlete_id = self.athlete_id()
        if athlete_id is None or self.result is None or self.result.program is None:
            return
        name = self._athlete_name() or "the athlete"
        error = self._record(athlete_id, self.answers())
        if error:
            self.result_page.feedback.setText(f"Could not add the routine: {error}")
            return
        message = f"Added the routine to {name}'s plan ({self.result.program.frequency_per_week} times a week)."
        self.result_page.feedback.setText(f"{message} Undo with Ctrl+Z.")
        self.ctx.say(message)

    def print_routine(self) -> None:
        build = routine_pdf_builder()
        if build is None or self.result is None:
            return
        name = self._athlete_name()
        stem = f"routine-{file_stem(name)}" if name else "routine"  # the one file-name rule
        start = str(Path.home() / f"{stem}.pdf")
        out, _ = QFileDialog.getSaveFileName(self, "Save the routine as PDF", start, "PDF files (*.pdf)")
        if not out:
            return
        path = Path(out) if out.lower().endswith(".pdf") else Path(f"{out}.pdf")
        try:
            build(path, result=self.result.to_dict(), athlete_name=name, library=self._library(), paper=self._paper())
        except BadInput as exc:
            self.result_page.feedback.setText(f"Could not save the PDF: {exc}")
            return
        except Exception:  # ours: log the traceback, tell the coach in plain words
            from planner.logs import log_exception, log_location

            where = log_location(log_exception(context="saving the routine PDF"))
            self.result_page.feedback.setText(f"Could not save the PDF; details are in {where}.")
            return
        self.result_page.feedback.setText(f"Saved the routine to {path}")
        self.ctx.say(f"Saved the routine to {path}")

    def _library(self) -> dict[str, Any]:
        if self.ctx.db is not None:
            from planner.store.exercises import list_exercises

            return {e.id: e for e in list_exercises(self.ctx.db)}
        from planner.store.seed import builtin_exercises

        return {e.id: e for e in builtin_exercises()}

    def _paper(self) -> str:
        try:
            return str(self.ctx.settings.get("paper"))
        except Exception:  # a context without settings (tests, the CLI) prints on A4
            return "a4"

    def done(self, code: int) -> None:
        if self.embedded:  # inside the Wizard view "Done" starts a fresh check rather than hiding it
            self.restart()
            return
        super().done(code)


def open_wizard(ctx: AppContext, parent: QWidget | None = None, athlete_id: int | None = None) -> SymptomWizard:
    """Show the symptom check in its own window (linked to `athlete_id`, else the current athlete)."""
    wizard = SymptomWizard(ctx, parent, athlete_id)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.resize(860, 660)
    wizard.show()
    return wizard
