"""Public pages of the kode wilayah registry; each also as `.json` and `.csv`."""

from dataclasses import asdict

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from satudata.apps.portal import formats
from satudata.apps.registry import queries
from satudata.apps.registry.loader import LEVELS
from satudata.platform.access import viewer_of

AREA_COLUMNS = (
    "kode",
    "nama",
    "level",
    "jenis",
    "parent",
    "lat",
    "lng",
    "current",
    "valid_until",
    "replaced_by",
    "child_count",
    "url",
)
FOUND_COLUMNS = ("kode", "nama", "level", "parent", "score", "current")
MAX_QUERY = 100


def wilayah_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    provinces = list(queries.children(None))
    return formats.respond(
        fmt,
        html=lambda: render(request, "registry/wilayah_list.html", {"provinces": provinces}),
        data=lambda: {"wilayah": [queries.area_dict(p) for p in provinces]},
        rows=lambda: (queries.area_dict(p) for p in provinces),
        columns=AREA_COLUMNS,
        filename="wilayah",
    )


def wilayah_search(request: HttpRequest, fmt: str = "") -> HttpResponse:
    text = request.GET.get("q", "").strip()[:MAX_QUERY]
    level = request.GET.get("level") or None
    if level not in LEVELS:
        level = None
    found = [asdict(s) for s in queries.search(text, level=level)] if text else []
    return formats.respond(
        fmt,
        html=lambda: render(
            request,
            "registry/wilayah_search.html",
            {"q": text, "level": level or "", "found": found, "levels": LEVELS},
        ),
        data=lambda: {"q": text, "level": level, "results": found},
        rows=lambda: found,
        columns=FOUND_COLUMNS,
        filename="wilayah-cari",
    )


def wilayah_detail(request: HttpRequest, kode: str, fmt: str = "") -> HttpResponse:
    area = queries.get(kode)
    if area is None:
        raise Http404
    children = list(queries.children(area.kode, current=False))
    changes = list(queries.history(area.kode))
    datasets = list(queries.datasets_covering(viewer_of(request), area)[:50])
    current_children = sum(1 for child in children if child.is_current)
    document = queries.area_dict(area, child_count=current_children)

    def data() -> dict:
        return {
            "wilayah": document,
            "children": [queries.area_dict(c) for c in children],
            "history": [queries.change_dict(c) for c in changes],
            "datasets": [
                {"slug": d.slug, "title": d.title, "url": d.get_absolute_url()} for d in datasets
            ],
        }

    return formats.respond(
        fmt,
        html=lambda: render(
            request,
            "registry/wilayah_detail.html",
            {
                "area": area,
                "ancestors": queries.ancestors(area),
                "children": children,
                "current_children": current_children,
                "changes": changes,
                "datasets": datasets,
            },
        ),
        data=data,
        rows=lambda: [queries.area_dict(c) for c in children],
        columns=AREA_COLUMNS,
        filename=f"wilayah-{area.kode}",
    )
