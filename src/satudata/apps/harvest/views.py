"""Pages of harvesting (walidata and admin): sources, their runs and each run's errors."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satudata.apps.catalog.errors import ActionError
from satudata.apps.harvest import actions
from satudata.apps.harvest.forms import HarvestSourceForm
from satudata.apps.harvest.models import HarvestRun, HarvestSource
from satudata.apps.portal.views.common import client_ip, forbidden, form_data, paginate

View = Callable[..., HttpResponse]


def walidata_only(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not actions.can_manage(request.user):
            return forbidden(request, _("Only the walidata can manage harvesting."))
        return view(request, *args, **kwargs)

    return wrapper


@walidata_only
def source_list(request: HttpRequest) -> HttpResponse:
    sources = HarvestSource.objects.select_related("organisation").annotate(
        harvested=Count("records")
    )
    latest = {}
    for run in HarvestRun.objects.order_by("source_id", "-queued_at", "-id"):
        latest.setdefault(run.source_id, run)
    rows = [(source, latest.get(source.pk)) for source in sources]
    return render(request, "harvest/source_list.html", {"rows": rows})


@walidata_only
def source_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    source = get_object_or_404(HarvestSource, pk=pk) if pk is not None else None
    form = HarvestSourceForm(instance=source, **form_data(request))
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        try:
            if source is None:
                source = actions.check_create_source(
                    user=request.user, data=form.action_data(), ip=ip
                )
            else:
                actions.check_update_source(
                    user=request.user, source=source, data=form.action_data(), ip=ip
                )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Harvest source saved."))
            return redirect(source)
    return render(request, "harvest/source_form.html", {"form": form, "source": source})


@walidata_only
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(HarvestSource.objects.select_related("organisation", "topic"), pk=pk)
    context = {
        "source": source,
        "page_obj": paginate(request, source.runs.all()),
        "harvested": source.records.count(),
        "deleted": source.records.filter(deleted_at_source__isnull=False).count(),
    }
    return render(request, "harvest/source_detail.html", context)


@require_POST
@walidata_only
def source_harvest(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(HarvestSource, pk=pk)
    try:
        actions.check_start_harvest(
            user=request.user,
            source=source,
            full=request.POST.get("full") == "1",
            ip=client_ip(request),
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The harvest has started."))
    return redirect(source)


@require_POST
@walidata_only
def source_delete(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(HarvestSource, pk=pk)
    try:
        actions.check_delete_source(user=request.user, source=source, ip=client_ip(request))
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect(source)
    messages.success(request, _("Harvest source removed; the datasets harvested stay."))
    return redirect("harvest:sources")


@walidata_only
def run_detail(request: HttpRequest, run_pk: int) -> HttpResponse:
    run = get_object_or_404(HarvestRun.objects.select_related("source", "created_by"), pk=run_pk)
    return render(
        request,
        "harvest/run_detail.html",
        {"run": run, "source": run.source, "page_obj": paginate(request, run.errors.all(), 50)},
    )
