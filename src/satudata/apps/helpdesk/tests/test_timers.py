"""The working-day timers, without a database."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from satudata.apps.helpdesk.timers import average, due_at, timer

WIB = ZoneInfo("Asia/Jakarta")
NONE: frozenset[date] = frozenset()


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=WIB)  # 7 Dec 2026 is a Monday


def test_one_working_day_is_the_same_time_next_working_day():
    assert due_at(at(7), 1, WIB, NONE) == at(8)
    assert due_at(at(11, 16), 1, WIB, NONE) == at(14, 16)  # Friday → Monday


def test_weekend_start_counts_from_monday_and_holidays_are_skipped():
    saturday = at(12, 9)
    assert due_at(saturday, 1, WIB, NONE) == datetime(2026, 12, 14, 23, 59, 59, tzinfo=WIB)
    holidays = frozenset({date(2026, 12, 8)})
    assert due_at(at(7), 1, WIB, holidays) == at(9)
    assert due_at(at(7), 3, WIB, holidays) == at(11)


def test_timer_is_late_when_met_after_due_or_still_running_past_it():
    start = at(7)
    on_time = timer(start, at(7, 15), at(20), 1, WIB, NONE)
    assert on_time.taken == timedelta(hours=5) and not on_time.late
    too_late = timer(start, at(9), at(20), 1, WIB, NONE)
    assert too_late.late and too_late.taken == timedelta(days=2)
    running = timer(start, None, at(8, 11), 1, WIB, NONE)
    assert running.late and running.taken is None
    assert not timer(start, None, at(8, 9), 1, WIB, NONE).late


def test_average():
    assert average([]) is None
    assert average([timedelta(hours=1), timedelta(hours=3)]) == timedelta(hours=2)
