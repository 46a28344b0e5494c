"""Every text field has a limit, declared once; input past it is bad input that names the field and the limit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.domain import limits
from planner.domain.athlete import Athlete, parse_date
from planner.domain.errors import BadInput, shown
from planner.domain.exercise import Exercise
from planner.paths import resources_dir
from planner.store.library_io import parse_native, read_library_file

REPO = Path(__file__).resolve().parents[2]


def _exercise(**changes: object) -> Exercise:
    data = {"id": "clam", "name": "Clamshell", "category": "strength", "dose": {"sets": 3, "reps": 15}} | changes
    return Exercise.from_dict(data)


@pytest.mark.parametrize(
    ("changes", "field", "limit"),
    [
        ({"name": "n" * 121}, "x.name", limits.EXERCISE_NAME),
        ({"aliases": ["a" * 121]}, "x.aliases[0]", limits.ALIAS),
        ({"targets": ["t" * 81]}, "x.targets[0]", limits.TAG),
        ({"tags": ["t" * 81]}, "x.tags[0]", limits.TAG),
        ({"instructions": ["ok", "i" * 1001]}, "x.instructions[1]", limits.INSTRUCTION),
        ({"cues": ["c" * 301]}, "x.cues[0]", limits.CUE),
        ({"easier": "e" * 501}, "x.easier", limits.EASIER),
        ({"harder": "h" * 501}, "x.harder", limits.HARDER),
        ({"source": "s" * 301}, "x.source", limits.SOURCE),
        ({"license": "l" * 201}, "x.license", limits.LICENSE),
        ({"dose": {"sets": 3, "reps": 15, "tempo": "3" * 21}}, "x.dose.tempo", limits.TEMPO),
    ],
)
def test_each_text_field_of_an_exercise_past_its_limit_is_bad_input(
    changes: dict[str, object], field: str, limit: limits.TextLimit
) -> None:
    exercise = _exercise(**changes)
    with pytest.raises(BadInput) as caught:
        limits.check_exercise_text(exercise, "x")
    assert str(caught.value).startswith(f"{field}: ")
    assert str(caught.value).endswith(f"the limit is {limit.chars:,}")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"instructions": ["step"] * 41}, "x.instructions"),
        ({"cues": ["cue"] * 21}, "x.cues"),
        ({"aliases": ["a"] * 31}, "x.aliases"),
    ],
)
def test_too_many_lines_in_an_exercise_is_bad_input(changes: dict[str, object], field: str) -> None:
    with pytest.raises(BadInput, match=rf"^{field}: \d+ items; the limit is \d+$"):
        limits.check_exercise_text(_exercise(**changes), "x")


def test_an_exercise_at_every_limit_is_accepted() -> None:
    exercise = _exercise(
        name="n" * limits.EXERCISE_NAME.chars,
        instructions=["i" * limits.INSTRUCTION.chars] * limits.INSTRUCTIONS.items,
        cues=["c" * limits.CUE.chars] * limits.CUES.items,
        easier="e" * limits.EASIER.chars,
        dose={"sets": 3, "reps": 15, "tempo": "3" * limits.TEMPO.chars},
    )
    assert limits.check_exercise_text(exercise, "x") is exercise


def test_the_shipped_library_fits_every_limit() -> None:
    data = json.loads((resources_dir() / "exercises.json").read_text(encoding="utf-8"))
    for i, exercise in enumerate(parse_native(data)):
        limits.check_exercise_text(exercise, f"exercises[{i}]")


def test_the_whole_free_exercise_db_fits_every_limit() -> None:
    assert len(read_library_file(REPO / "tests" / "data" / "free-exercise-db" / "exercises.json")) > 800


def test_an_athlete_name_at_the_limit_is_accepted_and_one_more_character_is_not() -> None:
    assert Athlete.from_dict({"name": "n" * limits.ATHLETE_NAME.chars}).name == "n" * limits.ATHLETE_NAME.chars
    with pytest.raises(BadInput, match=rf"^name: 301 characters; the limit is {limits.ATHLETE_NAME.chars}$"):
        Athlete.from_dict({"name": "n" * (limits.ATHLETE_NAME.chars + 1)})


def test_a_long_coach_note_is_bad_input() -> None:
    with pytest.raises(BadInput, match=r"^note: 2,001 characters; the limit is 2,000$"):
        Athlete.from_dict({"name": "Z", "note": "n" * 2001})


def test_a_long_race_name_names_the_race() -> None:
    with pytest.raises(BadInput, match=r"^races\[0\]\.name: 101 characters; the limit is 100$"):
        Athlete.from_dict({"name": "Z", "races": [{"date": "2027-04-18", "name": "r" * 101}]})


def test_too_many_races_is_bad_input() -> None:
    races = [{"date": "2027-04-18", "name": "R"}] * (limits.RACES.items + 1)
    with pytest.raises(BadInput, match=r"^races: 201 items; the limit is 200$"):
        Athlete.from_dict({"name": "Z", "races": races})


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"])
def test_a_date_outside_1900_to_2199_is_bad_input(day: str) -> None:
    with pytest.raises(BadInput, match=rf"^start: expected a date from 1900-01-01 to 2199-12-31, got '{day}'$"):
        parse_date(day, "start")


def test_a_nan_distance_is_bad_input() -> None:
    with pytest.raises(BadInput, match=r"^mileage\.weekly_km\[0\]: expected a distance 0-1000 km, got nan$"):
        Athlete.from_dict({"name": "Z", "mileage": {"weekly_km": [float("nan")]}})


def test_a_value_in_a_message_is_cut_to_about_80_characters() -> None:
    error = BadInput(f"unknown level {'x' * 10_000_000!r}; expected one of beginner, advanced", field="level")
    assert len(str(error)) < 200
    assert str(error).endswith("; expected one of beginner, advanced")


def test_a_message_is_one_line() -> None:
    assert str(BadInput("first\nsecond", field="note")) == "note: first second"


def test_shown_quotes_a_long_text_and_shows_the_cut() -> None:
    assert shown("a" * 1000) == "'" + "a" * 77 + "…'"
    assert shown("short") == "'short'"
