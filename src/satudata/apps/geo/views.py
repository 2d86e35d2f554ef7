"""The OGC APIs at /ogc/ (Features, Tiles, Records): thin adapters that parse the query, read
through `queries`, the portal's search and the geo engine, and answer JSON (GeoJSON for
features and records, Mapbox vector tiles) or HTML. Bad parameters get a 400 with an OGC
exception document saying which parameter and why."""

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import urlencode

import orjson
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from satudata.apps.geo import ogc, openapi, queries, records, tiles
from satudata.apps.geo.layers import Layer
from satudata.apps.portal.views.common import record_tertutup_listing, record_tertutup_read
from satudata.apps.search.queries import MAX_PER_PAGE, params_from_query, search
from satudata.engines.geo.features import (
    FeatureQuery,
    FeatureQueryError,
    Period,
    feature,
    query_features,
)
from satudata.platform import access, storage

RESERVED = frozenset({"limit", "offset", "bbox", "bbox-crs", "datetime", "f"})


class BadParameter(Exception):
    pass


def _url(request: HttpRequest) -> ogc.Url:
    return lambda name, *args: request.build_absolute_uri(reverse(name, args=args))


def _answer(document: Mapping[str, Any], kind: str = ogc.JSON, status: int = 200) -> HttpResponse:
    response = HttpResponse(orjson.dumps(document, default=str), content_type=kind, status=status)
    if kind == ogc.GEOJSON:
        response["Content-Crs"] = f"<{ogc.CRS84}>"
    return response


def _bad(description: str) -> HttpResponse:
    return _answer(ogc.exception("InvalidParameterValue", description), status=400)


def _format(request: HttpRequest) -> str:
    """ "html" or "json": `f` first, else what the client accepts (a browser asks for HTML)."""
    wanted = request.GET.get("f")
    if wanted is None:
        accepts = request.headers.get("Accept", "")
        return "html" if accepts.startswith("text/html") else "json"
    if wanted not in ("json", "geojson", "html"):
        raise BadParameter(_("f must be json or html."))
    return "html" if wanted == "html" else "json"


def _html_or(
    request: HttpRequest,
    document: Mapping[str, Any],
    template: str,
    context: Mapping[str, Any],
    kind: str = ogc.JSON,
) -> HttpResponse:
    try:
        fmt = _format(request)
    except BadParameter as exc:
        return _bad(str(exc))
    if fmt == "html":
        return render(request, template, {"document": document, **context})
    return _answer(document, kind)


def _whole(request: HttpRequest, name: str, default: int, lowest: int) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = lowest - 1
    if value < lowest:
        raise BadParameter(
            _("%(name)s must be a whole number of at least %(lowest)s.")
            % {"name": name, "lowest": lowest}
        )
    return value


def _bbox(request: HttpRequest) -> tuple[float, float, float, float] | None:
    raw = request.GET.get("bbox")
    crs = request.GET.get("bbox-crs", ogc.CRS84)
    if crs != ogc.CRS84:
        raise BadParameter(_("bbox-crs must be %(crs)s.") % {"crs": ogc.CRS84})
    if raw is None:
        return None
    try:
        numbers = [float(part) for part in raw.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) != 4:
        raise BadParameter(
            _("bbox must be four numbers: west,south,east,north (longitude and latitude).")
        )
    west, south, east, north = numbers
    return west, south, east, north


def _moment(text: str, end: bool) -> datetime | None:
    """One end of a `datetime` interval: RFC 3339 (a date alone means its whole day), or
    `..` / empty for an open end."""
    if text in ("", ".."):
        return None
    try:
        if "T" not in text.upper():
            day = date.fromisoformat(text)
            return datetime.combine(day, time.max if end else time.min)
        found = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise BadParameter(
            _(
                "datetime must be a date or time (RFC 3339) or an interval start/end, "
                "with .. for an open end."
            )
        ) from None
    return found.astimezone(UTC).replace(tzinfo=None) if found.tzinfo else found


def _period(request: HttpRequest, layer: Layer) -> Period | None:
    raw = request.GET.get("datetime")
    if raw is None:
        return None
    column = layer.time_attribute
    if column is None:
        raise BadParameter(_("This layer has no date or time attribute to filter by datetime."))
    first, _sep, last = raw.partition("/")
    start, end = _moment(first, False), _moment(last if _sep else first, True)
    if start is not None and end is not None and start > end:
        raise BadParameter(_("datetime must start before it ends."))
    return Period(column, start, end)


