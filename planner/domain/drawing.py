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
from enum import StrEnum
from typing import Any

from planner.domain.pose import HEAD_RADIUS, PosePair, Skeleton, View, skeleton

Point = tuple[float, float]


class Ink(StrEnum):
    BODY = "body"
    FAR = "far"  # limbs on the far side of the body
    HALO = "halo"  # paper-coloured outline under a near limb
    PROP = "prop"
    FLOOR = "floor"
    ARROW = "arrow"


@dataclass(frozen=True, slots=True)
class Stroke:
    """An open polyline with round caps and joins."""

    points: tuple[Point, ...]
    weight: float
    ink: Ink
    faded: bool = False


@dataclass(frozen=True, slots=True)
class Circle:
    center: Point
    radius: float
    weight: float
    ink: Ink
    faded: bool = False
    filled: bool = False


@dataclass(frozen=True, slots=True)
class Polygon:
    """A closed outline, filled with the ink's fill colour when `filled`."""

    points: tuple[Point, ...]
    weight: float
    ink: Ink
    faded: bool = False
    filled: bool = True


Shape = Stroke | Circle | Polygon

# Colours on white paper, for black-and-white printing: the painters use these unless the screen's
# palette gives others (see `screen_colours` in the window).
PAPER_COLOURS: dict[str, str] = {
    "body": "#1b1b1b",
    "far": "#8a8a8a",
    "halo": "#ffffff",
    "prop": "#555555",
    "prop_fill": "#e2e2e2",
    "floor": "#555555",
    "arrow": "#1b1b1b",
    "faded": "#c4c4c4",
    "faded_fill": "#f1f1f1",
}


def stroke_colour(ink: Ink, faded: bool, colours: Mapping[str, str]) -> str:
    """The outline colour of a shape."""
    if faded and ink is not Ink.HALO:
        return colours["faded"]
    return colours[ink.value]


def fill_colour(ink: Ink, faded: bool, colours: Mapping[str, str]) -> str:
    """The fill colour of a filled shape: props are filled light, the body (the head) with its ink."""
    if ink is Ink.PROP:
        return colours["faded_fill" if faded else "prop_fill"]
    return stroke_colour(ink, faded, colours)


# Stroke weights in model units (a standing figure is ~100 units tall).
LIMB = 4.4
FOOT = 3.6
TRUNK_WEIGHT = 7.5
HALO_EXTRA = 2.6
FLOOR_WEIGHT = 1.1
ARROW_WEIGHT = 1.5
MAT_HEIGHT = 1.6
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


def _coord(value: Any, pts: Mapping[str, Point], axis: int, default: float = 0.0) -> float:
    if value is None:
        return default
    if isinstance(value, str):
        return pts[value][axis]
    return float(value)


def _xy(value: Any, pts: Mapping[str, Point]) -> Point:
    return pts[value] if isinstance(value, str) else (float(value[0]), float(value[1]))


def _rect(x0: float, y0: float, x1: float, y1: float) -> tuple[Point, ...]:
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


