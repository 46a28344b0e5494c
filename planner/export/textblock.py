"""Short blocks of text a sheet lays out itself: a cell's few lines, in one or two type styles, wrapped by word.

A Paragraph parses markup and wraps through reportlab's general machinery every time a table asks for its
size. A weekly sheet holds a hundred small cells (an exercise and its note, a session's title and reason, a
day's label), and their heights must be known for each size the sheet could print at. A `TextBlock` is
wrapped once, when it is made, from word widths measured once per word and font: its height is arithmetic
before anything is laid out, and drawing it is a few `drawString` calls.

User text reaches a block through `user_runs`, which passes it through `markup.printable` (the canvas side of
the one escape boundary: control characters dropped, characters no font has shown as U+FFFD with a warning)
and gives each run the font that has its glyphs, as a Paragraph's markup would.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from planner.export.fonts import PrintWarnings, register_fonts
from planner.export.markup import printable

BREAK = "\n"  # a run of just this text ends the line, like <br/>
SHRINK = rl_config.spaceShrinkage
_WORD = re.compile(r"[^ \t\n\r]+")  # a no-break space belongs to its word, as in a Paragraph
_UNIT_WIDTHS: dict[tuple[str, str], float] = {}  # (text, font) -> width at 1 pt
_RUNS: dict[tuple[str, bool], tuple[tuple[str, str], ...]] = {}  # user text that printed cleanly -> (text, font)


def text_width(text: str, font: str, size: float) -> float:
    """The width of `text` in `font` at `size` points (widths are linear in the size: measured once at 1 pt)."""
    key = (text, font)
    unit = _UNIT_WIDTHS.get(key)
    if unit is None:
        if len(_UNIT_WIDTHS) > 50_000:  # a long session of many libraries: stay bounded
            _UNIT_WIDTHS.clear()
        unit = _UNIT_WIDTHS[key] = stringWidth(text, font, 1.0)
    return unit * size


@dataclass(frozen=True, slots=True)
class Run:
    """Text in one font, size and colour."""

    text: str
    font: str
    size: float
    color: Any


@dataclass(frozen=True, slots=True)
class Para:
    """Runs that wrap together; `leading` is the line pitch of all its lines, `space_before` the gap above it."""

    runs: Sequence[Run]
    leading: float
    space_before: float = 0.0


def _font_runs(value: str, bold: bool) -> tuple[tuple[str, str], ...]:
    fonts = register_fonts()
    main = fonts.bold if bold else fonts.body
    out: list[tuple[str, str]] = []
    run: list[str] = []
    run_font = main
    for char in value:
        font = run_font if char.isspace() else (fonts.font_for(char, bold=bold) or main)
        if font != run_font and run:
            out.append(("".join(run), run_font))
            run = []
        run_font = font
        run.append(char)
    if run:
        out.append(("".join(run), run_font))
    return tuple(out)


def user_runs(
    value: str, where: str, warnings: PrintWarnings | None, *, size: float, color: Any, bold: bool = False
) -> list[Run]:
    """Runs that print plain `value` exactly as typed: through `printable` (warning about what no font has,
    naming `where`), each stretch in the font that has its glyphs (the CJK fallback where needed)."""
    key = (value, bold)
    found = _RUNS.get(key)
    if found is None:
        own = PrintWarnings()
        found = _font_runs(printable(value, where, own), bold)
        if own.messages:
            for message in own.messages:
                if warnings is not None:
                    warnings.add(message)
        else:  # only text that needed no warning is remembered, so every warning is still given
            if len(_RUNS) > 4096:
                _RUNS.clear()
            _RUNS[key] = found
    return [Run(text, font, size, color) for text, font in found]


def _same_style(a: Run, b: Run) -> bool:
    return a.font == b.font and a.size == b.size and a.color == b.color


# A laid-out line: its pitch and its pieces, each (text, run) with the text already joined by spaces.
_Line = tuple[float, float, list[tuple[str, Run]]]  # leading, first-baseline drop, pieces


def _split_long(word: str, run: Run, width: float) -> list[str]:
    """A word wider than the line, cut where it must be (a long name or a link must not run out of its cell)."""
    parts, current = [], ""
    for char in word:
        if current and text_width(current + char, run.font, run.size) > width:
            parts.append(current)
            current = ""
        current += char
    return [*parts, current] if current else parts


_WRAPPED: dict[tuple[Any, ...], list[_Line]] = {}  # a season repeats its cells week after week


def _wrap(para: Para, width: float) -> list[_Line]:
    key = (tuple((r.text, r.font, r.size, r.color) for r in para.runs), para.leading, width)
    found = _WRAPPED.get(key)
    if found is None:
        if len(_WRAPPED) > 8192:
            _WRAPPED.clear()
        found = _WRAPPED[key] = _wrap_words(para, width)
    return found


def _wrap_words(para: Para, width: float) -> list[_Line]:
    words: list[tuple[str | None, Run, bool]] = []  # (word or None for a line break, run, space before it)
    pending = False
    for run in para.runs:
        if run.text == BREAK:
            words.append((None, run, False))
            pending = False
            continue
        end = 0
        for match in _WORD.finditer(run.text):
            space = pending or match.start() > end
            end, pending = match.end(), False
            piece = match.group()
            if text_width(piece, run.font, run.size) > width:
                for i, part in enumerate(_split_long(piece, run, width)):
                    words.append((part, run, space and i == 0))
            else:
                words.append((piece, run, space and bool(words)))
        if end < len(run.text):
            pending = True
    lines: list[_Line] = []
    pieces: list[tuple[str, Run]] = []
    used = spaces = biggest = 0.0
    for word, run, space in words:
        if word is None:
            lines.append((para.leading, biggest, pieces))
            pieces, used, spaces, biggest = [], 0.0, 0.0, 0.0
            continue
        w = text_width(word, run.font, run.size)
        gap = text_width(" ", pieces[-1][1].font, pieces[-1][1].size) if pieces and space else 0.0
        # A Paragraph lets a line's spaces shrink a little (SHRINK of their width) before it breaks: the same
        # words end each line here as there.
        if pieces and used + gap + w > width + SHRINK * (spaces + gap):
            lines.append((para.leading, biggest, pieces))
            pieces, used, spaces, biggest, gap = [], 0.0, 0.0, 0.0, 0.0
        if pieces and _same_style(pieces[-1][1], run):
            text, _ = pieces[-1]
            pieces[-1] = (text + (" " if gap else "") + word, run)
        else:
            if gap:  # the space goes at the end of the previous piece, in its style
                text, prev = pieces[-1]
                pieces[-1] = (text + " ", prev)
            pieces.append((word, run))
        used += gap + w
        spaces += gap
        biggest = max(biggest, run.size)
    if pieces or not lines:
        lines.append((para.leading, biggest, pieces))
    # A Paragraph sets its first baseline by its first line's largest size and steps down by the leading.
    return [(leading, lines[0][1], line) for leading, _drop, line in lines]


class TextBlock(Flowable):
    """Paragraphs of runs, wrapped to `width` when made; left-aligned like a Paragraph."""

    def __init__(self, paras: Sequence[Para], width: float) -> None:
        super().__init__()
        self.paras = list(paras)
        self._layout(width)

    def _layout(self, width: float) -> None:
        self.laid_width = width
        self.lines: list[tuple[float, _Line]] = []  # (space above the line, line)
        height = 0.0
        for para in self.paras:
            for i, line in enumerate(_wrap(para, width)):
                gap = para.space_before if i == 0 and self.lines else 0.0
                self.lines.append((gap, line))
                height += gap + line[0]
        self.width, self.height = width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        if abs(availWidth - self.laid_width) > 0.01:  # placed somewhere else than it was made for: wrap again
            self._layout(availWidth)
        return self.width, self.height

    def draw(self) -> None:
        # One text object for the block: a font or colour is set only where it changes, a position once a line.
        canvas = self.canv
        canvas.saveState()
        text = canvas.beginText()
        font: tuple[str, float] | None = None
        color: Any = None
        top = self.height
        for gap, (leading, drop, pieces) in self.lines:
            top -= gap
            text.setTextOrigin(0, top - drop)
            for piece, run in pieces:
                if font != (run.font, run.size):
                    font = (run.font, run.size)
                    text.setFont(run.font, run.size)
                if color is not run.color:
                    color = run.color
                    text.setFillColor(run.color)
                text.textOut(piece)
            top -= leading
        canvas.drawText(text)
        canvas.restoreState()