def _query(request: HttpRequest, layer: Layer) -> tuple[FeatureQuery, ogc.Paging]:
    names = {name for name, _kind in layer.attributes}
    properties = {k: v for k, v in request.GET.items() if k not in RESERVED}
    unknown = sorted(set(properties) - names)
    if unknown:
        raise BadParameter(
            _("Unknown parameter %(name)s; the layer's attributes are %(names)s.")
            % {"name": unknown[0], "names": ", ".join(sorted(names))}
        )
    limit = min(_whole(request, "limit", ogc.DEFAULT_LIMIT, 1), ogc.MAX_LIMIT)
    offset = _whole(request, "offset", 0, 0)
    query = FeatureQuery(
        bbox=_bbox(request),
        properties=properties,
        limit=limit,
        offset=offset,
        period=_period(request, layer),
        raw_geometry=True,
    )
    kept = {k: v for k, v in request.GET.items() if k not in ("limit", "offset")}
    return query, ogc.Paging(limit=limit, offset=offset, query=kept)


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    return _html_or(request, ogc.landing(_url(request)), "geo/ogc_landing.html", {})


@require_GET
def conformance(request: HttpRequest) -> HttpResponse:
    return _answer(ogc.conformance())


@require_GET
def api(request: HttpRequest) -> HttpResponse:
    layers = queries.collections(access.viewer_of(request))
    return _answer(openapi.document(layers, _url(request)), ogc.OPENAPI)


@require_GET
def queryables(request: HttpRequest, slug: str) -> HttpResponse:
    return _answer(ogc.queryables(_layer(request, slug), _url(request)), ogc.SCHEMA)


def _layer(request: HttpRequest, slug: str, what: str | None = None) -> Layer:
    """The layer the viewer asked for (404 when missing or not theirs to see); a read of a
    tertutup layer's `what` (its features, a feature, a tile) is audited."""
    layer = queries.collection_or_404(access.viewer_of(request), slug)
    if what is not None and layer.dataset is not None:
        record_tertutup_read(request, layer.dataset, what, via="ogc")
    return layer


@require_GET
def collections(request: HttpRequest) -> HttpResponse:
    layers = queries.collections(access.viewer_of(request))
    document = ogc.collections(layers, _url(request), [records.collection(_url(request))])
    return _html_or(request, document, "geo/ogc_collections.html", {"layers": layers})


@require_GET
def collection(request: HttpRequest, slug: str) -> HttpResponse:
    layer = _layer(request, slug)
    document = ogc.collection(layer, _url(request))
    return _html_or(request, document, "geo/ogc_collection.html", {"layer": layer})


@require_GET
def items(request: HttpRequest, slug: str) -> HttpResponse:
    layer = _layer(request, slug, "features")
    try:
        fmt = _format(request)
        query, paging = _query(request, layer)
        page = query_features(storage.absolute(layer.parquet_path), query)
    except BadParameter as exc:
        return _bad(str(exc))
    except FeatureQueryError:
        return _bad(_("bbox must run from west to east and from south to north."))
    document = ogc.items(layer, page, paging, _url(request))
    if fmt == "json":
        return _answer(document, ogc.GEOJSON)
    return render(request, "geo/ogc_items.html", _items_context(layer, document, paging))


def _items_context(layer: Layer, document: Mapping[str, Any], paging: ogc.Paging) -> dict[str, Any]:
    names = [name for name, _kind in layer.attributes]
    links = {link["rel"]: link["href"] for link in document["links"]}

    def html(href: str | None) -> str | None:
        return f"{href}&f=html" if href else None

    return {
        "layer": layer,
        "document": document,
        "names": names,
        "rows": [
            {"id": f["id"], "values": [f["properties"].get(n) for n in names]}
            for f in document["features"]
        ],
        "first": paging.offset + 1 if document["numberReturned"] else 0,
        "last": paging.offset + document["numberReturned"],
        "geojson": links["self"],
        "next": html(links.get("next")),
        "previous": html(links.get("prev")),
    }


