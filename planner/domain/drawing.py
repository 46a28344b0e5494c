"""An exercise's drawing as plain 2-D shapes: the start position beside the end position.

One geometry, two painters: this module turns a pose pair into strokes, circles and polygons with a
stroke weight, an ink (what the shape is: body, far limb, prop, floor, arrow) and a faded flag. The
window paints them with QPainter, the PDFs with reportlab and the command line writes SVG, so the screen
and the paper always show the same picture. No Qt, no reportlab here.

The style is a pictogram: round-capped strokes, a filled head, limbs on the far side of the body in a
lighter ink, a paper-coloured halo that separates a near limb from what lies behind it, and in the end
picture the start pose faded behind the end pose with an arrow along the path of what moves.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from planner.domain.drawing_props import BEHIND, floor_height, prop_shapes, rect
from planner.domain.drawing_shapes import (
    PAPER_COLOURS,
    Circle,
    Ink,
    Point,
    Polygon,
    Shape,
    Stroke,
    fill_colour,
    stroke_colour,
)
from planner.domain.pose import HEAD_RADIUS, PosePair, Skeleton, View, skeleton

__all__ = [  # the shapes and inks are this module's vocabulary too; painters import them from here
    "PAPER_COLOURS",
    "Circle",
    "Drawing",
    "Ink",
    "Point",
    "Polygon",
    "Shape",
    "Stroke",
    "body_bottom",
    "draw_pair",
    "fill_colour",
    "floor_height",
    "place",
    "placed",
    "signature",
    "stroke_colour",
]

# Stroke weights in model units (a standing figure is ~100 units tall).
LIMB = 4.4
FOOT = 3.6
TRUNK_WEIGHT = 7.5
HALO_EXTRA = 2.6
FLOOR_WEIGHT = 1.1
ARROW_WEIGHT = 1.5
MARGIN = 3.0
PANEL_GAP = 12.0  # between the start and the end picture, in model units

_RADII: dict[str, float] = {"pelvis": TRUNK_WEIGHT / 2, "neck": TRUNK_WEIGHT / 2, "head": HEAD_RADIUS}
for _s in ("r", "l"):
    _RADII.update({f"{n}_{_s}": LIMB / 2 for n in ("hip", "knee", "ankle", "thigh", "shin", "shoulder", "elbow")})
    _RADII.update({f"{n}_{_s}": LIMB / 2 for n in ("wrist", "hand")})
    _RADII.update({f"{n}_{_s}": FOOT / 2 for n in ("heel", "toe")})
# Points of the drawn body only: mid-segment points lie on a stroke already.
ARROW_CANDIDATES = ("hand_r", "hand_l", "toe_r", "toe_l", "heel_r", "heel_l", "knee_r", "knee_l", "pelvis", "head")


@dataclass(frozen=True, slots=True)
class Drawing:
    """Two pictures (start, end) in model units with one shared box, so a prop stays put between them."""

    id: str
    start: tuple[Shape, ...]
    end: tuple[Shape, ...]
    bounds: tuple[float, float, float, float]  # x0, y0, x1, y1 of one panel, y up
    side: str | None = None  # the working side shown ("right"/"left"), None when both work

    @property
    def panel_width(self) -> float:
        return self.bounds[2] - self.bounds[0]

    @property
    def height(self) -> float:
        return self.bounds[3] - self.bounds[1]

    @property
    def width(self) -> float:
        """Both panels side by side with the gap between them."""
        return 2 * self.panel_width + PANEL_GAP

    def mirrored(self) -> Drawing:
        """The same drawing for the other side: x flips about the panel's centre, y stays."""
        x0, _y0, x1, _y1 = self.bounds
        mid = (x0 + x1) / 2
        side = {"right": "left", "left": "right"}.get(self.side or "")
        return replace(
            self,
            start=tuple(_map(s, lambda p: (2 * mid - p[0], p[1])) for s in self.start),
            end=tuple(_map(s, lambda p: (2 * mid - p[0], p[1])) for s in self.end),
            side=side,
        )


