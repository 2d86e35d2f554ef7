"""Reads of code lists and registers, for pages, the API and other apps. Registers are always
filtered through `permissions.visible_registers` (the dataset access rules); code lists are
public once published, drafts are seen by the walidata and the pembina only."""

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from satudata.apps.codelists import permissions
from satudata.apps.codelists.models import Code, CodeList, CodeListVersion, Register, RegisterEntry
from satudata.platform.access import ANONYMOUS, Viewer

PUBLISHED = CodeListVersion.State.PUBLISHED
CODE_COLUMNS = (
    "code",
    "label_id",
    "label_en",
    "parent",
    "level",
    "order",
    "valid_from",
    "valid_to",
    "notes",
)
ENTRY_COLUMNS = (
    "identifier",
    "name",
    "kode_wilayah",
    "wilayah",
    "address",
    "active",
    "valid_from",
    "valid_to",
    "attributes",
    "updated_at",
)
CODE_LIST_COLUMNS = ("slug", "name", "owner", "source", "version", "code_count", "url")
REGISTER_COLUMNS = (
    "slug",
    "name",
    "identifier_label",
    "owner",
    "access_level",
    "entry_count",
    "url",
)


def published_lists() -> QuerySet[CodeList]:
    """Code lists with at least one published version."""
    published = CodeListVersion.objects.filter(code_list=OuterRef("pk"), state=PUBLISHED)
    return CodeList.objects.filter(Exists(published)).select_related("owner")


def latest_published(code_list: CodeList) -> CodeListVersion | None:
    return code_list.versions.filter(state=PUBLISHED).order_by("-number").first()


def published_version(slug: str, version: int | None = None) -> CodeListVersion:
    """The published version `version` (the latest when None) of list `slug`; LookupError when
    the list, or such a published version, does not exist."""
    versions = CodeListVersion.objects.filter(code_list__slug=slug, state=PUBLISHED)
    if version is not None:
        versions = versions.filter(number=version)
    found = versions.select_related("code_list").order_by("-number").first()
    if found is None:
        raise LookupError(f"no published version of code list {slug!r}")
    return found


def codes_of(slug: str, version: int | None = None) -> dict[str, str]:
    """Code → Indonesian label of a published version of list `slug` (the latest when
    `version` is None). Raises LookupError when the list or the version is unknown."""
    found = published_version(slug, version)
    return dict(found.codes.order_by("order", "code").values_list("code", "label_id"))


def register_identifiers(slug: str, viewer: Viewer | None = None) -> set[str]:
    """The identifiers of register `slug` as `viewer` may see it (None: an anonymous viewer,
    so only terbuka registers). Raises LookupError when the register is unknown or hidden."""
    register = permissions.visible_registers(viewer or ANONYMOUS).filter(slug=slug).first()
    if register is None:
        raise LookupError(f"no register {slug!r}")
    return set(register.entries.values_list("identifier", flat=True))


def versions_for(viewer: Viewer, code_list: CodeList) -> QuerySet[CodeListVersion]:
    """Every version for the walidata and the pembina; the published ones for everyone else."""
    versions = code_list.versions.annotate(code_count=Count("codes")).order_by("-number")
    if permissions.can_manage_code_lists(viewer):
        return versions
    return versions.filter(state=PUBLISHED)


def code_lists_for(viewer: Viewer) -> list[CodeList]:
    """The catalogue: published lists (and, for their managers, lists still in draft), each with
    `current` (its latest published version or None) and `code_count`."""
    lists = (
        CodeList.objects.select_related("owner")
        if permissions.can_manage_code_lists(viewer)
        else published_lists()
    )
    lists = list(lists.order_by("name", "pk"))
    latest: dict[int, CodeListVersion] = {}
    versions = (
        CodeListVersion.objects.filter(code_list__in=lists, state=PUBLISHED)
        .annotate(code_count=Count("codes"))
        .order_by("number")
    )
    for version in versions:
        latest[version.code_list_id] = version
    for code_list in lists:
        code_list.current = latest.get(code_list.pk)
        code_list.code_count = code_list.current.code_count if code_list.current else 0
    return lists


