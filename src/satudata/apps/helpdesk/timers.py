"""Response timers in working days: when a target falls due, and whether it was met. Pure
computation (no Django): times come in aware, the working calendar is Monday to Friday in the
portal's time zone minus the public holidays given."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo


def _working(day: date, holidays: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def _after(day: date, days: int, holidays: frozenset[date]) -> date:
    """The `days`-th working day after `day` (`day` itself when `days` is 0)."""
    while days > 0:
        day += timedelta(days=1)
        if _working(day, holidays):
            days -= 1
    return day


def due_at(start: datetime, days: int, zone: tzinfo, holidays: frozenset[date]) -> datetime:
    """`days` working days after `start`: the same time of day on the `days`-th working day
    after it. A start outside the working calendar counts from the next working day's start
    (a question sent on Saturday is due by the end of Monday for one day)."""
    local = start.astimezone(zone)
    if _working(local.date(), holidays):
        return datetime.combine(_after(local.date(), days, holidays), local.timetz())
    first = local.date()
    while not _working(first, holidays):
        first += timedelta(days=1)
    end = _after(first, max(days, 1) - 1, holidays)
    return datetime.combine(end, time.max, tzinfo=zone).replace(microsecond=0)


@dataclass(frozen=True)
class Timer:
    """One target of one ticket: when it falls due, how long it took (None while running)
    and whether it is late (met after the due time, or still running past it)."""

    due: datetime
    taken: timedelta | None
    late: bool


def timer(
    start: datetime,
    end: datetime | None,
    now: datetime,
    days: int,
    zone: tzinfo,
    holidays: frozenset[date],
) -> Timer:
    due = due_at(start, days, zone, holidays)
    if end is None:
        return Timer(due=due, taken=None, late=now > due)
    return Timer(due=due, taken=end - start, late=end > due)


def average(durations: list[timedelta]) -> timedelta | None:
    if not durations:
        return None
    total = sum(durations, timedelta())
    return timedelta(seconds=round(total.total_seconds() / len(durations)))
