"""package_search through the catalog search (`satudata.apps.search.queries.search`): CKAN's
parameters become `SearchParams`, `start`/`rows` become pages, the facet counts become CKAN's
`facets` and `search_facets`. Only what the viewer may see is ever counted or listed."""

from dataclasses import replace
from typing import Any

from django.utils.translation import gettext as _

from satudata.apps.catalog.queries import visible_datasets
from satudata.apps.interop.ckan import dicts, ids, query
from satudata.apps.interop.ckan.errors import Invalid, SearchQueryError
from satudata.apps.interop.ckan.params import Params
from satudata.apps.search.queries import MAX_QUERY, SearchParams, SearchResult, search
from satudata.platform.access import Viewer

DEFAULT_ROWS, MAX_ROWS = 10, 1000
MAX_START = 10**9
DEFAULT_FACET_LIMIT = 50
DEFAULT_SORT = "score desc, metadata_modified desc"
FACETS = {
    "organization": "organisation",
    "groups": "topic",
    "tags": "tag",
    "res_format": "format",
    "prioritas_tahun": "prioritas",
    "level_penyajian": "level",
    "tahun": "year",
    "tingkat_akses": "access",
    "status_pemutakhiran": "status",
    "license_id": "licence",
}
SORTS = {
    ("metadata_modified", "desc"): "modified",
    ("metadata_modified", "asc"): "modified_oldest",
    ("title_string", "asc"): "title",
    ("title", "asc"): "title",
    ("name", "asc"): "title",
    ("id", "asc"): "title",
    ("views_recent", "desc"): "most_used",
    ("views_total", "desc"): "most_used",
}
PRIVATE = ("terbatas", "tertutup")


def sort_of(text: str, has_words: bool) -> str:
    """The catalog search's sort for a CKAN sort such as `metadata_modified desc`."""
    keys = []
    for part in text.split(","):
        words = part.split()
        if not words:
            continue
        if len(words) > 2 or (len(words) == 2 and words[1].lower() not in ("asc", "desc")):
            raise SearchQueryError(_("cannot read the sort %(value)s") % {"value": part.strip()})
        keys.append((words[0], words[1].lower() if len(words) == 2 else "asc"))
    if not keys or keys[0] == ("score", "desc"):
        rest = keys[1:2]
        if has_words:
            return "relevance"
        return SORTS[rest[0]] if rest and rest[0] in SORTS else "modified"
    if keys[0] in SORTS:
        return SORTS[keys[0]]
    supported = (
        "score desc, metadata_modified desc, metadata_modified asc, title_string asc, name asc, "
        "views_recent desc"
    )
    raise SearchQueryError(
        _("the sort %(value)s is not supported; use one of: %(supported)s")
        % {"value": text, "supported": supported}
    )


def _values(name: str, values: tuple[str, ...]) -> tuple[Any, ...]:
    if name in query.NUMERIC:
        if not all(v.isdigit() and len(v) <= 4 for v in values):
            raise SearchQueryError(_("%(field)s takes years such as 2024") % {"field": name})
        return tuple(sorted({int(v) for v in values}))
    if name == "format":
        return tuple(sorted({v.lower() for v in values}))
    if name == "licence":
        return tuple(sorted({ours for v in values for ours in dicts.OUR_LICENCES.get(v, ())}))
    return tuple(sorted(set(values)))


def search_params(parsed: query.Parsed, include_private: bool, sort: str) -> SearchParams:
    values = {name: _values(name, found) for name, found in parsed.values.items()}
    if parsed.values.get("licence") and not values["licence"]:
        parsed.nothing = True
    access = values.pop("access", ())
    if parsed.capacity == "public" or not include_private:
        access = tuple(a for a in access if a == "terbuka") if access else ("terbuka",)
        if not access:
            parsed.nothing = True
    elif parsed.capacity == "private":
        access = tuple(a for a in access if a in PRIVATE) if access else PRIVATE
        if not access:
            parsed.nothing = True
    text = " ".join(parsed.words)
    if len(text) > MAX_QUERY:
        raise SearchQueryError(
            _("the free text is longer than %(limit)s characters") % {"limit": MAX_QUERY}
        )
    return SearchParams(
        q=text,
        access=access,
        modified_from=parsed.modified_from,
        modified_to=parsed.modified_to,
        sort=sort_of(sort, bool(text.strip())),
        **values,
    )


