"""The detail pane of the library: one exercise as a coach reads it, steps numbered, dose in big type."""

from __future__ import annotations

from collections import OrderedDict
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QImage, QPalette, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from planner.domain.exercise import CONDITION_NAMES, EQUIPMENT_LABELS, Exercise
from planner.ui.colors import color
from planner.ui.library_model import DEFAULT_DOSE_NOTE, ORIGIN_LABELS, origin, pretty
from planner.ui.style import is_dark, unbroken_units

if TYPE_CHECKING:
    from planner.domain.drawing import Drawing

EMPTY_TEXT = "Select an exercise to see how to do it."
DRAWING_URL = QUrl("drawing:exercise")
DRAWING_MAX_HEIGHT = 220  # px: the steps stay in view below the picture on a laptop screen
PICTURES_KEPT = 8  # painted drawings kept: typing and deleting a search returns to the same few exercises


class ExerciseDetail(QTextBrowser):
    """Read-only rich text; links (sources) open in the browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exercise_detail")
        self.setOpenExternalLinks(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(280)
        self.exercise: Exercise | None = None
        self.drawing: Drawing | None = None  # what the pane shows above the text, start and end side by side
        self._drawing_width = 0
        self._image: QImage | None = None
        # Painted pictures by (drawing, pixel size, ratio, colours); a picture costs ~10 ms of QPainter.
        self._pictures: OrderedDict[tuple[object, ...], QImage] = OrderedDict()
        self.show_exercise(None)

    def show_exercise(self, ex: Exercise | None) -> None:
        self.exercise = ex
        self.drawing = None
        if ex is not None:
            # Imported here, not at the top, and from pose_drawings (export.drawing brings reportlab): the
            # first paint (the empty pane) needs neither.
            from planner.export.pose_drawings import exercise_drawing

            self.drawing = exercise_drawing(ex)
        self._render()

    def _render(self) -> None:
        scroll = self.verticalScrollBar().value()
        self.setHtml(self._html(self.exercise))
        self.verticalScrollBar().setValue(scroll)

    def loadResource(self, kind: int, name: QUrl) -> object:
        if name == DRAWING_URL and self._image is not None:
            return self._image
        return super().loadResource(kind, name)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render()  # the HTML and the drawing carry the palette's colours

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.drawing is not None and abs(self._picture_width() - self._drawing_width) > 8:
            self._render()  # the drawing scales with the pane

    def _picture_width(self) -> int:
        # As wide as the text with the scroll bar shown, whether it shows or not: setHtml shows or hides it,
        # and a picture that followed it would render the pane a second time (and paint the picture again).
        width = self.viewport().width()
        bar = self.verticalScrollBar()
        if not bar.isVisible():
            width -= bar.sizeHint().width()
        margin = round(self.document().documentMargin()) * 2 + 4
        return max(120, width - margin)

    def _drawing_html(self) -> str:
        """An <img> of the drawing, painted for the pane's width and palette and handed to the document."""
        drawing = self.drawing
        if drawing is None:
            return ""
        width = self._picture_width()
        height = round(width * drawing.height / drawing.width)
        if height > DRAWING_MAX_HEIGHT:
            width, height = round(DRAWING_MAX_HEIGHT * drawing.width / drawing.height), DRAWING_MAX_HEIGHT
        self._drawing_width = self._picture_width()
        ratio = self.devicePixelRatioF()
        # The drawing modules (poses, shapes) on the first exercise shown, not before the window's first paint.
        from planner.ui.drawing_widget import drawing_image, screen_colours

        colours = screen_colours(self.palette())
        key = (drawing, round(width * ratio), round(height * ratio), ratio, *colours.values())
        image = self._pictures.get(key)
        if image is None:
            image = drawing_image(drawing, key[1], key[2], colours)
            image.setDevicePixelRatio(ratio)
            self._pictures[key] = image
            if len(self._pictures) > PICTURES_KEPT:
                self._pictures.popitem(last=False)
        else:
            self._pictures.move_to_end(key)
        self._image = image  # setHtml clears the document's resources; loadResource hands it back
        self.document().addResource(QTextDocument.ResourceType.ImageResource, DRAWING_URL, image)
        alt = "Start and end position"
        return (
            f'<p style="margin:10px 0 0 0"><img src="{DRAWING_URL.toString()}" width="{width}" '
            f'height="{height}" alt="{alt}" title="{alt}: start on the left, end on the right"></p>'
        )

    def plain_text(self) -> str:
        return self.toPlainText()

    def _html(self, ex: Exercise | None) -> str:
        pal = self.palette()
        muted = pal.color(QPalette.ColorRole.PlaceholderText).name()
        accent = pal.color(QPalette.ColorRole.Link).name()  # the highlight is a fill colour: too dim as text in dark
        if ex is None:
            return f'<p style="color:{muted}; margin-top:24px">{escape(EMPTY_TEXT)}</p>'
        parts = [
            f'<h2 style="margin:0 0 4px 0">{escape(ex.name)}</h2>',
            f'<p style="color:{muted}; margin:0 0 12px 0">{escape(ex.category.value.replace("-", " ").capitalize())}'
            f" · {escape(ORIGIN_LABELS[origin(ex)])}</p>",
            f'<p style="font-size:16pt; font-weight:600; color:{accent}; margin:0">'
            f"{escape(unbroken_units(ex.dose.describe()))}</p>",
            self._drawing_html(),
        ]
        if ex.dose_is_default:
            edited = color("edited", is_dark(pal)).name()
            parts.append(f'<p style="color:{edited}; margin:4px 0 0 0"><i>{escape(DEFAULT_DOSE_NOTE)}</i></p>')
        parts.append('<table cellspacing="0" cellpadding="2" style="margin-top:12px">')
        rows = (
            ("Targets", ", ".join(pretty(t) for t in ex.targets) or "—"),
            ("Equipment", ", ".join(EQUIPMENT_LABELS.get(e, e) for e in ex.equipment) or "None (body weight)"),
            ("Optional", ", ".join(EQUIPMENT_LABELS.get(e, e) for e in ex.optional_equipment)),
            ("Helps with", "; ".join(CONDITION_NAMES.get(c, c) for c in ex.conditions)),
            ("Also called", ", ".join(ex.aliases)),
        )
        for label, value in rows:
            if value:
                parts.append(
                    f'<tr><td style="color:{muted}; padding-right:12px">{label}</td><td>{escape(value)}</td></tr>'
                )
        parts.append("</table>")
        if ex.instructions:
            parts.append('<h3 style="margin:16px 0 4px 0">Steps</h3><ol style="margin-top:0">')
            parts.extend(f"<li>{escape(step)}</li>" for step in ex.instructions)
            parts.append("</ol>")
        if ex.cues:
            parts.append('<h3 style="margin:16px 0 4px 0">Cues</h3><ul style="margin-top:0">')
            parts.extend(f"<li>{escape(cue)}</li>" for cue in ex.cues)
            parts.append("</ul>")
        for label, value in (("Easier", ex.easier), ("Harder", ex.harder)):
            if value:
                parts.append(f'<p style="margin:8px 0 0 0"><b>{label}:</b> {escape(value)}</p>')
        if ex.source or ex.license:
            source = escape(ex.source or "—")
            parts.append(
                f'<p style="color:{muted}; margin-top:16px">Source: {source}'
                + (f"<br>Licence: {escape(ex.license)}" if ex.license else "")
                + "</p>"
            )
        return "".join(parts)
