"""Reads of the helpdesk and the data requests, always through the access gate: tickets with
their timers against the service targets, the averages of a list, the thread of a ticket, the
knowledge base as the FAQ, and the requests (public and in the work view)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from satudata.apps.helpdesk import timers
from satudata.apps.helpdesk.models import (
    Article,
    Category,
    DataRequest,
    ServiceTarget,
    Ticket,
    TicketAttachment,
    TicketMessage,
)
from satudata.platform import access_helpdesk as gate
from satudata.platform.access import Viewer

MAX_LISTED = 1000


@dataclass(frozen=True)
class TicketFilters:
    status: str = ""
    category: str = ""
    organisation: str = ""
    priority: str = ""
    late: bool = False
    q: str = ""


def visible_tickets(viewer: Viewer) -> QuerySet[Ticket]:
    return gate.tickets(viewer).select_related("organisation", "opened_by", "assigned_to")


def ticket_or_404(viewer: Viewer, pk: int) -> Ticket:
    found = visible_tickets(viewer).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class TicketRow:
    ticket: Ticket
    first_response: timers.Timer
    resolution: timers.Timer

    @property
    def late(self) -> bool:
        return self.first_response.late or self.resolution.late


def ticket_row(
    ticket: Ticket,
    target: ServiceTarget,
    now: datetime | None = None,
    holidays: frozenset[date] | None = None,
) -> TicketRow:
    """The ticket with its two timers; a list passes `holidays` parsed once for all rows."""
    now = now or timezone.now()
    zone = timezone.get_default_timezone()
    holidays = target.holiday_dates() if holidays is None else holidays
    return TicketRow(
        ticket=ticket,
        first_response=timers.timer(
            ticket.opened_at,
            ticket.first_response_at,
            now,
            target.first_response_days,
            zone,
            holidays,
        ),
        resolution=timers.timer(
            ticket.opened_at, ticket.resolved_at, now, target.resolution_days, zone, holidays
        ),
    )


def ticket_rows(viewer: Viewer, filters: TicketFilters) -> list[TicketRow]:
    qs = visible_tickets(viewer)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.priority:
        qs = qs.filter(priority=filters.priority)
    if filters.organisation:
        qs = qs.filter(organisation__slug=filters.organisation)
    if filters.q:
        qs = qs.filter(Q(subject__icontains=filters.q) | Q(description__icontains=filters.q))
    target = ServiceTarget.current()
    now = timezone.now()
    holidays = target.holiday_dates()
    rows = [ticket_row(t, target, now, holidays) for t in qs[:MAX_LISTED]]
    if filters.late:
        rows = [r for r in rows if r.late]
    return rows


@dataclass(frozen=True)
class Summary:
    count: int
    open: int
    late_first_response: int
    late_resolution: int
    average_first_response: timedelta | None
    average_resolution: timedelta | None


def summary(rows: list[TicketRow]) -> Summary:
    return Summary(
        count=len(rows),
        open=sum(1 for r in rows if r.ticket.is_open),
        late_first_response=sum(1 for r in rows if r.first_response.late),
        late_resolution=sum(1 for r in rows if r.resolution.late),
        average_first_response=timers.average(
            [r.first_response.taken for r in rows if r.first_response.taken is not None]
        ),
        average_resolution=timers.average(
            [r.resolution.taken for r in rows if r.resolution.taken is not None]
        ),
    )


def thread(ticket: Ticket) -> QuerySet[TicketMessage]:
    return ticket.messages.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=TicketAttachment.objects.order_by("pk"))
    )


def attachment_or_404(viewer: Viewer, pk: int) -> TicketAttachment:
    found = (
        TicketAttachment.objects.filter(pk=pk, ticket__in=gate.tickets(viewer))
        .select_related("ticket")
        .first()
    )
    if found is None:
        raise Http404
    return found


def articles(viewer: Viewer) -> QuerySet[Article]:
    return Article.objects.filter(gate.article_q(viewer))


def article_or_404(viewer: Viewer, **lookup: Any) -> Article:
    found = articles(viewer).filter(**lookup).first()
    if found is None:
        raise Http404
    return found


def related_articles(category: str, limit: int = 8) -> list[Article]:
    if category not in Category.values:
        return []
    return list(Article.objects.filter(is_published=True, category=category)[:limit])


def faq(q: str = "", category: str = "") -> list[tuple[str, str, list[Article]]]:
    """Published articles matching every word of `q`, grouped by category in the list's order:
    (category, its label, articles)."""
    qs = Article.objects.filter(is_published=True)
    for word in q.split()[:10]:
        qs = qs.filter(Q(question__icontains=word) | Q(answer__icontains=word))
    if category in Category.values:
        qs = qs.filter(category=category)
    found: dict[str, list[Article]] = {}
    for article in qs:
        found.setdefault(article.category, []).append(article)
    return [(value, label, found[value]) for value, label in Category.choices if value in found]


def public_requests(status: str = "", q: str = "") -> QuerySet[DataRequest]:
    qs = DataRequest.objects.select_related("organisation")
    if status in DataRequest.Status.values:
        qs = qs.filter(status=status)
    for word in q.split()[:10]:
        qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return qs


def public_request_or_404(pk: int) -> DataRequest:
    found = DataRequest.objects.select_related("organisation").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def work_requests(viewer: Viewer, status: str = "") -> QuerySet[DataRequest]:
    qs = gate.work_requests(viewer).select_related("organisation")
    if status in DataRequest.Status.values:
        qs = qs.filter(status=status)
    return qs


def work_request_or_404(viewer: Viewer, pk: int) -> DataRequest:
    found = work_requests(viewer).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
