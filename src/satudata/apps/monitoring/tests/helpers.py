"""Workflow histories with chosen dates, for the dashboard and release-log tests."""

from datetime import UTC, datetime
from typing import Any

from satudata.apps.catalog.models import Transition


def step(dataset: Any, kind: str, at: datetime, to_state: str = "diajukan") -> Transition:
    found = Transition.objects.create(dataset=dataset, kind=kind, to_state=to_state)
    Transition.objects.filter(pk=found.pk).update(at=at)
    return found


def day(year: int, month: int, dom: int) -> datetime:
    return datetime(year, month, dom, 9, tzinfo=UTC)
