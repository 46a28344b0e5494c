"""`stride-planner wizard --answers FILE [--json]`: the symptom wizard without the window."""

from __future__ import annotations

import argparse


def answers_help() -> str:
    """The answer keys and their allowed values, as the `wizard --help` epilog lists them."""
    import textwrap

    from planner.domain.wizard_answers import (
        ANSWER_KEYS,
        ANSWER_MEANINGS,
        LIST_CHOICES,
        NUMBER_RANGES,
        allowed_values,
        is_yes_no,
    )

    lines = ["answers file: a JSON object; every key optional but pain_regions. Keys and allowed values:"]
    for key in ANSWER_KEYS:
        if key in NUMBER_RANGES:
            low, high = NUMBER_RANGES[key]
            allowed = f"whole number {low}-{high}" if high is not None else f"whole number, {low} or more"
        elif is_yes_no(key):
            allowed = "true or false"
        else:
            allowed = ", ".join(allowed_values(key))
            if key in LIST_CHOICES:
                allowed = f"list of: {allowed}"
        lines.append(f"  {key}: {ANSWER_MEANINGS.get(key, '')}.")
        lines.append(textwrap.fill(allowed, width=100, initial_indent=" " * 6, subsequent_indent=" " * 8))
    lines.append("Unknown keys or values exit 2 with one line naming them. See docs/clinical-basis.md for every rule.")
    return "\n".join(lines)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "wizard",
        help="run the symptom wizard on a JSON answers file",
        description="Names likely patterns behind a runner's pain, says when to see a clinician and how soon, "
        "and suggests a short routine when self-care is safe. It does not diagnose.",
        epilog=answers_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--answers", required=True, metavar="FILE", help="JSON file of wizard answers")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from planner.commands._common import read_json_file
    from planner.domain.errors import BadInput
    from planner.store.wizard_rules import run_wizard

    data = read_json_file(args.answers)
    try:
        result = run_wizard(data)
    except BadInput as exc:
        raise exc.within(args.answers) from None
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report(result))
    return 0


TRIAGE_LABELS = {
    "self_care": "Self-care: safe to start the routine below",
    "see_clinician_soon": "See a clinician soon",
    "urgent": "Urgent: get seen today or in the next day or two",
    "emergency": "Emergency: seek care now",
}


def report(result: object) -> str:
    """A WizardResult as text a runner can read in a terminal."""
    from planner.domain.wizard import WizardResult

    if not isinstance(result, WizardResult):
        raise TypeError(f"expected a WizardResult, got {type(result).__name__}")
    lines = [f"Triage: {TRIAGE_LABELS.get(result.triage, result.triage)}", ""]
    lines += [f"What to do: {a}" for a in result.actions]
    if result.red_flags:
        lines += ["", "Warning signs:"]
        lines += [f"  - {f.question} ({f.triage.replace('_', ' ')})" for f in result.red_flags]
    if result.alerts:
        lines += ["", "Why:"]
        for alert in result.alerts:
            lines.append(f"  - {'; '.join(alert.reasons)} ({alert.triage.replace('_', ' ')})")
    if result.notes:
        lines += ["", "Notes:"] + [f"  - {n.text}" for n in result.notes]
    if result.conditions:
        heading = "Likely patterns:" if result.triage == "self_care" else "Likely patterns (have it checked first):"
        lines += ["", heading]
        for c in result.conditions:
            lines.append(f"  {c.name} ({c.score:.2f})")
            lines += [f"    + {r}" for r in c.reasons]
            lines += [f"    - {r}" for r in c.against]
    if result.factors:
        lines += ["", "Contributing factors:"]
        for f in result.factors:
            lines.append(f"  {f.name}: {'; '.join(f.reasons)}")
            if f.advice:
                lines.append(f"    {f.advice}")
    program = result.program
    if program is not None:
        lines += ["", f"Routine, {program.frequency_per_week} times a week (about {round(program.minutes())} minutes):"]
        for e in program.exercises:
            lines.append(f"  - {e.name}: {e.dose.describe()}")
            if e.notes:
                lines.append(f"      {e.notes}")
        lines += [f"  * {a}" for a in program.advice]
    lines += ["", result.disclaimer]
    return "\n".join(lines)
