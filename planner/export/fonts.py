"""Fonts every PDF embeds, and which of them can draw a character (planner.export.markup uses it).

The base-14 PDF fonts are never used: they are not embedded and have no glyph for Ł or Ж, so a
viewer draws a black box. DejaVu Sans ships in resources/fonts (Latin, Greek, Cyrillic, symbols);
Chinese, Japanese and Korean come from a system font when one is installed. A character no font can
draw is printed as U+FFFD and reported as a warning, never dropped silently.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from planner.paths import resources_dir

BODY = "StrideSans"
BOLD = "StrideSans-Bold"
CJK = "StrideCJK"
REPLACEMENT = "\ufffd"

# System fonts tried for CJK, best first. Only TrueType outlines work in reportlab: the CFF-based
# Noto/Source Han .otf/.ttc files are tried but usually refused, which is fine.
CJK_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
    ("/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
)


@dataclass(frozen=True, slots=True)
class FontSet:
    """The registered font names and, for each, the code points it can draw."""

    body: str
    bold: str
    cjk: str | None
    coverage: dict[str, frozenset[int]]

    def font_for(self, char: str, *, bold: bool = False) -> str | None:
        """The first font that has a glyph for `char`: the body face, then the CJK fallback."""
        code = ord(char)
        first = self.bold if bold else self.body
        if code in self.coverage[first]:
            return first
        if self.cjk and code in self.coverage[self.cjk]:
            return self.cjk
        return None


def _coverage(name: str) -> frozenset[int]:
    face = pdfmetrics.getFont(name).face
    return frozenset(face.charToGlyph)


@cache
def register_fonts() -> FontSet:
    """Register the shipped DejaVu faces (and a CJK system font when present) with reportlab, once."""
    folder = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(BODY, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    # So that <b> in a Paragraph picks the embedded bold face, not Helvetica-Bold.
    for bold, italic, face in ((0, 0, BODY), (1, 0, BOLD), (0, 1, BODY), (1, 1, BOLD)):
        addMapping(BODY, bold, italic, face)
    cjk = None
    for path, index in CJK_CANDIDATES:
        if not Path(path).is_file():
            continue
        try:
            pdfmetrics.registerFont(TTFont(CJK, path, subfontIndex=index))
        except Exception:  # a CFF-outline or broken font: try the next one
            continue
        cjk = CJK
        addMapping(CJK, 0, 0, CJK)
        addMapping(CJK, 1, 0, CJK)
        addMapping(CJK, 0, 1, CJK)
        addMapping(CJK, 1, 1, CJK)
        break
    coverage = {BODY: _coverage(BODY), BOLD: _coverage(BOLD)}
    if cjk:
        coverage[cjk] = _coverage(cjk)
    return FontSet(body=BODY, bold=BOLD, cjk=cjk, coverage=coverage)


def _printable(char: str) -> bool:
    # Line breaks, tabs and zero-width marks need no glyph.
    return not (char in "\n\r\t" or unicodedata.category(char) in ("Cc", "Cf"))


def missing_glyphs(text: str) -> list[str]:
    """The characters of `text` (each once, in order) that no registered font can draw."""
    fonts = register_fonts()
    seen: dict[str, None] = {}
    for char in text:
        if char not in seen and _printable(char) and not char.isspace() and fonts.font_for(char) is None:
            seen[char] = None
    return list(seen)


@dataclass
class PrintWarnings:
    """Warnings collected while a document is built, each said once, in the order met."""

    messages: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        if message not in self.messages:
            self.messages.append(message)

    def cannot_print(self, char: str, where: str) -> None:
        self.add(f"Cannot print {char!r} (U+{ord(char):04X}) in {where}")


def check(text: str, where: str, warnings: PrintWarnings | None) -> str:
    """`text` with every character no font has replaced by U+FFFD, warning about each one."""
    missing = missing_glyphs(text)
    if not missing:
        return text
    for char in missing:
        if warnings is not None:
            warnings.cannot_print(char, where)
        text = text.replace(char, REPLACEMENT)
    return text


def font_for_text(text: str, *, bold: bool = False) -> str:
    """One font for a whole string (chart labels cannot switch mid-string): CJK if any run needs it."""
    fonts = register_fonts()
    main = fonts.bold if bold else fonts.body
    if fonts.cjk and any(fonts.font_for(c, bold=bold) == fonts.cjk for c in text):
        return fonts.cjk
    return main
