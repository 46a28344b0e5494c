"""Running-load warnings: weekly distance up more than 10 %, long run over 110 % of the last 30 days."""

from __future__ import annotations

from planner.domain.athlete import Mileage
from planner.domain.load_warnings import long_run_warnings, running_load_warnings, weekly_distance_warnings


def test_a_weekly_rise_over_ten_percent_is_named_with_both_distances():
    assert weekly_distance_warnings((44, 49), 2) == ["Week 2: weekly distance 49 km is 11 % above last week's 44 km"]


def test_a_rise_of_exactly_ten_percent_is_fine():
    assert weekly_distance_warnings((40, 44), 2) == []


def test_a_drop_is_fine_and_fractions_are_written_with_one_decimal():
    assert weekly_distance_warnings((50, 40, 44.5), 3) == [
        "Week 3: weekly distance 44.5 km is 11 % above last week's 40 km"
    ]


def test_a_long_run_over_110_percent_of_the_last_four_weeks_is_named():
    warnings = long_run_warnings((15, 16, 24), (12, 13, 14, 12), 3)
    assert warnings == ["Week 3: long run 24 km is more than 110 % of the longest run in the last 30 days (16 km)"]


def test_the_first_weeks_look_back_into_the_history_before_the_plan():
    assert long_run_warnings((17,), (12, 13, 15, 12), 1) == [
        "Week 1: long run 17 km is more than 110 % of the longest run in the last 30 days (15 km)"
    ]
    assert long_run_warnings((16,), (12, 13, 15, 12), 1) == []


def test_a_long_run_from_five_weeks_ago_no_longer_counts():
    # Week 5's window is weeks 1-4 (12-15 km); the 30 km of the history is older than 30 days.
    assert long_run_warnings((12, 13, 14, 15, 17), (30,), 5) == [
        "Week 5: long run 17 km is more than 110 % of the longest run in the last 30 days (15 km)"
    ]


def test_weeks_beyond_the_plan_are_not_warned_about():
    assert weekly_distance_warnings((40, 60), 1) == []


def test_no_mileage_no_warnings():
    assert running_load_warnings(None, 12) == []
    assert running_load_warnings(Mileage(), 12) == []
