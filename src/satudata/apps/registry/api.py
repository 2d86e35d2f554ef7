"""API of the kode wilayah registry: areas by code, their children and history, and a search by
name that tolerates typos."""

from dataclasses import asdict
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from satudata.apps.registry import queries
from satudata.apps.registry.models import Wilayah
from satudata.apps.registry.schemas import (
    ChangeOut,
    SuggestionPage,
    WilayahOut,
    WilayahPage,
)
from satudata.platform.api import NO_CONTROL, Limit, Offset, errors, paged

router = Router(tags=["wilayah"])

KODE_PATTERN = r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"
Kode = Annotated[
    str, Path(pattern=KODE_PATTERN, max_length=13, description="Kode wilayah, e.g. 36.71.01")
]
Level = Literal["provinsi", "kabkota", "kecamatan", "desa"]
Within = Annotated[
    str | None,
    Query(pattern=KODE_PATTERN, max_length=13, description="An ancestor code, e.g. 36.71."),
]
Current = Annotated[bool, Query(description="Only codes still valid (false: retired ones too).")]


def _area(kode: str) -> Wilayah:
    area = queries.get(kode)
    if area is None:
        raise Http404
    return area


@router.get("/wilayah", response={200: WilayahPage, **errors(422)})
def list_wilayah(
    request: HttpRequest,
    level: Level | None = None,
    parent: Within = None,
    current: Current = True,
    offset: Offset = 0,
    limit: Limit = 50,
) -> dict[str, Any]:
    """The provinsi; or the areas directly under `parent`; or every area of `level` (under
    `parent` when given), each with the number of its current children."""
    rows = queries.children(parent, level=level, current=current)
    return paged(request, rows, offset, limit, queries.area_dict)


@router.get("/wilayah/search", response={200: SuggestionPage, **errors(422)})
def search_wilayah(
    request: HttpRequest,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=100,
            pattern=NO_CONTROL,
            description="A name (typos allowed, 'Kel.', 'Kota' … ignored) or a code.",
        ),
    ],
    level: Level | None = None,
    within: Within = None,
    current: Current = True,
    offset: Offset = 0,
    limit: Limit = 20,
) -> dict[str, Any]:
    """Areas whose name is closest to `q`, best first, with a score from 0 to 1."""
    found = queries.search(q, level=level, within=within, current=current)
    return paged(request, found, offset, limit, asdict)


@router.get("/wilayah/{kode}", response={200: WilayahOut, **errors(404, 422)})
def get_wilayah(request: HttpRequest, kode: Kode) -> dict[str, Any]:
    """One area, current or retired (then with `valid_until` and maybe `replaced_by`)."""
    area = _area(kode)
    return queries.area_dict(area, child_count=area.children.filter(valid_until=None).count())


@router.get("/wilayah/{kode}/children", response={200: WilayahPage, **errors(404, 422)})
def list_children(
    request: HttpRequest,
    kode: Kode,
    current: Current = True,
    offset: Offset = 0,
    limit: Limit = 50,
) -> dict[str, Any]:
    """The areas directly under the area."""
    area = _area(kode)
    return paged(
        request, queries.children(area.kode, current=current), offset, limit, queries.area_dict
    )


@router.get("/wilayah/{kode}/history", response={200: list[ChangeOut], **errors(404, 422)})
def wilayah_history(request: HttpRequest, kode: Kode) -> list[dict[str, Any]]:
    """The decrees' changes that touched the code (renamed, split, merged, moved, retired …)."""
    _area(kode)
    return [queries.change_dict(change) for change in queries.history(kode)]
