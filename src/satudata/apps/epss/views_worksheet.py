"""The worksheet of one assessment: levels, notes, evidence, proposals, final, export."""

from datetime import date
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satudata.apps.catalog.errors import ActionError
from satudata.apps.catalog.views.common import temp_file_uploads
from satudata.apps.epss import actions, exports, queries, reference
from satudata.apps.epss.forms import EvidenceForm, LevelForm
from satudata.apps.epss.models import Assessment
from satudata.apps.epss.views import refused
from satudata.apps.portal.views.common import client_ip
from satudata.platform import access, access_epss, storage


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    return access_epss.get_assessment_or_404(access.viewer_of(request), pk)


def _code(code: str) -> str:
    if code not in reference.catalogue().indicators:
        raise Http404
    return code


def _row_context(request: HttpRequest, assessment: Assessment, code: str) -> dict:
    return {
        "assessment": assessment,
        "row": queries.indicator_row(assessment, code),
        "can_fill": access_epss.can_fill(access.viewer_of(request), assessment),
    }


def _back(assessment: Assessment, code: str = "") -> HttpResponse:
    url = reverse("epss:worksheet", args=[assessment.pk])
    return HttpResponseRedirect(f"{url}#i{code}" if code else url)


@login_required
def worksheet(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    viewer = access.viewer_of(request)
    blocks, index = queries.worksheet(assessment)
    return render(
        request,
        "epss/worksheet.html",
        {
            "assessment": assessment,
            "index": index,
            "blocks": blocks,
            "can_fill": access_epss.can_fill(viewer, assessment),
            "can_finalise": access_epss.can_finalise(viewer, assessment),
            "filled": index.filled,
            "total": len(index.indicators),
        },
    )


@require_POST
@login_required
def score_save(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    assessment = _assessment(request, pk)
    code = _code(code)
    form = LevelForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Indicator %(code)s: choose a level from 1 to 5, or none.") % {"code": code},
        )
        return _back(assessment, code)
    try:
        actions.check_set_level(
            user=request.user,
            assessment=assessment,
            code=code,
            level=form.cleaned_data["level"],
            notes=form.cleaned_data["notes"],
            ip=client_ip(request),
        )
    except ActionError as exc:
        return refused(request, exc) or _back(assessment, code)
    if request.headers.get("HX-Request"):
        context = _row_context(request, assessment, code)
        context["index"] = queries.index_of(assessment)
        context["saved"] = True
        return render(request, "epss/_indicator.html", context)
    messages.success(request, _("Indicator %(code)s saved.") % {"code": code})
    return _back(assessment, code)


@temp_file_uploads
@require_POST
@login_required
def evidence_add(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    assessment = _assessment(request, pk)
    code = _code(code)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in (
            form.non_field_errors() + form.errors.get("title", []) + form.errors.get("url", [])
        ):
            messages.error(
                request, _("Evidence of %(code)s: %(error)s") % {"code": code, "error": error}
            )
        return _back(assessment, code)
    received = form.cleaned_data["file"]
    try:
        actions.check_add_evidence(
            user=request.user,
            assessment=assessment,
            code=code,
            title=form.cleaned_data["title"],
            file=Path(received.temporary_file_path()) if received else None,
            file_name=received.name if received else "",
            media_type=received.content_type if received else "",
            url=form.cleaned_data["url"],
            ip=client_ip(request),
        )
    except ActionError as exc:
        return refused(request, exc) or _back(assessment, code)
    messages.success(request, _("Evidence added to %(code)s.") % {"code": code})
    return _back(assessment, code)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = access_epss.get_evidence_or_404(access.viewer_of(request), pk)
    if not evidence.is_file:
        return HttpResponseRedirect(evidence.url)
    return FileResponse(
        storage.absolute(evidence.file_path).open("rb"),
        as_attachment=True,
        filename=evidence.file_name,
        content_type=evidence.media_type or None,
    )


@require_POST
@login_required
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = access_epss.get_evidence_or_404(access.viewer_of(request), pk)
    assessment, code = evidence.score.assessment, evidence.score.code
    try:
        actions.check_remove_evidence(user=request.user, evidence=evidence, ip=client_ip(request))
    except ActionError as exc:
        return refused(request, exc) or _back(assessment, code)
    messages.success(request, _("Evidence removed."))
    return _back(assessment, code)


@require_POST
@login_required
def refresh(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    try:
        actions.check_refresh_proposals(
            user=request.user, assessment=assessment, today=date.today()
        )
    except ActionError as exc:
        return refused(request, exc) or _back(assessment)
    messages.success(request, _("The platform's proposals are recomputed from today's data."))
    return _back(assessment)


@require_POST
@login_required
def finalise(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    final = request.POST.get("final") == "1"
    try:
        actions.check_finalise(
            user=request.user, assessment=assessment, final=final, ip=client_ip(request)
        )
    except ActionError as exc:
        return refused(request, exc) or _back(assessment)
    if final:
        messages.success(request, _("The assessment is final."))
    else:
        messages.success(request, _("The assessment is open again for changes."))
    return _back(assessment)


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    who = assessment.organisation.slug if assessment.organisation else "kota"
    response = HttpResponse(
        exports.worksheet_xlsx(assessment),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="lke-epss-{assessment.year.year}-{who}.xlsx"'
    )
    return response
