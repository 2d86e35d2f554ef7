"""Public data requests: the public list and pages (status and answer, never the requester's
personal data), the form anyone sends (rate-limited per address, with a hidden trap field
for robots), the requester's private page, and the work pages under /kerja/permintaan-data/
where the walidata forwards a request and the OPD answers it."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.errors import ActionError
from satudata.apps.helpdesk import queries, request_actions
from satudata.apps.helpdesk.forms import AnswerForm, DataRequestForm, RouteForm
from satudata.apps.helpdesk.models import DataRequest
from satudata.apps.portal.views.common import client_ip, form_data, paginate
from satudata.platform import access, http
from satudata.platform import access_helpdesk as gate

SUBMIT_RATE = http.Rate(requests=5, seconds=3600)


@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()[:100]
    context = {
        "page": paginate(request, queries.public_requests(status, q)),
        "status": status,
        "q": q,
        "statuses": DataRequest.Status.choices,
    }
    return render(request, "helpdesk/request_list.html", context)


@require_GET
def request_page(request: HttpRequest, pk: int) -> HttpResponse:
    data_request = queries.public_request_or_404(pk)
    context = {"item": data_request, "dataset": gate.request_dataset(data_request)}
    return render(request, "helpdesk/request_page.html", context)


@require_GET
def request_follow(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The requester's private page: the public page plus their own details."""
    data_request = queries.public_request_or_404(pk)
    if not constant_time_compare(token, data_request.follow_token):
        raise Http404
    context = {"item": data_request, "dataset": gate.request_dataset(data_request), "own": True}
    response = render(request, "helpdesk/request_page.html", context)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def request_create(request: HttpRequest) -> HttpResponse:
    form = DataRequestForm(**form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:
            return redirect("helpdesk:request_sent")
        window = http.count_hit("permintaan-data", http.client_address(request), SUBMIT_RATE)
        if not window.allowed:
            minutes = max(window.reset_in // 60, 1)
            form.add_error(
                None,
                _(
                    "Too many requests were sent from your address. Try again in %(minutes)s "
                    "minutes, or write to the walidata."
                )
                % {"minutes": minutes},
            )
            return render(request, "helpdesk/request_form.html", {"form": form}, status=429)
        try:
            request_actions.do_submit_request(
                name=data["name"],
                email=data["email"],
                institution=data["institution"],
                title=data["title"],
                description=data["description"],
                purpose=data["purpose"],
                wilayah=data["wilayah"],
                period=data["period"],
                ip=client_ip(request),
            )
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("helpdesk:request_sent")
    return render(request, "helpdesk/request_form.html", {"form": form})


@require_GET
def request_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "helpdesk/request_sent.html", {"site_url": settings.SITE_URL})


def _worker(request: HttpRequest) -> access.Viewer:
    viewer = access.viewer_of(request)
    if not gate.uses_helpdesk(viewer):
        raise PermissionDenied
    return viewer


@require_GET
@login_required
def work_list(request: HttpRequest) -> HttpResponse:
    viewer = _worker(request)
    status = request.GET.get("status", "")
    context = {
        "page": paginate(request, queries.work_requests(viewer, status)),
        "status": status,
        "statuses": DataRequest.Status.choices,
        "is_walidata": viewer.is_walidata,
    }
    return render(request, "helpdesk/work_request_list.html", context)


def _organisations() -> list[tuple[int, str]]:
    return [
        (o.pk, o.name)
        for o in Organisation.objects.filter(kind__in=Organisation.PRODUCER_KINDS).order_by("name")
    ]


def _datasets(data_request: DataRequest) -> list[tuple[str, str]]:
    """The datasets an answer may link (terbuka, published): the OPD's own first."""
    qs = gate.public_datasets().select_related("organisation")
    if data_request.organisation_id:
        own = Case(When(organisation_id=data_request.organisation_id, then=0), default=1)
        qs = qs.order_by(own, "title")
    else:
        qs = qs.order_by("title")
    return [
        (d.slug, f"{d.title} ({d.organisation.short_name or d.organisation.name})")
        for d in qs[:1000]
    ]


def _work_context(request: HttpRequest, data_request: DataRequest, **forms: Any) -> dict[str, Any]:
    viewer = access.viewer_of(request)
    route = answer = None
    if gate.can_route_request(viewer, data_request):
        route = forms.get("route") or RouteForm(
            initial={"organisation": data_request.organisation_id},
            organisations=_organisations(),
        )
    if gate.can_answer_request(viewer, data_request):
        answer = forms.get("answer") or AnswerForm(
            initial={"status": data_request.status, "answer": data_request.answer},
            datasets=_datasets(data_request),
        )
    return {
        "item": data_request,
        "dataset": gate.request_dataset(data_request),
        "route_form": route,
        "answer_form": answer,
        "is_walidata": viewer.is_walidata,
    }


@require_GET
@login_required
def work_page(request: HttpRequest, pk: int) -> HttpResponse:
    data_request = queries.work_request_or_404(_worker(request), pk)
    return render(request, "helpdesk/work_request_page.html", _work_context(request, data_request))


@require_POST
@login_required
def work_route(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _worker(request)
    data_request = queries.work_request_or_404(viewer, pk)
    if not gate.can_route_request(viewer, data_request):
        raise PermissionDenied
    form = RouteForm(request.POST, organisations=_organisations())
    if form.is_valid():
        try:
            request_actions.check_route_request(
                user=request.user,
                data_request=data_request,
                organisation_id=form.cleaned_data["organisation"],
                ip=client_ip(request),
            )
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Request forwarded."))
            return redirect("helpdesk:work_request", pk)
    context = _work_context(request, data_request, route=form)
    return render(request, "helpdesk/work_request_page.html", context, status=400)


@require_POST
@login_required
def work_answer(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _worker(request)
    data_request = queries.work_request_or_404(viewer, pk)
    if not gate.can_answer_request(viewer, data_request):
        raise PermissionDenied
    form = AnswerForm(request.POST, datasets=_datasets(data_request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            request_actions.check_answer_request(
                user=request.user,
                data_request=data_request,
                status=data["status"],
                answer=data["answer"],
                dataset_slug=data["dataset"],
                ip=client_ip(request),
            )
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Answer saved."))
            return redirect("helpdesk:work_request", pk)
    context = _work_context(request, data_request, answer=form)
    return render(request, "helpdesk/work_request_page.html", context, status=400)
