"""The read actions of the CKAN Action API. Each takes the request, the viewer and the call's
parameters and returns the `result` of CKAN's envelope, or raises a `CkanError`. Every dataset
comes through the access gate (`visible_datasets`, `access.versions`, `access.attachments`);
what the viewer may not see is "Not Found", whether it exists or not."""

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from satudata.apps.catalog.models import Dataset, Tag
from satudata.apps.catalog.queries import visible_datasets
from satudata.apps.interop.ckan import datastore, dicts, ids, search
from satudata.apps.interop.ckan.errors import Invalid, NotFound
from satudata.apps.interop.ckan.help import HELP
from satudata.apps.interop.ckan.params import Params
from satudata.apps.portal import queries as portal
from satudata.apps.portal.views.common import record_tertutup_listing, record_tertutup_read
from satudata.apps.search.queries import SearchParams
from satudata.platform import access
from satudata.platform.access import Viewer

CKAN_VERSION = "2.10.4"
MAX_LIST = 100_000
MAX_GROUPS = 1000
MAX_MEMBER_DATASETS = 1000
GROUP_SORTS = {"name": "slug", "title": "name", "package_count": "dataset_count"}

Handler = Callable[[HttpRequest, Viewer, Params], Any]


def _dataset(viewer: Viewer, key: str) -> Dataset:
    """A published dataset the viewer may see, by name (slug) or id."""
    found = visible_datasets(viewer)
    ref = ids.parse(key)
    if ref is not None and ref.kind == ids.Kind.PACKAGE:
        dataset = found.filter(pk=ref.key).first()
    else:
        dataset = found.filter(slug=key).first()
    if dataset is None:
        raise NotFound()
    return dataset


def _key(params: Params) -> str:
    key = params.text("id", "", 200).strip() or params.text("name", "", 200).strip()
    if not key:
        raise Invalid("id", _("Missing value"))
    return key


def package_show(request: HttpRequest, viewer: Viewer, params: Params) -> Any:
    dataset = _dataset(viewer, _key(params))
    record_tertutup_read(request, dataset, "ckan-package")
    return dicts.package_dicts(viewer, [dataset])[0]


def package_list(request: HttpRequest, viewer: Viewer, params: Params) -> Any:
    limit = params.integer("limit", MAX_LIST, 0, MAX_LIST)
    offset = params.integer("offset", 0, 0, 10**9)
    names = access.public_datasets(viewer).order_by("slug").values_list("slug", flat=True)
    return list(names[offset : offset + limit])


def package_search(request: HttpRequest, viewer: Viewer, params: Params) -> Any:
    found, datasets = search.package_search(viewer, params)
    record_tertutup_listing(request, datasets, "ckan-search", q=params.text("q", "", 1000))
    return found


def current_package_list_with_resources(
    request: HttpRequest, viewer: Viewer, params: Params
) -> Any:
    limit = params.integer("limit", search.DEFAULT_ROWS, 0, search.MAX_ROWS)
    offset = params.integer("offset", 0, 0, search.MAX_START)
    wanted = SearchParams(access=("terbuka",), sort="modified")
    _result, datasets = search.window(viewer, wanted, offset, limit, [])
    return dicts.package_dicts(viewer, datasets)


def _groups(
    rows: QuerySet, params: Params, to_dict: Callable[[Any, int], dict[str, Any]], name: str
) -> Any:
    sort = params.text("sort", "name asc", 50).split()
    field = GROUP_SORTS.get(sort[0] if sort else "name")
    if field is None or (len(sort) > 1 and sort[1].lower() not in ("asc", "desc")):
        raise Invalid("sort", _("Sort by name, title or package_count, asc or desc"))
    descending = len(sort) > 1 and sort[1].lower() == "desc"
    rows = rows.order_by(f"{'-' if descending else ''}{field}", "slug")
    chosen = params.text_list(name, limit=MAX_GROUPS)
    if chosen:
        rows = rows.filter(slug__in=chosen)
    if q := params.text("q", "", 100).strip():
        rows = rows.filter(name__icontains=q) | rows.filter(slug__icontains=q)
    limit = params.integer("limit", MAX_GROUPS, 0, MAX_GROUPS)
    offset = params.integer("offset", 0, 0, 10**9)
    page = list(rows[offset : offset + limit])
    if not params.boolean("all_fields"):
        return [row.slug for row in page]
    counted = params.boolean("include_dataset_count", True)
    return [to_dict(row, row.dataset_count if counted else None) for row in page]


def organization_list(request: HttpRequest, viewer: Viewer, params: Params) -> Any:
    rows = portal.organisations_with_counts(viewer)
    return _groups(rows, params, dicts.organization_dict, "organizations")


def group_list(request: HttpRequest, viewer: Viewer, params: Params) -> Any:
    return _groups(portal.topics_with_counts(viewer), params, dicts.group_dict, "groups")


def _member(rows: QuerySet, key: str) -> Any:
    ref = ids.parse(key)
    found = rows.filter(pk=ref.key).first() if ref is not None else rows.filter(slug=key).first()
    if found is None:
        raise NotFound()
    return found


def _with_datasets(
    request: HttpRequest,
    viewer: Viewer,
    params: Params,
    found: dict[str, Any],
    **chosen: tuple[str, ...],
) -> dict[str, Any]:
    if params.boolean("include_datasets"):
        wanted = SearchParams(sort="modified", **chosen)
        _result, datasets = search.window(viewer, wanted, 0, MAX_MEMBER_DATASETS, [])
        found["packages"] = dicts.package_dicts(viewer, datasets)
        record_tertutup_listing(request, datasets, "ckan-group", group=found["name"])
    return found


