"""Poses of a simple body model, and where its joints land (forward kinematics).

A pose is a set of joint angles the way a physiotherapist states them: hip flexion, abduction and
rotation, knee flexion, ankle dorsiflexion, shoulder flexion and abduction, elbow flexion, head flexion,
plus how the whole trunk is oriented (lean forward, tilt sideways, turn). The skeleton is solved in 3-D
and projected orthographically for a view (side, front, back or top), so a knee bent towards the viewer
shortens as it would on a photograph; the result is plain 2-D points, no Qt and no reportlab.

Units: a standing figure is about 100 units tall, the floor is y = 0, y grows upwards, x to the right.
Body axes at rest: x forward, y up, z to the body's right. The side view looks at the body's right side.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

# Segment lengths in model units (standing height ~ 100; proportions after Winter's anthropometric table).
THIGH = 24.5
SHANK = 24.0
ANKLE_HEIGHT = 4.0  # ankle joint above the sole line
HEEL_BACK = 2.5  # heel behind the ankle
TOE_FORWARD = 11.5  # toe in front of the ankle
TRUNK = 28.0  # pelvis centre to the base of the neck
SHOULDER_DROP = 1.5  # shoulder joints sit a little below the base of the neck
SHOULDER_HALF = 9.5
HIP_HALF = 5.0
UPPER_ARM = 17.0
FOREARM = 14.0
HAND = 5.5
NECK = 4.5  # base of the neck to the bottom of the head
HEAD_RADIUS = 6.2

SIDES = ("r", "l")
LIMB_JOINTS = ("hip", "knee", "ankle", "shoulder", "elbow")
# Every point a pose exposes (for anchors, props and arrows).
POINTS: tuple[str, ...] = (
    "pelvis",
    "neck",
    "head",
    *(f"{name}_{s}" for s in SIDES for name in ("hip", "knee", "ankle", "heel", "toe", "thigh", "shin")),
    *(f"{name}_{s}" for s in SIDES for name in ("shoulder", "elbow", "wrist", "hand")),
)
# Physiological limits (degrees) a pose must keep; a value outside is a data error, not a drawing.
LIMITS: dict[str, tuple[float, float]] = {
    "hip.flex": (-60, 150),  # beyond -30 the lumbar spine extends too: the trunk is one rigid segment
    "hip.abd": (-35, 95),
    "hip.rot": (-60, 90),  # pigeon: the pelvis turns with the hip
    "knee": (-5, 160),  # a few degrees of hyperextension at most
    "ankle": (-60, 35),
    "shoulder.flex": (-70, 185),
    "shoulder.abd": (-30, 185),
    "shoulder.rot": (-95, 95),
    "elbow": (0, 155),
    "head": (-60, 70),
    "body.lean": (-180, 180),
    "body.tilt": (-180, 180),
    "body.turn": (-180, 180),
}


class View(StrEnum):
    SIDE = "side"  # camera at the body's right side (before turning)
    FRONT = "front"
    BACK = "back"
    TOP = "top"


VIEW_YAW: dict[View, float] = {View.SIDE: 0.0, View.FRONT: 90.0, View.BACK: -90.0, View.TOP: 0.0}


class PoseError(ValueError):
    """The pose data is wrong (our shipped file): names the drawing and the field."""


@dataclass(frozen=True, slots=True)
class Rotation3:
    """A rotation about the body's three axes, in degrees: flexion (z), abduction (x), rotation (y)."""

    flex: float = 0.0
    abd: float = 0.0
    rot: float = 0.0


@dataclass(frozen=True, slots=True)
class Pose:
    """One position of the body: joint angles, how it stands on the floor, and its props."""

    lean: float = 0.0  # trunk pitched forward (+) or back (-) from upright; lying on the back = -90
    tilt: float = 0.0  # trunk tilted towards the body's right (+) or left (-); lying on the left side = -90
    turn: float = 0.0  # whole body turned to its left (+) about the vertical
    head: float = 0.0  # neck flexion: chin towards chest (+)
    hips: tuple[Rotation3, Rotation3] = (Rotation3(), Rotation3())  # right, left
    knees: tuple[float, float] = (0.0, 0.0)
    ankles: tuple[float, float] = (0.0, 0.0)  # dorsiflexion (+), plantarflexion (-)
    shoulders: tuple[Rotation3, Rotation3] = (Rotation3(), Rotation3())
    elbows: tuple[float, float] = (0.0, 0.0)
    anchor: tuple[str, float | None, float | None] = ("pelvis", 0.0, None)  # point, x, y (None: by default)
    props: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class PosePair:
    """The start and end position of one exercise, seen from one view."""

    id: str
    start: Pose
    end: Pose
    view: View = View.SIDE
    yaw: float = 0.0  # extra camera turn for a three-quarter view
    elevation: float = 0.0  # camera raised above the horizon (a lying figure seen from above-front); no floor line
    side: str | None = None  # "right" or "left": the working side as drawn; None for both sides at once
    arrow: tuple[str, ...] = ()  # points whose path the end picture marks; () picks the one that moves most
    ghost: bool = True  # draw the start pose faded behind the end pose


