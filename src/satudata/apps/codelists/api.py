"""API: code lists (published versions; drafts for the walidata and the pembina) and data induk
registers with their entries, filtered by the register access rules (hidden ones are 404)."""

from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from satudata.apps.codelists import queries
from satudata.apps.codelists.schemas import (
    CodeListCodePage,
    CodeListDetail,
    CodeListPage,
    DataIndukEntry,
    DataIndukEntryPage,
    DataIndukRegister,
    DataIndukRegisterPage,
)
from satudata.apps.codelists.views.public import record_tertutup_read
from satudata.platform.api import NO_CONTROL, Limit, Offset, Slug, api_viewer, errors, paged

router = Router(tags=["codelists"])

MAX_VERSION = 2_147_483_647
Identifier = Annotated[str, Path(pattern=r"^[-A-Za-z0-9_.]+$", max_length=64)]
VersionNumber = Annotated[
    int | None,
    Query(ge=1, le=MAX_VERSION, description="A version number; the latest published when empty."),
]
Search = Annotated[
    str,
    Query(max_length=100, pattern=NO_CONTROL, description="Part of the identifier or the name."),
]
KodeWilayah = Annotated[
    str,
    Query(
        max_length=13,
        pattern=r"^[0-9.]*$",
        description="A kode wilayah: entries in that area (e.g. 36.71.01 for a kecamatan).",
    ),
]


def _code_list(request: HttpRequest, slug: str) -> Any:
    code_list = queries.get_code_list(api_viewer(request), slug)
    if code_list is None:
        raise Http404
    code_list.current = queries.latest_published(code_list)
    code_list.code_count = code_list.current.codes.count() if code_list.current else 0
    return code_list


@router.get("/codelists", response={200: CodeListPage, **errors(422)})
def list_code_lists(request: HttpRequest, offset: Offset = 0, limit: Limit = 20) -> dict[str, Any]:
    """Code lists (kode referensi) with their current version and number of codes."""
    lists = queries.code_lists_for(api_viewer(request))
    return paged(request, lists, offset, limit, queries.code_list_summary)


@router.get("/codelists/{slug}", response={200: CodeListDetail, **errors(404, 422)})
def get_code_list(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    """One code list with its versions (published ones; drafts too for its managers)."""
    code_list = _code_list(request, slug)
    versions = queries.versions_for(api_viewer(request), code_list)
    return {
        **queries.code_list_summary(code_list),
        "versions": [queries.version_summary(v) for v in versions],
    }


@router.get("/codelists/{slug}/codes", response={200: CodeListCodePage, **errors(404, 422)})
def list_codes(
    request: HttpRequest,
    slug: Slug,
    version: VersionNumber = None,
    offset: Offset = 0,
    limit: Limit = 100,
) -> dict[str, Any]:
    """The codes of a version in hierarchy order (parents before their children)."""
    code_list = _code_list(request, slug)
    versions = queries.versions_for(api_viewer(request), code_list)
    chosen = versions.filter(number=version).first() if version is not None else code_list.current
    if chosen is None:
        raise Http404
    page = paged(request, queries.code_rows(chosen), offset, limit, lambda row: row)
    return {**page, "version": chosen.number}


@router.get("/registers", response={200: DataIndukRegisterPage, **errors(422)})
def list_registers(request: HttpRequest, offset: Offset = 0, limit: Limit = 20) -> dict[str, Any]:
    """Data induk registers you may see, with their number of entries."""
    registers = queries.registers_for(api_viewer(request))
    return paged(request, registers, offset, limit, queries.register_summary)


def _register(request: HttpRequest, slug: str) -> Any:
    viewer = api_viewer(request)
    register = queries.registers_for(viewer).filter(slug=slug).first()
    if register is None:
        raise Http404
    return register


@router.get("/registers/{slug}", response={200: DataIndukRegister, **errors(404, 422)})
def get_register(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    """One register (404 when it does not exist or you may not see it)."""
    return queries.register_summary(_register(request, slug))


@router.get("/registers/{slug}/entries", response={200: DataIndukEntryPage, **errors(404, 422)})
def list_entries(
    request: HttpRequest,
    slug: Slug,
    q: Search = "",
    kode_wilayah: KodeWilayah = "",
    offset: Offset = 0,
    limit: Limit = 20,
) -> dict[str, Any]:
    """Entries of a register, searched by identifier or name and filtered by area."""
    register = _register(request, slug)
    record_tertutup_read(request, register, "api.entries")
    entries = queries.search_entries(register, q, kode_wilayah)
    return paged(request, entries, offset, limit, queries.entry_summary)


@router.get(
    "/registers/{slug}/entries/{identifier}", response={200: DataIndukEntry, **errors(404, 422)}
)
def get_entry(request: HttpRequest, slug: Slug, identifier: Identifier) -> dict[str, Any]:
    """One entry by its identifier (e.g. an NPSN)."""
    register = _register(request, slug)
    entry = register.entries.select_related("kode_wilayah").filter(identifier=identifier).first()
    if entry is None:
        raise Http404
    record_tertutup_read(request, register, "api.entry")
    return queries.entry_summary(entry)
