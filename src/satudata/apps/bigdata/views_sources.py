"""Pages of the module's sources: the list, a new source, a source with its uploads, and a run
(its field mapping when the export is new, then its counts and outcome)."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from satudata.apps.bigdata import actions
from satudata.apps.bigdata.forms import FIELD_LABELS, MappingForm, SourceForm, UploadForm
from satudata.apps.bigdata.models import Run, Source
from satudata.apps.bigdata.views import team_only
from satudata.apps.catalog.errors import ActionError
from satudata.apps.portal.views.common import client_ip, form_data
from satudata.engines.text import posts_io
from satudata.platform import storage


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    denied = team_only(request)
    if denied:
        return denied
    form = SourceForm(**form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            source = actions.check_save_source(
                user=request.user, ip=client_ip(request), **form.cleaned_data
            )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("bigdata:source", source.slug)
    sources = Source.objects.all()
    return render(request, "bigdata/sources.html", {"form": form, "sources": sources})


def _source(slug: str) -> Source:
    found = Source.objects.filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


@login_required
@require_GET
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    denied = team_only(request)
    if denied:
        return denied
    source = _source(slug)
    context = {
        "source": source,
        "form": UploadForm(),
        "runs": source.runs.all()[:50],
        "mapping": [(FIELD_LABELS[k], v) for k, v in source.mapping.items() if k in FIELD_LABELS],
    }
    return render(request, "bigdata/source.html", context)


@login_required
@require_POST
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    denied = team_only(request)
    if denied:
        return denied
    source = _source(slug)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the export file to upload."))
        return redirect("bigdata:source", source.slug)
    sent = form.cleaned_data["file"]
    with tempfile.TemporaryDirectory(dir=storage.staging_dir()) as folder:
        path = Path(folder) / "export"
        with path.open("wb") as handle:
            for chunk in sent.chunks():
                handle.write(chunk)
        try:
            run = actions.check_start_run(
                user=request.user,
                source=source,
                file=path,
                original_name=sent.name,
                ip=client_ip(request),
            )
        except ActionError as exc:
            messages.error(request, exc.message)
            return redirect("bigdata:source", source.slug)
    return redirect("bigdata:run", run.pk)


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    denied = team_only(request)
    if denied:
        return denied
    run = Run.objects.select_related("source", "job").filter(pk=pk).first()
    if run is None:
        raise Http404
    context: dict = {"run": run}
    if run.status == Run.Status.MAPPING:
        shown = posts_io.preview(storage.absolute(run.upload_path), run.file_name)
        form = MappingForm(
            request.POST if request.method == "POST" else None,
            columns=shown.columns,
            initial={k: v for k, v in run.source.mapping.items() if v in shown.columns},
        )
        if request.method == "POST" and form.is_valid():
            try:
                actions.check_confirm_mapping(
                    user=request.user, run=run, mapping=form.cleaned_data, ip=client_ip(request)
                )
            except ActionError as exc:
                messages.error(request, exc.message)
            else:
                return redirect(reverse("bigdata:run", args=[run.pk]))
        context.update(form=form, preview=shown)
    return render(request, "bigdata/run.html", context)
