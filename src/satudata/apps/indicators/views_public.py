"""Public pages of indicators: the list with the latest value of each, and an indicator's page
with its chart, ranking and map; its values as `.json`, `.csv` and `.xlsx`."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from satudata.apps.indicators import documents, exports, pages, queries
from satudata.apps.portal import formats
from satudata.apps.portal.views.common import paginate
from satudata.platform import access


def filters_of(request: HttpRequest) -> queries.Filters:
    return queries.Filters(
        organisasi=request.GET.get("organisasi", "")[:120],
        q=request.GET.get("q", "").strip()[:100],
    )


def choice_of(request: HttpRequest) -> pages.Choice:
    classes = request.GET.get("classes", "")
    return pages.Choice(
        level=request.GET.get("tingkat", "")[:12],
        period=request.GET.get("periode", "")[:20],
        method=request.GET.get("method", "")[:20],
        classes=min(max(int(classes), 2), 9) if classes.isdigit() else 5,
    )


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    viewer = access.viewer_of(request)
    base = queries.published(viewer)
    filters = filters_of(request)
    page = paginate(request, queries.filtered(base, filters))
    context = {
        "page": page,
        "summaries": queries.summaries(list(page.object_list)),
        "filters": filters,
        "organisations": queries.organisations_of(base),
    }
    return render(request, "indicators/public_list.html", context)


@require_GET
def public_detail(request: HttpRequest, slug: str, fmt: str = "") -> HttpResponse:
    viewer = access.viewer_of(request)
    indicator = queries.indicator_or_404(viewer, slug)
    return formats.respond(
        fmt,
        html=lambda: render(
            request,
            "indicators/public_detail.html",
            pages.context(viewer, indicator, choice_of(request)),
        ),
        data=lambda: documents.detail(viewer, indicator),
        rows=lambda: queries.rows(indicator),
        columns=queries.COLUMNS,
        filename=indicator.slug,
    )


@require_GET
def public_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = access.viewer_of(request)
    indicator = queries.indicator_or_404(viewer, slug)
    response = HttpResponse(
        exports.values_xlsx(indicator),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{indicator.slug}.xlsx"'
    return response
