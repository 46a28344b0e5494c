"""Read a PDF the way a reader does: poppler's text, fonts and pictures, qpdf's structure check."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

TOOLS = ("pdftotext", "pdffonts", "qpdf", "pdftoppm")
needs_poppler = pytest.mark.skipif(
    any(shutil.which(t) is None for t in TOOLS),
    reason="needs poppler-utils and qpdf (apt-get install poppler-utils qpdf)",
)


def pages_text(pdf: Path) -> list[str]:
    """The text of each page (pdftotext splits pages with form feeds)."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def flat_text(pdf: Path) -> str:
    """All text with runs of whitespace squeezed to one space, for phrases that wrap."""
    return " ".join(" ".join(pages_text(pdf)).split())


def fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts rows as dicts with name, type and emb."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, text=True).stdout.splitlines()
    rows = []
    for line in lines[2:]:
        parts = line.split()
        # name type [sub-type words] encoding emb sub uni object ID: the flags sit at fixed spots from the end
        rows.append({"name": parts[0], "emb": parts[-5], "uni": parts[-3]})
    return rows


def qpdf_check(pdf: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)


def render_png(pdf: Path, folder: Path, page: int, prefix: str) -> Path:
    """Page `page` rendered at 60 dpi; returns the PNG path."""
    stem = folder / prefix
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return stem.with_suffix(".png")


def non_blank(png: Path) -> bool:
    """True when the picture holds ink: some dark pixels on a light page (Pillow comes with reportlab)."""
    from PIL import Image

    with Image.open(png) as image:
        grey = image.convert("L")
        histogram = grey.histogram()
    dark = sum(histogram[:100])
    return dark > 200 and grey.getextrema()[1] > 200
