"""API: kegiatan statistik with their MS-Keg, variables and indicators, under the same access
rules as the pages (hidden kegiatan are 404; only public variables and indicators for others)."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router

from satudata.apps.statistics import documents, queries
from satudata.apps.statistics.models import RomantikStatus
from satudata.apps.statistics.schemas import KegiatanDetail, KegiatanPage
from satudata.platform.api import NO_CONTROL, Limit, Offset, Slug, api_viewer, errors, paged

router = Router(tags=["statistics"])

Organisasi = Annotated[
    str, Query(max_length=120, pattern=r"^[-a-zA-Z0-9_]*$", description="An OPD's slug.")
]
Tahun = Annotated[int | None, Query(ge=1945, le=2100, description="The kegiatan's year.")]
Romantik = Annotated[
    str,
    Query(
        pattern=f"^({'|'.join([queries.NO_REQUEST, *RomantikStatus.values])})?$",
        description="A Romantik status, or belum_diajukan for surveys without a request.",
    ),
]
Search = Annotated[str, Query(max_length=100, pattern=NO_CONTROL, description="Part of the title.")]


@router.get("/statistik/kegiatan", response={200: KegiatanPage, **errors(422)})
def list_kegiatan(
    request: HttpRequest,
    organisasi: Organisasi = "",
    tahun: Tahun = None,
    romantik: Romantik = "",
    q: Search = "",
    offset: Offset = 0,
    limit: Limit = 20,
) -> dict[str, Any]:
    """Kegiatan statistik you may see: published ones, and your OPD's (all for the walidata
    and the pembina), with their Romantik status and GSBPM progress."""
    filters = queries.Filters(organisasi=organisasi, tahun=tahun, romantik=romantik, q=q)
    items = queries.filtered(queries.visible(api_viewer(request)), filters)
    return paged(request, items, offset, limit, documents.summary)


@router.get("/statistik/kegiatan/{slug}", response={200: KegiatanDetail, **errors(404, 422)})
def get_kegiatan(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    """One kegiatan with its MS-Keg, the variables (MS-Var) and indicators (MS-Ind) you may
    see, its Romantik recommendation, GSBPM progress and the linked datasets you may see."""
    viewer = api_viewer(request)
    return documents.detail(viewer, queries.kegiatan_or_404(viewer, slug))