def _map(shape: Shape, fn: Any, scale: float = 1.0) -> Shape:
    if isinstance(shape, Circle):
        return replace(shape, center=fn(shape.center), radius=shape.radius * scale, weight=shape.weight * scale)
    return replace(shape, points=tuple(fn(p) for p in shape.points), weight=shape.weight * scale)


def placed(
    drawing: Drawing, x: float, y: float, width: float, height: float, *, y_down: bool, gap: float | None = None
) -> list[Shape]:
    """Every shape of both panels scaled uniformly into the box (x, y, width, height) and centred.

    `y_down` is True for painters whose y grows downwards (Qt, SVG), False for reportlab.
    """
    gap_units = PANEL_GAP if gap is None else gap
    total_w = 2 * drawing.panel_width + gap_units
    scale = min(width / total_w, height / drawing.height)
    off_x = x + (width - total_w * scale) / 2
    off_y = y + (height - drawing.height * scale) / 2
    x0, y0, _x1, y1 = drawing.bounds
    out: list[Shape] = []
    for panel, shift in ((drawing.start, 0.0), (drawing.end, drawing.panel_width + gap_units)):

        def to_box(p: Point, shift: float = shift) -> Point:
            px = off_x + (p[0] - x0 + shift) * scale
            py = off_y + ((y1 - p[1]) if y_down else (p[1] - y0)) * scale
            return (px, py)

        out.extend(_map(s, to_box, scale) for s in panel)
    return out


# -- building the pictures --------------------------------------------------------------------------------
def _chain_shapes(name: str, pts: Mapping[str, Point]) -> list[tuple[list[Point], float]]:
    """(polyline, weight) for one chain of the body."""
    if name == "core":
        return [
            ([pts["hip_l"], pts["hip_r"]], LIMB),
            ([pts["shoulder_l"], pts["shoulder_r"]], LIMB),
            ([pts["pelvis"], pts["neck"]], TRUNK_WEIGHT),
            ([pts["neck"], pts["head"]], LIMB),
        ]
    side = name[-1]
    if name.startswith("leg"):
        return [
            ([pts[f"hip_{side}"], pts[f"knee_{side}"], pts[f"ankle_{side}"]], LIMB),
            ([pts[f"heel_{side}"], pts[f"toe_{side}"]], FOOT),
        ]
    return [([pts[f"shoulder_{side}"], pts[f"elbow_{side}"], pts[f"wrist_{side}"], pts[f"hand_{side}"]], LIMB)]


_CHAIN_POINTS: dict[str, tuple[str, ...]] = {
    "core": ("pelvis", "neck", "head"),
    "leg_r": ("knee_r", "ankle_r", "toe_r"),
    "leg_l": ("knee_l", "ankle_l", "toe_l"),
    "arm_r": ("elbow_r", "wrist_r", "hand_r"),
    "arm_l": ("elbow_l", "wrist_l", "hand_l"),
}


def _trim_start(line: list[Point], length: float) -> list[Point]:
    """The polyline without its first `length` units (a halo must not cut the limb off the trunk)."""
    out = list(line)
    while len(out) >= 2 and length > 0:
        (ax, ay), (bx, by) = out[0], out[1]
        seg = math.hypot(bx - ax, by - ay)
        if seg > length:
            t = length / seg
            out[0] = (ax + (bx - ax) * t, ay + (by - ay) * t)
            return out
        length -= seg
        out.pop(0)
    return out if len(out) >= 2 else []


