"""Starting points for a new athlete: a running week from a number of runs and a long-run day, and
equipment from where the athlete trains. The coach adjusts either afterwards; these only save clicks."""

from __future__ import annotations

from planner.domain.athlete import DAYS, DayKind

RUN_COUNTS: tuple[int, ...] = (3, 4, 5, 6)
LONG_RUN_DAYS: tuple[str, ...] = ("sat", "sun")

# Which days run, for each count, with the long run on Sunday; a Saturday long run mirrors the weekend.
# Quality days sit mid-week with an easy day or rest between them and the long run.
_RUNS_SUNDAY_LONG: dict[int, dict[str, DayKind]] = {
    3: {"tue": DayKind.QUALITY, "thu": DayKind.EASY, "sun": DayKind.LONG},
    4: {"tue": DayKind.QUALITY, "wed": DayKind.EASY, "fri": DayKind.EASY, "sun": DayKind.LONG},
    5: {"tue": DayKind.QUALITY, "wed": DayKind.EASY, "thu": DayKind.QUALITY, "sat": DayKind.EASY, "sun": DayKind.LONG},
    6: {
        "mon": DayKind.EASY,
        "tue": DayKind.QUALITY,
        "wed": DayKind.EASY,
        "thu": DayKind.QUALITY,
        "sat": DayKind.EASY,
        "sun": DayKind.LONG,
    },
}

EQUIPMENT_PRESETS: dict[str, frozenset[str]] = {
    "none": frozenset(),
    "home": frozenset({"band", "mat"}),
    "gym": frozenset({"band", "mat", "dumbbell", "kettlebell", "barbell", "machine", "bench", "step", "foam_roller"}),
}
EQUIPMENT_PRESET_LABELS: dict[str, str] = {
    "none": "Nothing: body weight only",
    "home": "At home: a resistance band and a mat",
    "gym": "A gym: weights, machines, bench, step",
}


def preset_week(runs: int, long_run_day: str = "sun") -> dict[str, DayKind]:
    """A running week with `runs` runs (3 to 6) and the long run on Saturday or Sunday; the rest are rest days.

    ValueError for a count or a day outside RUN_COUNTS / LONG_RUN_DAYS (the window offers only those).
    """
    if runs not in _RUNS_SUNDAY_LONG or long_run_day not in LONG_RUN_DAYS:
        raise ValueError(f"no preset for {runs} runs with the long run on {long_run_day}")
    week = dict.fromkeys(DAYS, DayKind.REST)
    week.update(_RUNS_SUNDAY_LONG[runs])
    if long_run_day == "sat":  # the weekend swaps: the long run Saturday, Sunday what Saturday was
        week["sat"], week["sun"] = week["sun"], week["sat"]
    return week
