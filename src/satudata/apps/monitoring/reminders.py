"""Next-due dates of dynamic data and the reminders about them: a digest per OPD before the date
and after it (in the app and by email), and an escalation to the walidata when data stays overdue.
Each reminder goes out once per dataset, kind and due date."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse

from satudata.apps.accounts.models import Role
from satudata.apps.accounts.notify import notify, people_with_role
from satudata.apps.catalog.models import Dataset
from satudata.apps.catalog.models.choices import FREKUENSI_DAYS
from satudata.apps.monitoring.models import PlannedElement, Reminder

BEFORE_DAYS = 7
ESCALATE_AFTER_DAYS = 14


@dataclass(frozen=True)
class Due:
    dataset: Dataset
    due: date

    def kind(self, today: date) -> str | None:
        if self.due > today + timedelta(days=BEFORE_DAYS):
            return None
        if self.due >= today:
            return Reminder.Kind.DUE_SOON
        if (today - self.due).days > ESCALATE_AFTER_DAYS:
            return Reminder.Kind.ESCALATED
        return Reminder.Kind.OVERDUE


def next_due(dataset: Dataset, planned: date | None = None) -> date | None:
    """The day the next release is due: the last publication plus the frequency's days, or the
    Daftar Data's release date while nothing was published; None for static data."""
    days = FREKUENSI_DAYS.get(dataset.frekuensi)
    if days is None:
        return None
    if dataset.data_updated_at is None:
        return planned
    return dataset.data_updated_at.date() + timedelta(days=days)


def due_items(today: date, organisation_id: int | None = None) -> list[Due]:
    elements = PlannedElement.objects.filter(
        dataset__isnull=False, dataset__data_updated_at__isnull=True
    )
    datasets = Dataset.objects.filter(frekuensi__in=list(FREKUENSI_DAYS)).select_related(
        "organisation"
    )
    if organisation_id is not None:
        datasets = datasets.filter(organisation_id=organisation_id)
        elements = elements.filter(daftar__organisation_id=organisation_id)
    planned: dict[int, date] = {}
    for dataset_id, due in elements.values_list("dataset_id", "due_date"):
        planned[dataset_id] = min(due, planned.get(dataset_id, due))
    items = []
    for dataset in datasets:
        due = next_due(dataset, planned.get(dataset.pk))
        if due is not None:
            items.append(Due(dataset, due))
    return sorted(items, key=lambda item: item.due)


def _claim(item: Due, kind: str) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(dataset=item.dataset, kind=kind, due_date=item.due)
    except IntegrityError:
        return False
    return True


def do_send_reminders(today: date) -> dict[str, int]:
    """Sends what is due today; returns how many datasets each kind of reminder covered."""
    per_org: dict[tuple[int, str], list[Due]] = defaultdict(list)
    escalated: list[Due] = []
    for item in due_items(today):
        kind = item.kind(today)
        if kind is None or not _claim(item, kind):
            continue
        if kind == Reminder.Kind.ESCALATED:
            escalated.append(item)
        else:
            per_org[(item.dataset.organisation_id, kind)].append(item)
    counts = {kind: 0 for kind in Reminder.Kind.values}
    for (organisation_id, kind), items in per_org.items():
        organisation = items[0].dataset.organisation
        url = reverse("monitoring:organisation", args=[organisation.slug])
        recipients = [
            *people_with_role(Role.PRODUSEN, organisation_id),
            *people_with_role(Role.WALIDATA_PENDUKUNG, organisation_id),
        ]
        notify(
            recipients,
            f"data_{kind}",
            {
                "count": len(items),
                "organisation": organisation.name,
                "datasets": "; ".join(i.dataset.title for i in items[:10]),
            },
            url,
        )
        counts[kind] += len(items)
    if escalated:
        notify(
            people_with_role(Role.WALIDATA),
            "data_escalated",
            {
                "count": len(escalated),
                "datasets": "; ".join(
                    f"{i.dataset.title} ({i.dataset.organisation.name})" for i in escalated[:10]
                ),
            },
            reverse("monitoring:dashboard"),
        )
        counts[Reminder.Kind.ESCALATED] = len(escalated)
    return counts
