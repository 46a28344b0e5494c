"""Golden plans: the scheduler gives the same plan, byte for byte, for the example athletes and a few more.

The plans a coach gets must not change when the scheduler is made faster. Each case is an athlete, a start,
a number of weeks and a library; its plan JSON (`Plan.to_dict`, as `stride-planner plan --json` prints it) is
stored in tests/domain/golden/. The library and the wizard rules are frozen copies in that folder, so a new
shipped exercise or rule does not move these files; the athletes are the shipped examples plus a few written
here (one with a library of thousands of look-alike exercises, where ties between candidates decide the picks).

A change that is MEANT to change plans regenerates the files (then read the diff before committing):

    .venv/bin/python -m tests.domain.test_golden_plans --write
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from planner.domain.athlete import Athlete
from planner.domain.exercise import Exercise
from planner.domain.plan import Plan
from planner.domain.season import make_plan

GOLDEN = Path(__file__).resolve().parent / "golden"
REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "resources" / "examples"
START = dt.date(2026, 11, 23)  # a Monday; the plans' first week
PRINTED = dt.date(2026, 11, 21)

# Words a numbered look-alike adds to a shipped exercise (as the benchmark's library does).
VARIANT_WORDS = ("slow", "paused", "banded", "tempo", "isometric", "eccentric", "single-leg", "wide", "narrow")


@cache
def frozen_library() -> tuple[Exercise, ...]:
    """The shipped library as it was when the golden files were made, in the database's order (name, id)."""
    data = json.loads((GOLDEN / "library.json").read_text(encoding="utf-8"))
    exercises = [Exercise.from_dict(item, where=f"library.json[{i}]") for i, item in enumerate(data["exercises"])]
    return tuple(sorted(exercises, key=lambda e: (e.name, e.id)))


@cache
def frozen_rules() -> Any:
    from planner.domain.wizard import parse_rules

    data = json.loads((GOLDEN / "wizard_rules.json").read_text(encoding="utf-8"))
    return parse_rules(data, known_exercise_ids={e.id for e in frozen_library()})


