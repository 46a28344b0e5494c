"""Exercise drawings: every built-in has one, the body model moves like a body, no two pictures are alike."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

import pytest

from planner.domain.drawing import Circle, Drawing, Ink, body_bottom, draw_pair, floor_height, place, signature
from planner.domain.pose import (
    ANKLE_HEIGHT,
    SHANK,
    THIGH,
    Pose,
    PoseError,
    PosePair,
    Rotation3,
    View,
    parse_pose_pair,
    skeleton,
    solve_3d,
)
from planner.export.drawing import drawing_for, shipped_pose_pairs
from planner.paths import resources_dir
from planner.store.seed import builtin_exercises

FLOOR_TOLERANCE = 0.8  # model units (~1.4 cm on a 175 cm figure): a stroke's round cap may graze the floor
KNEE_HYPEREXTENSION_LIMIT = -5.0


def _builtin_ids() -> list[str]:
    data = json.loads((resources_dir() / "exercises.json").read_text(encoding="utf-8"))
    return [item["id"] for item in data["exercises"]]


def _poses() -> Iterator[tuple[str, str, Pose, PosePair]]:
    for drawing_id, pair in shipped_pose_pairs().items():
        yield drawing_id, "start", pair.start, pair
        yield drawing_id, "end", pair.end, pair


def test_every_builtin_exercise_has_a_drawing() -> None:
    missing = [ex_id for ex_id in _builtin_ids() if ex_id not in shipped_pose_pairs()]
    assert not missing, f"built-in exercises without a start-and-end drawing in resources/poses.json: {missing}"


def test_every_drawing_draws_a_builtin_exercise() -> None:
    strays = set(shipped_pose_pairs()) - set(_builtin_ids())
    assert not strays, f"drawings for no built-in exercise: {sorted(strays)}"


def test_builtins_are_seeded_with_their_own_drawing() -> None:
    assert all(ex.drawing == ex.id for ex in builtin_exercises())


@pytest.mark.parametrize("drawing_id", sorted(shipped_pose_pairs()))
def test_start_and_end_pose_differ(drawing_id: str) -> None:
    pair = shipped_pose_pairs()[drawing_id]
    start = skeleton(pair.start, pair.view, pair.yaw, pair.elevation).points
    end = skeleton(pair.end, pair.view, pair.yaw, pair.elevation).points
    moved = max(math.dist(start[k], end[k]) for k in start)
    assert moved > 3.0, f"{drawing_id}: the end pose is the start pose (nothing moves more than {moved:.1f})"


def test_no_two_builtin_exercises_draw_the_same_picture() -> None:
    seen: dict[tuple[object, ...], str] = {}
    for drawing_id in shipped_pose_pairs():
        drawing = drawing_for(drawing_id)
        assert drawing is not None
        key = signature(drawing)
        assert key not in seen, f"{drawing_id} draws the same picture as {seen[key]}"
        seen[key] = drawing_id


def test_a_straight_leg_is_as_long_as_its_thigh_and_shank() -> None:
    points = solve_3d(Pose())
    assert math.dist(points["hip_r"], points["ankle_r"]) == pytest.approx(THIGH + SHANK)


def test_a_straight_leg_keeps_its_length_when_raised() -> None:
    raised = Pose(hips=(Rotation3(flex=60, abd=20, rot=30), Rotation3()))
    points = skeleton(raised, View.SIDE).points
    # Seen from the side a leg raised partly sideways is shorter; in 3-D it keeps its length.
    assert math.dist(solve_3d(raised)["hip_r"], solve_3d(raised)["ankle_r"]) == pytest.approx(THIGH + SHANK)
    assert math.dist(points["hip_r"], points["ankle_r"]) < THIGH + SHANK


def test_standing_figure_stands_on_the_floor_with_its_ankles_above_it() -> None:
    sk = skeleton(Pose(), View.SIDE)
    assert sk.heights["heel_r"] == pytest.approx(0.0)
    assert sk.heights["ankle_r"] == pytest.approx(ANKLE_HEIGHT)


def test_hip_flexion_swings_the_thigh_forward_and_knee_flexion_the_shank_back() -> None:
    sk = skeleton(Pose(hips=(Rotation3(flex=90), Rotation3()), knees=(90.0, 0.0)), View.SIDE).points
    assert sk["knee_r"][0] > sk["hip_r"][0] + THIGH * 0.99  # the thigh points forward (to the right)
    assert sk["ankle_r"][1] < sk["knee_r"][1] - SHANK * 0.99  # the shank hangs straight down


def test_mirroring_flips_x_and_keeps_y() -> None:
    drawing = drawing_for("side-lying-clamshell")
    assert drawing is not None
    mirrored = drawing.mirrored()
    x0, _y0, x1, _y1 = drawing.bounds
    for before, after in zip(drawing.end, mirrored.end, strict=True):
        a = [before.center] if isinstance(before, Circle) else list(before.points)
        b = [after.center] if isinstance(after, Circle) else list(after.points)
        for (xa, ya), (xb, yb) in zip(a, b, strict=True):
            assert xb == pytest.approx(x0 + x1 - xa)
            assert yb == pytest.approx(ya)


def test_the_other_side_of_a_one_sided_exercise_is_its_mirror_image() -> None:
    right, left = drawing_for("side-lying-clamshell", "right"), drawing_for("side-lying-clamshell", "left")
    assert right is not None and left is not None
    assert (right.side, left.side) == ("right", "left")
    assert signature(left) == signature(right.mirrored())


def test_a_two_sided_exercise_ignores_the_side() -> None:
    assert drawing_for("glute-bridge", "left") == drawing_for("glute-bridge")


@pytest.mark.parametrize(("drawing_id", "which", "pose", "pair"), list(_poses()), ids=lambda v: str(v)[:40])
def test_no_part_of_the_body_goes_through_the_floor(drawing_id: str, which: str, pose: Pose, pair: PosePair) -> None:
    floor = floor_height(pose.props)
    lowest = body_bottom(place(pair, which))
    assert lowest >= floor - FLOOR_TOLERANCE, f"{drawing_id} {which}: {lowest - floor:.1f} units below the floor"


def test_no_knee_bends_backwards_beyond_a_few_degrees() -> None:
    for drawing_id, which, pose, _pair in _poses():
        assert min(pose.knees) >= KNEE_HYPEREXTENSION_LIMIT, f"{drawing_id} {which}: knee bent backwards"


def test_a_knee_bent_backwards_is_refused() -> None:
    with pytest.raises(PoseError, match=r"knee_r.*outside"):
        parse_pose_pair("bad", {"start": {"knee_r": -20}, "end": {}})


def test_an_unknown_joint_is_refused() -> None:
    with pytest.raises(PoseError, match="unknown key 'wrist_r'"):
        parse_pose_pair("bad", {"start": {"wrist_r": 10}, "end": {}})


def test_an_unknown_prop_is_refused() -> None:
    with pytest.raises(PoseError, match="kind"):
        parse_pose_pair("bad", {"start": {"props": [{"kind": "trampoline"}]}, "end": {}})


def test_the_end_picture_shows_the_start_faded_and_an_arrow() -> None:
    drawing = draw_pair(shipped_pose_pairs()["straight-leg-raise"])
    assert any(s.faded for s in drawing.end)
    assert any(s.ink is Ink.ARROW for s in drawing.end)
    assert not any(s.faded or s.ink is Ink.ARROW for s in drawing.start)


def test_far_limbs_are_lighter_in_a_side_view_and_not_in_a_front_view() -> None:
    side = draw_pair(shipped_pose_pairs()["forward-lunge"])
    front = draw_pair(shipped_pose_pairs()["lateral-band-walk"])
    assert any(s.ink is Ink.FAR for s in side.start)
    assert not any(s.ink is Ink.FAR for s in front.start)


def test_drawing_fits_a_box_without_distortion() -> None:
    from planner.domain.drawing import placed

    drawing = drawing_for("donkey-kick")
    assert isinstance(drawing, Drawing)
    shapes = placed(drawing, 10, 20, 300, 100, y_down=True)
    xs = [p[0] for s in shapes if not isinstance(s, Circle) for p in s.points]
    ys = [p[1] for s in shapes if not isinstance(s, Circle) for p in s.points]
    assert min(xs) >= 10 and max(xs) <= 310
    assert min(ys) >= 20 and max(ys) <= 120
