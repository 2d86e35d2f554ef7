"""The DCAT-AP catalogue (`/catalog.jsonld|ttl|rdf`, paged) and one dataset's description
(`/dataset/<slug>/dcat.jsonld|ttl|rdf`), with ETag / Last-Modified."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse

from satudata.apps.interop.dcat import clients, graph, links, params, queries, rdf
from satudata.apps.portal.views.common import record_tertutup_read
from satudata.platform import http
from satudata.platform.access import Viewer


def _scope(viewer: Viewer) -> tuple[object, ...]:
    return (viewer.organisation_id, viewer.sees_terbatas, viewer.is_walidata, viewer.is_pembina)


def _paging(fmt: str, asked: params.CatalogParams, last_page: int) -> graph.PageLinks:
    base = links.absolute(reverse(f"interop:dcat_catalog_{fmt}"))

    def at(page: int) -> str:
        return f"{base}?{asked.query(page)}"

    return graph.PageLinks(
        current=at(asked.page),
        first=at(1),
        last=at(last_page),
        next=at(asked.page + 1) if asked.page < last_page else None,
        previous=at(asked.page - 1) if asked.page > 1 else None,
    )


def catalog(request: HttpRequest, fmt: str) -> HttpResponseBase:
    viewer = clients.viewer(request)
    if viewer is None:
        return clients.bad_token()
    try:
        asked = params.parse(request.GET)
    except params.ParamError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    found = queries.summary(viewer, asked.since)
    last_page = found.last_page(asked.per_page)
    if asked.page > last_page:
        raise Http404
    tags = http.validators(
        "dcat-catalog",
        fmt,
        request.LANGUAGE_CODE,
        *_scope(viewer),
        asked.query(asked.page),
        found.total,
        found.modified.isoformat() if found.modified else "",
        last_modified=found.modified,
    )
    unchanged = http.not_modified(request, tags)
    if unchanged is not None:
        return unchanged
    page = queries.catalog_page(
        viewer, found, page=asked.page, per_page=asked.per_page, since=asked.since
    )
    described = graph.catalog_graph(page, _paging(fmt, asked, last_page))
    return http.stamp(rdf.response(described, fmt), tags)


def dataset(request: HttpRequest, slug: str, fmt: str) -> HttpResponseBase:
    viewer = clients.viewer(request)
    if viewer is None:
        return clients.bad_token()
    found = queries.published_dataset(viewer, slug)
    record_tertutup_read(request, found, "dcat", format=fmt)
    published = found.published_version
    tags = http.validators(
        "dcat-dataset",
        fmt,
        request.LANGUAGE_CODE,
        found.pk,
        found.updated_at.isoformat(),
        published.checksum if published else "",
        last_modified=queries.modified(found),
    )
    unchanged = http.not_modified(request, tags)
    if unchanged is not None:
        return unchanged
    return http.stamp(rdf.response(graph.dataset_graph(found), fmt), tags)