def body_shapes(sk: Skeleton, *, faded: bool = False) -> list[Shape]:
    """The figure, far limbs first and lighter, near limbs last with a halo."""
    pts, depth = sk.points, sk.depth
    level = sk.level or depth
    chain_depth = {name: sum(depth[p] for p in ps) / len(ps) for name, ps in _CHAIN_POINTS.items()}
    # A limb is on the far side when its root (hip, shoulder) is clearly farther than its partner's, seen
    # level: in a side view the left limbs, in a front view neither.
    far_side = {
        f"{limb}_{s}"
        for limb, root in (("leg", "hip"), ("arm", "shoulder"))
        for s, other in (("r", "l"), ("l", "r"))
        if level[f"{root}_{s}"] < level[f"{root}_{other}"] - 3.0
    }
    out: list[Shape] = []
    for name in sorted(chain_depth, key=lambda n: (chain_depth[n], n != "core")):
        far = name in far_side
        ink = Ink.FAR if far else Ink.BODY
        lines = _chain_shapes(name, pts)
        if not faded and out:
            # A paper-coloured outline lifts this chain off whatever was drawn before it.
            for line, weight in lines:
                halo = line if name == "core" else _trim_start(line, 6.0)
                if len(halo) >= 2:
                    out.append(Stroke(tuple(halo), weight + HALO_EXTRA, Ink.HALO))
            if name == "core":
                out.append(Circle(pts["head"], HEAD_RADIUS + HALO_EXTRA / 2, 0.0, Ink.HALO, filled=True))
        out.extend(Stroke(tuple(line), weight, ink, faded) for line, weight in lines if _length(line) > 0.5)
        if name == "core":
            out.append(Circle(pts["head"], HEAD_RADIUS, 0.0, Ink.BODY, faded, filled=True))
    return out


def _length(line: Sequence[Point]) -> float:
    return sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(line))


def pose_shapes(sk: Skeleton, *, faded: bool = False) -> list[Shape]:
    """Props behind, the body, props in front, for one placed skeleton."""
    floor = floor_height(sk.props)
    behind = [p for p in sk.props if p["kind"] in BEHIND]
    front = [p for p in sk.props if p["kind"] not in BEHIND and p["kind"] != "mat"]
    out: list[Shape] = []
    if floor:
        xs = [p[0] for p in sk.points.values()]
        out.append(Polygon(rect(min(xs) - 6, 0.0, max(xs) + 6, floor), 0.8, Ink.PROP, faded))
    for prop in behind:
        out += prop_shapes(prop, sk.points, faded, floor)
    out += body_shapes(sk, faded=faded)
    for prop in front:
        out += prop_shapes(prop, sk.points, faded, floor)
    return out


def place(pair: PosePair, which: str) -> Skeleton:
    """The start or end pose of a pair, projected and standing on its floor (or mat)."""
    pose = pair.start if which == "start" else pair.end
    sk = skeleton(pose, pair.view, pair.yaw, pair.elevation, radii=_RADII)
    floor = floor_height(pose.props)
    if floor and pose.anchor[2] is None:
        sk = replace(
            sk,
            points={k: (p[0], p[1] + floor) for k, p in sk.points.items()},
            heights={k: h + floor for k, h in sk.heights.items()},
        )
    return sk


