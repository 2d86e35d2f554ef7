"""API: the public data requests (never the requester's personal data) and the FAQ, and the
helpdesk tickets for the signed-in people who may see them (the OPD's staff, the walidata)."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router

from satudata.apps.helpdesk import queries
from satudata.apps.helpdesk.models import Category, DataRequest, ServiceTarget, Ticket
from satudata.apps.helpdesk.schemas import (
    DataRequestOut,
    DataRequestPage,
    FaqPage,
    TicketDetail,
    TicketPage,
)
from satudata.apps.helpdesk.timers import Timer
from satudata.platform import access_helpdesk as gate
from satudata.platform.api import (
    NO_CONTROL,
    SIGNED_IN,
    Id,
    Limit,
    Offset,
    api_viewer,
    errors,
    paged,
)

router = Router(tags=["helpdesk"])

Search = Annotated[str, Query(max_length=100, pattern=NO_CONTROL, description="Words to find.")]
Choice = Annotated[str, Query(max_length=20, pattern=r"^[a-z_]*$")]


def request_dict(item: DataRequest, dataset: Any = None) -> dict[str, Any]:
    """The public fields of a request; `dataset` is the one `gate.request_datasets` allows."""
    return {
        "id": item.pk,
        "title": item.title,
        "description": item.description,
        "purpose": item.purpose,
        "wilayah": item.wilayah,
        "period": item.period,
        "requester": item.initials,
        "status": item.status,
        "status_label": str(item.get_status_display()),
        "organisation": item.organisation.slug if item.organisation else None,
        "answer": item.answer,
        "dataset": dataset.slug if dataset else None,
        "dataset_url": dataset.get_absolute_url() if dataset else None,
        "created_at": item.created_at,
        "answered_at": item.answered_at,
        "url": item.get_absolute_url(),
    }


@router.get("/data-requests", response={200: DataRequestPage, **errors(422)})
def list_data_requests(
    request: HttpRequest,
    status: Choice = "",
    q: Search = "",
    offset: Offset = 0,
    limit: Limit = 20,
) -> dict[str, Any]:
    """The public data requests, newest first: what was asked, its status and the answer."""
    page = paged(request, queries.public_requests(status, q), offset, limit, lambda item: item)
    shown = gate.request_datasets(page["results"])
    page["results"] = [request_dict(item, shown.get(item.dataset_id)) for item in page["results"]]
    return page


@router.get("/data-requests/{request_id}", response={200: DataRequestOut, **errors(404, 422)})
def get_data_request(request: HttpRequest, request_id: Id) -> dict[str, Any]:
    """One public data request."""
    item = queries.public_request_or_404(request_id)
    return request_dict(item, gate.request_dataset(item))


@router.get("/faq", response={200: FaqPage, **errors(422)})
def list_faq(
    request: HttpRequest,
    q: Search = "",
    category: Choice = "",
    offset: Offset = 0,
    limit: Limit = 20,
) -> dict[str, Any]:
    """The published knowledge base articles (answers in Markdown), by category."""
    rows = [article for _value, _label, items in queries.faq(q, category) for article in items]
    labels = dict(Category.choices)
    return paged(
        request,
        rows,
        offset,
        limit,
        lambda a: {
            "slug": a.slug,
            "question": a.question,
            "answer": a.answer,
            "category": a.category,
            "category_label": str(labels[a.category]),
            "updated_at": a.updated_at,
            "url": a.get_absolute_url(),
        },
    )


def _timer(found: Timer) -> dict[str, Any]:
    seconds = int(found.taken.total_seconds()) if found.taken is not None else None
    return {"due": found.due, "seconds": seconds, "late": found.late}


def _ticket_dict(row: queries.TicketRow) -> dict[str, Any]:
    ticket: Ticket = row.ticket
    return {
        "id": ticket.pk,
        "subject": ticket.subject,
        "category": ticket.category,
        "status": ticket.status,
        "priority": ticket.priority,
        "organisation": ticket.organisation.slug,
        "assigned_to": ticket.assigned_to.get_username() if ticket.assigned_to else None,
        "dataset": None,
        "opened_at": ticket.opened_at,
        "first_response_at": ticket.first_response_at,
        "resolved_at": ticket.resolved_at,
        "first_response": _timer(row.first_response),
        "resolution": _timer(row.resolution),
        "url": ticket.get_absolute_url(),
    }


@router.get("/tickets", auth=SIGNED_IN, response={200: TicketPage, **errors(422)})
def list_tickets(
    request: HttpRequest,
    status: Choice = "",
    category: Choice = "",
    late: bool = False,
    q: Search = "",
    offset: Offset = 0,
    limit: Limit = 20,
) -> dict[str, Any]:
    """The helpdesk tickets you may see (your OPD's; every ticket for the walidata), with the
    timers against the service targets. Others get an empty list."""
    viewer = api_viewer(request)
    filters = queries.TicketFilters(status=status, category=category, late=late, q=q)
    rows = queries.ticket_rows(viewer, filters)
    return paged(request, rows, offset, limit, _ticket_dict)


@router.get(
    "/tickets/{ticket_id}", auth=SIGNED_IN, response={200: TicketDetail, **errors(404, 422)}
)
def get_ticket(request: HttpRequest, ticket_id: Id) -> dict[str, Any]:
    """One ticket with its thread (replies and changes) and the names of its files."""
    viewer = api_viewer(request)
    ticket = queries.ticket_or_404(viewer, ticket_id)
    dataset = gate.ticket_dataset(viewer, ticket)
    found = _ticket_dict(queries.ticket_row(ticket, ServiceTarget.current()))
    found["dataset"] = dataset.slug if dataset else None
    found["description"] = ticket.description
    found["messages"] = [
        {
            "id": m.pk,
            "kind": m.kind,
            "author": m.author.get_username() if m.author else None,
            "from_walidata": m.from_walidata,
            "body": m.body,
            "detail": m.detail,
            "created_at": m.created_at,
            "attachments": [a.file_name for a in m.attachments.all()],
        }
        for m in queries.thread(ticket)
    ]
    return found
