"""The page where the produsen chooses how a layer is drawn on the portal's maps, and the
search box of a map: features of a layer version (through the access gate) or of a base layer
found by their words."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from satudata.apps.catalog.errors import ActionError
from satudata.apps.catalog.views.common import editable_dataset, refused
from satudata.apps.geo.actions import check_save_layer_style
from satudata.apps.geo.forms import LayerStyleForm
from satudata.apps.geo.models import BaseLayer
from satudata.apps.geo.styling import map_style, spec_of, stored_style
from satudata.apps.portal import queries
from satudata.apps.portal.views.common import client_ip, record_tertutup_read
from satudata.engines.geo import lookup
from satudata.platform import access, storage


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    dataset, denied = editable_dataset(request, slug)
    if denied:
        return denied
    version = dataset.published_version or dataset.versions.order_by("-number").first()
    if version is None or not version.is_layer:
        raise Http404
    stored = stored_style(dataset)
    form = LayerStyleForm(request.POST or None, instance=stored, fields=version.fields)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            check_save_layer_style(
                user=request.user, dataset=dataset, data=data, ip=client_ip(request)
            )
        except ActionError as exc:
            response = refused(request, dataset, exc)
            if response:
                return response
        else:
            messages.success(request, _("Map style saved."))
            return redirect(dataset)
    family = (version.geo or {}).get("family")
    context = {
        "dataset": dataset,
        "version": version,
        "form": form,
        "current": map_style(dataset, version, spec_of(stored, family)),
    }
    return render(request, "geo/layer_style_form.html", context)


def _matches(path: str, words: str) -> JsonResponse:
    found = lookup.find(storage.absolute(path), words)
    return JsonResponse(
        {
            "matches": [
                {"id": m.fid, "attribute": m.attribute, "text": m.text, "bbox": list(m.bbox)}
                for m in found
            ]
        }
    )


@require_GET
def version_search(request: HttpRequest, slug: str, number: int) -> JsonResponse:
    viewer = access.viewer_of(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    version = queries.visible_version(viewer, dataset, number)
    if version is None or not version.is_layer:
        raise Http404
    words = request.GET.get("q", "")[:100]
    record_tertutup_read(request, dataset, "map-search", version=number, q=words)
    response = _matches(version.geo["path"], words)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def base_search(request: HttpRequest, slug: str) -> JsonResponse:
    layer = get_object_or_404(BaseLayer, slug=slug)
    return _matches(layer.parquet_path, request.GET.get("q", "")[:100])
