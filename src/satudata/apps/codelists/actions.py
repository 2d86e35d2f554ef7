"""Every write of code lists and registers: create, import (a new draft version of a code list;
an upsert of register entries by identifier), publish and discard. `check_*` functions check
permission and validity, `do_*` functions trust their caller; each runs in a transaction and
records the audit trail."""

import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.actions.uploads import engine_options
from satudata.apps.codelists import permissions
from satudata.apps.codelists.errors import (
    ActionError,
    ImportProblem,
    ImportRejected,
    NotAllowed,
    TableError,
)
from satudata.apps.codelists.imports import (
    CodeRow,
    EntryRow,
    Table,
    parse_codes,
    parse_entries,
    read_table,
)
from satudata.apps.codelists.models import Code, CodeList, CodeListVersion, Register, RegisterEntry
from satudata.apps.registry.models import Wilayah
from satudata.platform import access, audit, storage

RESERVED_SLUGS = frozenset({"baru"})
BATCH = 1000
COPY_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class EntryImport:
    """What an import did: entries created and updated; `kept` entries were not in the file and
    stay as they were."""

    created: int
    updated: int
    kept: int


@contextmanager
def _uploaded(file: Any, filename: str | None) -> Iterator[tuple[Path, str]]:
    """The upload as a file on disk (a path is read where it is) and the name the user gave it;
    a copy is removed afterwards."""
    limit = settings.UPLOAD_MAX_BYTES
    too_large = _("The file is larger than the limit of %(mb)s MB.") % _mb(limit)
    if isinstance(file, str | Path):
        path = Path(file)
        if path.stat().st_size > limit:
            raise ActionError(too_large)
        yield path, filename or path.name
        return
    name = filename or Path(getattr(file, "name", "") or "").name
    if hasattr(file, "seek"):
        file.seek(0)
    with tempfile.TemporaryDirectory(dir=storage.staging_dir()) as folder:
        copy = Path(folder) / "upload"
        written = 0
        with copy.open("wb") as target:
            while chunk := file.read(COPY_CHUNK):
                written += len(chunk)
                if written > limit:
                    raise ActionError(too_large)
                target.write(chunk)
        yield copy, name


