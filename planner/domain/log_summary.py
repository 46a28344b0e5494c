"""What the log says week by week: the share of sets done and the pain, for the charts and the roster."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from planner.domain.adjustments import week_of
from planner.domain.plan import Plan, WeekSummary
from planner.domain.training_log import LogEntry

__all__ = ["WeekSummary", "last_week_summary", "prescribed_sets", "summary_of_week", "week_summaries"]


def prescribed_sets(plan: Plan, week_index: int) -> int:
    """Sets the week's sheet has boxes for: every exercise's sets, twice for each-side work."""
    for week in plan.weeks:
        if week.index == week_index:
            return sum(ex.dose.sets * (2 if ex.dose.each_side else 1) for s in week.sessions for ex in s.exercises)
    return 0


def week_summaries(plan: Plan, log: Sequence[LogEntry]) -> list[WeekSummary]:
    """A summary of every plan week, in order (weeks without entries have no pain and no adherence).

    Sets done count per side; an each-side exercise logged without a side counts for both sides.
    """
    each_side = {ex.id for w in plan.weeks for s in w.sessions for ex in s.exercises if ex.dose.each_side}
    out = []
    for week in plan.weeks:
        found = [e for e in log if week_of(plan.start, e.date) == week.index]
        done = sum(e.sets_done * (2 if e.side is None and e.exercise in each_side else 1) for e in found if e.done)
        pains = [e.pain_during for e in found if e.done]
        out.append(
            WeekSummary(
                week=week.index,
                sets_done=done,
                sets_prescribed=prescribed_sets(plan, week.index),
                max_pain=max(pains, default=None),
                mean_pain=sum(pains) / len(pains) if pains else None,
                logged=bool(found),
            )
        )
    return out


def last_week_summary(plan: Plan, log: Sequence[LogEntry]) -> WeekSummary | None:
    """The summary of the most recent plan week with log entries (the roster's "last week"), or None."""
    logged = [s for s in week_summaries(plan, log) if s.logged]
    return logged[-1] if logged else None


def summary_of_week(plan: Plan | None, log: Sequence[LogEntry], monday: dt.date) -> WeekSummary | None:
    """The log of the week starting `monday` (the roster's "last week"), or None when nothing was logged.

    Adherence needs the plan's prescription for that week; without it (no plan, or a plan that starts
    later) only the pain is known and the summary prescribes nothing.
    """
    found = [e for e in log if monday <= e.date <= monday + dt.timedelta(days=6)]
    if not found:
        return None
    if plan is not None:
        for summary in week_summaries(plan, found):
            if summary.logged:
                return summary
    pains = [e.pain_during for e in found if e.done]
    return WeekSummary(
        week=0,
        sets_done=sum(e.sets_done for e in found if e.done),
        sets_prescribed=0,
        max_pain=max(pains, default=None),
        mean_pain=sum(pains) / len(pains) if pains else None,
    )
