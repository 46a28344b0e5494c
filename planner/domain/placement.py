"""Which days of a week take strength, corrective and mobility work, and why.

The rules come from the interface spec ("Scheduling rules every plan obeys") and the clinical
content: no strength on a race day, the day before a quality run, a long run or a race, the day after
another strength day, or in the 9 days before an A race; hard days hard, easy days easy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import combinations, pairwise

from planner.domain.athlete import DAY_NAMES, DAYS, Athlete, DayKind, Phase, Priority, Race

STRENGTH_PER_WEEK: dict[Phase, int] = {
    Phase.OFF_SEASON: 3,
    Phase.PRE_SEASON: 2,
    Phase.IN_SEASON: 2,
    Phase.TAPER: 1,
    Phase.RACE_WEEK: 0,
    Phase.RECOVERY: 0,
}
QUIET_DAYS_BEFORE_A_RACE = 9

# Rest and easy days suit strength best; after a quality run is fine ("hard days hard"); after the
# long run is the least good choice because the legs are the most tired.
_KIND_COST: dict[DayKind, int] = {DayKind.REST: 0, DayKind.EASY: 0, DayKind.QUALITY: 1, DayKind.LONG: 2}


@dataclass(frozen=True, slots=True)
class PlacedDay:
    """A day chosen for a session, with the reason a coach would give."""

    date: dt.date
    why: str


@dataclass(frozen=True, slots=True)
class StrengthPlacement:
    """The strength days of one week, and a `Week N:` warning when fewer fit than the phase asks."""

    days: tuple[PlacedDay, ...]
    wanted: int
    warning: str | None = None


def week_days(monday: dt.date) -> list[dt.date]:
    return [monday + dt.timedelta(days=i) for i in range(7)]


def short_day(day: dt.date) -> str:
    return DAY_NAMES[DAYS[day.weekday()]][:3]


def races_in_week(athlete: Athlete, monday: dt.date) -> list[Race]:
    end = monday + dt.timedelta(days=6)
    return [r for r in athlete.races if monday <= r.date <= end]


def strength_sessions_wanted(phase: Phase, races: list[Race]) -> int:
    """How many strength sessions the phase asks for; in-season drops to 1 in a week holding a race."""
    wanted = STRENGTH_PER_WEEK[phase]
    if phase is Phase.IN_SEASON and any(r.priority in (Priority.B, Priority.C) for r in races):
        return 1
    return wanted


def run_of(athlete: Athlete, day: dt.date) -> str:
    """What running the day holds: rest, easy, quality, long, or race."""
    if athlete.race_on(day) is not None:
        return "race"
    return athlete.day_kind(day).value


def _a_race_within(athlete: Athlete, day: dt.date) -> Race | None:
    for race in athlete.races:
        if race.priority is Priority.A and 0 < (race.date - day).days <= QUIET_DAYS_BEFORE_A_RACE:
            return race
    return None


def strength_blocked_because(athlete: Athlete, day: dt.date, last_strength: dt.date | None) -> str | None:
    """Why strength may not go on `day` (in a coach's words), or None when it may."""
    race = athlete.race_on(day)
    if race is not None:
        return f"race day ({race.name})"
    if last_strength is not None and (day - last_strength).days == 1:
        return "the day after a strength day"
    tomorrow = day + dt.timedelta(days=1)
    next_race = athlete.race_on(tomorrow)
    if next_race is not None:
        return f"the day before {next_race.name}"
    if athlete.day_kind(tomorrow) in (DayKind.QUALITY, DayKind.LONG):
        return "the day before a quality run or long run"
    a_race = _a_race_within(athlete, day)
    if a_race is not None:
        return f"in the {QUIET_DAYS_BEFORE_A_RACE} days before {a_race.name}"
    return None


def _cyclic_gaps(days: list[int]) -> list[int]:
    if len(days) < 2:
        return [7]
    gaps = [b - a for a, b in pairwise(days)]
    gaps.append(days[0] + 7 - days[-1])
    return gaps


def _spread_cost(days: list[int]) -> float:
    """How far the gaps between sessions stray from an even spread over the week (about 48 h or more)."""
    ideal = 7 / max(len(days), 1)
    return sum((gap - ideal) ** 2 for gap in _cyclic_gaps(days))


def strength_why(athlete: Athlete, day: dt.date) -> str:
    """The reason for a strength session on `day`, as a coach would say it."""
    kind = athlete.day_kind(day)
    tomorrow = athlete.day_kind(day + dt.timedelta(days=1))
    tomorrow_text = "a rest day" if tomorrow is DayKind.REST else "an easy day"
    if kind is DayKind.QUALITY:
        return f"After the quality run, ideally 6 h later: hard days hard, and tomorrow is {tomorrow_text}"
    if kind is DayKind.LONG:
        return f"After the long run, once you have eaten: tomorrow is {tomorrow_text} to recover"
    if kind is DayKind.EASY:
        return "Easy day with nothing hard tomorrow: strength fits here, after the run"
    return "Rest day from running with nothing hard tomorrow: strength fits here"


def place_strength_days(
    athlete: Athlete, monday: dt.date, phase: Phase, *, week_index: int, last_strength: dt.date | None = None
) -> StrengthPlacement:
    """Choose the strength days of the week starting on `monday`.

    `last_strength` is the last strength day of the week before (so two days never run back to back
    across the weekend). Among the allowed days, picks the set that keeps sessions on non-consecutive
    days, prefers rest and easy days, spreads them evenly and keeps clear of the days before a race.
    When fewer days are allowed than the phase asks, places what fits and explains in a warning.
    """
    races = races_in_week(athlete, monday)
    wanted = strength_sessions_wanted(phase, races)
    if wanted == 0:
        return StrengthPlacement(days=(), wanted=0)
    days = week_days(monday)
    blocked = {d: strength_blocked_because(athlete, d, last_strength) for d in days}
    allowed = [i for i, d in enumerate(days) if blocked[d] is None]
    chosen = _best_days(athlete, days, allowed, wanted, races)
    placed = tuple(PlacedDay(days[i], strength_why(athlete, days[i])) for i in chosen)
    warning = None
    if len(placed) < wanted:
        warning = _shortfall_warning(week_index, wanted, len(placed), days, blocked, allowed, chosen)
    return StrengthPlacement(days=placed, wanted=wanted, warning=warning)


def _best_days(athlete: Athlete, days: list[dt.date], allowed: list[int], wanted: int, races: list[Race]) -> list[int]:
    for count in range(min(wanted, len(allowed)), 0, -1):
        best: tuple[float, list[int]] | None = None
        for combo in combinations(allowed, count):
            picked = list(combo)
            if any(b - a < 2 for a, b in pairwise(picked)):
                continue
            cost = sum(_KIND_COST[athlete.day_kind(days[i])] for i in picked)
            # Keep strength away from the last days before any race.
            cost += sum(2 for i in picked for r in races if 0 < (r.date - days[i]).days <= 3)
            cost += 0.5 * _spread_cost(picked)
            key = (cost, picked)
            if best is None or key < best:
                best = key
        if best is not None:
            return best[1]
    return []


def _shortfall_warning(
    week_index: int,
    wanted: int,
    placed: int,
    days: list[dt.date],
    blocked: dict[dt.date, str | None],
    allowed: list[int],
    chosen: list[int],
) -> str:
    by_reason: dict[str, list[str]] = {}
    for d in days:
        reason = blocked[d]
        if reason is not None:
            by_reason.setdefault(reason, []).append(short_day(d))
    parts = [f"{_and(names)} {'is' if len(names) == 1 else 'are'} {reason}" for reason, names in by_reason.items()]
    if len(allowed) > len(chosen):
        parts.append("two strength days never go back to back")
    reason_text = "; ".join(parts) if parts else "the running week leaves no room"
    s = "" if wanted == 1 else "s"
    if placed == 0:
        return f"Week {week_index}: no strength session fits (the phase asks for {wanted}) — {reason_text}"
    return f"Week {week_index}: only {placed} of {wanted} strength session{s} fit — {reason_text}"


def _and(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _pick_spread(
    athlete: Athlete,
    days: list[dt.date],
    candidates: list[int],
    count: int,
    avoid: set[int],
    fixed: list[int] | None = None,
) -> list[int]:
    """`count` of the candidate days, evenly spread (together with the `fixed` ones), touching the
    `avoid` days as little as possible."""
    count = min(count, len(candidates))
    fixed = fixed or []
    best: tuple[float, list[int]] | None = None
    for combo in combinations(candidates, count):
        picked = list(combo)
        cost = 3.0 * sum(1 for i in picked if i in avoid)
        cost += 0.5 * sum(1 for i in picked if athlete.day_kind(days[i]) is DayKind.LONG)
        cost += _spread_cost(sorted(picked + fixed))
        key = (cost, picked)
        if best is None or key < best:
            best = key
    return best[1] if best else []


# Heavy slow resistance is the tendon's heavy loading: 3 a week in training blocks (Kongsgaard 2009),
# at most 2 in-season (1 in a week holding a B or C race), 1 in the taper, none in race week or recovery.
HEAVY_SLOW_PER_WEEK: dict[Phase, int] = {
    Phase.OFF_SEASON: 3,
    Phase.PRE_SEASON: 3,
    Phase.IN_SEASON: 2,
    Phase.TAPER: 1,
    Phase.RACE_WEEK: 0,
    Phase.RECOVERY: 0,
}
HEAVY_SLOW_GAP_DAYS = 2  # at least 48 h between two heavy slow sessions, week boundaries included
HEAVY_SLOW_DAY_KINDS = frozenset({DayKind.REST, DayKind.EASY})


def heavy_slow_per_week(phase: Phase, races: list[Race]) -> int:
    """How many heavy slow resistance sessions the phase allows in a week."""
    wanted = HEAVY_SLOW_PER_WEEK[phase]
    if phase is Phase.IN_SEASON and any(r.priority in (Priority.B, Priority.C) for r in races):
        return 1
    return wanted


def heavy_slow_blocked_because(athlete: Athlete, day: dt.date, last_heavy: dt.date | None) -> str | None:
    """Why heavy slow squats may not go on `day`, or None. The strength rules apply, and more: only on a
    rest or easy day (a quality or long run is already the tendon's hard work that day) and at least
    48 h after the last heavy slow session."""
    if last_heavy is not None and (day - last_heavy).days < HEAVY_SLOW_GAP_DAYS:
        return "within 48 h of the last heavy slow session"
    blocked = strength_blocked_because(athlete, day, None)
    if blocked is not None:
        return blocked
    if athlete.day_kind(day) not in HEAVY_SLOW_DAY_KINDS:
        return "a quality or long run day"
    return None


def place_heavy_slow_days(
    athlete: Athlete,
    monday: dt.date,
    phase: Phase,
    count: int,
    *,
    last_heavy: dt.date | None = None,
    open_days: list[dt.date] | None = None,
) -> list[dt.date]:
    """Up to `count` days for heavy slow resistance squats (never more than the phase allows, see
    `heavy_slow_per_week`), each allowed by `heavy_slow_blocked_because`, at least 48 h apart, spread
    over the week. `open_days` limits them to the days of the corrective block."""
    count = min(count, heavy_slow_per_week(phase, races_in_week(athlete, monday)))
    if count <= 0:
        return []
    days = week_days(monday)
    allowed = [
        i
        for i, d in enumerate(days)
        if (open_days is None or d in open_days) and heavy_slow_blocked_because(athlete, d, last_heavy) is None
    ]
    return [days[i] for i in _best_days(athlete, days, allowed, count, [])]


def place_corrective_days(
    athlete: Athlete,
    monday: dt.date,
    count: int,
    strength_days: list[dt.date],
    required: list[dt.date] | None = None,
    *,
    open_days: list[dt.date] | None = None,
) -> list[PlacedDay]:
    """`count` days for the corrective routine: never a race day, one a day, spread out,
    sharing a day with strength as rarely as the week allows. `required` days (heavy slow squat
    days) are always among them; `open_days` (the days of the corrective block) limit the choice."""
    days = week_days(monday)
    must = sorted(days.index(d) for d in (required or []) if d in days)
    candidates = [
        i
        for i, d in enumerate(days)
        if athlete.race_on(d) is None and i not in must and (open_days is None or d in open_days)
    ]
    strength_idx = {days.index(d) for d in strength_days if d in days}
    extra = _pick_spread(athlete, days, candidates, max(count - len(must), 0), strength_idx, fixed=must)
    out = []
    for i in sorted(must + extra):
        d = days[i]
        kind = athlete.day_kind(d)
        if i in must:
            run = {
                DayKind.QUALITY: "After the quality run",
                DayKind.LONG: "After the long run",
                DayKind.EASY: "After the easy run",
            }.get(kind, "Rest day from running")
            why = f"{run}: the routine plus heavy slow squats, the week's heavy knee work, with nothing hard tomorrow"
        elif i in strength_idx:
            why = "Same day as strength: use it as the warm-up before the strength session"
        elif kind is DayKind.REST:
            why = "Rest day from running: a short routine keeps the hips switched on"
        elif kind is DayKind.EASY:
            why = "Before the easy run as activation, or any time later in the day"
        elif kind is DayKind.QUALITY:
            why = "Before the quality run as activation: short and light, nothing to failure"
        else:
            why = "After the long run or later in the day, kept short and easy"
        out.append(PlacedDay(d, why))
    return out


def place_mobility_days(athlete: Athlete, monday: dt.date, phase: Phase) -> list[PlacedDay]:
    """The mobility days of the week: after the long run (or on a rest day) in training weeks;
    two lighter sessions in race week and recovery week, when mobility is all there is."""
    days = week_days(monday)
    candidates = [i for i, d in enumerate(days) if athlete.race_on(d) is None]
    if not candidates:
        return []
    if phase is Phase.RACE_WEEK:
        picked = _pick_spread(athlete, days, candidates, 2, set())
        why = "Race week: mobility and light activation only, to arrive fresh"
        return [PlacedDay(days[i], why) for i in picked]
    if phase is Phase.RECOVERY:
        picked = _pick_spread(athlete, days, candidates, 2, set())
        why = "Recovery week: gentle mobility only while the legs come back from the race"
        return [PlacedDay(days[i], why) for i in picked]
    for kind, why in (
        (DayKind.LONG, "After the long run: stretch and roll while you cool down"),
        (DayKind.REST, "Rest day: stretching and foam rolling help the legs recover"),
        (DayKind.EASY, "After the easy run: stretching and foam rolling"),
    ):
        for i in reversed(candidates):  # later in the week first: the weekend usually has the time
            if athlete.day_kind(days[i]) is kind:
                return [PlacedDay(days[i], why)]
    return [PlacedDay(days[candidates[-1]], "After the run: stretching and foam rolling")]
