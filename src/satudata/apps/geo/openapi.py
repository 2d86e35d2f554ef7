"""The OpenAPI 3.0 definition of /ogc/ (`service-desc`): the landing page, conformance, the
collections the viewer may see with their items, single items, queryables and vector tiles,
and the catalogue's records. Built from the same layers as the documents it describes."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from satudata.apps.geo import ogc
from satudata.apps.geo.layers import Layer
from satudata.apps.geo.records import CATALOG

JSON_CONTENT = {ogc.JSON: {"schema": {"type": "object"}}}
GEOJSON_CONTENT = {ogc.GEOJSON: {"schema": {"type": "object"}}}


def _answer(description: str, content: dict[str, Any]) -> dict[str, Any]:
    return {
        "200": {"description": description, "content": content},
        "400": {"description": _("A parameter is wrong; the body says which and why.")},
        "404": {"description": _("No such collection or feature (or not yours to see).")},
    }


def _parameter(name: str, description: str, schema: dict[str, Any], where: str = "query") -> dict:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "description": description,
        "schema": schema,
        "style": "form" if where == "query" else "simple",
        "explode": False,
    }


COMMON = [
    _parameter(
        "limit",
        _("How many features a page holds."),
        {"type": "integer", "minimum": 1, "maximum": ogc.MAX_LIMIT, "default": ogc.DEFAULT_LIMIT},
    ),
    _parameter("offset", _("How many features to skip."), {"type": "integer", "minimum": 0}),
    _parameter(
        "bbox",
        _("west,south,east,north in longitude and latitude (CRS84)."),
        {"type": "array", "minItems": 4, "maxItems": 4, "items": {"type": "number"}},
    ),
    _parameter("f", _("json (the default) or html."), {"type": "string", "enum": ["json", "html"]}),
]


def _layer_paths(layer: Layer) -> dict[str, Any]:
    base = f"/collections/{layer.slug}"
    filters = [
        _parameter(
            name, _("Features whose %(name)s is this value.") % {"name": name}, {"type": "string"}
        )
        for name, _kind in layer.attributes
    ]
    if layer.time_attribute:
        filters.append(
            _parameter(
                "datetime",
                _("A date, a time or an interval start/end (.. for an open end) on %(name)s.")
                % {"name": layer.time_attribute},
                {"type": "string"},
            )
        )
    tile_params = [
        _parameter(name, name, {"type": "integer", "minimum": 0}, "path")
        for name in ("tileMatrix", "tileRow", "tileCol")
    ]
    return {
        base: {
            "get": {
                "summary": layer.title,
                "tags": [layer.slug],
                "responses": _answer(_("The collection."), JSON_CONTENT),
            }
        },
        f"{base}/items": {
            "get": {
                "summary": _("Features of %(title)s") % {"title": layer.title},
                "tags": [layer.slug],
                "parameters": [*COMMON, *filters],
                "responses": _answer(_("A page of features."), GEOJSON_CONTENT),
            }
        },
        f"{base}/items/{{featureId}}": {
            "get": {
                "summary": _("One feature of %(title)s") % {"title": layer.title},
                "tags": [layer.slug],
                "parameters": [
                    _parameter("featureId", _("The feature's id."), {"type": "integer"}, "path")
                ],
                "responses": _answer(_("The feature."), GEOJSON_CONTENT),
            }
        },
        f"{base}/queryables": {
            "get": {
                "summary": _("Queryables of %(title)s") % {"title": layer.title},
                "tags": [layer.slug],
                "responses": _answer(
                    _("The queryables as JSON Schema."),
                    {ogc.SCHEMA: {"schema": {"type": "object"}}},
                ),
            }
        },
        f"{base}/tiles/WebMercatorQuad/{{tileMatrix}}/{{tileRow}}/{{tileCol}}": {
            "get": {
                "summary": _("Vector tiles of %(title)s") % {"title": layer.title},
                "tags": [layer.slug],
                "parameters": tile_params,
                "responses": {
                    **_answer(
                        _("The tile."),
                        {ogc.MVT: {"schema": {"type": "string", "format": "binary"}}},
                    ),
                    "204": {"description": _("No feature touches the tile.")},
                },
            }
        },
    }


def document(layers: Sequence[Layer], url: ogc.Url) -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/": {
            "get": {
                "summary": _("Landing page"),
                "responses": _answer(_("The landing page."), JSON_CONTENT),
            }
        },
        "/api": {
            "get": {
                "summary": _("This definition"),
                "responses": _answer(
                    _("OpenAPI 3.0."), {ogc.OPENAPI: {"schema": {"type": "object"}}}
                ),
            }
        },
        "/conformance": {
            "get": {
                "summary": _("Conformance classes"),
                "responses": _answer(_("The classes."), JSON_CONTENT),
            }
        },
        "/collections": {
            "get": {
                "summary": _("Collections"),
                "responses": _answer(_("The collections you may see."), JSON_CONTENT),
            }
        },
        f"/collections/{CATALOG}/items": {
            "get": {
                "summary": _("Catalogue records"),
                "parameters": [
                    _parameter("q", _("Words to search for."), {"type": "string"}),
                    *COMMON[:2],
                ],
                "responses": _answer(_("A page of records."), GEOJSON_CONTENT),
            }
        },
    }
    for layer in layers:
        paths.update(_layer_paths(layer))
    return {
        "openapi": "3.0.3",
        "info": {
            "title": _("%(site)s geospatial services") % {"site": settings.SITE_NAME},
            "description": _(
                "OGC API – Features, Tiles and Records of the Satu Peta node. "
                "Only layers you may see are listed."
            ),
            "version": "1.0.0",
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "servers": [{"url": url("geo:landing").rstrip("/")}],
        "paths": paths,
    }
