"""Saved maps: the list, a map's page (share address, embed code, PNG), its embed (only its
terbuka layers, framable by other sites) and the page where a produsen makes or changes one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from satudata.apps.catalog.errors import ActionError
from satudata.apps.geo.actions import check_save_map
from satudata.apps.geo.forms import MAX_MAP_LAYERS, SavedMapForm
from satudata.apps.geo.models import SavedMap
from satudata.apps.geo.queries import layer_datasets
from satudata.apps.geo.saved import map_or_404, saved_map_config, visible_maps
from satudata.apps.portal.views.common import client_ip, record_tertutup_read
from satudata.platform import access


@require_GET
def map_list(request: HttpRequest) -> HttpResponse:
    viewer = access.viewer_of(request)
    context = {
        "maps": visible_maps(viewer)[:200],
        "can_create": access.can_create_map(viewer),
    }
    return render(request, "geo/map_list.html", context)


@require_GET
def map_page(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = access.viewer_of(request)
    saved = map_or_404(viewer, slug)
    config, datasets = saved_map_config(viewer, saved)
    for dataset in datasets:
        record_tertutup_read(request, dataset, "map", map=saved.slug)
    context = {
        "saved": saved,
        "config": config,
        "datasets": datasets,
        "can_edit": access.can_edit_map(viewer, saved),
        "share_url": request.build_absolute_uri(saved.get_absolute_url()),
        "embed_url": request.build_absolute_uri(f"{saved.get_absolute_url()}sematkan/"),
    }
    return render(request, "geo/map_page.html", context)


@require_GET
@xframe_options_exempt
def map_embed(request: HttpRequest, slug: str) -> HttpResponse:
    """What another site frames: the map as an anonymous visitor sees it, whoever looks."""
    anonymous = access.Viewer()
    saved = map_or_404(anonymous, slug)
    config, _datasets = saved_map_config(anonymous, saved, png=False)
    response = render(request, "geo/map_embed.html", {"saved": saved, "config": config})
    response["Cache-Control"] = "public, max-age=300"
    return response


def _choices(request: HttpRequest) -> list[tuple[str, str]]:
    viewer = access.viewer_of(request)
    return [(d.slug, d.title) for d in layer_datasets(viewer)[:500]]


def _initial(saved: SavedMap) -> dict[str, object]:
    initial: dict[str, object] = {
        "title": saved.title,
        "description": saved.description,
        "is_public": saved.is_public,
    }
    for k, item in enumerate(saved.layers[:MAX_MAP_LAYERS], start=1):
        initial[f"layer_{k}"] = item.get("dataset", "")
        initial[f"opacity_{k}"] = item.get("opacity", 100)
    if saved.view.get("center"):
        initial["center_lon"], initial["center_lat"] = saved.view["center"]
        initial["zoom"] = saved.view.get("zoom")
    return initial


@login_required
def map_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    viewer = access.viewer_of(request)
    saved = map_or_404(viewer, slug) if slug else None
    allowed = access.can_edit_map(viewer, saved) if saved else access.can_create_map(viewer)
    if not allowed:
        raise PermissionDenied
    initial = _initial(saved) if saved else {}
    form = SavedMapForm(request.POST or None, initial=initial, layers=_choices(request))
    if request.method == "POST" and form.is_valid():
        try:
            saved = check_save_map(
                user=request.user, data=form.cleaned_data, saved=saved, ip=client_ip(request)
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Map saved."))
            return redirect(saved)
    config = saved_map_config(viewer, saved, png=False, view_inputs=True)[0] if saved else None
    return render(request, "geo/map_form.html", {"form": form, "saved": saved, "config": config})
