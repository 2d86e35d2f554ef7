"""The public catalogue of kegiatan statistik: published kegiatan, their MS-Keg, the variables
and indicators marked for public access, and the datasets the visitor may see (`.json` too)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from satudata.apps.portal.views.common import paginate
from satudata.apps.statistics import documents, queries
from satudata.platform import access


def filters_of(request: HttpRequest) -> queries.Filters:
    year = request.GET.get("tahun", "")
    return queries.Filters(
        organisasi=request.GET.get("organisasi", "")[:120],
        tahun=int(year) if year.isdigit() and len(year) == 4 else None,
        romantik=request.GET.get("romantik", "")[:30],
        q=request.GET.get("q", "").strip()[:100],
    )


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    viewer = access.viewer_of(request)
    base = queries.published(viewer)
    filters = filters_of(request)
    context = {
        "page": paginate(request, queries.filtered(base, filters)),
        "filters": filters,
        "organisations": queries.organisations_of(base),
        "years": queries.years_of(base),
    }
    return render(request, "statistics/public_list.html", context)


@require_GET
def public_detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = access.viewer_of(request)
    kegiatan = queries.kegiatan_or_404(viewer, slug)
    return render(request, "statistics/public_detail.html", queries.page_of(viewer, kegiatan))


@require_GET
def public_json(request: HttpRequest, slug: str) -> JsonResponse:
    viewer = access.viewer_of(request)
    kegiatan = queries.kegiatan_or_404(viewer, slug)
    return JsonResponse(
        documents.detail(viewer, kegiatan), json_dumps_params={"ensure_ascii": False}
    )
