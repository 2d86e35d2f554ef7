"""Public pages: the code list catalogue and each list with its versions and codes; the data
induk registers the viewer may see, each with its entries. Every page also as `.json`/`.csv`."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from satudata.apps.codelists import exports, permissions, queries
from satudata.apps.codelists.models import CodeList, CodeListVersion, Register
from satudata.apps.portal import formats
from satudata.apps.portal.views.common import client_ip, paginate
from satudata.apps.registry.models import Wilayah
from satudata.platform import access, audit

MAX_QUERY = 100


def printable(text: str) -> str:
    """The text without control characters (a database refuses NUL in a query)."""
    return "".join(ch for ch in text if ch >= " " and ch != "\x7f")


def code_list_index(request: HttpRequest, fmt: str = "") -> HttpResponse:
    viewer = access.viewer_of(request)
    lists = queries.code_lists_for(viewer)
    return formats.respond(
        fmt,
        html=lambda: render(
            request,
            "codelists/code_list_index.html",
            {"lists": lists, "can_manage": permissions.can_manage_code_lists(viewer)},
        ),
        data=lambda: {"code_lists": [queries.code_list_summary(c) for c in lists]},
        rows=lambda: (queries.code_list_summary(c) for c in lists),
        columns=queries.CODE_LIST_COLUMNS,
        filename="kode-referensi",
    )


def _code_list_and_version(
    request: HttpRequest, slug: str
) -> tuple[CodeList, list[CodeListVersion], CodeListVersion | None]:
    """The list (404 when hidden), its versions the viewer sees, and the chosen one (`?versi=`,
    else the latest published, else the latest draft for its managers)."""
    viewer = access.viewer_of(request)
    code_list = queries.get_code_list(viewer, slug)
    if code_list is None:
        raise Http404
    versions = list(queries.versions_for(viewer, code_list))
    wanted = request.GET.get("versi", "")
    if wanted:
        chosen = next((v for v in versions if str(v.number) == wanted), None)
        if chosen is None:
            raise Http404
        return code_list, versions, chosen
    published = [v for v in versions if v.is_published]
    chosen = published[0] if published else (versions[0] if versions else None)
    return code_list, versions, chosen


def _document(
    code_list: CodeList,
    versions: list[CodeListVersion],
    chosen: CodeListVersion | None,
    rows: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "code_list": queries.code_list_summary(code_list),
        "versions": [queries.version_summary(v) for v in versions],
        "version": chosen.number if chosen else None,
        "codes": rows,
    }


def code_list_detail(request: HttpRequest, slug: str, fmt: str = "") -> HttpResponse:
    code_list, versions, chosen = _code_list_and_version(request, slug)
    rows = queries.code_rows(chosen) if chosen else []
    can_manage = permissions.can_manage_code_lists(access.viewer_of(request))
    return formats.respond(
        fmt,
        html=lambda: render(
            request,
            "codelists/code_list_detail.html",
            {
                "code_list": code_list,
                "versions": versions,
                "chosen": chosen,
                "rows": rows,
                "can_manage": can_manage,
                "download_formats": exports.DOWNLOAD_FORMATS,
            },
        ),
        data=lambda: _document(code_list, versions, chosen, rows),
        rows=lambda: rows,
        columns=queries.CODE_COLUMNS,
        filename=code_list.slug,
    )


def code_list_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    code_list, versions, chosen = _code_list_and_version(request, slug)
    if chosen is None:
        raise Http404
    rows = queries.code_rows(chosen)
    return exports.download(
        fmt,
        _document(code_list, versions, chosen, rows),
        rows,
        queries.CODE_COLUMNS,
        f"{code_list.slug}-v{chosen.number}",
    )


def register_index(request: HttpRequest, fmt: str = "") -> HttpResponse:
    viewer = access.viewer_of(request)
    registers = list(queries.registers_for(viewer))
    return formats.respond(
        fmt,
        html=lambda: render(
            request,
            "codelists/register_index.html",
            {"registers": registers, "can_create": permissions.can_create_register(viewer)},
        ),
        data=lambda: {"registers": [queries.register_summary(r) for r in registers]},
        rows=lambda: (queries.register_summary(r) for r in registers),
        columns=queries.REGISTER_COLUMNS,
        filename="data-induk",
    )


def record_tertutup_read(request: HttpRequest, register: Register, what: str) -> None:
    """Every read of a tertutup register leaves an audit entry, like a tertutup dataset."""
    if permissions.is_tertutup(register):
        audit.record(
            "register.read",
            actor=request.user,
            obj=register,
            detail={"what": what},
            ip=client_ip(request),
        )


def _entry_row(entry: Any) -> dict[str, Any]:
    row = queries.entry_summary(entry)
    row["attributes"] = "; ".join(f"{k}={v}" for k, v in sorted(row["attributes"].items()))
    return row


def _kecamatan_choices(register: Register) -> list[Wilayah]:
    codes = register.entries.exclude(kode_wilayah=None).values_list("kode_wilayah_id", flat=True)
    prefixes = {code[:8] for code in codes.distinct()}
    return list(Wilayah.objects.filter(kode__in=prefixes, level=Wilayah.Level.KECAMATAN))


def register_detail(request: HttpRequest, slug: str, fmt: str = "") -> HttpResponse:
    viewer = access.viewer_of(request)
    register = permissions.get_register_or_404(viewer, slug)
    q = printable(request.GET.get("q", ""))[:MAX_QUERY]
    wilayah = printable(request.GET.get("wilayah", ""))[:13]
    entries = queries.search_entries(register, q, wilayah)
    record_tertutup_read(request, register, fmt or "page")
    register.entry_count = register.entries.count()

    def html() -> HttpResponse:
        page = paginate(request, entries)
        return render(
            request,
            "codelists/register_detail.html",
            {
                "register": register,
                "page_obj": page,
                "q": q,
                "wilayah": wilayah,
                "kecamatan": _kecamatan_choices(register),
                "can_manage": permissions.can_manage_register(viewer, register),
            },
        )

    return formats.respond(
        fmt,
        html=html,
        data=lambda: {
            "register": queries.register_summary(register),
            "entries": [queries.entry_summary(e) for e in entries],
        },
        rows=lambda: (_entry_row(e) for e in entries.iterator(chunk_size=2000)),
        columns=queries.ENTRY_COLUMNS,
        filename=register.slug,
    )