def _mb(limit: int) -> dict[str, int]:
    return {"mb": limit // (1024 * 1024)}


def _table(file: Any, filename: str | None) -> tuple[Table, str]:
    """The file's table, read by the tabular engine, and the file's name."""
    with _uploaded(file, filename) as (path, name):
        try:
            return read_table(path, name, engine_options()), name
        except TableError as exc:
            raise ImportRejected(_("The file cannot be read."), [exc.problem]) from exc


def _rejected(problems: list[ImportProblem]) -> ImportRejected:
    message = ngettext(
        "The file has %(count)s problem; nothing was changed. Correct it and import again.",
        "The file has %(count)s problems; nothing was changed. Correct them and import again.",
        len(problems),
    ) % {"count": len(problems)}
    return ImportRejected(message, problems)


def _require_code_list_manager(user: Any) -> None:
    if not permissions.can_manage_code_lists(access.viewer_for(user)):
        raise NotAllowed(_("Only the walidata and the pembina data manage code lists."))


def _check_slug(slug: str, model: type[CodeList] | type[Register]) -> None:
    if slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists():
        raise ActionError(_('The short name "%(slug)s" is already taken.') % {"slug": slug})


@transaction.atomic
def do_create_code_list(
    *,
    user: Any,
    slug: str,
    name: str,
    description: str = "",
    source: str = "",
    owner: Organisation | None = None,
    ip: str = "",
) -> CodeList:
    code_list = CodeList.objects.create(
        slug=slug, name=name, description=description, source=source, owner=owner
    )
    audit.record("codelist.create", actor=user, obj=code_list, ip=ip)
    return code_list


def check_create_code_list(
    *,
    user: Any,
    slug: str,
    name: str,
    description: str = "",
    source: str = "",
    owner: Organisation | None = None,
    ip: str = "",
) -> CodeList:
    _require_code_list_manager(user)
    _check_slug(slug, CodeList)
    return do_create_code_list(
        user=user, slug=slug, name=name, description=description, source=source, owner=owner, ip=ip
    )


@transaction.atomic
def do_import_codes(
    *,
    user: Any,
    code_list: CodeList,
    rows: Sequence[CodeRow],
    source_name: str = "",
    note: str = "",
    valid_from: date | None = None,
    valid_to: date | None = None,
    ip: str = "",
) -> CodeListVersion:
    """A new draft version holding `rows` (already checked: unique codes, known parents)."""
    locked = CodeList.objects.select_for_update().get(pk=code_list.pk)
    number = (locked.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = CodeListVersion.objects.create(
        code_list=locked,
        number=number,
        note=note,
        valid_from=valid_from,
        valid_to=valid_to,
        source_name=source_name[:255],
    )
    codes = Code.objects.bulk_create(
        [
            Code(
                version=version,
                code=r.code,
                label_id=r.label_id,
                label_en=r.label_en,
                order=r.order,
                valid_from=r.valid_from,
                valid_to=r.valid_to,
                notes=r.notes,
            )
            for r in rows
        ],
        batch_size=BATCH,
    )
    by_code = {c.code: c for c in codes}
    children = []
    for r, c in zip(rows, codes, strict=True):
        if r.parent:
            c.parent = by_code[r.parent]
            children.append(c)
    Code.objects.bulk_update(children, ["parent"], batch_size=BATCH)
    audit.record(
        "codelist.import",
        actor=user,
        obj=locked,
        detail={"version": number, "codes": len(codes), "file": source_name[:255]},
        ip=ip,
    )
    return version


def check_import_codes(
    user: Any,
    code_list: CodeList,
    file: Any,
    *,
    filename: str | None = None,
    note: str = "",
    valid_from: date | None = None,
    valid_to: date | None = None,
    ip: str = "",
) -> CodeListVersion:
    """Read a CSV/XLSX file of codes into a new DRAFT version of `code_list`; raise
    `ImportRejected` (nothing changed) naming every problem of the file."""
    _require_code_list_manager(user)
    if valid_from and valid_to and valid_to < valid_from:
        raise ActionError(_("The version's end of validity is before its start."))
    table, name = _table(file, filename)
    rows, problems = parse_codes(table)
    if problems:
        raise _rejected(problems)
    return do_import_codes(
        user=user,
        code_list=code_list,
        rows=rows,
        source_name=name,
        note=note,
        valid_from=valid_from,
        valid_to=valid_to,
        ip=ip,
    )


@transaction.atomic
def do_publish_code_list_version(
    *, user: Any, version: CodeListVersion, ip: str = ""
) -> CodeListVersion:
    version.state = CodeListVersion.State.PUBLISHED
    version.published_at = timezone.now()
    version.valid_from = version.valid_from or timezone.localdate()
    version.save()
    audit.record(
        "codelist.publish",
        actor=user,
        obj=version.code_list,
        detail={"version": version.number},
        ip=ip,
    )
    return version


def check_publish_code_list_version(
    user: Any, version: CodeListVersion, *, ip: str = ""
) -> CodeListVersion:
    """Publish a draft: from now on it never changes, and `codes_of` answers with it."""
    _require_code_list_manager(user)
    if version.is_published:
        raise ActionError(
            _("Version %(number)s is already published; a published version never changes.")
            % {"number": version.number}
        )
    if not version.codes.exists():
        raise ActionError(_("The version has no codes; import a file first."))
    return do_publish_code_list_version(user=user, version=version, ip=ip)


@transaction.atomic
def do_discard_code_list_version(*, user: Any, version: CodeListVersion, ip: str = "") -> None:
    audit.record(
        "codelist.discard",
        actor=user,
        obj=version.code_list,
        detail={"version": version.number, "file": version.source_name},
        ip=ip,
    )
    version.delete()


def check_discard_code_list_version(user: Any, version: CodeListVersion, *, ip: str = "") -> None:
    """Remove a draft version; a published version cannot be removed."""
    _require_code_list_manager(user)
    if version.is_published:
        raise ActionError(_("A published version cannot be removed."))
    do_discard_code_list_version(user=user, version=version, ip=ip)


@transaction.atomic
def do_create_register(
    *,
    user: Any,
    slug: str,
    name: str,
    identifier_label: str,
    owner: Organisation,
    description: str = "",
    identifier_pattern: str = "",
    access_level: str = "terbuka",
    ip: str = "",
) -> Register:
    register = Register.objects.create(
        slug=slug,
        name=name,
        description=description,
        identifier_label=identifier_label,
        identifier_pattern=identifier_pattern,
        owner=owner,
        access_level=access_level,
    )
    audit.record("register.create", actor=user, obj=register, ip=ip)
    return register


def check_create_register(
    *,
    user: Any,
    slug: str,
    name: str,
    identifier_label: str,
    owner: Organisation,
    description: str = "",
    identifier_pattern: str = "",
    access_level: str = "terbuka",
    ip: str = "",
) -> Register:
    viewer = access.viewer_for(user)
    if not permissions.can_create_register(viewer):
        raise NotAllowed(_("Only the walidata and a produsen data can create a register."))
    if not viewer.is_walidata and owner.pk != viewer.organisation_id:
        raise NotAllowed(_("A produsen data creates registers of its own organisation only."))
    try:
        re.compile(identifier_pattern)
    except re.error as exc:
        raise ActionError(
            _("The identifier pattern is not a valid regular expression: %(reason)s.")
            % {"reason": exc}
        ) from exc
    _check_slug(slug, Register)
    return do_create_register(
        user=user,
        slug=slug,
        name=name,
        description=description,
        identifier_label=identifier_label,
        identifier_pattern=identifier_pattern,
        owner=owner,
        access_level=access_level,
        ip=ip,
    )


def known_wilayah(codes: set[str]) -> set[str]:
    found: set[str] = set()
    wanted = sorted(codes)
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        found.update(Wilayah.objects.filter(kode__in=chunk).values_list("kode", flat=True))
    return found


ENTRY_FIELDS = (
    "name",
    "kode_wilayah_id",
    "address",
    "attributes",
    "active",
    "valid_from",
    "valid_to",
)


def _entry_values(row: EntryRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "kode_wilayah_id": row.kode_wilayah or None,
        "address": row.address,
        "attributes": row.attributes,
        "active": row.active,
        "valid_from": row.valid_from,
        "valid_to": row.valid_to,
    }


@transaction.atomic
def do_import_register_entries(
    *, user: Any, register: Register, rows: Sequence[EntryRow], source_name: str = "", ip: str = ""
) -> EntryImport:
    """Upsert `rows` (already checked) by identifier; entries missing from `rows` stay."""
    Register.objects.select_for_update().filter(pk=register.pk).first()
    existing = {e.identifier: e for e in register.entries.all()}
    now = timezone.now()
    fresh: list[RegisterEntry] = []
    changed: list[RegisterEntry] = []
    for row in rows:
        values = _entry_values(row)
        entry = existing.get(row.identifier)
        if entry is None:
            fresh.append(RegisterEntry(register=register, identifier=row.identifier, **values))
        elif any(getattr(entry, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(entry, key, value)
            entry.updated_at = now
            changed.append(entry)
    RegisterEntry.objects.bulk_create(fresh, batch_size=BATCH)
    RegisterEntry.objects.bulk_update(changed, [*ENTRY_FIELDS, "updated_at"], batch_size=BATCH)
    in_file = {row.identifier for row in rows}
    result = EntryImport(
        created=len(fresh), updated=len(changed), kept=len(set(existing) - in_file)
    )
    audit.record(
        "register.import",
        actor=user,
        obj=register,
        detail={
            "created": result.created,
            "updated": result.updated,
            "kept": result.kept,
            "file": source_name[:255],
        },
        ip=ip,
    )
    return result


def check_import_register_entries(
    user: Any, register: Register, file: Any, *, filename: str | None = None, ip: str = ""
) -> EntryImport:
    """Read a CSV/XLSX file of entries and upsert them by identifier; raise `ImportRejected`
    (nothing changed) naming every problem of the file."""
    viewer = access.viewer_for(user)
    if not permissions.can_manage_register(viewer, register):
        raise NotAllowed(
            _("Only the produsen data of %(organisation)s and the walidata manage this register.")
            % {"organisation": register.owner}
        )
    table, name = _table(file, filename)
    rows, problems = parse_entries(
        table, register.identifier_label, register.identifier_pattern, known_wilayah
    )
    if problems:
        raise _rejected(problems)
    return do_import_register_entries(
        user=user, register=register, rows=rows, source_name=name, ip=ip
    )