def organization_show(request: HttpRequest, viewer: Viewer, params: Params) -> Any:
    org = _member(portal.organisations_with_counts(viewer), _key(params))
    found = dicts.organization_dict(org, org.dataset_count)
    return _with_datasets(request, viewer, params, found, organisation=(org.slug,))


def group_show(request: HttpRequest, viewer: Viewer, params: Params) -> Any:
    topic = _member(portal.topics_with_counts(viewer), _key(params))
    found = dicts.group_dict(topic, topic.dataset_count)
    return _with_datasets(request, viewer, params, found, topic=(topic.slug,))


def tag_list(request: HttpRequest, viewer: Viewer, params: Params) -> Any:
    visible = access.public_datasets(viewer).values("pk")
    tags = Tag.objects.filter(dataset__in=visible).distinct().order_by("name")
    if prefix := params.text("query", "", 100).strip():
        tags = tags.filter(name__istartswith=prefix)
    limit = params.integer("limit", MAX_LIST, 0, MAX_LIST)
    offset = params.integer("offset", 0, 0, 10**9)
    names = list(tags.values_list("name", flat=True)[offset : offset + limit])
    if params.boolean("all_fields"):
        return [dicts.tag_dict(name) for name in names]
    return names


def _resource(request: HttpRequest, viewer: Viewer, key: str) -> tuple[Dataset, Any, ids.Ref]:
    """The dataset, and the version or attachment, of a resource id the viewer may see."""
    ref = ids.parse(key)
    if ref is None or ref.kind not in (ids.Kind.DATA, ids.Kind.ATTACHMENT):
        raise NotFound(_("Resource was not found."))
    dataset = visible_datasets(viewer).filter(pk=ref.key).first()
    if dataset is None:
        raise NotFound(_("Resource was not found."))
    if ref.kind == ids.Kind.DATA:
        item = access.versions(viewer, dataset).filter(number=ref.number).first()
        if not ref.format:
            item = None
    else:
        item = access.attachments(viewer, dataset).filter(pk=ref.number).first()
    if item is None:
        raise NotFound(_("Resource was not found."))
    return dataset, item, ref


def resource_show(request: HttpRequest, viewer: Viewer, params: Params) -> Any:
    dataset, item, ref = _resource(request, viewer, params.required("id", 100))
    record_tertutup_read(request, dataset, "ckan-resource", resource=str(ref.number))
    if ref.kind == ids.Kind.ATTACHMENT:
        return dicts.attachment_resource(dataset, item)
    return dicts.data_resources(dataset, item)[ids.FORMATS.index(ref.format)]


def _links(request: HttpRequest, params: Params, offset: int, limit: int) -> dict[str, str]:
    kept = {
        key: json.dumps(value) if isinstance(value, dict | list) else value
        for key, value in params.values.items()
        if key != "offset"
    }
    path = request.path
    return {
        "start": f"{path}?{urlencode(kept)}",
        "next": f"{path}?{urlencode({**kept, 'offset': offset + limit})}",
    }


def datastore_search(request: HttpRequest, viewer: Viewer, params: Params) -> Any:
    key = params.required("resource_id", 100)
    try:
        dataset, version, ref = _resource(request, viewer, key)
    except NotFound:
        raise NotFound(_('Resource "%(id)s" was not found.') % {"id": key}) from None
    if ref.kind != ids.Kind.DATA:
        raise NotFound(_('Resource "%(id)s" was not found.') % {"id": key})
    wanted = datastore.read_request(params, datastore.explorer.fields_of(version))
    record_tertutup_read(request, dataset, "ckan-datastore", version=version.number)
    found = datastore.search_rows(version, wanted)
    echoed = {k: params.raw(k) for k in ("filters", "q", "sort", "fields") if params.has(k)}
    return {
        "resource_id": key,
        **echoed,
        **found,
        "limit": wanted.limit,
        "offset": wanted.offset,
        "include_total": wanted.include_total,
        "records_format": wanted.records_format,
        "_links": _links(request, params, wanted.offset, wanted.limit),
    }


def status_show(request: HttpRequest, viewer: Viewer, params: Params) -> Any:
    return {
        "ckan_version": CKAN_VERSION,
        "site_title": settings.SITE_NAME,
        "site_description": "",
        "site_url": settings.SITE_URL,
        "locale_default": settings.LANGUAGE_CODE,
        "error_emails_to": None,
        "extensions": ["datastore", "satudata"],
    }


def site_read(request: HttpRequest, viewer: Viewer, params: Params) -> Any:
    return True


def help_show(request: HttpRequest, viewer: Viewer, params: Params) -> Any:
    name = params.required("name", 100)
    if name not in HELP:
        raise NotFound(_("Action function not found"))
    return str(HELP[name])


ACTIONS: dict[str, Handler] = {
    "package_list": package_list,
    "package_search": package_search,
    "package_show": package_show,
    "current_package_list_with_resources": current_package_list_with_resources,
    "organization_list": organization_list,
    "organization_show": organization_show,
    "group_list": group_list,
    "group_show": group_show,
    "tag_list": tag_list,
    "resource_show": resource_show,
    "datastore_search": datastore_search,
    "status_show": status_show,
    "site_read": site_read,
    "help_show": help_show,
}


def help_url(request: HttpRequest, name: str) -> str:
    path = reverse("interop:ckan_action", args=["help_show"])
    return request.build_absolute_uri(f"{path}?{urlencode({'name': name})}")
