"""Work pages of the EPSS years: the list, one year's assessments, weights and publication."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.epss import actions, queries
from satudata.apps.epss.forms import WeightsForm, YearForm
from satudata.apps.epss.models import AssessmentYear
from satudata.apps.portal.views.common import client_ip, forbidden, form_data
from satudata.platform import access, access_epss


def visible_year(request: HttpRequest, year: int) -> AssessmentYear:
    found = queries.visible_years(access.viewer_of(request)).filter(year=year).first()
    if found is None:
        raise Http404
    return found


def refused(request: HttpRequest, exc: ActionError) -> HttpResponse | None:
    """A 403 page when the user may not do this, else the message (the caller redirects)."""
    if isinstance(exc, NotAllowed):
        return forbidden(request, exc.message)
    messages.error(request, exc.message)
    return None


@login_required
def years(request: HttpRequest) -> HttpResponse:
    viewer = access.viewer_of(request)
    if not access_epss.uses_epss(viewer):
        raise Http404
    form = YearForm(initial={"year": date.today().year})
    mine = access_epss.assessments(viewer).select_related("year", "organisation")
    return render(
        request,
        "epss/years.html",
        {
            "years": queries.visible_years(viewer),
            "assessments": mine,
            "form": form,
            "can_manage": access_epss.can_manage_years(viewer),
        },
    )


@require_POST
@login_required
def year_open(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("year", []):
            messages.error(request, _("Assessment year: %(error)s") % {"error": error})
        return redirect("epss:years")
    try:
        opened = actions.check_open_year(
            user=request.user, year=form.cleaned_data["year"], ip=client_ip(request)
        )
    except ActionError as exc:
        return refused(request, exc) or redirect("epss:years")
    messages.success(request, _("EPSS %(year)s is open.") % {"year": opened.year})
    return redirect("epss:year", opened.year)


@login_required
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    viewer = access.viewer_of(request)
    found = visible_year(request, year)
    visible = list(
        access_epss.assessments(viewer, found.assessments.select_related("year", "organisation"))
    )
    indexes = queries.indexes_of(visible)
    rows = [(a, indexes[a.pk]) for a in visible]
    city = next((a for a in visible if a.is_city), None)
    own = next(
        (a for a in visible if viewer.is_producer and a.organisation_id == viewer.organisation_id),
        None,
    )
    return render(
        request,
        "epss/year.html",
        {
            "year": found,
            "rows": rows,
            "city": city,
            "can_manage": access_epss.can_manage_years(viewer),
            "can_start_city": access_epss.can_start(viewer, None) and city is None,
            "can_start_own": viewer.is_producer and own is None,
        },
    )


@require_POST
@login_required
def start(request: HttpRequest, year: int) -> HttpResponse:
    viewer = access.viewer_of(request)
    found = visible_year(request, year)
    organisation = None
    if request.POST.get("scope") == "opd":
        organisation = Organisation.objects.filter(pk=viewer.organisation_id).first()
        if organisation is None:
            return forbidden(request, _("Your account belongs to no OPD."))
    try:
        assessment = actions.check_start_assessment(
            user=request.user,
            year=found,
            organisation=organisation,
            today=date.today(),
            ip=client_ip(request),
        )
    except ActionError as exc:
        return refused(request, exc) or redirect("epss:year", year)
    messages.success(request, _("The self-assessment is ready: fill each indicator."))
    return redirect("epss:worksheet", assessment.pk)


@login_required
def weights(request: HttpRequest, year: int) -> HttpResponse:
    viewer = access.viewer_of(request)
    found = visible_year(request, year)
    can_edit = access_epss.can_manage_years(viewer) and not found.is_published
    form = WeightsForm(**(form_data(request) if can_edit else {}), rows=queries.weight_rows(found))
    if request.method == "POST":
        if not can_edit:
            return forbidden(request, _("Only the walidata edits the weights of an open year."))
        if form.is_valid():
            try:
                actions.check_set_weights(
                    user=request.user, year=found, values=form.values(), ip=client_ip(request)
                )
            except ActionError as exc:
                response = refused(request, exc)
                if response:
                    return response
            else:
                messages.success(
                    request, _("The weights of EPSS %(year)s are saved.") % {"year": year}
                )
                return redirect("epss:weights", year)
    return render(
        request,
        "epss/weights.html",
        {
            "year": found,
            "form": form,
            "can_edit": can_edit,
            "groups": [
                (_("Domains"), form.by_kind("domain")),
                (_("Aspects"), form.by_kind("aspect")),
                (_("Indicators (equal within an aspect by default)"), form.by_kind("indicator")),
            ],
        },
    )


@require_POST
@login_required
def publish(request: HttpRequest, year: int) -> HttpResponse:
    found = visible_year(request, year)
    publishing = request.POST.get("publish") == "1"
    try:
        actions.check_publish_year(
            user=request.user, year=found, publish=publishing, ip=client_ip(request)
        )
    except ActionError as exc:
        return refused(request, exc) or redirect("epss:year", year)
    if publishing:
        messages.success(request, _("The EPSS %(year)s result is public.") % {"year": year})
    else:
        messages.success(request, _("The EPSS %(year)s result is withdrawn.") % {"year": year})
    return redirect("epss:year", year)
