"""What every page shares: paper, margins, type styles, greys, the footer and `page x / y`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Spacer, TableStyle
from reportlab.platypus import Table as _Table

from planner import DISCLAIMER
from planner.domain.errors import BadInput
from planner.domain.progression import PAIN_RULE as DOMAIN_PAIN_RULE
from planner.export.fonts import BODY, BOLD, register_fonts

PAPERS: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}

MARGIN = 12 * mm
FOOTER_HEIGHT = 15 * mm

# Greys carry the meaning; print in black and white loses nothing.
INK = colors.HexColor("#1f1f1f")
MUTED = colors.HexColor("#5a5a5a")
RULE = colors.HexColor("#9a9a9a")
HAIRLINE = colors.HexColor("#c8c8c8")
SHADE = colors.HexColor("#ececec")
SHADE_DARK = colors.HexColor("#d6d6d6")
PAPER_WHITE = colors.white

TICK = "\u25a1"  # □, a box to tick with a pen
PAIN_RULE = DOMAIN_PAIN_RULE  # one pain rule everywhere (issue #12): the domain holds its text


class Table(_Table):
    """A platypus Table whose cells start in the embedded body font.

    Every cell selects its style's font, base-14 Helvetica by default, which is never embedded.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        register_fonts()
        super().__init__(*args, **kwargs)
        self.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), BODY)]))


def blank() -> Spacer:
    """An empty table cell. A "" cell would make the table select base-14 Helvetica, which is not embedded."""
    return Spacer(0, 0)


def page_size(paper: str) -> tuple[float, float]:
    """The page size in points for `a4` or `letter`; anything else is BadInput naming both."""
    try:
        return PAPERS[paper.lower()]
    except (KeyError, AttributeError):
        raise BadInput(f"unknown paper {paper!r}; expected a4 or letter", field="paper") from None


def frame_size(paper: str) -> tuple[float, float]:
    """Width and height left for content inside the margins and above the footer."""
    width, height = page_size(paper)
    return width - 2 * MARGIN, height - 2 * MARGIN - FOOTER_HEIGHT


def style(
    name: str,
    size: float = 9.0,
    *,
    bold: bool = False,
    color: Any = INK,
    leading: float | None = None,
    align: int = 0,
    space_after: float = 0,
) -> ParagraphStyle:
    """A paragraph style in the embedded fonts; `leading` defaults to 1.22 × size."""
    register_fonts()
    return ParagraphStyle(
        name,
        fontName=BOLD if bold else BODY,
        fontSize=size,
        leading=leading if leading is not None else round(size * 1.22, 2),
        textColor=color,
        alignment=align,
        spaceAfter=space_after,
    )


@dataclass(frozen=True, slots=True)
class Footer:
    """What the footer of every page says, besides the page number."""

    printed: dt.date
    hint: str = ""


def draw_footer(canvas: Canvas, paper: str, footer: Footer, hint: str | None = None) -> None:
    """Disclaimer, optional hint and date printed at the foot of a page (page x / y comes later)."""
    width, _height = page_size(paper)
    text_width = width - 2 * MARGIN - 28 * mm
    canvas.saveState()
    canvas.setStrokeColor(HAIRLINE)
    canvas.setLineWidth(0.5)
    top = MARGIN + FOOTER_HEIGHT - 2 * mm
    canvas.line(MARGIN, top, width - MARGIN, top)
    lines = []
    hint = footer.hint if hint is None else hint
    if hint:
        lines.append(Paragraph(hint, style("footer-hint", 6.8, color=INK)))
    lines.append(Paragraph(DISCLAIMER, style("footer", 6.3, color=MUTED)))
    y = top - 1.2 * mm
    for para in lines:
        _w, h = para.wrap(text_width, FOOTER_HEIGHT)
        para.drawOn(canvas, MARGIN, y - h)
        y -= h + 0.6 * mm
    canvas.setFont(BODY, 6.3)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(width - MARGIN, top - 3.6 * mm, f"Printed {footer.printed.isoformat()}")
    canvas.restoreState()


class PageCounter:
    """Holds the page count of the last build, so the build can report it."""

    def __init__(self) -> None:
        self.pages = 0


def numbered_canvas(paper: str, counter: PageCounter) -> type[Canvas]:
    """A canvas class that writes `page x / y` on every page once the total is known."""
    width, _height = page_size(paper)

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Without this every page starts in base-14 Helvetica, which is never embedded.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or BODY
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            counter.pages = total
            for number, state in enumerate(self._saved, start=1):
                self.__dict__.update(state)
                self.setFont(BODY, 7.5)
                self.setFillColor(INK)
                self.drawRightString(
                    width - MARGIN, MARGIN + FOOTER_HEIGHT - 6.2 * mm - 3.2 * mm, f"page {number} / {total}"
                )
                super().showPage()
            super().save()

    return NumberedCanvas


CENTER = TA_CENTER
RIGHT = TA_RIGHT
