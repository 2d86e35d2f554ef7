"""OGC API – Records for the catalogue: every published dataset the viewer may see, as a
record of the `katalog` collection, found with the portal's own search (same ranking, same
access gate)."""

from typing import Any

from django.utils.translation import gettext as _

from satudata.apps.catalog.models import Dataset
from satudata.apps.geo.ogc import GEOJSON, HTML, JSON, Url, link
from satudata.apps.search.queries import SearchResult

CATALOG = "katalog"


def collection(url: Url) -> dict[str, Any]:
    return {
        "id": CATALOG,
        "title": _("Catalogue"),
        "description": _("Every published dataset and layer you may see."),
        "itemType": "record",
        "links": [
            link(url("geo:records"), "self", JSON, _("Catalogue")),
            link(url("geo:record_items"), "items", GEOJSON, _("Records")),
        ],
    }


def record(dataset: Dataset, url: Url) -> dict[str, Any]:
    page = url("portal:dataset", dataset.slug)
    properties: dict[str, Any] = {
        "type": "dataset",
        "title": dataset.title,
        "description": dataset.description,
        "keywords": [tag.name for tag in dataset.tags.all()],
        "language": {"code": "id"},
        "created": dataset.created_at.isoformat(timespec="seconds"),
        "updated": dataset.updated_at.isoformat(timespec="seconds"),
        "license": dataset.licence,
        "rights": dataset.access_level,
        "contacts": [{"organization": dataset.organisation.name, "roles": ["publisher"]}],
    }
    if dataset.topic is not None:
        properties["themes"] = [{"concepts": [{"id": dataset.topic.slug}]}]
    return {
        "type": "Feature",
        "id": dataset.slug,
        "geometry": None,
        "time": None,
        "properties": properties,
        "links": [
            link(page, "alternate", HTML, dataset.title),
            link(url("portal:dataset_data", dataset.slug, "json"), "describedby", JSON),
        ],
    }


def items(result: SearchResult, offset: int, limit: int, at: Url, url: Url) -> dict[str, Any]:
    links = [link(at(offset), "self", GEOJSON, _("This page"))]
    if result.has_next:
        links.append(link(at(offset + limit), "next", GEOJSON, _("Next page")))
    if offset > 0:
        links.append(link(at(max(0, offset - limit)), "prev", GEOJSON, _("Previous page")))
    return {
        "type": "FeatureCollection",
        "features": [record(d, url) for d in result.datasets],
        "numberMatched": result.total,
        "numberReturned": len(result.datasets),
        "links": links,
    }
