"""Helpers shared by the page views: the viewer, audit of tertutup reads, pages of results,
and the one 403 page."""

from collections.abc import Iterable
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from satudata.apps.catalog.models import Dataset
from satudata.platform import access, audit

PAGE_SIZE = 20


def client_ip(request: HttpRequest) -> str:
    return audit.client_ip(request)


def record_tertutup_read(request: HttpRequest, dataset: Dataset, what: str, **detail: Any) -> None:
    """Every read of a tertutup dataset's page, version or file leaves an audit entry, and so
    does every read the pembina makes of a Data Prioritas it reviews."""
    if access.read_is_audited(access.viewer_of(request), dataset):
        audit.record(
            "dataset.read",
            actor=request.user,
            obj=dataset,
            detail={"what": what, **detail},
            ip=client_ip(request),
        )


def record_tertutup_listing(
    request: HttpRequest, datasets: Iterable[Dataset], what: str, **detail: Any
) -> None:
    """A list that shows tertutup datasets (search results, `.json` and `.csv` lists, API and
    CKAN searches) leaves one `dataset.read` entry for each of them on the page it returns."""
    viewer = access.viewer_of(request)
    read = [d for d in datasets if access.read_is_audited(viewer, d)]
    audit.record_many(
        "dataset.read",
        read,
        actor=request.user,
        detail={"what": what, **detail},
        ip=client_ip(request),
    )


def form_data(request: HttpRequest) -> dict[str, Any]:
    """Binds a form to a POST, even an empty one; leaves it unbound on GET."""
    if request.method == "POST":
        return {"data": request.POST, "files": request.FILES}
    return {}


def paginate(request: HttpRequest, queryset: QuerySet, size: int = PAGE_SIZE) -> Page:
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    """The user can see the object but may not do this: say so plainly."""
    return render(request, "403.html", {"message": message}, status=403)
