"""Running-week and equipment presets for a new athlete."""

from __future__ import annotations

import pytest

from planner.domain.athlete import DayKind
from planner.domain.week_presets import EQUIPMENT_PRESETS, RUN_COUNTS, preset_week


@pytest.mark.parametrize("runs", RUN_COUNTS)
@pytest.mark.parametrize("long_day", ["sat", "sun"])
def test_a_preset_has_that_many_runs_and_one_long_run_on_the_chosen_day(runs: int, long_day: str) -> None:
    week = preset_week(runs, long_day)
    assert sum(kind != DayKind.REST for kind in week.values()) == runs
    assert [day for day, kind in week.items() if kind == DayKind.LONG] == [long_day]


@pytest.mark.parametrize("runs", RUN_COUNTS)
def test_no_quality_day_sits_next_to_the_long_run(runs: int) -> None:
    week = preset_week(runs, "sun")
    assert week["sat"] != DayKind.QUALITY and week["mon"] != DayKind.QUALITY


def test_an_unknown_count_is_refused() -> None:
    with pytest.raises(ValueError):
        preset_week(7)


def test_home_means_a_band_and_a_mat() -> None:
    assert EQUIPMENT_PRESETS["home"] == frozenset({"band", "mat"})
    assert EQUIPMENT_PRESETS["none"] == frozenset()
