"""An exercise's drawing on paper (reportlab, vector) and as SVG text, from the domain's shapes."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from planner.domain.drawing import (
    PAPER_COLOURS,
    Circle,
    Drawing,
    Polygon,
    Stroke,
    fill_colour,
    placed,
    stroke_colour,
)

# The lookups by id need no reportlab: they live in pose_drawings (the window imports them from there).
from planner.export.pose_drawings import (  # noqa: F401  (re-exported: this module's callers use these names)
    POSES_FILE,
    drawing_for,
    drawing_ids,
    exercise_drawing,
    shipped_pose_pairs,
)


class DrawingFlowable(Flowable):
    """The start and end pictures side by side, scaled to fit width × height points; pure vector paths."""

    def __init__(self, drawing: Drawing, width: float, height: float, colours: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.drawing = drawing
        self.width, self.height = width, height
        self.colours = colours or PAPER_COLOURS

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        paint(self.canv, self.drawing, 0, 0, self.width, self.height, self.colours)


def paint(
    canvas: object, drawing: Drawing, x: float, y: float, width: float, height: float, colours: Mapping[str, str]
) -> None:
    """Paint `drawing` into the box (x, y, width, height) of a reportlab canvas (y up)."""
    c = canvas  # a reportlab Canvas; typed loosely because reportlab ships no type hints
    c.saveState()  # type: ignore[attr-defined]
    c.setLineCap(1)  # type: ignore[attr-defined]
    c.setLineJoin(1)  # type: ignore[attr-defined]
    for shape in placed(drawing, x, y, width, height, y_down=False):
        c.setStrokeColor(HexColor(stroke_colour(shape.ink, shape.faded, colours)))  # type: ignore[attr-defined]
        c.setLineWidth(shape.weight)  # type: ignore[attr-defined]
        stroke = 1 if shape.weight > 0 else 0
        if isinstance(shape, Stroke):
            path = c.beginPath()  # type: ignore[attr-defined]
            path.moveTo(*shape.points[0])
            for p in shape.points[1:]:
                path.lineTo(*p)
            c.drawPath(path, stroke=1, fill=0)  # type: ignore[attr-defined]
        elif isinstance(shape, Circle):
            c.setFillColor(HexColor(fill_colour(shape.ink, shape.faded, colours)))  # type: ignore[attr-defined]
            c.circle(*shape.center, shape.radius, stroke=stroke, fill=1 if shape.filled else 0)  # type: ignore[attr-defined]
        elif isinstance(shape, Polygon):
            c.setFillColor(HexColor(fill_colour(shape.ink, shape.faded, colours)))  # type: ignore[attr-defined]
            path = c.beginPath()  # type: ignore[attr-defined]
            path.moveTo(*shape.points[0])
            for p in shape.points[1:]:
                path.lineTo(*p)
            path.close()
            c.drawPath(path, stroke=stroke, fill=1 if shape.filled else 0)  # type: ignore[attr-defined]
    c.restoreState()  # type: ignore[attr-defined]


def drawing_png(drawing: Drawing, width: int = 900, *, supersample: int = 4) -> bytes:
    """The drawing as PNG bytes `width` pixels wide, on white.

    Painted with Pillow (reportlab's own dependency) so the command line needs no Qt; drawn at
    `supersample` times the size and scaled down, which smooths the edges as an antialiased painter would.
    """
    import io

    from PIL import Image, ImageDraw

    colours = PAPER_COLOURS
    height = max(1, round(width * drawing.height / drawing.width))
    k = supersample
    image = Image.new("RGB", (width * k, height * k), colours["halo"])
    pen = ImageDraw.Draw(image)
    for shape in placed(drawing, 0, 0, width * k, height * k, y_down=True):
        line = stroke_colour(shape.ink, shape.faded, colours)
        w = max(1, round(shape.weight)) if shape.weight > 0 else 0
        if isinstance(shape, Stroke):
            pen.line(shape.points, fill=line, width=w, joint="curve")
            for x, y in (shape.points[0], shape.points[-1]):  # round caps
                pen.ellipse((x - w / 2, y - w / 2, x + w / 2, y + w / 2), fill=line)
        elif isinstance(shape, Circle):
            (x, y), r = shape.center, shape.radius
            fill = fill_colour(shape.ink, shape.faded, colours) if shape.filled else None
            pen.ellipse((x - r, y - r, x + r, y + r), fill=fill, outline=line if w else None, width=w)
        elif isinstance(shape, Polygon):
            fill = fill_colour(shape.ink, shape.faded, colours) if shape.filled else None
            pen.polygon(shape.points, fill=fill, outline=line if w else None, width=w)
    image = image.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def drawing_svg(drawing: Drawing, width: int = 900, *, title: str | None = None) -> str:
    """The drawing as a standalone SVG document `width` pixels wide, on white."""
    colours = PAPER_COLOURS
    height = max(1, round(width * drawing.height / drawing.width))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" stroke-linecap="round" stroke-linejoin="round">',
    ]
    if title:
        out.append(f"<title>{escape(title)}</title>")
    out.append(f'<rect width="{width}" height="{height}" fill="{colours["halo"]}"/>')
    for shape in placed(drawing, 0, 0, width, height, y_down=True):
        line = stroke_colour(shape.ink, shape.faded, colours)
        stroke = f'stroke="{line}" stroke-width="{_n(shape.weight)}"' if shape.weight > 0 else 'stroke="none"'
        if isinstance(shape, Stroke):
            pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
            out.append(f'<polyline points="{pts}" fill="none" {stroke}/>')
        elif isinstance(shape, Circle):
            fill = fill_colour(shape.ink, shape.faded, colours) if shape.filled else "none"
            cx, cy = shape.center
            out.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(shape.radius)}" fill="{fill}" {stroke}/>')
        elif isinstance(shape, Polygon):
            fill = fill_colour(shape.ink, shape.faded, colours) if shape.filled else "none"
            pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
            out.append(f'<polygon points="{pts}" fill="{fill}" {stroke}/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
