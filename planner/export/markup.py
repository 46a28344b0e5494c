"""The one boundary where text meets reportlab: user text is printed as typed, never obeyed as markup.

reportlab reads a Paragraph's text as markup: `<img src='/etc/passwd'/>` makes the build read that file,
`<font size=60>` changes the page and an unbalanced `<b>` or a bare `&` fails the whole build. Every string
this code did not write itself (an athlete's or a race's name, a coach's note, an exercise's name,
instructions, cues, tempo, easier/harder text, plan notes and warnings, wizard text) reaches a Paragraph
through `markup` or `paragraph` below, and reaches a canvas string (chart labels, document metadata)
through `printable`. Markup written by the export modules themselves (`<b>Dose:</b> `) is joined around
the escaped pieces, never inside them.
"""

from __future__ import annotations

import unicodedata
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph

from planner.export.fonts import REPLACEMENT, PrintWarnings, check, register_fonts

# Quotes too, so that escaped text is also safe inside an attribute value.
_ENTITIES = {'"': "&quot;", "'": "&#39;"}
_KEEP = "\t\n\r"


def _clean(value: str) -> str:
    """`value` without control characters (a PDF text run cannot hold them; JSON lets "\\u0000" in)
    and with lone surrogates (which no encoder accepts) shown as U+FFFD."""
    if value.isprintable():  # the common case costs one C-level scan
        return value
    out = []
    for char in value:
        kind = unicodedata.category(char)
        if kind == "Cc" and char not in _KEEP:
            continue
        out.append(REPLACEMENT if kind == "Cs" else char)
    return "".join(out)


def text(value: Any) -> str:
    """Plain `value` as Paragraph markup that prints exactly it: &, <, > and quotes escaped.

    For text known to print in the body font (numbers, our own words mixed with user data);
    prefer `markup`, which also checks glyphs and switches to the CJK font where needed.
    """
    return escape(_clean(str(value)), _ENTITIES)


def printable(value: str, where: str, warnings: PrintWarnings | None) -> str:
    """`value` for a canvas string (not markup): control characters dropped, unprintable ones shown
    as U+FFFD with a warning naming `where`."""
    return check(_clean(value), where, warnings)


def _needs_glyph(char: str) -> bool:
    return not (char.isspace() or unicodedata.category(char) in ("Cc", "Cf"))


def markup(value: str, where: str, warnings: PrintWarnings | None, *, bold: bool = False) -> str:
    """Paragraph markup that prints plain `value` as typed: escaped, characters no font has replaced
    by U+FFFD (with a warning naming `where`), CJK runs wrapped in the CJK font."""
    fonts = register_fonts()
    value = printable(value, where, warnings)
    main = fonts.bold if bold else fonts.body
    out: list[str] = []
    run: list[str] = []
    run_font: str | None = None

    def flush() -> None:
        if not run:
            return
        chunk = escape("".join(run), _ENTITIES)
        out.append(chunk if run_font in (None, main) else f'<font name="{run_font}">{chunk}</font>')
        run.clear()

    for char in value:
        font = (fonts.font_for(char, bold=bold) if _needs_glyph(char) else run_font) or main
        if font != run_font:
            flush()
            run_font = font
        run.append(char)
    flush()
    return "".join(out)


def paragraph(value: str, style: Any, *, where: str, warnings: PrintWarnings | None, bold: bool = False) -> Paragraph:
    """A Paragraph that prints plain `value` exactly as typed (see `markup`)."""
    return Paragraph(markup(value, where, warnings, bold=bold), style)
