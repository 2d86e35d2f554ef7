"""Who sees and does what in the helpdesk and the public data requests.

Tickets: the staff (produsen, walidata pendukung) of the ticket's OPD and the walidata; nobody
else, not the pembina (404, like a missing ticket). The walidata answers, assigns, sets the
status and priority; the OPD's staff reply and reopen. Knowledge base: the walidata writes it,
everyone reads the published articles.

Data requests: public when they exist (never the requester's personal data); in the work view
the walidata sees all of them with the requester's name, email and institution, an OPD's staff
those forwarded to their OPD without them, and they answer them. The OPD gets no contact on
purpose: the walidata is the requester's one contact and the portal emails every answer to the
requester, so the OPD needs no address (and a request is answered in public, never privately).
A request links only a dataset that is terbuka and published, checked again whenever it is
shown."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from satudata.platform import access
from satudata.platform.access import ANONYMOUS, Viewer


def uses_helpdesk(viewer: Viewer) -> bool:
    """The work pages of the helpdesk and of the data requests: the walidata, an OPD's staff."""
    return viewer.is_walidata or viewer.is_producer


def ticket_q(viewer: Viewer) -> Q:
    if viewer.is_walidata:
        return Q()
    if viewer.is_producer:
        return Q(organisation_id=viewer.organisation_id)
    return Q(pk__in=[])


def tickets(viewer: Viewer, queryset: QuerySet | None = None) -> QuerySet:
    from satudata.apps.helpdesk.models import Ticket

    qs = Ticket.objects.all() if queryset is None else queryset
    return qs.filter(ticket_q(viewer))


def can_open_ticket(viewer: Viewer) -> bool:
    return viewer.is_producer and not viewer.is_walidata


def sees_ticket(viewer: Viewer, ticket: Any) -> bool:
    if viewer.is_walidata:
        return True
    return viewer.is_producer and viewer.organisation_id == ticket.organisation_id


def can_manage_ticket(viewer: Viewer, ticket: Any) -> bool:
    """Status, priority, assignment, turning an answer into an article: the walidata."""
    return viewer.is_walidata


def can_reply(viewer: Viewer, ticket: Any) -> bool:
    return sees_ticket(viewer, ticket) and ticket.is_open


def can_reopen(viewer: Viewer, ticket: Any) -> bool:
    return sees_ticket(viewer, ticket) and not ticket.is_open


def linkable_datasets(viewer: Viewer) -> QuerySet:
    """The datasets a ticket's opener may link: those they may see."""
    return access.datasets(viewer)


def ticket_dataset(viewer: Viewer, ticket: Any) -> Any:
    """The ticket's dataset if this viewer may see it, else None."""
    if ticket.dataset_id is None:
        return None
    return access.datasets(viewer).filter(pk=ticket.dataset_id).first()


def can_edit_articles(viewer: Viewer) -> bool:
    return viewer.is_walidata


def article_q(viewer: Viewer) -> Q:
    return Q() if viewer.is_walidata else Q(is_published=True)


def work_request_q(viewer: Viewer) -> Q:
    if viewer.is_walidata:
        return Q()
    if viewer.is_producer:
        return Q(organisation_id=viewer.organisation_id) & ~Q(status="diterima")
    return Q(pk__in=[])


def work_requests(viewer: Viewer, queryset: QuerySet | None = None) -> QuerySet:
    from satudata.apps.helpdesk.models import DataRequest

    qs = DataRequest.objects.all() if queryset is None else queryset
    return qs.filter(work_request_q(viewer))


def can_route_request(viewer: Viewer, request: Any) -> bool:
    return viewer.is_walidata and request.status in ("diterima", "diteruskan")


def can_answer_request(viewer: Viewer, request: Any) -> bool:
    """Until it is fulfilled or declined: the walidata (even before forwarding it), the staff
    of the OPD it was forwarded to."""
    if viewer.is_walidata:
        return request.status in ("diterima", "diteruskan", "diproses")
    return (
        viewer.is_producer
        and viewer.organisation_id == request.organisation_id
        and request.status in ("diteruskan", "diproses")
    )


def public_datasets() -> QuerySet:
    """What a data request may link: terbuka and published, as the anonymous visitor sees it."""
    return access.public_datasets(ANONYMOUS).filter(access_level="terbuka")


def request_dataset(request: Any) -> Any:
    """The request's dataset when it may be shown to everyone, else None."""
    if request.dataset_id is None:
        return None
    return public_datasets().filter(pk=request.dataset_id).first()


def request_datasets(requests: Iterable[Any]) -> dict[int, Any]:
    """`request_dataset` for a page of requests in one query: dataset id → dataset, for the
    datasets that may be shown to everyone."""
    wanted = {r.dataset_id for r in requests if r.dataset_id is not None}
    if not wanted:
        return {}
    return {d.pk: d for d in public_datasets().filter(pk__in=wanted)}
