"""User text reaches paper as the literal text typed: never as reportlab markup, never as a picture."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from planner.domain.athlete import Athlete, Phase, Priority, Race
from planner.domain.exercise import Category, Dose, Exercise
from planner.domain.plan import Plan, PlannedExercise, Session, SessionKind, Week
from planner.export.document import build_plan_pdf, build_routine_pdf
from planner.export.markup import markup, text
from tests.export import plan_factory as f
from tests.export.pdf_reader import needs_poppler

pytestmark = needs_poppler

START = dt.date(2027, 1, 4)  # a Monday

# Each one broke a build or changed the page before the text was escaped at one boundary.
HOSTILE = [
    "<img src='{photo}'/>",
    "<img src='/etc/passwd'/>",
    "<font size=60>x</font>",
    "3-1-1 & <b>x",
    "<para>",
    "unbalanced <b> tag",
    "a &amp; b &#60; &nbsp;",
    "\"quoted\" and 'single'",
]

# The labels make each field's text findable on its own in the extracted text.
FIELDS = ("Athlete", "Race", "Note", "ExName", "Planned", "ExNote", "Step", "Cue", "Easier", "Harder", "Warn", "Why")


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    """A real picture: if markup were obeyed, `<img src=...>` would put it on the page."""
    from PIL import Image

    path = tmp_path / "photo.png"
    Image.new("RGB", (40, 40), "red").save(path)
    return path


def _printed(pdf: Path) -> str:
    """The text in drawing order (`-raw`), so a table cell's wrapped lines stay together, without spaces
    (a long path wraps inside a word)."""
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return "".join(raw.stdout.decode("utf-8").split())


def _squeezed(value: str) -> str:
    return "".join(value.split())


def _images(pdf: Path) -> list[str]:
    rows = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return rows.splitlines()[2:]  # two header lines


def _season(hostile: str) -> tuple[Athlete, Plan, dict[str, Exercise]]:
    def v(label: str) -> str:
        return f"{label} {hostile}"

    dose = Dose(sets=3, reps=10, each_side=True, rest_s=60, tempo=hostile)
    exercise = Exercise(
        id="side-step-up",
        name=v("ExName"),
        category=Category.STRENGTH,
        dose=dose,
        targets=("glute_med",),
        instructions=(v("Step"),),
        cues=(v("Cue"),),
        easier=v("Easier"),
        harder=v("Harder"),
    )
    race = Race(START + dt.timedelta(days=6), v("Race"), Priority.A)
    athlete = Athlete(name=v("Athlete"), races=(race,), note=v("Note"))
    planned = PlannedExercise(id="side-step-up", name=v("Planned"), dose=dose, notes=v("ExNote"))
    session = Session(START + dt.timedelta(days=1), SessionKind.STRENGTH, "Strength A", v("Why"), (planned,))
    runs = dict(f.RUNS, sun="race")
    week = Week(index=1, start=START, phase=Phase.RACE_WEEK, sessions=(session,), runs=runs, race=race.name)
    plan = Plan(athlete=athlete.name, start=START, weeks=(week,), warnings=(f"Week 1: {v('Warn')}",))
    return athlete, plan, {exercise.id: exercise}


@pytest.mark.parametrize("template", HOSTILE)
def test_markup_in_every_field_is_printed_as_typed_in_the_season_pdf(
    template: str, photo: Path, tmp_path: Path
) -> None:
    hostile = template.format(photo=photo)
    athlete, plan, library = _season(hostile)
    out = tmp_path / "season.pdf"
    build_plan_pdf(out, athlete=athlete, plan=plan, library=library)
    printed = _printed(out)
    missing = [label for label in (*FIELDS, "tempo") if _squeezed(f"{label} {hostile}") not in printed]
    assert missing == []
    assert _images(out) == []


@pytest.mark.parametrize("template", HOSTILE)
def test_markup_in_the_wizard_routine_is_printed_as_typed(template: str, photo: Path, tmp_path: Path) -> None:
    hostile = template.format(photo=photo)
    result = f.wizard_result()
    result["conditions"][0]["name"] = f"Pattern {hostile}"
    result["conditions"][0]["reasons"] = [f"Reason {hostile}"]
    result["factors"] = [{"id": "load", "name": f"Factor {hostile}", "reasons": [f"Because {hostile}"]}]
    result["program"]["advice"] = [f"Advice {hostile}"]
    result["program"]["exercises"][0] |= {"name": f"Exercise {hostile}", "tempo": hostile}
    out = tmp_path / "routine.pdf"
    build_routine_pdf(out, result=result, athlete_name=f"Athlete {hostile}", library=f.library())
    printed = _printed(out)
    for label in ("Athlete", "Pattern", "Reason", "Factor", "Because", "Advice", "Exercise", "tempo"):
        assert _squeezed(f"{label} {hostile}") in printed
    assert _images(out) == []


def test_a_red_flag_given_as_text_is_printed_as_typed(tmp_path: Path) -> None:
    result = f.wizard_result("urgent")
    result["red_flags"] = [{"name": "<b>Flag</b>", "advice": "<font size=40>go</font>"}]
    out = tmp_path / "routine.pdf"
    build_routine_pdf(out, result=result, athlete_name=None, library=f.library())
    assert _squeezed("<b>Flag</b>: <font size=40>go</font>") in _printed(out)


def test_text_escapes_markup_and_quotes() -> None:
    assert text("3-1-1 & <b>\"x\" 'y'") == "3-1-1 &amp; &lt;b&gt;&quot;x&quot; &#39;y&#39;"


def test_markup_drops_control_characters_the_pdf_cannot_hold() -> None:
    assert markup("Zo\x00ë\x1b", "athlete name", None) == "Zoë"


def test_only_the_markup_module_escapes_text() -> None:
    # One boundary: an export module that escapes by itself has stepped around it.
    folder = Path(__file__).resolve().parents[2] / "planner" / "export"
    escaping = [p.name for p in folder.glob("*.py") if "saxutils" in p.read_text(encoding="utf-8")]
    assert escaping == ["markup.py"]