def prop_shapes(prop: Mapping[str, Any], pts: Mapping[str, Point], faded: bool, floor: float) -> list[Shape]:
    """Simple shapes for one prop; positions may name a body point (`"x": "heel_r"`) plus an offset."""
    kind = prop["kind"]
    x = _coord(prop.get("x"), pts, 0) + float(prop.get("dx", 0))
    at = None
    if "at" in prop:  # a body point, moved by dx / dy
        at = (pts[prop["at"]][0] + float(prop.get("dx", 0)), pts[prop["at"]][1] + float(prop.get("dy", 0)))
    w = ARROW_WEIGHT
    if kind == "wall":
        top = float(prop.get("top", 100))
        lean = 1 if prop.get("side", "right") == "right" else -1
        out: list[Shape] = [Stroke(((x, 0.0), (x, top)), 2.0, Ink.PROP, faded)]
        out += [Stroke(((x, y), (x + lean * 4.5, y + 4.5)), 1.0, Ink.PROP, faded) for y in range(4, int(top) - 4, 9)]
        return out
    if kind in ("step", "bench", "chair"):
        width = float(prop.get("width", {"step": 30, "bench": 40, "chair": 24}[kind]))
        default = {"step": 12.0, "bench": 24.0, "chair": 23.0}[kind]
        height = _coord(prop.get("height"), pts, 1, default) + float(prop.get("dh", 0))
        x0, x1 = x - width / 2, x + width / 2
        if kind == "step":
            return [Polygon(_rect(x0, 0.0, x1, height), w, Ink.PROP, faded)]
        out = [Polygon(_rect(x0, height - 3.5, x1, height), w, Ink.PROP, faded)]
        out += [Stroke(((lx, 0.0), (lx, height - 3.5)), 2.2, Ink.PROP, faded) for lx in (x0 + 3, x1 - 3)]
        if kind == "chair" and prop.get("back", "left") != "none":  # seen from the front, the back hides
            bx = x0 + 1.5 if prop.get("back", "left") == "left" else x1 - 1.5
            out.append(Stroke(((bx, height), (bx, height + 24)), 2.6, Ink.PROP, faded))
        return out
    if kind in ("foam_roller", "ball"):
        radius = float(prop.get("radius", 5.5 if kind == "foam_roller" else 3.6))
        cx = at[0] if at else x
        cy = float(prop["y"]) if "y" in prop else floor + radius
        out = [Circle((cx, cy), radius, w, Ink.PROP, faded, filled=True)]
        if kind == "foam_roller":
            out.append(Circle((cx, cy), radius * 0.35, 1.0, Ink.PROP, faded))
        return out
    if kind in ("band", "strap"):
        a, b = _xy(prop["from"], pts), _xy(prop["to"], pts)
        return [Stroke((a, b), 1.8 if kind == "band" else 1.4, Ink.PROP, faded)]
    if kind == "dumbbell":
        cx, cy = at if at else (x, 0.0)
        out = [Stroke(((cx - 4.5, cy), (cx + 4.5, cy)), 1.6, Ink.PROP, faded)]
        out += [Polygon(_rect(px - 1.4, cy - 3.4, px + 1.4, cy + 3.4), 1.0, Ink.PROP, faded) for px in (cx - 4, cx + 4)]
        return out
    if kind == "barbell":
        cx, cy = at if at else (x, 0.0)
        return [Circle((cx, cy), 9.0, w, Ink.PROP, faded, filled=True), Circle((cx, cy), 1.6, 1.0, Ink.PROP, faded)]
    if kind == "metronome":
        y = float(prop.get("y", 0))
        body = ((x - 5, y), (x + 5, y), (x + 2.5, y + 14), (x - 2.5, y + 14))
        tilt = float(prop.get("tilt", 18))
        tip = (x + 11 * math.sin(math.radians(tilt)), y + 2 + 11 * math.cos(math.radians(tilt)))
        return [Polygon(body, w, Ink.PROP, faded), Stroke(((x, y + 2), tip), 1.4, Ink.PROP, faded)]
    raise ValueError(f"no painter for the prop {kind!r}")


# Props that hold the body up are drawn behind it; what it holds or wears, in front.
_BEHIND = ("wall", "step", "bench", "chair", "foam_roller", "ball", "metronome")  # a barbell's near plate is in front


def floor_height(props: Iterable[Mapping[str, Any]]) -> float:
    """Where the body rests: on a mat when the pose has one, else on the floor."""
    return MAT_HEIGHT if any(p["kind"] == "mat" for p in props) else 0.0


def pose_shapes(sk: Skeleton, *, faded: bool = False) -> list[Shape]:
    """Props behind, the body, props in front, for one placed skeleton."""
    floor = floor_height(sk.props)
    behind = [p for p in sk.props if p["kind"] in _BEHIND]
    front = [p for p in sk.props if p["kind"] not in _BEHIND and p["kind"] != "mat"]
    out: list[Shape] = []
    if floor:
        xs = [p[0] for p in sk.points.values()]
        out.append(Polygon(_rect(min(xs) - 6, 0.0, max(xs) + 6, floor), 0.8, Ink.PROP, faded))
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
