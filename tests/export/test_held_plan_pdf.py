"""A plan the symptom check holds, as printed: every sheet says what to do instead (issue #12)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from planner import DISCLAIMER
from planner.domain.plan import RUN_NOTE, Hold
from planner.domain.progression import PAIN_RULE
from planner.domain.scheduling import build_plan
from planner.export.document import build_plan_pdf, build_routine_pdf
from tests.export import plan_factory as f
from tests.export.pdf_reader import needs_poppler, pages_text

pytestmark = needs_poppler

START = dt.date(2027, 1, 4)
DISCLAIMER_START = " ".join(DISCLAIMER.split()[:8])


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def held_pdf(tmp_path: Path, triage: str, since: dt.date, weeks: int = 3) -> list[str]:
    athlete = f.athlete()
    hold = Hold(triage=triage, message="Seek medical care now: a hot, swollen joint needs checking.", since=since)
    plan = build_plan(athlete, list(f.library().values()), start=START, weeks=weeks, hold=hold)
    out = tmp_path / "held.pdf"
    build_plan_pdf(out, athlete=athlete, plan=plan, library=f.library(), content="overview,weekly,cards")
    return [_squeeze(p) for p in pages_text(out)]


def test_every_weekly_sheet_of_a_held_plan_says_what_to_do_instead(tmp_path):
    pages = held_pdf(tmp_path, "emergency", START + dt.timedelta(days=3), weeks=3)
    sheets = [p for p in pages if "Week " in p and " of 3" in p]
    assert len(sheets) == 3
    for page in sheets:
        assert "On hold: seek care now" in page
        assert "Seek medical care now" in page
        assert "until a clinician has looked" in page


def test_running_days_of_an_emergency_hold_say_see_a_clinician(tmp_path):
    pages = held_pdf(tmp_path, "emergency", START, weeks=1)
    sheet = next(p for p in pages if "Week 1 of 1" in p)
    assert RUN_NOTE in sheet


def test_a_see_clinician_soon_hold_leaves_the_running_days_unmarked(tmp_path):
    pages = held_pdf(tmp_path, "see_clinician_soon", START, weeks=1)
    sheet = next(p for p in pages if "Week 1 of 1" in p)
    assert "On hold: see a clinician first" in sheet
    assert RUN_NOTE not in sheet


def test_the_overview_of_a_held_plan_says_it_first(tmp_path):
    pages = held_pdf(tmp_path, "urgent", START, weeks=2)
    assert pages[0].startswith("Season overview")
    assert "On hold: get medical care today · weeks 1-2" in pages[0]


def test_every_page_kind_carries_the_disclaimer(tmp_path):
    out = tmp_path / "season.pdf"
    build_plan_pdf(out, athlete=f.athlete(), plan=f.plan(2), library=f.library())
    held = held_pdf(tmp_path, "urgent", START, weeks=2)
    routine = tmp_path / "routine.pdf"
    build_routine_pdf(routine, result=f.wizard_result(), athlete_name="Zoë", library=f.library())
    for page in [*map(_squeeze, pages_text(out)), *held, *map(_squeeze, pages_text(routine))]:
        assert DISCLAIMER_START in page


def test_weekly_sheets_print_the_one_pain_rule(tmp_path):
    out = tmp_path / "season.pdf"
    build_plan_pdf(out, athlete=f.athlete(), plan=f.plan(1), library=f.library(), content="weekly")
    assert _squeeze(PAIN_RULE)[:60] in _squeeze(pages_text(out)[0])


def test_cards_print_the_pain_rule_in_place_of_their_own_limit_and_the_heavy_slow_schedule(tmp_path):
    from planner.domain.plan import PlannedExercise, Session, SessionKind
    from planner.domain.progression import heavy_slow_resistance_dose

    library = f.library()
    squat = dataclasses.replace(
        next(iter(library.values())),
        id="heavy-slow-squat",
        name="Heavy slow resistance squat",
        instructions=("Lift slowly.", "Mild discomfort up to 3/10 is fine; stop if the pain turns sharp."),
    )
    library = {**library, squat.id: squat}
    plan = f.plan(1)
    dose, note = heavy_slow_resistance_dose(1)
    session = Session(
        date=plan.weeks[0].start,
        kind=SessionKind.CORRECTIVE,
        title="Hip and knee routine",
        why="",
        exercises=(PlannedExercise(squat.id, squat.name, dose, note),),
    )
    week = dataclasses.replace(plan.weeks[0], sessions=(session, *plan.weeks[0].sessions))
    plan = dataclasses.replace(plan, weeks=(week,))
    out = tmp_path / "cards.pdf"
    build_plan_pdf(out, athlete=f.athlete(), plan=plan, library=library, content="cards")
    # Cards sit side by side, so their lines interleave in the text: look for pieces a line holds.
    text = _squeeze(" ".join(pages_text(out)))
    assert "3/10" not in text
    assert "Pain rule: up to 5/10" in text
    assert "Schedule: 15 RM week 1" in text


@pytest.mark.parametrize("triage", ["see_clinician_soon", "urgent", "emergency"])
def test_held_weeks_have_no_sessions_to_print(tmp_path, triage):
    pages = held_pdf(tmp_path, triage, START, weeks=1)
    sheet = next(p for p in pages if "Week 1 of 1" in p)
    assert "Pain 0-10" not in sheet  # no session rows to fill in
