"""Hand-built athletes, libraries and plans for the PDF tests (no scheduler needed)."""

from __future__ import annotations

import datetime as dt

from planner.domain.athlete import DAYS, Athlete, Phase, Priority, Race
from planner.domain.exercise import Category, Dose, Exercise
from planner.domain.plan import Plan, PlannedExercise, Session, SessionKind, Week

START = dt.date(2027, 1, 4)  # a Monday
RUNS = {"mon": "rest", "tue": "quality", "wed": "easy", "thu": "quality", "fri": "rest", "sat": "long", "sun": "easy"}

_EXERCISES: list[tuple[str, str, Category, Dose, tuple[str, ...]]] = [
    (
        "single-leg-rdl",
        "Single-leg Romanian deadlift",
        Category.STRENGTH,
        Dose(sets=3, reps=8, each_side=True, rest_s=90),
        ("glute_max", "hamstrings"),
    ),
    (
        "side-step-up",
        "Side step-up",
        Category.STRENGTH,
        Dose(sets=3, reps=10, each_side=True, rest_s=60),
        ("glute_med", "quadriceps"),
    ),
    (
        "single-leg-bridge",
        "Single-leg bridge",
        Category.STRENGTH,
        Dose(sets=3, reps=10, each_side=True),
        ("glute_max", "glute_med"),
    ),
    (
        "side-bridge",
        "Side bridge (side plank)",
        Category.ISOMETRIC,
        Dose(sets=3, hold_s=30, each_side=True, rest_s=45),
        ("glute_med", "core"),
    ),
    (
        "spanish-squat",
        "Spanish squat / wall sit",
        Category.ISOMETRIC,
        Dose(sets=5, hold_s=45, rest_s=120),
        ("quadriceps",),
    ),
    (
        "side-lying-clamshell",
        "Side-lying clamshell",
        Category.STRENGTH,
        Dose(sets=3, reps=15, each_side=True, rest_s=45),
        ("glute_med",),
    ),
    ("monster-walk", "Monster walk", Category.STRENGTH, Dose(sets=3, reps=15), ("glute_med", "glute_max")),
    (
        "figure-4-stretch",
        "Standing figure-4 stretch",
        Category.MOBILITY,
        Dose(sets=2, hold_s=45, each_side=True),
        ("glutes", "piriformis"),
    ),
    (
        "foam-roll-glutes",
        "Foam roll glute med + max",
        Category.FOAM_ROLL,
        Dose(sets=1, duration_s=60, each_side=True),
        ("glutes",),
    ),
    (
        "runners-lunge-stretch",
        "Runner's lunge (hip flexor stretch)",
        Category.MOBILITY,
        Dose(sets=2, hold_s=30, each_side=True),
        ("hip_flexors",),
    ),
    (
        "heavy-slow-squat",
        "Heavy slow resistance squat",
        Category.STRENGTH,
        Dose(sets=4, reps=15, rest_s=150, tempo="3-0-3"),
        ("quadriceps",),
    ),
    (
        "front-step-up",
        "Front step-up",
        Category.STRENGTH,
        Dose(sets=3, reps=10, each_side=True),
        ("quadriceps", "glute_max"),
    ),
]


def library() -> dict[str, Exercise]:
    """A small library with full card text for every exercise the factory plans use."""
    out = {}
    for ex_id, name, category, dose, targets in _EXERCISES:
        out[ex_id] = Exercise(
            id=ex_id,
            name=name,
            category=category,
            dose=dose,
            targets=targets,
            instructions=(
                f"Set up for the {name.lower()} with a tall posture.",
                "Move slowly through the range you can control.",
                "Breathe out as you push; pause for a second at the top.",
            ),
            cues=("Keep the knee in line with the second toe.", "Hips level; no sag."),
            easier="Shorter range, or hold on to a wall.",
            harder="Add a load or slow the lowering to 4 s.",
        )
    return out


def planned(ex_id: str, dose: Dose | None = None) -> PlannedExercise:
    lib = library()
    return PlannedExercise(id=ex_id, name=lib[ex_id].name, dose=dose or lib[ex_id].dose)


def athlete(name: str = "Zoë Łukasiewicz", note: str = "") -> Athlete:
    return Athlete(
        name=name,
        races=(Race(START + dt.timedelta(days=27), "Spring Half", Priority.B),),
        note=note or "Keep the strength sessions calm before Saturday's long run.",
    )


def _week(index: int, phase: Phase, sessions: list[Session], *, deload: bool = False, race: str | None = None) -> Week:
    runs = dict(RUNS)
    if race:
        runs["sun"] = "race"
    start = START + dt.timedelta(weeks=index - 1)
    return Week(index=index, start=start, phase=phase, deload=deload, sessions=tuple(sessions), runs=runs, race=race)


def _on(start: dt.date, day: str) -> dt.date:
    return start + dt.timedelta(days=DAYS.index(day))