@dataclass(frozen=True, slots=True)
class Skeleton:
    """The projected joints of a pose: 2-D points and their depth (larger = nearer the viewer)."""

    points: dict[str, tuple[float, float]]
    depth: dict[str, float]
    props: tuple[Mapping[str, Any], ...] = field(default=())
    heights: dict[str, float] = field(default_factory=dict)  # height above the floor of each point (3-D)
    level: dict[str, float] = field(default_factory=dict)  # depth seen level, for near and far side


# -- small 3-D helpers ------------------------------------------------------------------------------------
Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]

IDENTITY: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


def _rx(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def _ry(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def _rz(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def _mul(a: Mat, b: Mat) -> Mat:
    rows = []
    for i in range(3):
        rows.append(tuple(sum(a[i][k] * b[k][j] for k in range(3)) for j in range(3)))
    return (rows[0], rows[1], rows[2])  # type: ignore[return-value]


def _apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _joint(parent: Mat, r: Rotation3, sign: float) -> Mat:
    # Flexion swings the limb forward; abduction away from the midline (+z on the right, -z on the left);
    # rotation turns the limb about its own long axis, outwards for +.
    return _mul(_mul(_mul(parent, _rz(r.flex)), _rx(-sign * r.abd)), _ry(-sign * r.rot))


def solve_3d(pose: Pose) -> dict[str, Vec]:
    """Every point of the pose in body-centred 3-D space (pelvis at the origin, before anchoring)."""
    root = _mul(_mul(_ry(pose.turn), _rz(-pose.lean)), _rx(pose.tilt))
    pts: dict[str, Vec] = {"pelvis": (0.0, 0.0, 0.0)}
    neck = _apply(root, (0.0, TRUNK, 0.0))
    pts["neck"] = neck
    head_frame = _mul(root, _rz(-pose.head))
    pts["head"] = _add(neck, _apply(head_frame, (0.0, NECK + HEAD_RADIUS, 0.0)))
    for i, s in enumerate(SIDES):
        sign = 1.0 if s == "r" else -1.0
        hip = _apply(root, (0.0, 0.0, sign * HIP_HALF))
        thigh = _joint(root, pose.hips[i], sign)
        knee = _add(hip, _apply(thigh, (0.0, -THIGH, 0.0)))
        shank = _mul(thigh, _rz(-pose.knees[i]))
        ankle = _add(knee, _apply(shank, (0.0, -SHANK, 0.0)))
        foot = _mul(shank, _rz(pose.ankles[i]))
        pts[f"hip_{s}"] = hip
        pts[f"knee_{s}"] = knee
        pts[f"ankle_{s}"] = ankle
        pts[f"heel_{s}"] = _add(ankle, _apply(foot, (-HEEL_BACK, -ANKLE_HEIGHT, 0.0)))
        pts[f"toe_{s}"] = _add(ankle, _apply(foot, (TOE_FORWARD, -ANKLE_HEIGHT, 0.0)))
        pts[f"thigh_{s}"] = _add(hip, _apply(thigh, (0.0, -THIGH / 2, 0.0)))
        pts[f"shin_{s}"] = _add(knee, _apply(shank, (0.0, -SHANK / 2, 0.0)))
        shoulder = _apply(root, (0.0, TRUNK - SHOULDER_DROP, sign * SHOULDER_HALF))
        arm = _joint(root, pose.shoulders[i], sign)
        elbow = _add(shoulder, _apply(arm, (0.0, -UPPER_ARM, 0.0)))
        fore = _mul(arm, _rz(pose.elbows[i]))
        wrist = _add(elbow, _apply(fore, (0.0, -FOREARM, 0.0)))
        pts[f"shoulder_{s}"] = shoulder
        pts[f"elbow_{s}"] = elbow
        pts[f"wrist_{s}"] = wrist
        pts[f"hand_{s}"] = _add(wrist, _apply(fore, (0.0, -HAND, 0.0)))
    return pts


def camera(view: View, yaw: float = 0.0, elevation: float = 0.0) -> tuple[Vec, Vec, Vec]:
    """(image right, image up, towards the viewer) for a view turned by `yaw` degrees about the vertical
    and raised by `elevation` degrees above the horizon."""
    if view is View.TOP:
        return (1.0, 0.0, 0.0), (0.0, 0.0, -1.0), (0.0, 1.0, 0.0)
    psi, theta = math.radians(VIEW_YAW[view] + yaw), math.radians(elevation)
    towards = (math.sin(psi) * math.cos(theta), math.sin(theta), math.cos(psi) * math.cos(theta))
    right = (math.cos(psi), 0.0, -math.sin(psi))
    up = (
        towards[1] * right[2] - towards[2] * right[1],
        towards[2] * right[0] - towards[0] * right[2],
        towards[0] * right[1] - towards[1] * right[0],
    )
    return right, up, towards


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def project(
    points3: Mapping[str, Vec], view: View, yaw: float = 0.0, elevation: float = 0.0
) -> tuple[dict[str, Any], dict[str, float]]:
    """2-D image points and depths of 3-D points for a view."""
    right, up, towards = camera(view, yaw, elevation)
    flat = {k: (_dot(p, right), _dot(p, up)) for k, p in points3.items()}
    depth = {k: _dot(p, towards) for k, p in points3.items()}
    return flat, depth


def skeleton(
    pose: Pose, view: View, yaw: float = 0.0, elevation: float = 0.0, *, radii: Mapping[str, float] | None = None
) -> Skeleton:
    """The pose projected for `view` and placed by its anchor.

    By default the body rests on the floor: the bottom edge of its lowest drawn point (a point's height
    less its drawn radius from `radii`) goes to height 0, and the pelvis to x = 0. An anchor fixes a
    named point at x and/or height instead (a foot on a step; the foot that stays while the other steps).
    """
    points3 = solve_3d(pose)
    name, ax, ay = pose.anchor
    if name not in points3:
        raise PoseError(f"unknown anchor point {name!r}")
    if ay is not None:
        lift = ay - points3[name][1]
    else:
        radii = radii or {}
        lift = -min(p[1] - radii.get(k, 0.0) for k, p in points3.items())
    points3 = {k: (p[0], p[1] + lift, p[2]) for k, p in points3.items()}
    flat, depth = project(points3, view, yaw, elevation)
    # Near and far side are judged level, as from a camera at the figure's height: from above, a foot is
    # farther than the hip but it is not on the far side of the body.
    _flat, level = project(points3, view, yaw, 0.0)
    dx = (ax if ax is not None else 0.0) - flat[name if ax is not None else "pelvis"][0]
    points = {k: (p[0] + dx, p[1]) for k, p in flat.items()}
    return Skeleton(
        points=points, depth=depth, props=pose.props, heights={k: p[1] for k, p in points3.items()}, level=level
    )


# -- parsing the shipped data ---------------------------------------------------------------------------
_POSE_KEYS = {"body", "head", "anchor", "props", *(f"{j}_{s}" for j in LIMB_JOINTS for s in SIDES)}
_PAIR_KEYS = {"view", "turn", "elevation", "side", "arrow", "ghost", "start", "end", "note"}
PROP_KINDS = (
    "wall",
    "step",
    "bench",
    "chair",
    "foam_roller",
    "ball",
    "band",
    "strap",
    "dumbbell",
    "barbell",
    "mat",
    "metronome",
)


def _number(value: Any, where: str, limits: tuple[float, float] | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PoseError(f"{where}: expected a number, got {value!r}")
    if limits and not limits[0] <= value <= limits[1]:
        raise PoseError(f"{where}: {value} is outside {limits[0]}..{limits[1]} degrees")
    return float(value)


def _rotation(value: Any, where: str, joint: str) -> Rotation3:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = {"flex": value}
    if not isinstance(value, dict) or set(value) - {"flex", "abd", "rot"}:
        raise PoseError(f"{where}: expected a number or {{flex, abd, rot}}, got {value!r}")
    return Rotation3(**{k: _number(v, f"{where}.{k}", LIMITS[f"{joint}.{k}"]) for k, v in value.items()})


def parse_pose(data: Mapping[str, Any], where: str) -> Pose:
    """One pose from its JSON object; PoseError names the field."""
    unknown = set(data) - _POSE_KEYS
    if unknown:
        raise PoseError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    body = data.get("body") or {}
    if not isinstance(body, dict) or set(body) - {"lean", "tilt", "turn"}:
        raise PoseError(f"{where}.body: expected {{lean, tilt, turn}}")
    values: dict[str, Any] = {k: _number(v, f"{where}.body.{k}", LIMITS[f"body.{k}"]) for k, v in body.items()}
    values["head"] = _number(data.get("head", 0), f"{where}.head", LIMITS["head"])
    values["hips"] = tuple(_rotation(data.get(f"hip_{s}", 0), f"{where}.hip_{s}", "hip") for s in SIDES)
    values["shoulders"] = tuple(
        _rotation(data.get(f"shoulder_{s}", 0), f"{where}.shoulder_{s}", "shoulder") for s in SIDES
    )
    for joint, key in (("knee", "knees"), ("ankle", "ankles"), ("elbow", "elbows")):
        values[key] = tuple(_number(data.get(f"{joint}_{s}", 0), f"{where}.{joint}_{s}", LIMITS[joint]) for s in SIDES)
    anchor = data.get("anchor")
    if anchor is not None:
        if not isinstance(anchor, dict) or anchor.get("point") not in POINTS or set(anchor) - {"point", "x", "y"}:
            raise PoseError(f"{where}.anchor: expected {{point, x, y}} with a known point, got {anchor!r}")
        ax = _number(anchor["x"], f"{where}.anchor.x") if "x" in anchor else None
        ay = _number(anchor["y"], f"{where}.anchor.y") if "y" in anchor else None
        values["anchor"] = (anchor["point"], ax, ay)
    props = data.get("props") or []
    if not isinstance(props, list):
        raise PoseError(f"{where}.props: expected a list")
    for i, prop in enumerate(props):
        if not isinstance(prop, dict) or prop.get("kind") not in PROP_KINDS:
            raise PoseError(f"{where}.props[{i}]: expected an object with a kind of {', '.join(PROP_KINDS)}")
        for key in ("at", "from", "to", "x", "height"):
            value = prop.get(key)
            if isinstance(value, str) and value not in POINTS:
                raise PoseError(f"{where}.props[{i}].{key}: unknown point {value!r}")
    values["props"] = tuple(props)
    return Pose(**values)


def parse_pose_pair(drawing_id: str, data: Any) -> PosePair:
    """A pose pair from its JSON object; the end pose repeats whatever it does not say of the start."""
    where = f"poses[{drawing_id!r}]"
    if not isinstance(data, dict):
        raise PoseError(f"{where}: expected an object")
    unknown = set(data) - _PAIR_KEYS
    if unknown:
        raise PoseError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    try:
        view = View(data.get("view", "side"))
    except ValueError:
        raise PoseError(f"{where}.view: expected one of {', '.join(v.value for v in View)}") from None
    side = data.get("side")
    if side not in (None, "right", "left"):
        raise PoseError(f"{where}.side: expected right, left or null")
    arrow = data.get("arrow", [])
    arrow = [arrow] if isinstance(arrow, str) else arrow
    if not isinstance(arrow, list) or any(a not in POINTS for a in arrow):
        raise PoseError(f"{where}.arrow: expected point names, got {arrow!r}")
    start_data, end_data = data.get("start"), data.get("end")
    if not isinstance(start_data, dict) or not isinstance(end_data, dict):
        raise PoseError(f"{where}: needs a start and an end pose")
    return PosePair(
        id=drawing_id,
        start=parse_pose(start_data, f"{where}.start"),
        end=parse_pose({**start_data, **end_data}, f"{where}.end"),
        view=view,
        yaw=_number(data.get("turn", 0), f"{where}.turn", (-180, 180)),
        elevation=_number(data.get("elevation", 0), f"{where}.elevation", (0, 90)),
        side=side,
        arrow=tuple(arrow),
        ghost=bool(data.get("ghost", True)),
    )


def read_pose_file(path: Path) -> dict[str, PosePair]:
    """Every pose pair of a poses file (resources/poses.json) by drawing id; PoseError when it is broken."""
    return {drawing_id: parse_pose_pair(drawing_id, item) for drawing_id, item in read_pose_items(path).items()}


def read_pose_items(path: Path) -> dict[str, Any]:
    """A poses file's pose pairs by drawing id, as read: each still to be checked by `parse_pose_pair` (the window
    parses the one it draws, not all of them); PoseError when the file itself is not a poses file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("poses"), dict):
        raise PoseError(f"{path}: expected an object with 'poses'")
    return data["poses"]