@require_GET
def item(request: HttpRequest, slug: str, fid: int) -> HttpResponse:
    layer = _layer(request, slug, "feature")
    found = feature(storage.absolute(layer.parquet_path), fid)
    if found is None:
        raise Http404
    document = ogc.item(layer, found, _url(request))
    context = {"layer": layer, "item": found}
    return _html_or(request, document, "geo/ogc_item.html", context, ogc.GEOJSON)


@require_GET
def tilesets(request: HttpRequest, slug: str) -> HttpResponse:
    return _answer(ogc.tilesets(_layer(request, slug), _url(request)))


@require_GET
def tileset(request: HttpRequest, slug: str) -> HttpResponse:
    layer = _layer(request, slug)
    return _answer(ogc.tileset(layer, _url(request), tiles.MIN_ZOOM, tiles.MAX_ZOOM))


@require_GET
def tile(request: HttpRequest, slug: str, z: int, y: int, x: int) -> HttpResponse:
    """`/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}`: row is y, column is x."""
    layer = _layer(request, slug, "tile")
    if not (tiles.MIN_ZOOM <= z <= tiles.MAX_ZOOM and x < 2**z and y < 2**z):
        return _answer(
            ogc.exception(
                "InvalidParameterValue",
                _("There is no tile %(z)s/%(y)s/%(x)s; zoom levels run from %(low)s to %(high)s.")
                % {"z": z, "y": y, "x": x, "low": tiles.MIN_ZOOM, "high": tiles.MAX_ZOOM},
            ),
            status=404,
        )
    columns = [name for name, _kind in layer.attributes]
    data = tiles.layer_tile(layer.parquet_path, layer.checksum, layer.slug, columns, z, x, y)
    if not data:
        return HttpResponse(status=204)
    response = HttpResponse(data, content_type=ogc.MVT)
    public = layer.dataset is None or layer.dataset.access_level == "terbuka"
    response["Cache-Control"] = f"{'public' if public else 'private'}, max-age=3600"
    response["ETag"] = f'"{layer.checksum[:16]}-{z}-{x}-{y}"'
    return response


def _portal(request: HttpRequest, name: str, *args: str) -> HttpResponse | None:
    """The catalogue's HTML form is the portal itself: a request for HTML goes there."""
    try:
        fmt = _format(request)
    except BadParameter as exc:
        return _bad(str(exc))
    if fmt != "html":
        return None
    query = {k: v for k, v in request.GET.items() if k in ("q", "organisation", "topic")}
    target = reverse(name, args=args)
    return redirect(f"{target}?{urlencode(query)}" if query else target)


@require_GET
def records_collection(request: HttpRequest) -> HttpResponse:
    return _portal(request, "portal:dataset_list") or _answer(records.collection(_url(request)))


@require_GET
def record_items(request: HttpRequest) -> HttpResponse:
    """Records found by `q` (and the portal's facets: organisation, topic, year …), paged by
    `limit` (at most 100) and `offset` (a multiple of `limit`)."""
    elsewhere = _portal(request, "portal:dataset_list")
    if elsewhere is not None:
        return elsewhere
    viewer = access.viewer_of(request)
    try:
        limit = min(_whole(request, "limit", ogc.DEFAULT_LIMIT, 1), MAX_PER_PAGE)
        offset = _whole(request, "offset", 0, 0)
        if offset % limit:
            raise BadParameter(
                _("offset must be a multiple of limit (%(limit)s).") % {"limit": limit}
            )
    except BadParameter as exc:
        return _bad(str(exc))
    params = replace(params_from_query(request.GET), page=offset // limit + 1, per_page=limit)
    result = search(viewer, params, facets=())
    record_tertutup_listing(request, result.datasets, "search", via="ogc", q=params.q)
    base = _url(request)("geo:record_items")
    kept = {k: v for k, v in request.GET.items() if k not in ("limit", "offset")}

    def at(start: int) -> str:
        return f"{base}?{urlencode({**kept, 'limit': limit, 'offset': start})}"

    document = records.items(result, offset, limit, at, _url(request))
    return _answer(document, ogc.GEOJSON)


@require_GET
def record_item(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = access.viewer_of(request)
    dataset = access.public_datasets(viewer).filter(slug=slug).first()
    if dataset is None:
        raise Http404
    elsewhere = _portal(request, "portal:dataset", dataset.slug)
    if elsewhere is not None:
        return elsewhere
    record_tertutup_read(request, dataset, "record", via="ogc")
    return _answer(records.record(dataset, _url(request)), ogc.GEOJSON)
