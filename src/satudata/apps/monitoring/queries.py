"""Reads of the monitoring pages: every OPD's progress, and the audit log."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import State, Transition
from satudata.apps.catalog.models.choices import FREKUENSI_DAYS
from satudata.platform import access
from satudata.platform.models import AuditEntry

SORT_KEYS = ("name", "total", "published_share", "late", "last_activity")


def late_q(today: date) -> Q:
    """Datasets whose next update (last publication + the frequency's days) is before today."""
    condition = Q(pk__in=[])
    for frekuensi, days in FREKUENSI_DAYS.items():
        limit = datetime.combine(today - timedelta(days=days), time.min, tzinfo=UTC)
        condition |= Q(frekuensi=frekuensi, data_updated_at__lt=limit)
    return condition


@dataclass
class OrganisationProgress:
    organisation: Organisation
    total: int = 0
    by_state: dict[str, int] = field(default_factory=dict)
    published: int = 0
    late: int = 0
    last_activity: datetime | None = None

    @property
    def published_share(self) -> int:
        return round(100 * self.published / self.total) if self.total else 0


def progress(viewer: access.Viewer, today: date, sort: str = "name") -> list[OrganisationProgress]:
    """One row per producing organisation, counting the datasets the viewer may see."""
    visible = access.datasets(viewer)
    counts: dict[int, dict[str, Any]] = {}
    for row in visible.values("organisation_id").annotate(
        total=Count("pk"),
        published=Count("pk", filter=Q(published_version__isnull=False)),
        late=Count("pk", filter=late_q(today)),
        **{state: Count("pk", filter=Q(state=state)) for state in State.values},
    ):
        counts[row["organisation_id"]] = row
    last = dict(
        Transition.objects.filter(dataset__in=visible)
        .values_list("dataset__organisation_id")
        .annotate(last=Max("at"))
    )
    rows = []
    for organisation in Organisation.objects.filter(kind__in=Organisation.PRODUCER_KINDS):
        row = counts.get(organisation.pk, {})
        rows.append(
            OrganisationProgress(
                organisation=organisation,
                total=row.get("total", 0),
                by_state={state: row.get(state, 0) for state in State.values},
                published=row.get("published", 0),
                late=row.get("late", 0),
                last_activity=last.get(organisation.pk),
            )
        )
    return sort_rows(rows, sort)


def sort_rows(rows: list[OrganisationProgress], sort: str) -> list[OrganisationProgress]:
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORT_KEYS or key == "name":
        return sorted(rows, key=lambda r: r.organisation.name.lower(), reverse=descending)
    if key == "last_activity":
        oldest = datetime.min.replace(tzinfo=UTC)
        return sorted(rows, key=lambda r: r.last_activity or oldest, reverse=descending)
    return sorted(rows, key=lambda r: getattr(r, key), reverse=descending)


def audit_entries(
    *,
    action: str = "",
    actor: str = "",
    organisation: Organisation | None = None,
    object_type: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet:
    entries = AuditEntry.objects.all()
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    if organisation is not None:
        entries = entries.filter(organisation_id=organisation.pk)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries.order_by("-seq")


def audit_choices(column: str) -> list[str]:
    return list(
        AuditEntry.objects.exclude(**{column: ""})
        .order_by(column)
        .values_list(column, flat=True)
        .distinct()
    )
