"""Running-load warnings: too much, too soon (Nielsen 2014; Garmin-RUNSAFE 2025)."""

from __future__ import annotations

from planner.domain.athlete import Mileage

WEEKLY_RISE_LIMIT = 1.10  # weekly distance more than 10 % over the week before
LONG_RUN_LIMIT = 1.10  # a long run more than 110 % of the longest in the 30 days before
WEEKS_IN_30_DAYS = 4


def km(value: float) -> str:
    """A distance as a coach writes it: `44 km`, `12.5 km`."""
    return f"{value:.0f} km" if float(value).is_integer() else f"{value:.1f} km"


def weekly_distance_warnings(weekly_km: tuple[float, ...], weeks: int) -> list[str]:
    """`Week N: weekly distance 49 km is 11 % above last week's 44 km` for every rise over 10 %."""
    out = []
    for i in range(1, min(len(weekly_km), weeks)):
        before, now = weekly_km[i - 1], weekly_km[i]
        if before > 0 and now > WEEKLY_RISE_LIMIT * before:
            rise = round((now / before - 1) * 100)
            out.append(f"Week {i + 1}: weekly distance {km(now)} is {rise} % above last week's {km(before)}")
    return out


def long_run_warnings(long_run_km: tuple[float, ...], history_long_run_km: tuple[float, ...], weeks: int) -> list[str]:
    """`Week N: long run 24 km is more than 110 % of the longest run in the last 30 days (18 km)`.

    The 30 days before a week are the 4 weeks before it; before the plan starts they come from
    `history_long_run_km` (the last of which is the week just before the start).
    """
    timeline = list(history_long_run_km[-WEEKS_IN_30_DAYS:]) + list(long_run_km)
    offset = len(timeline) - len(long_run_km)
    out = []
    for i in range(min(len(long_run_km), weeks)):
        at = offset + i
        window = timeline[max(0, at - WEEKS_IN_30_DAYS) : at]
        if not window:
            continue
        longest = max(window)
        run = long_run_km[i]
        if longest > 0 and run > LONG_RUN_LIMIT * longest:
            out.append(
                f"Week {i + 1}: long run {km(run)} is more than 110 % of the longest run in the last "
                f"30 days ({km(longest)})"
            )
    return out


def running_load_warnings(mileage: Mileage | None, weeks: int) -> list[str]:
    """Every running-load warning of the plan's first `weeks` weeks, weekly distance first."""
    if mileage is None:
        return []
    return weekly_distance_warnings(mileage.weekly_km, weeks) + long_run_warnings(
        mileage.long_run_km, mileage.history_long_run_km, weeks
    )
