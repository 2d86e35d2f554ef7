"""API: published indicators with their values per period and wilayah and their targets, under
the same access rules as the pages (an indicator computed from data you may not see is 404)."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router

from satudata.apps.indicators import documents, queries
from satudata.apps.indicators.models import Level
from satudata.apps.indicators.schemas import IndicatorDetail, IndicatorPage
from satudata.platform.api import NO_CONTROL, Limit, Offset, Slug, api_viewer, errors, paged

router = Router(tags=["indicators"])

Organisasi = Annotated[
    str, Query(max_length=120, pattern=r"^[-a-zA-Z0-9_]*$", description="An OPD's slug.")
]
Search = Annotated[
    str, Query(max_length=100, pattern=NO_CONTROL, description="Part of the name or description.")
]
Tingkat = Annotated[
    str,
    Query(
        pattern=f"^({'|'.join(Level.values)})?$",
        description="Only the values of this level (kota, kecamatan or kelurahan).",
    ),
]
Periode = Annotated[
    str, Query(max_length=20, pattern=NO_CONTROL, description="Only the values of this period.")
]


@router.get("/statistik/indikator", response={200: IndicatorPage, **errors(422)})
def list_indicators(
    request: HttpRequest,
    organisasi: Organisasi = "",
    q: Search = "",
    offset: Offset = 0,
    limit: Limit = 20,
) -> dict[str, Any]:
    """Published indicators you may see, with the city's latest value of each."""
    filters = queries.Filters(organisasi=organisasi, q=q)
    items = queries.filtered(queries.published(api_viewer(request)), filters)
    found = paged(request, items, offset, limit, lambda row: row)
    found["results"] = [documents.summary(s) for s in queries.summaries(found["results"])]
    return found


@router.get("/statistik/indikator/{slug}", response={200: IndicatorDetail, **errors(404, 422)})
def get_indicator(
    request: HttpRequest, slug: Slug, tingkat: Tingkat = "", periode: Periode = ""
) -> dict[str, Any]:
    """One indicator: its definition and source, MS-Ind metadata you may read, targets, and its
    values per period for the city, each kecamatan and each kelurahan."""
    viewer = api_viewer(request)
    found = documents.detail(viewer, queries.indicator_or_404(viewer, slug))
    found["nilai"] = [
        row
        for row in found["nilai"]
        if (not tingkat or row["tingkat"] == tingkat) and (not periode or row["periode"] == periode)
    ]
    return found
