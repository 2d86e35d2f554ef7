"""Work pages of the helpdesk under /kerja/bantuan/: the tickets (filters, timers, averages),
opening one (with the articles of its category), a ticket's thread with the reply form, the
walidata's status, priority and assignment form, reopening, and the attachments."""

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from satudata.apps.accounts.models import Organisation
from satudata.apps.accounts.notify import people_with_role
from satudata.apps.catalog.errors import ActionError
from satudata.apps.catalog.views.common import temp_file_uploads
from satudata.apps.helpdesk import actions, queries
from satudata.apps.helpdesk.files import Incoming
from satudata.apps.helpdesk.forms import ManageForm, ReopenForm, ReplyForm, TicketForm
from satudata.apps.helpdesk.models import Category, Priority, ServiceTarget, Status
from satudata.apps.portal.views.common import client_ip, form_data, paginate
from satudata.platform import access, storage
from satudata.platform import access_helpdesk as gate


def _helpdesk_viewer(request: HttpRequest) -> access.Viewer:
    viewer = access.viewer_of(request)
    if not gate.uses_helpdesk(viewer):
        raise PermissionDenied
    return viewer


def incoming(request: HttpRequest) -> list[Incoming]:
    return [
        Incoming(Path(f.temporary_file_path()), f.name)
        for f in request.FILES.getlist("attachments")
    ]


@require_GET
@login_required
def ticket_list(request: HttpRequest) -> HttpResponse:
    viewer = _helpdesk_viewer(request)
    filters = queries.TicketFilters(
        status=request.GET.get("status", ""),
        category=request.GET.get("kategori", ""),
        organisation=request.GET.get("opd", "") if viewer.is_walidata else "",
        priority=request.GET.get("prioritas", ""),
        late=request.GET.get("terlambat") == "1",
        q=request.GET.get("q", "").strip()[:100],
    )
    rows = queries.ticket_rows(viewer, filters)
    context = {
        "page": paginate(request, rows, 50),
        "summary": queries.summary(rows),
        "filters": filters,
        "target": ServiceTarget.current(),
        "statuses": Status.choices,
        "categories": Category.choices,
        "priorities": Priority.choices,
        "organisations": (
            Organisation.objects.filter(kind__in=Organisation.PRODUCER_KINDS)
            if viewer.is_walidata
            else []
        ),
        "can_open": gate.can_open_ticket(viewer),
        "is_walidata": viewer.is_walidata,
    }
    return render(request, "helpdesk/ticket_list.html", context)


def _dataset_choices(viewer: access.Viewer) -> list[tuple[str, str]]:
    return [
        (d.slug, d.title)
        for d in gate.linkable_datasets(viewer).order_by("title").only("slug", "title")[:500]
    ]


@temp_file_uploads
@login_required
def ticket_create(request: HttpRequest) -> HttpResponse:
    viewer = access.viewer_of(request)
    if not gate.can_open_ticket(viewer):
        raise PermissionDenied
    initial = {"category": request.GET.get("kategori", "")}
    form = TicketForm(**form_data(request), initial=initial, datasets=_dataset_choices(viewer))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = actions.check_open_ticket(
                user=request.user,
                category=data["category"],
                subject=data["subject"],
                description=data["description"],
                dataset_slug=data["dataset"],
                attachments=incoming(request),
                ip=client_ip(request),
            )
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Ticket #%(number)s sent to the walidata.") % {"number": ticket.pk}
            )
            return redirect(ticket)
    category = form["category"].value() or ""
    context = {"form": form, "related": queries.related_articles(category), "category": category}
    return render(request, "helpdesk/ticket_form.html", context)


@require_GET
@login_required
def related_articles(request: HttpRequest) -> HttpResponse:
    """The published articles of a category, beside the ticket form (HTMX)."""
    _helpdesk_viewer(request)
    category = request.GET.get("category", "")
    return render(
        request,
        "helpdesk/_related.html",
        {"related": queries.related_articles(category), "category": category},
    )


def _walidata_people() -> list[tuple[int, str]]:
    return [(u.pk, u.full_name or u.get_username()) for u in people_with_role("walidata")]


def _ticket_context(request: HttpRequest, ticket: Any, **forms: Any) -> dict[str, Any]:
    viewer = access.viewer_of(request)
    walidata = viewer.is_walidata
    manage = None
    if gate.can_manage_ticket(viewer, ticket):
        manage = forms.get("manage") or ManageForm(
            initial={
                "status": ticket.status,
                "priority": ticket.priority,
                "assigned_to": ticket.assigned_to_id,
            },
            walidata_people=_walidata_people(),
        )
    return {
        "ticket": ticket,
        "row": queries.ticket_row(ticket, ServiceTarget.current()),
        "thread": queries.thread(ticket),
        "dataset": gate.ticket_dataset(viewer, ticket),
        "reply_form": (
            (forms.get("reply") or ReplyForm(walidata=walidata))
            if gate.can_reply(viewer, ticket)
            else None
        ),
        "manage_form": manage,
        "reopen_form": ReopenForm() if gate.can_reopen(viewer, ticket) else None,
        "is_walidata": walidata,
        "related": queries.related_articles(ticket.category, limit=5),
    }


@require_GET
@login_required
def ticket_page(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = queries.ticket_or_404(access.viewer_of(request), pk)
    return render(request, "helpdesk/ticket_page.html", _ticket_context(request, ticket))


@require_POST
@temp_file_uploads
@login_required
def ticket_reply(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = access.viewer_of(request)
    ticket = queries.ticket_or_404(viewer, pk)
    form = ReplyForm(request.POST, request.FILES, walidata=viewer.is_walidata)
    if form.is_valid():
        try:
            actions.check_reply(
                user=request.user,
                ticket=ticket,
                body=form.cleaned_data["body"],
                status=form.cleaned_data.get("status", ""),
                attachments=incoming(request),
                ip=client_ip(request),
            )
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Reply sent."))
            return redirect(ticket)
    context = _ticket_context(request, ticket, reply=form)
    return render(request, "helpdesk/ticket_page.html", context, status=400)


@require_POST
@login_required
def ticket_manage(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = access.viewer_of(request)
    ticket = queries.ticket_or_404(viewer, pk)
    if not gate.can_manage_ticket(viewer, ticket):
        raise PermissionDenied
    form = ManageForm(request.POST, walidata_people=_walidata_people())
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.check_manage_ticket(
                user=request.user,
                ticket=ticket,
                status=data["status"],
                priority=data["priority"],
                assigned_to=data["assigned_to"],
                note=data["note"],
                ip=client_ip(request),
            )
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Ticket updated."))
            return redirect(ticket)
    context = _ticket_context(request, ticket, manage=form)
    return render(request, "helpdesk/ticket_page.html", context, status=400)


@require_POST
@login_required
def ticket_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = queries.ticket_or_404(access.viewer_of(request), pk)
    form = ReopenForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        actions.check_reopen(user=request.user, ticket=ticket, reason=reason, ip=client_ip(request))
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Ticket reopened."))
    return redirect(ticket)


@require_GET
@login_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    found = queries.attachment_or_404(access.viewer_of(request), pk)
    response = FileResponse(
        storage.absolute(found.file_path).open("rb"),
        as_attachment=True,
        filename=found.file_name,
        content_type=found.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
