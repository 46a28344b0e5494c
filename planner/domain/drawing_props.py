"""Equipment in a drawing, as simple shapes: wall, step, bench, chair, foam roller, ball, band, strap,
dumbbell, barbell, mat and metronome, placed by numbers or by a body point of the pose they belong to."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from planner.domain.drawing_shapes import Circle, Ink, Point, Polygon, Shape, Stroke

PROP_WEIGHT = 1.5  # outline of a prop, in model units
MAT_HEIGHT = 1.6


def _coord(value: Any, pts: Mapping[str, Point], axis: int, default: float = 0.0) -> float:
    if value is None:
        return default
    if isinstance(value, str):
        return pts[value][axis]
    return float(value)


def _xy(value: Any, pts: Mapping[str, Point]) -> Point:
    return pts[value] if isinstance(value, str) else (float(value[0]), float(value[1]))


def rect(x0: float, y0: float, x1: float, y1: float) -> tuple[Point, ...]:
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


def prop_shapes(prop: Mapping[str, Any], pts: Mapping[str, Point], faded: bool, floor: float) -> list[Shape]:
    """Simple shapes for one prop; positions may name a body point (`"x": "heel_r"`) plus an offset."""
    kind = prop["kind"]
    x = _coord(prop.get("x"), pts, 0) + float(prop.get("dx", 0))
    at = None
    if "at" in prop:  # a body point, moved by dx / dy
        at = (pts[prop["at"]][0] + float(prop.get("dx", 0)), pts[prop["at"]][1] + float(prop.get("dy", 0)))
    w = PROP_WEIGHT
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
            return [Polygon(rect(x0, 0.0, x1, height), w, Ink.PROP, faded)]
        out = [Polygon(rect(x0, height - 3.5, x1, height), w, Ink.PROP, faded)]
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
        out += [Polygon(rect(px - 1.4, cy - 3.4, px + 1.4, cy + 3.4), 1.0, Ink.PROP, faded) for px in (cx - 4, cx + 4)]
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
BEHIND = ("wall", "step", "bench", "chair", "foam_roller", "ball", "metronome")  # a barbell's near plate is in front


def floor_height(props: Iterable[Mapping[str, Any]]) -> float:
    """Where the body rests: on a mat when the pose has one, else on the floor."""
    return MAT_HEIGHT if any(p["kind"] == "mat" for p in props) else 0.0
