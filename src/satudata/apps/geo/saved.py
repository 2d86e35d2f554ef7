"""Reads of saved maps through the one access gate: the maps a viewer may open, and the
layers of a map that viewer may see (each a published layer dataset), in the map's order with
their opacity and visibility, framed on the map's saved view or on the layers' extent."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from satudata.apps.catalog.models import Dataset
from satudata.apps.geo.maps import layer_entry, map_config
from satudata.apps.geo.models import SavedMap
from satudata.apps.geo.queries import layer_datasets
from satudata.platform import access


def visible_maps(viewer: access.Viewer) -> QuerySet[SavedMap]:
    return SavedMap.objects.filter(access.saved_map_q(viewer)).select_related("organisation")


def map_or_404(viewer: access.Viewer, slug: str) -> SavedMap:
    found = visible_maps(viewer).filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def shown_layers(viewer: access.Viewer, saved: SavedMap) -> list[tuple[Dataset, dict[str, Any]]]:
    """The map's layers the viewer may see, top first, each with its settings."""
    wanted = [item for item in saved.layers if isinstance(item, dict) and item.get("dataset")]
    found = {
        d.slug: d for d in layer_datasets(viewer).filter(slug__in=[w["dataset"] for w in wanted])
    }
    return [(found[w["dataset"]], w) for w in wanted if w["dataset"] in found]


def _extent(boxes: list[list[float]]) -> list[float] | None:
    boxes = [b for b in boxes if b and len(b) == 4]
    if not boxes:
        return None
    return [
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    ]


def saved_map_config(
    viewer: access.Viewer, saved: SavedMap, *, png: bool = True, view_inputs: bool = False
) -> tuple[dict[str, Any], list[Dataset]]:
    """The map's settings for this viewer, and the layer datasets it draws."""
    layers = shown_layers(viewer, saved)
    entries = []
    for dataset, settings in layers:
        entry = layer_entry(dataset, dataset.published_version)
        entry["opacity"] = max(0, min(100, int(settings.get("opacity", 100))))
        entry["visible"] = bool(settings.get("visible", True))
        entries.append(entry)
    bbox = _extent([list(d.published_version.geo.get("bbox") or []) for d, _s in layers])
    view = saved.view if saved.view.get("center") else None
    extra: dict[str, Any] = {"view": view}
    if png:
        extra["png"] = {"label": _("Download as PNG"), "filename": f"{saved.slug}.png"}
    if view_inputs:
        extra["view_inputs"] = {"lon": "id_center_lon", "lat": "id_center_lat", "zoom": "id_zoom"}
    return map_config(entries, bbox, **extra), [d for d, _s in layers]
