"""Import and export of BPS Metadata Statistik: one XLSX workbook (sheets MS-Keg, MS-Var,
MS-Ind) or a JSON document, for the kegiatan the list shows (or one kegiatan)."""

import io
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.views.common import temp_file_uploads
from satudata.apps.portal.views.common import client_ip, forbidden, form_data
from satudata.apps.statistics import actions, queries
from satudata.apps.statistics.forms import ImportForm
from satudata.apps.statistics.views_public import filters_of
from satudata.apps.statistics.views_work import (
    LIST_LIMIT,
    organisation_of,
    producer_organisations,
)
from satudata.engines.stats import metadata_io
from satudata.platform import access
from satudata.platform import access_statistics as rules

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _records(request: HttpRequest) -> list:
    viewer = access.viewer_of(request)
    items = queries.filtered(queries.visible(viewer), filters_of(request)).prefetch_related(
        "variabel", "indikator"
    )
    if request.GET.get("kegiatan"):
        items = items.filter(slug=request.GET["kegiatan"][:140])
    return [queries.record_of(viewer, k) for k in items[:LIST_LIMIT]]


@login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    buffer = io.BytesIO()
    metadata_io.write_workbook(_records(request), buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="metadata-statistik.xlsx"'
    return response


@login_required
@require_GET
def export_json(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(
        metadata_io.to_json(_records(request)), json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Disposition"] = 'attachment; filename="metadata-statistik.json"'
    return response


@temp_file_uploads
@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    viewer = access.viewer_of(request)
    if not rules.can_create_kegiatan(viewer):
        return forbidden(request, _("Only produsen data and the walidata import kegiatan."))
    form = ImportForm(**form_data(request), organisations=producer_organisations(viewer))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        received = form.cleaned_data["file"]
        path = Path(received.temporary_file_path())
        if received.name.lower().endswith(".json"):
            parsed = metadata_io.from_json(path.read_bytes())
        else:
            parsed = metadata_io.read_workbook(path)
        organisation = organisation_of(viewer, form.cleaned_data.get("organisation"))
        try:
            result = actions.check_import(
                user=request.user,
                organisation=organisation,
                parsed=parsed,
                ip=client_ip(request),
            )
        except NotAllowed as exc:
            return forbidden(request, exc.message)
        except ActionError as exc:
            form.add_error(None, exc.message)
            problems = getattr(exc, "problems", [])
        else:
            messages.success(
                request,
                _(
                    "Imported: %(created)s kegiatan added, %(updated)s updated, "
                    "%(entries)s variables and indicators."
                )
                % {"created": result.created, "updated": result.updated, "entries": result.entries},
            )
            return redirect("statistics:work_list")
    return render(request, "statistics/import.html", {"form": form, "problems": problems})
