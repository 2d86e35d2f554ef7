"""Perencanaan pages: the Daftar Data of each OPD per year (its planned elements, their frequency
and release dates, the Forum Satu Data's approval) and the Data Prioritas designations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.errors import ActionError
from satudata.apps.monitoring import actions
from satudata.apps.monitoring.forms import ApprovalForm, PlannedElementForm, PrioritasForm
from satudata.apps.monitoring.models import DaftarData, PlannedElement, PrioritasDesignation
from satudata.platform import access, access_monitoring


def _organisations(viewer: access.Viewer) -> QuerySet:
    producers = Organisation.objects.filter(kind__in=Organisation.PRODUCER_KINDS)
    if access_monitoring.sees_dashboard(viewer):
        return producers
    if viewer.is_producer:
        return producers.filter(pk=viewer.organisation_id)
    return producers.none()


@login_required
def daftar_list(request: HttpRequest) -> HttpResponse:
    viewer = access.viewer_of(request)
    organisations = _organisations(viewer)
    if not organisations.exists():
        raise Http404
    year = timezone.localdate().year
    lists = {
        (d.organisation_id, d.year): d
        for d in DaftarData.objects.filter(organisation__in=organisations)
    }
    years = [year - 1, year, year + 1]
    table = [
        (organisation, [(y, lists.get((organisation.pk, y))) for y in years])
        for organisation in organisations.order_by("name")
    ]
    return render(request, "monitoring/daftar_list.html", {"table": table, "years": years})


def _daftar_or_404(request: HttpRequest, slug: str, year: int) -> tuple[Organisation, bool]:
    viewer = access.viewer_of(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    if not access_monitoring.sees_organisation(viewer, organisation):
        raise Http404
    return organisation, access_monitoring.plans_for(viewer, organisation)


@login_required
@require_http_methods(["GET", "POST"])
def daftar_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    organisation, may_plan = _daftar_or_404(request, slug, year)
    daftar = DaftarData.objects.filter(organisation=organisation, year=year).first()
    form = PlannedElementForm(request.POST or None, organisation=organisation)
    if request.method == "POST":
        if not may_plan:
            raise Http404
        if form.is_valid():
            try:
                daftar = daftar or actions.check_open_daftar(
                    user=request.user, organisation=organisation, year=year
                )
                actions.check_save_element(user=request.user, daftar=daftar, **form.cleaned_data)
            except ActionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The data element was added."))
                return redirect("monitoring:daftar", slug=slug, year=year)
    viewer = access.viewer_of(request)
    elements = list(daftar.elements.select_related("dataset")) if daftar else []
    visible = set(
        access.datasets(viewer)
        .filter(pk__in=[e.dataset_id for e in elements if e.dataset_id])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "monitoring/daftar.html",
        {
            "organisation": organisation,
            "year": year,
            "daftar": daftar,
            "elements": [
                (
                    e,
                    e.dataset if e.dataset_id in visible else None,
                    e.dataset_id in visible or not e.dataset_id,
                )
                for e in elements
            ],
            "form": form,
            "may_plan": may_plan
            and (daftar is None or daftar.state == "draf" or viewer.is_walidata),
            "approval": ApprovalForm() if viewer.is_walidata and daftar else None,
        },
    )


@login_required
@require_POST
def element_delete(request: HttpRequest, pk: int) -> HttpResponse:
    element = get_object_or_404(
        PlannedElement.objects.select_related("daftar__organisation"), pk=pk
    )
    daftar = element.daftar
    _daftar_or_404(request, daftar.organisation.slug, daftar.year)
    try:
        actions.check_delete_element(user=request.user, element=element)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The data element was removed."))
    return redirect("monitoring:daftar", slug=daftar.organisation.slug, year=daftar.year)


@login_required
@require_POST
def daftar_approve(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    organisation, _may = _daftar_or_404(request, slug, year)
    daftar = get_object_or_404(DaftarData, organisation=organisation, year=year)
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write which Forum Satu Data meeting approved it."))
    else:
        try:
            actions.check_approve_daftar(
                user=request.user, daftar=daftar, forum_note=form.cleaned_data["forum_note"]
            )
        except ActionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The Daftar Data was approved."))
    return redirect("monitoring:daftar", slug=slug, year=year)


@login_required
@require_http_methods(["GET", "POST"])
def prioritas_page(request: HttpRequest) -> HttpResponse:
    viewer = access.viewer_of(request)
    if not access_monitoring.sees_dashboard(viewer):
        raise Http404
    visible = access.datasets(viewer)
    form = None
    if viewer.is_walidata:
        form = PrioritasForm(
            request.POST or None,
            datasets=visible.order_by("title"),
            initial={"year": timezone.localdate().year},
        )
        if request.method == "POST" and form.is_valid():
            try:
                actions.check_designate_prioritas(user=request.user, **form.cleaned_data)
            except ActionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The dataset was designated Data Prioritas."))
                return redirect("monitoring:prioritas")
    elif request.method == "POST":
        raise Http404
    designations = PrioritasDesignation.objects.filter(dataset__in=visible).select_related(
        "dataset__organisation", "approved_by"
    )
    return render(
        request,
        "monitoring/prioritas.html",
        {"designations": designations, "form": form, "can_withdraw": viewer.is_walidata},
    )


@login_required
@require_POST
def prioritas_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = access.viewer_of(request)
    designation = get_object_or_404(
        PrioritasDesignation, pk=pk, dataset__in=access.datasets(viewer)
    )
    try:
        actions.check_withdraw_prioritas(user=request.user, designation=designation)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The designation was withdrawn."))
    return redirect("monitoring:prioritas")
