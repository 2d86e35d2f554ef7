"""A GSBPM sub-process of a kegiatan: its status, owner, dates and note, and its evidence
(stored documents or links); downloading a document."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.models import model_to_dict
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from satudata.apps.catalog.errors import ActionError
from satudata.apps.catalog.views.common import temp_file_uploads
from satudata.apps.portal.views.common import client_ip, form_data
from satudata.apps.statistics import actions, queries
from satudata.apps.statistics.forms import BuktiForm, ProsesForm
from satudata.apps.statistics.models import Bukti, Proses
from satudata.apps.statistics.views_work import editable, refused
from satudata.engines.stats import gsbpm
from satudata.platform import access, storage
from satudata.platform import access_statistics as rules


def _subprocess(code: str) -> gsbpm.SubProcess:
    found = gsbpm.SUBPROCESSES.get(code)
    if found is None:
        raise Http404
    return found


@temp_file_uploads
@login_required
def proses_edit(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    sub = _subprocess(code)
    kegiatan, denied = editable(request, slug)
    if denied:
        return denied
    proses = Proses.objects.filter(kegiatan=kegiatan, code=code).first()
    owners = queries.owner_choices(kegiatan)
    initial = model_to_dict(proses, fields=list(ProsesForm.base_fields)) if proses else None
    which = request.POST.get("form")
    form = ProsesForm(request.POST if which == "status" else None, initial=initial, owners=owners)
    bukti_form = BuktiForm(**(form_data(request) if which == "bukti" else {}))
    if which == "status" and form.is_valid():
        try:
            actions.check_update_proses(
                user=request.user,
                kegiatan=kegiatan,
                code=code,
                ip=client_ip(request),
                **form.cleaned_data,
            )
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Sub-process %(code)s saved.") % {"code": code})
            return redirect(kegiatan.get_work_url() + f"#gsbpm-{sub.phase}")
    if which == "bukti" and bukti_form.is_valid():
        data = bukti_form.cleaned_data
        received = data["file"]
        try:
            actions.check_add_bukti(
                user=request.user,
                kegiatan=kegiatan,
                code=code,
                title=data["title"],
                file=Path(received.temporary_file_path()) if received else None,
                file_name=received.name if received else "",
                media_type=received.content_type if received else "",
                url=data["url"],
                ip=client_ip(request),
            )
        except ActionError as exc:
            bukti_form.add_error(None, exc.message)
        else:
            messages.success(request, _("Evidence added."))
            return redirect("statistics:proses", kegiatan.slug, code)
    context = {
        "kegiatan": kegiatan,
        "sub": sub,
        "sub_name": _(sub.name),
        "phase_name": _(gsbpm.PHASE_BY_CODE[sub.phase].name),
        "proses": proses,
        "bukti": list(proses.bukti.all()) if proses else [],
        "form": form,
        "bukti_form": bukti_form,
    }
    return render(request, "statistics/proses_form.html", context)


@login_required
@require_GET
def bukti_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer = access.viewer_of(request)
    kegiatan = queries.kegiatan_or_404(viewer, slug)
    if not rules.sees_all_metadata(viewer, kegiatan):
        raise Http404
    bukti = queries.bukti_or_404(kegiatan, pk)
    if bukti.kind == Bukti.Kind.LINK:
        return HttpResponseRedirect(bukti.url)
    return FileResponse(
        storage.absolute(bukti.file_path).open("rb"),
        as_attachment=True,
        filename=bukti.file_name,
        content_type=bukti.media_type or None,
    )


@login_required
@require_POST
def bukti_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    kegiatan, denied = editable(request, slug)
    if denied:
        return denied
    bukti = queries.bukti_or_404(kegiatan, pk)
    code = bukti.proses.code
    try:
        actions.check_remove_bukti(user=request.user, bukti=bukti, ip=client_ip(request))
    except ActionError as exc:
        return refused(request, exc) or redirect("statistics:proses", slug, code)
    messages.success(request, _("Evidence removed."))
    return redirect("statistics:proses", slug, code)
