"""Harvesting a CKAN 2.9+ portal through its Action API (`package_search`), incrementally by
`metadata_modified`."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from django.utils.translation import gettext as _

from satudata.apps.harvest import client
from satudata.apps.harvest.records import (
    HarvestError,
    RecordProblem,
    RemoteRecord,
    RemoteResource,
    clean_url,
    parse_time,
)

PAGE_ROWS = 100
ID_PAGE_ROWS = 1000
MAX_PAGES = 10_000


def api_base(url: str) -> str:
    """The Action API address of a portal given its home page or its API address."""
    base = url.strip()
    marker = "/api/3/action"
    if marker in base:
        return base[: base.index(marker) + len(marker)] + "/"
    return base.rstrip("/") + marker + "/"


def portal_base(url: str) -> str:
    return api_base(url)[: -len("api/3/action/")]


def solr_time(moment: datetime) -> str:
    """A Solr date, truncated to the millisecond (the range stays inclusive)."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def _call(url: str, action: str, params: dict[str, str]) -> dict[str, Any]:
    fetched = client.fetch(urljoin(api_base(url), action), params=params, accept="application/json")
    try:
        answer = json.loads(fetched.body)
    except ValueError as exc:
        raise HarvestError(
            _("%(url)s did not answer with JSON: is it a CKAN portal?") % {"url": fetched.url}
        ) from exc
    if not isinstance(answer, dict) or not answer.get("success") or "result" not in answer:
        raise HarvestError(
            _("%(url)s answered with an error: %(error)s")
            % {"url": fetched.url, "error": str(answer.get("error", ""))[:300]}
            if isinstance(answer, dict)
            else _("%(url)s did not answer like a CKAN portal.") % {"url": fetched.url}
        )
    result = answer["result"]
    if not isinstance(result, dict) or not isinstance(result.get("results"), list):
        raise HarvestError(_("%(url)s did not answer like a CKAN portal.") % {"url": fetched.url})
    return result


def _search_pages(url: str, params: dict[str, str], rows: int) -> Iterator[list[Any]]:
    start = 0
    for _page in range(MAX_PAGES):
        result = _call(url, "package_search", {**params, "rows": str(rows), "start": str(start)})
        results = result["results"]
        if not results:
            return
        yield results
        start += len(results)
        count = result.get("count")
        if isinstance(count, int) and start >= count:
            return


def _sorted_pages(url: str, params: dict[str, str], rows: int) -> Iterator[list[Any]]:
    """Pages oldest first; portals that refuse that sort are read newest first."""
    pages = _search_pages(url, {**params, "sort": "metadata_modified asc"}, rows)
    try:
        first = next(pages, None)
    except HarvestError as exc:
        if exc.status != 400:
            raise
        pages = _search_pages(url, {**params, "sort": "metadata_modified desc"}, rows)
        first = next(pages, None)
    if first is not None:
        yield first
        yield from pages


def iter_records(url: str, since: datetime | None) -> Iterator[RemoteRecord | RecordProblem]:
    params = {"q": "*:*"}
    if since is not None:
        params["fq"] = f"metadata_modified:[{solr_time(since)} TO *]"
    portal = portal_base(url)
    for page in _sorted_pages(url, params, PAGE_ROWS):
        for package in page:
            yield read_package(package, portal)


def remote_ids(url: str) -> set[str]:
    """The ids of every public package the portal lists now (to find deletions)."""
    found: set[str] = set()
    for page in _sorted_pages(url, {"q": "*:*", "fl": "id,name"}, ID_PAGE_ROWS):
        found.update(str(p["id"]) for p in page if isinstance(p, dict) and p.get("id"))
    return found


def _names(items: object, *keys: str) -> tuple[str, ...]:
    if not isinstance(items, list):
        return ()
    names = []
    for item in items:
        if isinstance(item, dict):
            value = next((item.get(k) for k in keys if item.get(k)), "")
        else:
            value = item
        if isinstance(value, str) and value.strip():
            names.append(value.strip())
    return tuple(sorted(set(names)))


def _resources(items: object) -> tuple[RemoteResource, ...]:
    if not isinstance(items, list):
        raise ValueError(_("its resources are not a list"))
    resources = []
    for item in items:
        if not isinstance(item, dict):
            raise ValueError(_("a resource is not an object"))
        address = clean_url(item.get("url"))
        if not address:
            continue
        resources.append(
            RemoteResource(
                title=str(item.get("name") or item.get("id") or address)[:200],
                url=address,
                format=str(item.get("format") or "")[:40],
                description=str(item.get("description") or ""),
            )
        )
    return tuple(resources)


def _extras(items: object) -> dict[str, str]:
    if not isinstance(items, list):
        return {}
    return {
        str(e["key"]): str(e.get("value", ""))
        for e in items
        if isinstance(e, dict) and isinstance(e.get("key"), str)
    }


def read_package(package: Any, portal: str) -> RemoteRecord | RecordProblem:
    """One CKAN package dict as a record, or the reason it cannot be read."""
    if not isinstance(package, dict):
        return RecordProblem("", "", _("The portal sent something that is not a package."))
    remote_id = str(package.get("id") or "")
    name = str(package.get("name") or "")
    if not remote_id or not name:
        return RecordProblem(remote_id, name, _("The package has no id or no name."))
    try:
        organisation = package.get("organization") or {}
        if not isinstance(organisation, dict):
            raise ValueError(_("its organization is not an object"))
        return RemoteRecord(
            remote_id=remote_id,
            name=name,
            title=str(package.get("title") or name),
            description=str(package.get("notes") or ""),
            organisation=str(organisation.get("name") or ""),
            tags=_names(package.get("tags"), "name", "display_name"),
            themes=_names(package.get("groups"), "title", "display_name", "name"),
            resources=_resources(package.get("resources") or []),
            landing_page=urljoin(portal, f"dataset/{name}"),
            licence=str(package.get("license_id") or ""),
            modified=parse_time(package.get("metadata_modified")),
            public=not package.get("private") and package.get("state", "active") == "active",
            extras=_extras(package.get("extras")),
        )
    except ValueError as exc:
        return RecordProblem(
            remote_id, name, _("The package could not be read: %(error)s") % {"error": exc}
        )