def get_code_list(viewer: Viewer, slug: str) -> CodeList | None:
    """A list the viewer may see (a list with no published version only for its managers)."""
    lists = (
        CodeList.objects.all() if permissions.can_manage_code_lists(viewer) else published_lists()
    )
    return lists.select_related("owner").filter(slug=slug).first()


def code_list_summary(code_list: CodeList) -> dict[str, Any]:
    current = getattr(code_list, "current", None)
    return {
        "slug": code_list.slug,
        "name": code_list.name,
        "description": code_list.description,
        "owner": code_list.owner.name if code_list.owner else "",
        "source": code_list.source,
        "version": current.number if current else None,
        "code_count": getattr(code_list, "code_count", 0),
        "url": code_list.get_absolute_url(),
    }


def version_summary(version: CodeListVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "state": version.state,
        "valid_from": version.valid_from,
        "valid_to": version.valid_to,
        "note": version.note,
        "published_at": version.published_at,
        "code_count": getattr(version, "code_count", None),
    }


def code_rows(version: CodeListVersion) -> list[dict[str, Any]]:
    """The codes in hierarchy order (each parent followed by its children), with their level."""
    codes = list(version.codes.select_related("parent").order_by("order", "code"))
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    rows: list[dict[str, Any]] = []
    stack = [(code, 0) for code in reversed(children.get(None, []))]
    while stack:
        code, level = stack.pop()
        rows.append(
            {
                "code": code.code,
                "label_id": code.label_id,
                "label_en": code.label_en,
                "parent": code.parent.code if code.parent else "",
                "level": level,
                "order": code.order,
                "valid_from": code.valid_from,
                "valid_to": code.valid_to,
                "notes": code.notes,
            }
        )
        stack.extend((child, level + 1) for child in reversed(children.get(code.pk, [])))
    return rows


def registers_for(viewer: Viewer) -> QuerySet[Register]:
    """Registers the viewer may see, each with `entry_count`."""
    return (
        permissions.visible_registers(viewer)
        .select_related("owner")
        .annotate(entry_count=Count("entries"))
        .order_by("name", "pk")
    )


def register_summary(register: Register) -> dict[str, Any]:
    return {
        "slug": register.slug,
        "name": register.name,
        "description": register.description,
        "identifier_label": register.identifier_label,
        "identifier_pattern": register.identifier_pattern,
        "owner": register.owner.name,
        "access_level": register.access_level,
        "entry_count": getattr(register, "entry_count", None),
        "url": register.get_absolute_url(),
    }


def search_entries(register: Register, q: str = "", kode_wilayah: str = "") -> QuerySet:
    """Entries of a register (already checked as visible), matching `q` in identifier or name,
    and within `kode_wilayah` (a code or the code of an area holding it)."""
    entries = register.entries.select_related("kode_wilayah").order_by("identifier")
    q = q.strip()
    if q:
        entries = entries.filter(Q(identifier__icontains=q) | Q(name__icontains=q))
    kode_wilayah = kode_wilayah.strip().rstrip(".")
    if kode_wilayah:
        entries = entries.filter(
            Q(kode_wilayah_id=kode_wilayah) | Q(kode_wilayah__kode__startswith=kode_wilayah + ".")
        )
    return entries


def entry_summary(entry: RegisterEntry) -> dict[str, Any]:
    return {
        "identifier": entry.identifier,
        "name": entry.name,
        "kode_wilayah": entry.kode_wilayah_id or "",
        "wilayah": entry.kode_wilayah.nama if entry.kode_wilayah else "",
        "address": entry.address,
        "active": entry.active,
        "valid_from": entry.valid_from,
        "valid_to": entry.valid_to,
        "attributes": entry.attributes,
        "updated_at": entry.updated_at,
    }
