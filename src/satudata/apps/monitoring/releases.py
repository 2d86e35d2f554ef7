"""The release log behind the dashboard: one row per publication, written when a version is
published (and rebuilt from the workflow's transitions for data that predates the log)."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction

from satudata.apps.catalog.models import Dataset, Transition
from satudata.apps.catalog.models.choices import FREKUENSI_DAYS
from satudata.apps.monitoring.models import PlannedElement, Release

KINDS = (Transition.Kind.SUBMIT, Transition.Kind.RETURN, Transition.Kind.PUBLISH)
GRACE_DAYS = 7


def _due(frekuensi: str, previous: datetime | None, planned: date | None) -> date | None:
    days = FREKUENSI_DAYS.get(frekuensi)
    if days is None:
        return None
    if previous is None:
        return planned
    return previous.date() + timedelta(days=days + GRACE_DAYS)


def releases_of(
    dataset: Dataset, steps: Iterable[tuple[int, str, datetime]], planned: date | None
) -> list[Release]:
    """The release rows of one dataset from its workflow steps (pk, kind, at) in time order."""
    rows = []
    previous: datetime | None = None
    returned: list[datetime] = []
    fixes: list[float] = []
    returns = 0
    for pk, kind, at in steps:
        if kind == Transition.Kind.RETURN:
            returns += 1
            returned.append(at)
        elif kind == Transition.Kind.SUBMIT and returned:
            fixes.extend((at - moment).total_seconds() / 86400 for moment in returned)
            returned = []
        elif kind == Transition.Kind.PUBLISH:
            due = _due(dataset.frekuensi, previous, planned)
            rows.append(
                Release(
                    dataset=dataset,
                    organisation_id=dataset.organisation_id,
                    transition_id=pk,
                    published_at=at,
                    month=at.date().replace(day=1),
                    due_date=due,
                    on_time=None if due is None else at.date() <= due,
                    returns=returns,
                    fixes=len(fixes),
                    fix_days=sum(fixes),
                )
            )
            previous, returned, fixes, returns = at, [], [], 0
    return rows


def _planned(dataset_ids: list[int]) -> dict[int, date]:
    first: dict[int, date] = {}
    for dataset_id, due in PlannedElement.objects.filter(dataset_id__in=dataset_ids).values_list(
        "dataset_id", "due_date"
    ):
        first[dataset_id] = min(due, first.get(dataset_id, due))
    return first


def do_rebuild_releases(datasets: Iterable[Dataset]) -> int:
    """Rewrites the release rows of the given datasets from their transitions."""
    chunk = list(datasets)
    ids = [d.pk for d in chunk]
    steps: dict[int, list[tuple[int, str, datetime]]] = {pk: [] for pk in ids}
    for pk, dataset_id, kind, at in (
        Transition.objects.filter(dataset_id__in=ids, kind__in=KINDS)
        .order_by("at", "pk")
        .values_list("pk", "dataset_id", "kind", "at")
    ):
        steps[dataset_id].append((pk, kind, at))
    planned = _planned(ids)
    rows = [r for d in chunk for r in releases_of(d, steps[d.pk], planned.get(d.pk))]
    with transaction.atomic():
        Release.objects.filter(dataset_id__in=ids).delete()
        Release.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def record_on_publish(sender: Any, *, dataset: Dataset, kind: str = "", **kwargs: Any) -> None:
    if kind == Transition.Kind.PUBLISH:
        do_rebuild_releases([dataset])
