"""The one rule that makes a file name from an athlete's name (team batch, Save PDF, exported athlete files).

A name the coach typed must give a file every system can create: no path separators, at most
STEM_BYTES bytes of UTF-8 (file systems count bytes, and 80 CJK characters are 240 of them; a cut never
splits a character), no trailing dot or space, and never a device name Windows reserves (CON, NUL,
LPT1... with or without an extension). Latin names become plain ASCII ("Zoë Łukasiewicz" →
"zoe-lukasiewicz"), which every system, mail attachment and USB stick keeps as it is; a name that
would lose letters that way keeps them, accents included ("Zoë 東京" → "zoë-東京").
"""

from __future__ import annotations

import re
import unicodedata

from planner.domain.exercise import slugify

STEM_BYTES = 120
FALLBACK = "athlete"

# Compared with the part of a name before its first dot, case-insensitively. Windows also treats the
# superscript digits as digits here (COM¹).
_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
_NUMBERED = {f"{base}{digit}" for base in ("COM", "LPT") for digit in "0123456789¹²³"}
RESERVED = frozenset(_DEVICES | _NUMBERED)


def _letters(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def cut_to_bytes(text: str, limit: int) -> str:
    """The longest start of `text` whose UTF-8 form fits in `limit` bytes (whole characters only)."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore")


def is_reserved(name: str) -> bool:
    """True for a name Windows refuses as a file name (a device), with or without an extension."""
    return name.split(".")[0].rstrip(" ").upper() in RESERVED


def file_stem(name: str, *, fallback: str = FALLBACK) -> str:
    """A safe file name without extension for `name`: lowercase words joined by hyphens, see the module."""
    name = unicodedata.normalize("NFC", name)
    ascii_stem = slugify(name, fallback="")
    words = re.findall(r"\w+", name.lower())
    unicode_stem = "-".join(words)
    # Folding to ASCII is kept only when it loses no letter (Greek, Cyrillic or CJK would vanish).
    stem = ascii_stem if ascii_stem and _letters(ascii_stem) >= _letters(unicode_stem) else unicode_stem
    stem = cut_to_bytes(stem, STEM_BYTES).rstrip("-_. ")
    if not stem:
        return fallback
    if is_reserved(stem):
        stem = f"{stem}-{fallback}"
    return stem


def unique_name(stem: str, suffix: str, taken: set[str] | list[str]) -> str:
    """`stem + suffix`, or with -2, -3, ... before the suffix when that name is taken."""
    name, n = f"{stem}{suffix}", 2
    while name in taken:
        name, n = f"{stem}-{n}{suffix}", n + 1
    return name