def window(
    viewer: Viewer, params: SearchParams, start: int, rows: int, facets: list[str]
) -> tuple[SearchResult, list[Any]]:
    """The datasets `start` to `start + rows` of the search: one page when `start` is a
    multiple of `rows`, else the two pages that hold them."""
    size = max(rows, 1)
    first_page = start // size + 1
    result = search(viewer, replace(params, page=first_page, per_page=size), facets)
    found = list(result.datasets)
    skip = start % size
    if skip and rows and result.has_next:
        following = search(viewer, replace(params, page=first_page + 1, per_page=size), [])
        found += following.datasets
    return result, found[skip : skip + rows]


def facet_items(result: SearchResult, name: str, limit: int, include_private: bool) -> list[dict]:
    ours = FACETS.get(name)
    facet = next((f for f in result.facets if f.name == ours), None)
    if facet is None:
        return []
    items = [
        {
            "name": v.value.upper() if ours == "format" else v.value,
            "display_name": v.label,
            "count": v.count,
        }
        for v in facet.values
        if v.count > 0 and (ours != "access" or include_private or v.value == "terbuka")
    ]
    if ours == "licence":
        items = _licence_items(items)
    items.sort(key=lambda item: (-item["count"], str(item["name"]).lower()))
    return items if limit < 0 else items[:limit]


def _licence_items(items: list[dict]) -> list[dict]:
    """Licence counts under CKAN's licence ids; ours that share an id are counted together."""
    merged: dict[str, dict] = {}
    for item in items:
        ckan_id = dicts.CKAN_LICENCES[item["name"]][0]
        if ckan_id in merged:
            merged[ckan_id]["count"] += item["count"]
            continue
        label = _("Other (not open)") if ckan_id == dicts.NOT_OPEN else item["display_name"]
        merged[ckan_id] = {"name": ckan_id, "display_name": str(label), "count": item["count"]}
    return list(merged.values())


def _identity(viewer: Viewer, parsed: query.Parsed, params: SearchParams) -> list[Any]:
    """`name:` or `id:` names one dataset: it alone, when visible and matching the access."""
    if parsed.values or parsed.words or parsed.modified_from or parsed.modified_to:
        raise SearchQueryError(_("name: and id: cannot be combined with other conditions"))
    found = visible_datasets(viewer)
    if "name" in parsed.identity:
        found = found.filter(slug=parsed.identity["name"])
    if "id" in parsed.identity:
        ref = ids.parse(parsed.identity["id"])
        if ref is None or ref.kind != ids.Kind.PACKAGE:
            return []
        found = found.filter(pk=ref.key)
    return list(found.filter(access_level__in=params.access or ("terbuka", *PRIVATE))[:1])


def package_search(viewer: Viewer, params: Params) -> tuple[dict[str, Any], list[Any]]:
    """The CKAN answer, and the datasets it lists (for the audit of tertutup reads)."""
    rows = params.integer("rows", DEFAULT_ROWS, 0, MAX_ROWS)
    start = params.integer("start", 0, 0, MAX_START)
    include_private = params.boolean("include_private")
    facet_limit = params.integer("facet.limit", DEFAULT_FACET_LIMIT, -1, 1000)
    facet_fields = params.text_list("facet.field", limit=20)
    sort = params.text("sort", DEFAULT_SORT, 200) or DEFAULT_SORT
    parsed = query.Parsed()
    query.read(parsed, params.text("q", "", 1000), free_text=True)
    fq = params.raw("fq_list") or []
    if not isinstance(fq, list):
        raise Invalid("fq_list", _("Must be a list of strings"))
    for text in [params.text("fq", "", 2000), *[str(item) for item in fq[:20]]]:
        query.read(parsed, text, free_text=False)
    search_with = search_params(parsed, include_private, sort)
    asked = [FACETS[name] for name in facet_fields if name in FACETS]
    if parsed.nothing:
        datasets, result = [], None
    elif parsed.identity:
        datasets, result = _identity(viewer, parsed, search_with), None
    else:
        result, datasets = window(viewer, search_with, start, rows, asked)
    count = result.total if result is not None else len(datasets)
    facets = {}
    search_facets = {}
    for name in facet_fields:
        items = facet_items(result, name, facet_limit, include_private) if result else []
        facets[name] = {item["name"]: item["count"] for item in items}
        search_facets[name] = {"title": name, "items": items}
    found = {
        "count": count,
        "sort": sort,
        "facets": facets,
        "search_facets": search_facets,
        "results": dicts.package_dicts(viewer, datasets),
    }
    return found, datasets
