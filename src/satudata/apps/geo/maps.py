"""What a map draws, as the JSON its script reads: each layer's vector tiles (of one version,
through the access gate), kind of geometry, attributes, style and search, the base boundaries
under them, the basemap style when one is set, and the words of its controls."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.geo.models import BaseLayer
from satudata.apps.geo.styling import map_style

TILE_TEMPLATE = "{z}/{x}/{y}.mvt"
CITY_LEVELS = (BaseLayer.Level.KECAMATAN, BaseLayer.Level.KELURAHAN)


def _template(path: str) -> str:
    """A route reversed with zeros, turned into a MapLibre tile template."""
    return path.rsplit("/", 3)[0] + "/" + TILE_TEMPLATE


def version_tiles(dataset: Dataset, version: Version) -> str:
    return _template(reverse("geo:version_tile", args=[dataset.slug, version.number, 0, 0, 0]))


def base_tiles(slug: str) -> str:
    path = reverse("geo:tile", args=[slug, 0, 0, 0])
    return path.rsplit("/", 3)[0] + "/{z}/{y}/{x}"


def layer_entry(dataset: Dataset, version: Version) -> dict[str, Any]:
    """One layer of a map: its tiles, kind of geometry, attributes, style and search."""
    return {
        "id": dataset.slug,
        "title": dataset.title,
        "family": version.geo.get("family") or "polygon",
        "tiles": version_tiles(dataset, version),
        "attributes": [f["name"] for f in version.fields],
        "style": map_style(dataset, version),
        "search": reverse("geo:version_search", args=[dataset.slug, version.number]),
        "page": dataset.get_absolute_url(),
    }


def words() -> dict[str, str]:
    return {
        "show": _("Show"),
        "opacity": _("Opacity"),
        "zoom": _("Zoom to the layer"),
        "feature": _("Feature"),
        "boundaries": _("Boundaries"),
        "legend": _("Legend"),
        "features": _("features"),
        "search": _("Find a place or a feature"),
        "search_button": _("Find"),
        "no_match": _("Nothing found."),
        "up": _("Move up"),
        "down": _("Move down"),
    }


def base_layers() -> list[dict[str, Any]]:
    return [
        {
            "id": layer.slug,
            "title": layer.title,
            "tiles": base_tiles(layer.slug),
            "search": reverse("geo:base_search", args=[layer.slug])
            if layer.level in CITY_LEVELS
            else "",
        }
        for layer in BaseLayer.objects.order_by("level")
    ]


def map_config(
    layers: list[dict[str, Any]], bbox: list[float] | None, **extra: Any
) -> dict[str, Any]:
    """The settings of a map of `layers` (each from `layer_entry`, the top one first) framed
    on `bbox`, with the base boundaries under them."""
    return {
        "layers": layers,
        "bbox": bbox,
        "base": base_layers(),
        "basemap": settings.MAP_BASEMAP_STYLE,
        "words": words(),
        **extra,
    }


def layer_map(dataset: Dataset, version: Version) -> dict[str, Any]:
    return map_config([layer_entry(dataset, version)], version.geo.get("bbox"))
