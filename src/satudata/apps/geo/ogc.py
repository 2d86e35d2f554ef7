"""The documents of OGC API – Features (Part 1: Core, GeoJSON) for the layers a viewer may see:
landing page, conformance, collections, items and single items, with their links. Plain
functions of the layers and of the request's absolute URLs; the views only adapt."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from satudata.apps.geo.layers import Layer
from satudata.engines.geo.features import FeaturePage

JSON = "application/json"
HTML = "text/html"
GEOJSON = "application/geo+json"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE = (
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
    "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/json",
)
MVT = "application/vnd.mapbox-vector-tile"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
SCHEMA = "application/schema+json"
QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
# A layer attribute's type (the catalogue's field types or DuckDB's) as JSON Schema.
SCHEMA_TYPES = {
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "BIGINT": {"type": "integer"},
    "INTEGER": {"type": "integer"},
    "DOUBLE": {"type": "number"},
    "BOOLEAN": {"type": "boolean"},
    "DATE": {"type": "string", "format": "date"},
}
WEB_MERCATOR_QUAD = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad"
DEFAULT_LIMIT, MAX_LIMIT = 10, 10_000

Url = Callable[..., str]


def link(href: str, rel: str, kind: str, title: str = "") -> dict[str, str]:
    found = {"href": href, "rel": rel, "type": kind}
    if title:
        found["title"] = title
    return found


def landing(url: Url) -> dict[str, Any]:
    return {
        "title": _("%(site)s geospatial services") % {"site": settings.SITE_NAME},
        "description": _(
            "Layers of the Satu Peta node: OGC API – Features for the layers you may see."
        ),
        "links": [
            link(url("geo:landing"), "self", JSON, _("This document")),
            link(url("geo:landing") + "?f=html", "alternate", HTML, _("This document")),
            link(
                url("geo:openapi"), "service-desc", OPENAPI, _("The API definition (OpenAPI 3.0)")
            ),
            link(url("geo:conformance"), "conformance", JSON, _("Conformance classes")),
            link(url("geo:collections"), "data", JSON, _("Collections")),
            link(
                url("geo:csw") + "?service=CSW&request=GetCapabilities",
                "related",
                "application/xml",
                _("Catalogue service (CSW 2.0.2)"),
            ),
            link(url("geo:node"), "related", HTML, _("Node status")),
        ],
    }


def conformance() -> dict[str, Any]:
    return {"conformsTo": list(CONFORMANCE)}


def collection(layer: Layer, url: Url) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": layer.slug,
        "title": layer.title,
        "description": layer.description,
        "itemType": "feature",
        "crs": [CRS84],
        "links": [
            link(url("geo:collection", layer.slug), "self", JSON, layer.title),
            link(url("geo:collection", layer.slug) + "?f=html", "alternate", HTML, layer.title),
            link(url("geo:items", layer.slug), "items", GEOJSON, _("Features")),
            link(url("geo:queryables", layer.slug), QUERYABLES_REL, SCHEMA, _("Queryables")),
            link(
                url("geo:tilesets", layer.slug),
                "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector",
                JSON,
                _("Vector tiles"),
            ),
        ],
    }
    if layer.dataset is not None:
        document["links"].append(
            link(url("portal:dataset", layer.slug), "describedby", HTML, _("Dataset page"))
        )
    if layer.bbox:
        document["extent"] = {"spatial": {"bbox": [layer.bbox], "crs": CRS84}}
    return document


def collections(
    layers: Sequence[Layer], url: Url, catalogues: Sequence[dict[str, Any]] = ()
) -> dict[str, Any]:
    return {
        "links": [
            link(url("geo:collections"), "self", JSON, _("Collections")),
            link(url("geo:collections") + "?f=html", "alternate", HTML, _("Collections")),
        ],
        "collections": [*catalogues, *(collection(layer, url) for layer in layers)],
    }


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int
    query: dict[str, str]


def items(layer: Layer, page: FeaturePage, paging: Paging, url: Url) -> dict[str, Any]:
    base = url("geo:items", layer.slug)

    def at(offset: int, fmt: str | None = None) -> str:
        query = {k: v for k, v in paging.query.items() if k != "f"}
        query.update({"limit": str(paging.limit), "offset": str(offset)})
        if fmt:
            query["f"] = fmt
        return f"{base}?{urlencode(query)}"

    links = [
        link(at(paging.offset), "self", GEOJSON, _("This page")),
        link(at(paging.offset, "html"), "alternate", HTML, _("This page")),
        link(url("geo:collection", layer.slug), "collection", JSON, layer.title),
    ]
    if paging.offset + paging.limit < page.matched:
        links.append(link(at(paging.offset + paging.limit), "next", GEOJSON, _("Next page")))
    if paging.offset > 0:
        previous = max(0, paging.offset - paging.limit)
        links.append(link(at(previous), "prev", GEOJSON, _("Previous page")))
    return {
        "type": "FeatureCollection",
        "features": page.features,
        "numberMatched": page.matched,
        "numberReturned": len(page.features),
        "timeStamp": timezone.now().isoformat(timespec="seconds"),
        "links": links,
    }


def item(layer: Layer, found: dict[str, Any], url: Url) -> dict[str, Any]:
    return {
        **found,
        "links": [
            link(url("geo:item", layer.slug, found["id"]), "self", GEOJSON),
            link(url("geo:item", layer.slug, found["id"]) + "?f=html", "alternate", HTML),
            link(url("geo:collection", layer.slug), "collection", JSON, layer.title),
        ],
    }


def tilesets(layer: Layer, url: Url) -> dict[str, Any]:
    return {
        "links": [link(url("geo:tilesets", layer.slug), "self", JSON, _("Vector tiles"))],
        "tilesets": [tileset(layer, url)],
    }


def tileset(layer: Layer, url: Url, min_zoom: int = 0, max_zoom: int = 18) -> dict[str, Any]:
    template = url("geo:tileset", layer.slug) + "/{tileMatrix}/{tileRow}/{tileCol}"
    return {
        "title": layer.title,
        "dataType": "vector",
        "crs": "http://www.opengis.net/def/crs/EPSG/0/3857",
        "tileMatrixSetURI": WEB_MERCATOR_QUAD,
        "tileMatrixSetLimits": [{"tileMatrix": str(z)} for z in range(min_zoom, max_zoom + 1)],
        "layers": [
            {
                "id": layer.slug,
                "dataType": "vector",
                "geometryDimension": 2,
                "propertiesSchema": {
                    "type": "object",
                    "properties": {name: {"title": name} for name, _kind in layer.attributes},
                },
            }
        ],
        "links": [
            link(url("geo:tileset", layer.slug), "self", JSON, layer.title),
            link(url("geo:collection", layer.slug), "collection", JSON, layer.title),
            {
                "href": template,
                "rel": "item",
                "type": MVT,
                "templated": True,
                "title": _("Vector tiles"),
            },
        ],
    }


def queryables(layer: Layer, url: Url) -> dict[str, Any]:
    """The attributes a client may filter the items by (each as `name=value`), and the time
    attribute that `datetime` filters on, as a JSON Schema."""
    properties: dict[str, Any] = {
        "geometry": {
            "$ref": "https://geojson.org/schema/Geometry.json",
            "x-ogc-role": "primary-geometry",
        }
    }
    for name, kind in layer.attributes:
        schema = {"title": name, **SCHEMA_TYPES.get(kind, {"type": "string"})}
        if name == layer.time_attribute:
            schema["x-ogc-role"] = "primary-instant"
        properties[name] = schema
    return {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$id": url("geo:queryables", layer.slug),
        "type": "object",
        "title": layer.title,
        "properties": properties,
        "additionalProperties": False,
    }


def exception(code: str, description: str) -> dict[str, str]:
    """The error document of OGC API (`code` as in OGC's exception reports)."""
    return {"code": code, "description": description}
