"""The search result as data: the API's page of datasets with facets, and `/dataset.json`."""

from collections.abc import Callable
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Schema
from pydantic import StringConstraints

from satudata.apps.catalog.schemas import DatasetPage
from satudata.apps.search.facets import Facet
from satudata.apps.search.queries import SearchResult
from satudata.platform.api import NO_CONTROL


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    name: str
    label: str
    values: list[FacetValueOut]


class SearchPage(DatasetPage):
    page: int
    per_page: int
    facets: list[FacetOut]


MAX_VALUES = 50
MAX_PAGE = 100_000
Term = Annotated[str, StringConstraints(max_length=120, pattern=NO_CONTROL)]
Year = Annotated[int, Field(ge=1900, le=2200)]


class SearchQuery(Schema):
    """The query parameters of a catalog search (the same on the portal and in the API)."""

    q: str = Field(
        "",
        max_length=200,
        pattern=NO_CONTROL,
        description="Words to find; Indonesian stems and one typo are matched.",
    )
    organisation: list[Term] = Field(
        [], max_length=MAX_VALUES, description="Organisation slugs (any of them)."
    )
    topic: list[Term] = Field([], max_length=MAX_VALUES, description="Topic slugs (any of them).")
    year: list[Year] = Field(
        [], max_length=MAX_VALUES, description="Years the data cover (any of them)."
    )
    level: list[Term] = Field(
        [], max_length=MAX_VALUES, description="Level penyajian: kota, kecamatan, kelurahan."
    )
    access: list[Term] = Field(
        [], max_length=MAX_VALUES, description="Access levels (signed-in users only)."
    )
    format: list[Term] = Field(
        [], max_length=MAX_VALUES, description="Download formats, e.g. csv, xlsx, json, pdf."
    )
    prioritas: list[Year] = Field(
        [], max_length=MAX_VALUES, description="Data Prioritas years (any of them)."
    )
    status: list[Term] = Field(
        [], max_length=MAX_VALUES, description="Update status: tepat_waktu or terlambat."
    )
    tag: list[Term] = Field([], max_length=MAX_VALUES, description="Tags (any of them).")
    licence: list[Term] = Field(
        [],
        max_length=MAX_VALUES,
        description="Licences, e.g. cc-by-4.0, cc0-1.0, odbl-1.0, bagi-pakai (any of them).",
    )
    sort: Term = Field(
        "", description="relevance, newest, most_used, modified, modified_oldest or title."
    )
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    limit: int = Field(20, ge=1, le=100, description="Datasets per page.")


def facet_dicts(facets: list[Facet]) -> list[dict[str, Any]]:
    return [
        {
            "name": facet.name,
            "label": facet.label,
            "values": [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in facet.values
            ],
        }
        for facet in facets
    ]


def page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def search_document(
    request: HttpRequest, result: SearchResult, dataset_dict: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    """The result in the shape of `SearchPage`, with links to the next and previous pages."""
    return {
        "count": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "next": page_url(request, result.page + 1) if result.has_next else None,
        "previous": page_url(request, result.page - 1) if result.has_previous else None,
        "results": [dataset_dict(d) for d in result.datasets],
        "facets": facet_dicts(result.facets),
    }