def plan(weeks: int = 4, athlete_name: str = "Zoë Łukasiewicz") -> Plan:
    """An ordinary plan: 2 strength sessions, 3 short routines and a mobility session a week."""
    phases = [
        Phase.OFF_SEASON,
        Phase.PRE_SEASON,
        Phase.PRE_SEASON,
        Phase.IN_SEASON,
        Phase.TAPER,
        Phase.RACE_WEEK,
        Phase.RECOVERY,
    ]
    out = []
    for i in range(1, weeks + 1):
        start = START + dt.timedelta(weeks=i - 1)
        strength_a = Session(
            _on(start, "tue"),
            SessionKind.STRENGTH,
            "Strength A",
            "Quality run in the morning; nothing hard tomorrow",
            (planned("single-leg-rdl"), planned("side-step-up"), planned("side-bridge"), planned("spanish-squat")),
        )
        strength_b = Session(
            _on(start, "thu"),
            SessionKind.STRENGTH,
            "Strength B",
            "After the quality run",
            (planned("single-leg-bridge"), planned("monster-walk"), planned("heavy-slow-squat")),
        )
        corrective = [
            Session(
                _on(start, d),
                SessionKind.CORRECTIVE,
                "Hip & knee routine",
                "",
                (planned("side-lying-clamshell"), planned("figure-4-stretch")),
            )
            for d in ("mon", "wed", "fri")
        ]
        mobility = Session(
            _on(start, "sun"),
            SessionKind.MOBILITY,
            "Mobility",
            "Easy day",
            (planned("foam-roll-glutes"), planned("runners-lunge-stretch")),
        )
        race = "Spring Half" if i == 4 else None
        out.append(
            _week(
                i,
                phases[(i - 1) % len(phases)],
                [corrective[0], strength_a, corrective[1], strength_b, corrective[2], mobility],
                deload=i == 3,
                race=race,
            )
        )
    return Plan(
        athlete=athlete_name,
        start=START,
        weeks=tuple(out),
        warnings=("Week 2: long run 24 km is more than 110 % of the longest run in the last 30 days",),
    )


def busy_plan() -> Plan:
    """The worst week we expect: off-season, 3 long strength sessions, 4 routines, 3 mobility sessions."""
    lib = list(library())
    start = START
    sessions = []
    for n, day in enumerate(("mon", "wed", "fri")):
        exs = tuple(planned(lib[(n + k) % len(lib)]) for k in range(8))
        sessions.append(
            Session(
                _on(start, day),
                SessionKind.STRENGTH,
                f"Strength {'ABC'[n]}",
                "Nothing hard tomorrow, and the day before is an easy run or rest",
                exs,
            )
        )
    for day in ("tue", "thu", "sat", "sun"):
        sessions.append(
            Session(
                _on(start, day),
                SessionKind.CORRECTIVE,
                "Hip & knee routine",
                "After the run",
                tuple(planned(x) for x in lib[5:11]),
            )
        )
    for day in ("mon", "wed", "sat"):
        sessions.append(
            Session(_on(start, day), SessionKind.MOBILITY, "Mobility", "", tuple(planned(x) for x in lib[7:12]))
        )
    sessions.sort(key=lambda s: s.date)
    week = _week(1, Phase.OFF_SEASON, sessions)
    return Plan(
        athlete="Zoë Łukasiewicz",
        start=start,
        weeks=(week,),
        warnings=(
            "Week 1: only 2 days allow strength work; 3 were asked for",
            "Week 1: weekly distance rises 14 % over the week before",
        ),
    )


def wizard_result(triage: str = "self_care") -> dict:
    """A wizard result dict in the interface spec's shape."""
    program = None
    if triage == "self_care":
        program = {
            "frequency_per_week": 3,
            "exercises": [
                {
                    "id": "side-lying-clamshell",
                    "sets": 3,
                    "reps": 15,
                    "hold_s": None,
                    "duration_s": None,
                    "each_side": True,
                },
                {"id": "side-bridge", "sets": 3, "reps": None, "hold_s": 30, "duration_s": None, "each_side": True},
                {
                    "id": "figure-4-stretch",
                    "sets": 2,
                    "reps": None,
                    "hold_s": 45,
                    "duration_s": None,
                    "each_side": True,
                },
            ],
            "advice": ["Cut the long run by a third for two weeks.", "Raise your step rate by 5 % on easy runs."],
        }
    return {
        "triage": triage,
        "red_flags": [] if triage == "self_care" else ["knee_locks"],
        "conditions": [
            {
                "id": "itbs",
                "name": "Iliotibial band syndrome",
                "score": 0.82,
                "reasons": ["Pain on the outside of the knee", "Starts at the same distance into a run"],
            },
            {
                "id": "pfps",
                "name": "Patellofemoral pain (runner's knee)",
                "score": 0.41,
                "reasons": ["Worse going downhill"],
            },
        ],
        "factors": [
            {
                "id": "training_load_spike",
                "name": "Training load spike",
                "reasons": ["Weekly distance rose more than 10 %"],
            }
        ],
        "program": program,
        "disclaimer": "This is not a diagnosis. See a clinician if pain is severe or not improving.",
    }
