"""The athlete file's `log`: entries parse, and bad ones name the entry and the field."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.domain.athlete import Athlete
from planner.domain.errors import BadInput
from planner.domain.training_log import LogEntry, Side, check_known_exercises, log_to_list, parse_log, sort_log

GOOD = {
    "date": "2027-01-05",
    "exercise": "single-leg-bridge",
    "sets_done": 3,
    "side": "left",
    "pain_during": 2,
    "pain_next_morning": 1,
    "rpe": 6,
    "done": True,
    "note": "felt fine",
}


def test_an_entry_parses_into_what_the_athlete_did() -> None:
    [entry] = parse_log([GOOD])
    assert entry == LogEntry(dt.date(2027, 1, 5), "single-leg-bridge", 3, Side.LEFT, 2, 1, 6, True, "felt fine")


def test_entries_round_trip_through_the_file_shape() -> None:
    entries = parse_log([GOOD, GOOD | {"side": None, "pain_next_morning": None, "rpe": None}])
    assert sort_log(parse_log(log_to_list(entries))) == sort_log(entries)


def test_an_athlete_file_carries_its_log_and_writes_it_back() -> None:
    athlete = Athlete.from_dict({"name": "Ann", "log": [GOOD]})
    assert len(athlete.log) == 1
    assert Athlete.from_dict(athlete.to_dict()).log == athlete.log


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pain_during": 11}, "log[1].pain_during"),
        ({"pain_during": -1}, "log[1].pain_during"),
        ({"pain_next_morning": 10.5}, "log[1].pain_next_morning"),
        ({"rpe": "hard"}, "log[1].rpe"),
        ({"sets_done": 21}, "log[1].sets_done"),
        ({"side": "both"}, "log[1].side"),
        ({"date": "2027-02-30"}, "log[1].date"),
        ({"done": "yes"}, "log[1].done"),
        ({"note": "x" * 501}, "log[1].note"),
        ({"colour": "red"}, "log[1]"),
    ],
)
def test_an_out_of_range_value_names_the_entry_and_the_field(change: dict, field: str) -> None:
    with pytest.raises(BadInput) as caught:
        parse_log([GOOD | {"side": "right"}, GOOD | change])
    assert str(caught.value).startswith(f"{field}:")


def test_a_missing_pain_during_is_bad_input() -> None:
    bad = {k: v for k, v in GOOD.items() if k != "pain_during"}
    with pytest.raises(BadInput, match=r"log\[0\]\.pain_during: missing"):
        parse_log([bad])


def test_two_entries_for_the_same_day_exercise_and_side_are_bad_input() -> None:
    with pytest.raises(BadInput, match=r"log\[1\]: a second entry for single-leg-bridge on 2027-01-05 \(left\)"):
        parse_log([GOOD, GOOD])


def test_an_unknown_exercise_names_the_entry() -> None:
    entries = parse_log([GOOD, GOOD | {"exercise": "moon-walk"}])
    with pytest.raises(BadInput, match=r"log\[1\]\.exercise: unknown exercise 'moon-walk'"):
        check_known_exercises(entries, ["single-leg-bridge"])
