"""The demo's history as dated steps: each dataset is created, then every year's data is
uploaded early the next year, submitted, checked and published (or stopped where the dataset's
`end` says). Steps of all datasets run in date order, so the audit log reads as a history."""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from satudata.apps.demo.specs import ROLLBACK, Spec

JAKARTA = ZoneInfo("Asia/Jakarta")
STOPS_AFTER_UPLOAD = {"draft"}
STOPS_AFTER_SUBMIT = {"diajukan", "dikembalikan"}
PUBLISHED = {"diterbitkan", ROLLBACK}


class Kind(StrEnum):
    CREATE = "create"
    UPLOAD = "upload"
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"
    PEMBINA = "pembina"
    ROLLBACK = "rollback"


@dataclass(frozen=True, order=True)
class Step:
    at: datetime
    order: int
    spec: int = field(compare=False)
    kind: Kind = field(compare=False)
    year: int = field(compare=False, default=0)
    corrected: bool = field(compare=False, default=False)


class _Builder:
    """Dated steps of one dataset; each step comes at least an hour after the one before."""

    def __init__(self, index: int, spec: Spec, counter: list[int]) -> None:
        self.index, self.spec, self.counter = index, spec, counter
        self.rng = random.Random(spec.title)
        self.cursor = datetime(2000, 1, 1, tzinfo=JAKARTA)
        self.steps: list[Step] = []

    def at(self, day: date, within_days: int = 0) -> datetime:
        day += timedelta(days=self.rng.randint(0, within_days))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        minutes = self.rng.randint(0, 7 * 60)
        return datetime.combine(day, time(8), tzinfo=JAKARTA) + timedelta(minutes=minutes)

    def add(self, kind: Kind, moment: datetime, year: int = 0, corrected: bool = False) -> None:
        moment = max(moment, self.cursor + timedelta(hours=1))
        self.cursor = moment
        self.counter[0] += 1
        self.steps.append(Step(moment, self.counter[0], self.index, kind, year, corrected))

    def later(self, kind: Kind, days: int, year: int = 0, corrected: bool = False) -> None:
        self.add(kind, self.at(self.cursor.date() + timedelta(days=days), 2), year, corrected)

    def version(self, year: int, goal: str, final: bool) -> None:
        self.add(Kind.UPLOAD, self.at(date(year + 1, 2, 1), 50), year)
        if goal in STOPS_AFTER_UPLOAD:
            return
        self.later(Kind.SUBMIT, 2, year)
        if final and self.spec.returned_once and goal in PUBLISHED:
            self.later(Kind.RETURN, 3)
            self.later(Kind.UPLOAD, 3, year, corrected=True)
            self.later(Kind.SUBMIT, 1, year)
        if goal == "dikembalikan":
            self.later(Kind.RETURN, 4)
        if goal in STOPS_AFTER_SUBMIT:
            return
        self.later(Kind.APPROVE, 4)
        if goal == "menunggu_pembina":
            return
        if self.spec.prioritas:
            self.later(Kind.PEMBINA, 5)
        if final and goal == ROLLBACK:
            self.later(Kind.ROLLBACK, 14)

    def build(self) -> list[Step]:
        years = self.spec.years
        self.add(Kind.CREATE, self.at(date(years[0] + 1, 1, 5), 20))
        for k, year in enumerate(years):
            final = k == len(years) - 1
            self.version(year, self.spec.end if final else "diterbitkan", final)
        return self.steps


def plan(specs: Sequence[Spec], now: datetime) -> list[Step]:
    """Every step of every dataset in date order, shifted back if the last would be in the
    future of `now`."""
    counter = [0]
    steps = sorted(s for i, spec in enumerate(specs) for s in _Builder(i, spec, counter).build())
    if not steps:
        return steps
    latest = now - timedelta(days=1)
    shift = max(timedelta(0), steps[-1].at - latest)
    return [Step(s.at - shift, s.order, s.spec, s.kind, s.year, s.corrected) for s in steps]