@cache
def big_library(total: int = 3_000) -> tuple[Exercise, ...]:
    """`total` exercises: the frozen library plus numbered look-alikes (new ids and names, same content)."""
    base = sorted(frozen_library(), key=lambda e: e.id)
    out = list(base)
    i = 0
    while len(out) < total:
        e = base[i % len(base)]
        word = VARIANT_WORDS[(i // len(base)) % len(VARIANT_WORDS)]
        out.append(
            dataclasses.replace(
                e,
                id=f"{e.id}-{word}-{i}",
                name=f"{e.name} ({word} {i})",
                aliases=(*e.aliases, f"{word} {e.name.lower()}"),
                builtin=False,
                edited=False,
            )
        )
        i += 1
    return tuple(sorted(out, key=lambda e: (e.name, e.id)))


def _example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def _demo() -> dict[str, Any]:
    from planner.export.demo import demo_season

    return dict(demo_season(START - dt.timedelta(days=3)).athlete_file)


def _pfps_band() -> dict[str, Any]:
    """Kneecap pain found two weeks in; a band and a mat only; three runs and a long run; one A race."""
    return {
        "name": "Ines Okafor",
        "level": "beginner",
        "equipment": ["band", "mat"],
        "week": {
            "mon": "easy",
            "tue": "rest",
            "wed": "quality",
            "thu": "rest",
            "fri": "easy",
            "sat": "rest",
            "sun": "long",
        },
        "races": [{"date": "2027-04-11", "name": "River 10K", "priority": "A"}],
        "wizard": {"answers": _example("answers_pfps.json"), "date": "2026-12-09"},
    }


def _tendon_gym() -> dict[str, Any]:
    """Patellar tendon pain at the start; a full gym (heavy slow squats possible); three races."""
    return {
        "name": "Mateo Várez",
        "level": "advanced",
        "equipment": ["band", "step", "dumbbell", "kettlebell", "barbell", "bench", "machine", "mat", "foam_roller"],
        "week": {
            "mon": "easy",
            "tue": "quality",
            "wed": "easy",
            "thu": "quality",
            "fri": "rest",
            "sat": "long",
            "sun": "easy",
        },
        "races": [
            {"date": "2027-02-14", "name": "Winter 5K", "priority": "C"},
            {"date": "2027-03-21", "name": "Half", "priority": "B"},
            {"date": "2027-05-16", "name": "Marathon", "priority": "A"},
        ],
        "wizard": {"answers": _example("answers_patellar_tendinopathy.json")},
    }


def _on_hold() -> dict[str, Any]:
    """A check that needs a clinician first, made in week 3: the plan holds from that day on."""
    answers = dict(_example("answers_pfps.json"))
    answers["red_flags"] = ["trauma_cannot_bear_weight"]
    return {
        "name": "Sam Lee",
        "equipment": ["band", "step", "mat"],
        "races": [{"date": "2027-03-14", "name": "Spring 10K", "priority": "A"}],
        "wizard": {"answers": answers, "date": "2026-12-10"},
    }


def _held_out() -> dict[str, Any]:
    """Not like the examples: body weight only, a week of two long runs and back-to-back quality days,
    a season of four races, no symptom check. Kept out of tuning on purpose."""
    return {
        "name": "Ana-Maria Ţurcanu",
        "level": "advanced",
        "equipment": [],
        "week": {
            "mon": "rest",
            "tue": "quality",
            "wed": "quality",
            "thu": "easy",
            "fri": "long",
            "sat": "easy",
            "sun": "long",
        },
        "races": [
            {"date": "2027-01-31", "name": "Cross country", "priority": "C"},
            {"date": "2027-03-28", "name": "Trail 30K", "priority": "B"},
            {"date": "2027-06-20", "name": "Mountain marathon", "priority": "A"},
            {"date": "2027-09-12", "name": "Autumn half", "priority": "B"},
        ],
    }


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    athlete: Callable[[], dict[str, Any]]
    weeks: int
    library: Callable[[], tuple[Exercise, ...]] = frozen_library
    start: dt.date = START


CASES = (
    Case("zoe", lambda: _example("athlete_zoe.json"), 24),
    Case("demo", _demo, 16),
    Case("pfps_band", _pfps_band, 20),
    Case("tendon_gym", _tendon_gym, 30),
    Case("on_hold", _on_hold, 12),
    Case("held_out_big_library", _held_out, 52, big_library, dt.date(2026, 10, 8)),  # a Thursday: moved to Monday
    Case("demo_big_library", _demo, 52, big_library),
)


def plan_of(case: Case) -> Plan:
    athlete = Athlete.from_dict(case.athlete())
    return make_plan(athlete, list(case.library()), frozen_rules(), start=case.start, weeks=case.weeks)


def plan_text(plan: Plan) -> str:
    return json.dumps(plan.to_dict(), ensure_ascii=False, indent=1) + "\n"


def golden_path(case: Case) -> Path:
    return GOLDEN / f"plan_{case.name}.json"


# -- the weekly sheets of one plan, as text ---------------------------------------------------------------
SHEET_CASE = CASES[1]  # the demo: a routine, a deload, a taper and race week


def weekly_sheet_words(pdf: Path) -> list[dict[str, int]]:
    """Each page's words and how often each occurs: what a reader sees, whatever the table layout."""
    from tests.export.pdf_reader import pages_text

    return [dict(sorted(Counter(page.split()).items())) for page in pages_text(pdf)]


def build_weekly_sheets(out: Path) -> Path:
    from planner.export.document import build_plan_pdf

    athlete = Athlete.from_dict(SHEET_CASE.athlete())
    by_id = {e.id: e for e in SHEET_CASE.library()}
    build_plan_pdf(out, athlete=athlete, plan=plan_of(SHEET_CASE), library=by_id, content=("weekly",), printed=PRINTED)
    return out


def sheet_text(pdf: Path) -> str:
    return json.dumps(weekly_sheet_words(pdf), ensure_ascii=False, indent=0) + "\n"


FIX = "if the change is meant, run `.venv/bin/python -m tests.domain.test_golden_plans --write` and read the diff"


def as_in_golden(actual: Any, golden: Any) -> Any:
    """`actual` with only the object keys `golden` has: the interface spec lets a plan gain keys (never lose
    or change one), so a key added to the JSON later does not fail these tests; everything else must match."""
    if isinstance(actual, dict) and isinstance(golden, dict):
        return {k: as_in_golden(actual[k], golden[k]) if k in golden else actual[k] for k in actual if k in golden}
    if isinstance(actual, list) and isinstance(golden, list) and len(actual) == len(golden):
        return [as_in_golden(a, g) for a, g in zip(actual, golden, strict=True)]
    return actual


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_plan_is_the_golden_plan(case: Case) -> None:
    expected = golden_path(case).read_text(encoding="utf-8")
    actual = json.loads(plan_text(plan_of(case)))
    shown = json.dumps(as_in_golden(actual, json.loads(expected)), ensure_ascii=False, indent=1) + "\n"
    assert shown == expected, f"the {case.name} plan changed; {FIX}"


def test_golden_cases_cover_a_routine_a_hold_and_the_big_library() -> None:
    # The golden files only prove something if the cases reach the parts of the scheduler that matter.
    plans = {c.name: json.loads(golden_path(c).read_text(encoding="utf-8")) for c in CASES}
    kinds = {s["kind"] for p in plans.values() for w in p["weeks"] for s in w["sessions"]}
    assert kinds == {"strength", "corrective", "mobility"}
    assert plans["on_hold"].get("hold")
    variants = {e["id"] for w in plans["demo_big_library"]["weeks"] for s in w["sessions"] for e in s["exercises"]}
    assert any(x not in {e.id for e in frozen_library()} for x in variants)


def test_weekly_sheets_print_the_golden_words(tmp_path: Path) -> None:
    from tests.export.pdf_reader import needs_poppler

    if needs_poppler.args[0]:
        pytest.skip(needs_poppler.kwargs["reason"])
    pdf = build_weekly_sheets(tmp_path / "weekly.pdf")
    expected = (GOLDEN / "weekly_sheets_demo.json").read_text(encoding="utf-8")
    assert sheet_text(pdf) == expected, f"the weekly sheets' text changed; {FIX}"


def ranked_picks(pool: list[Exercise], count: int, slots: int, slot: int) -> list[Exercise]:
    """The picking rule as written: rank the whole pool for every pick (what the index must reproduce)."""
    keys = sorted({e.targets[0] if e.targets else "" for e in pool})
    group = {e.id: keys.index(e.targets[0] if e.targets else "") for e in pool}
    used: dict[str, int] = {}
    picked: list[Exercise] = []
    for s in range(slot + 1):
        picked = []
        while len(picked) < min(count, len(pool)):
            wanted = (s + len(picked)) % len(keys)
            in_session = [group[e.id] for e in picked]
            picked.append(
                min(
                    (e for e in pool if e not in picked),
                    key=lambda e: (
                        used.get(e.id, 0),
                        in_session.count(group[e.id]),
                        (group[e.id] - wanted) % len(keys),
                        pool.index(e),
                    ),
                )
            )
        for e in picked:
            used[e.id] = used.get(e.id, 0) + 1
    return picked


def test_index_picks_what_ranking_the_whole_pool_picks() -> None:
    import random

    from planner.domain.library_index import Pool

    rng = random.Random(14)
    library = list(big_library(400))
    for _ in range(300):
        pool = rng.sample(library, rng.randint(1, 40))
        count, slots = rng.randint(1, 6), rng.randint(1, 4)
        slot = rng.randrange(slots)
        assert Pool.of(pool).pick_varied(count, slots, slot) == ranked_picks(pool, count, slots, slot)


def write_golden_files() -> None:
    """Regenerate every golden plan and the weekly sheets' words (the library and rules copies stay)."""
    import tempfile

    for case in CASES:
        golden_path(case).write_text(plan_text(plan_of(case)), encoding="utf-8")
        print(f"wrote {golden_path(case).relative_to(REPO)}")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = build_weekly_sheets(Path(tmp) / "weekly.pdf")
        (GOLDEN / "weekly_sheets_demo.json").write_text(sheet_text(pdf), encoding="utf-8")
    print("wrote tests/domain/golden/weekly_sheets_demo.json")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit(__doc__)
    write_golden_files()
