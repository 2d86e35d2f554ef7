"""The public page of published EPSS results: IPS, domains, aspects and predikat, no evidence."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from satudata.apps.epss import queries, reference


def public_index(request: HttpRequest) -> HttpResponse:
    results = queries.published_results()
    return render(
        request,
        "epss/public.html",
        {"results": results, "latest": results[0] if results else None},
    )


def public_year(request: HttpRequest, year: int) -> HttpResponse:
    result = queries.published_result(year)
    if result is None:
        raise Http404
    return render(
        request,
        "epss/public_year.html",
        {"result": result, "bounds": reference.predikat_bounds()},
    )
