"""What a map draws, as the JSON its script reads: the layer's vector tiles (of one version,
through the access gate), its kind of geometry, extent and attributes, the base boundaries
under it, the basemap style when one is set, and the words of its controls."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.geo.models import BaseLayer

TILE_TEMPLATE = "{z}/{x}/{y}.mvt"


def _template(path: str) -> str:
    """A route reversed with zeros, turned into a MapLibre tile template."""
    return path.rsplit("/", 3)[0] + "/" + TILE_TEMPLATE


def version_tiles(dataset: Dataset, version: Version) -> str:
    return _template(reverse("geo:version_tile", args=[dataset.slug, version.number, 0, 0, 0]))


def base_tiles(slug: str) -> str:
    path = reverse("geo:tile", args=[slug, 0, 0, 0])
    return path.rsplit("/", 3)[0] + "/{z}/{y}/{x}"


def layer_map(dataset: Dataset, version: Version) -> dict[str, Any]:
    geo = version.geo
    return {
        "layers": [
            {
                "id": dataset.slug,
                "title": dataset.title,
                "family": geo.get("family") or "polygon",
                "tiles": version_tiles(dataset, version),
                "attributes": [f["name"] for f in version.fields],
            }
        ],
        "bbox": geo.get("bbox"),
        "base": [
            {"id": layer.slug, "title": layer.title, "tiles": base_tiles(layer.slug)}
            for layer in BaseLayer.objects.order_by("level")
        ],
        "basemap": settings.MAP_BASEMAP_STYLE,
        "words": {
            "show": _("Show"),
            "opacity": _("Opacity"),
            "zoom": _("Zoom to the layer"),
            "feature": _("Feature"),
            "boundaries": _("Boundaries"),
        },
    }
