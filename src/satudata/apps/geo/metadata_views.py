"""A dataset's ISO 19139 metadata document, the page where its produsen fills in the layer's
ISO 19115 fields (or prefills them from an ISO XML file), and the node status page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from satudata.apps.catalog.errors import ActionError
from satudata.apps.catalog.views.common import editable_dataset, refused
from satudata.apps.geo import node
from satudata.apps.geo.actions import check_save_layer_metadata
from satudata.apps.geo.forms import IsoImportForm, LayerMetadataForm
from satudata.apps.geo.metadata import iso_of, layer_metadata
from satudata.apps.portal.views.common import client_ip, record_tertutup_read
from satudata.engines.geo import iso19139
from satudata.platform import access

READ_ERRORS = {
    "xml.syntax": gettext_lazy("The file is not well-formed XML: %(detail)s"),
    "xml.root": gettext_lazy(
        "The file is not ISO 19139 metadata: its root element is %(detail)s, not MD_Metadata."
    ),
    "xml.identification": gettext_lazy(
        "The file has no identificationInfo, so it describes no data set."
    ),
}


@require_GET
def iso_xml(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = access.get_dataset_or_404(access.viewer_of(request), slug=slug)
    record_tertutup_read(request, dataset, "iso19139")
    response = HttpResponse(iso19139.write(iso_of(dataset)), content_type="application/xml")
    response["Content-Disposition"] = f'inline; filename="{dataset.slug}-iso19139.xml"'
    if dataset.access_level != "terbuka":
        response["Cache-Control"] = "private, no-store"
    return response


def _prefill(data: bytes) -> tuple[dict[str, object], list[str]]:
    """The form's values an ISO document gives, and notes on what else it says."""
    found = iso19139.read(data)
    values: dict[str, object] = {
        "topic_category": next(iter(found.topic_categories), ""),
        "lineage": found.lineage,
        "scale_denominator": found.scale_denominator,
        "resolution_m": found.resolution_m,
        "kugi_class": found.kugi_class,
        "kugi_code": found.kugi_code,
    }
    notes = []
    if found.title:
        notes.append(_("Title in the file: %(title)s") % {"title": found.title})
    if found.reference_system:
        notes.append(_("Reference system in the file: %(crs)s") % {"crs": found.reference_system})
    if found.keywords:
        notes.append(_("Keywords in the file: %(words)s") % {"words": ", ".join(found.keywords)})
    return {k: v for k, v in values.items() if v not in ("", None)}, notes


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    dataset, denied = editable_dataset(request, slug)
    if denied:
        return denied
    version = dataset.published_version or dataset.versions.order_by("-number").first()
    family = (version.geo or {}).get("family") if version is not None else None
    stored = layer_metadata(dataset)
    form = LayerMetadataForm(instance=stored, family=family)
    importer = IsoImportForm()
    notes: list[str] = []
    if request.method == "POST" and "iso_file" in request.FILES:
        importer = IsoImportForm(request.POST, request.FILES)
        if importer.is_valid():
            try:
                values, notes = _prefill(importer.cleaned_data["iso_file"])
            except iso19139.IsoReadError as exc:
                importer.add_error("iso_file", READ_ERRORS[exc.code] % {"detail": exc.detail})
            else:
                form = LayerMetadataForm(instance=stored, initial=values, family=family)
                messages.info(request, _("The form is filled from the file; check it and save."))
    elif request.method == "POST":
        form = LayerMetadataForm(request.POST, instance=stored, family=family)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                check_save_layer_metadata(
                    user=request.user, dataset=dataset, data=data, ip=client_ip(request)
                )
            except ActionError as exc:
                response = refused(request, dataset, exc)
                if response:
                    return response
            else:
                messages.success(request, _("Geospatial metadata saved."))
                return redirect(dataset)
    context = {"dataset": dataset, "form": form, "importer": importer, "notes": notes}
    return render(request, "geo/layer_metadata_form.html", context)


@require_GET
def node_status(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    found = node.status(access.viewer_of(request))
    if fmt == "json":
        return JsonResponse(node.as_json(found, request.build_absolute_uri))
    labels = {key: label for key, (label, _present) in node.REQUIRED.items()}
    rows = [(layer, [labels[key] for key in layer.missing]) for layer in found["layers"]]
    return render(request, "geo/node_status.html", {**found, "rows": rows})