def _arrow(a: Point, b: Point, away_from: Point, *, shortest: float = 6.0) -> list[Shape]:
    """A gently curved arrow from a to b, bowing away from `away_from` (the body)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length < shortest:
        return []
    nx, ny = -dy / length, dx / length
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    if (mid[0] - away_from[0]) * nx + (mid[1] - away_from[1]) * ny < 0:
        nx, ny = -nx, -ny
    bow = min(0.3 * length, 12.0)
    ctrl = (mid[0] + nx * bow, mid[1] + ny * bow)
    trim = min(5.0, length * 0.2) / length

    def at(t: float) -> Point:
        u = 1 - t
        return (
            u * u * a[0] + 2 * u * t * ctrl[0] + t * t * b[0],
            u * u * a[1] + 2 * u * t * ctrl[1] + t * t * b[1],
        )

    steps = [trim + (1 - 2 * trim) * i / 16 for i in range(17)]
    line = tuple(at(t) for t in steps)
    tip = line[-1]
    hx, hy = tip[0] - line[-2][0], tip[1] - line[-2][1]
    norm = math.hypot(hx, hy) or 1.0
    hx, hy = hx / norm, hy / norm
    size = 4.5
    head = (
        (tip[0] + hx * size * 0.6, tip[1] + hy * size * 0.6),
        (tip[0] - hx * size * 0.7 - hy * size * 0.55, tip[1] - hy * size * 0.7 + hx * size * 0.55),
        (tip[0] - hx * size * 0.7 + hy * size * 0.55, tip[1] - hy * size * 0.7 - hx * size * 0.55),
    )
    return [
        Stroke(line[:-1], ARROW_WEIGHT + 2.2, Ink.HALO),
        Stroke(line[:-1], ARROW_WEIGHT, Ink.ARROW),
        Polygon(head, 0.6, Ink.ARROW, filled=True),
    ]


def _bounds(shapes: Iterable[Shape]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for s in shapes:
        if isinstance(s, Circle):
            r = s.radius + s.weight / 2
            xs += [s.center[0] - r, s.center[0] + r]
            ys += [s.center[1] - r, s.center[1] + r]
        else:
            for px, py in s.points:
                xs += [px - s.weight / 2, px + s.weight / 2]
                ys += [py - s.weight / 2, py + s.weight / 2]
    return min(xs), min(ys), max(xs), max(ys)


def body_bottom(sk: Skeleton) -> float:
    """The height of the lowest edge of the drawn body (a point's height less its stroke's half width)."""
    return min(h - _RADII.get(k, 0.0) for k, h in sk.heights.items())


def moved_points(pair: PosePair) -> tuple[str, ...]:
    """The points the arrow follows: the pair's own choice, or the one point that moves most."""
    if pair.arrow:
        return pair.arrow
    start, end = place(pair, "start").points, place(pair, "end").points
    best = max(ARROW_CANDIDATES, key=lambda k: math.dist(start[k], end[k]))
    return (best,)


def draw_pair(pair: PosePair, side: str | None = None) -> Drawing:
    """The drawing of a pose pair; `side` ("left"/"right") mirrors a one-sided exercise to that side."""
    start, end = place(pair, "start"), place(pair, "end")
    start_shapes = pose_shapes(start)
    end_shapes: list[Shape] = []
    if pair.ghost:
        end_shapes += [s for s in pose_shapes(start, faded=True) if s.ink is not Ink.HALO]
    end_shapes += pose_shapes(end)
    for name in moved_points(pair):
        # A movement the pose pair names is marked even when small (a pelvic drop is a few centimetres).
        shortest = 2.5 if pair.arrow else 6.0
        end_shapes += _arrow(start.points[name], end.points[name], end.points["pelvis"], shortest=shortest)
    x0, y0, x1, y1 = _bounds([*start_shapes, *end_shapes])
    y0 = min(y0, 0.0)
    bounds = (x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN)
    if pair.view is not View.TOP and pair.elevation == 0:
        floor = Stroke(((bounds[0], 0.0), (bounds[2], 0.0)), FLOOR_WEIGHT, Ink.FLOOR)
        start_shapes.insert(0, floor)
        end_shapes.insert(0, floor)
    drawing = Drawing(pair.id, tuple(start_shapes), tuple(end_shapes), bounds, pair.side)
    if side is not None and pair.side is not None and side != pair.side:
        return drawing.mirrored()
    return drawing


def signature(drawing: Drawing) -> tuple[Any, ...]:
    """A coarse fingerprint of what a drawing shows, to find two exercises drawn with the same picture."""

    def key(shapes: Sequence[Shape]) -> tuple[Any, ...]:
        out = []
        for s in shapes:
            if s.ink is Ink.HALO:
                continue
            pts = (s.center,) if isinstance(s, Circle) else s.points
            out.append((type(s).__name__, s.ink.value, s.faded, tuple((round(x), round(y)) for x, y in pts)))
        return tuple(out)

    return (key(drawing.start), key(drawing.end))
