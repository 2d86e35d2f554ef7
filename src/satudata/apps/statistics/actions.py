"""Every write of the statistics app: kegiatan with their MS-Keg, variables and indicators,
imports, Romantik requests and outcomes, GSBPM progress and evidence, dataset links. Each runs
in a transaction and leaves an audit entry."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import Dataset
from satudata.apps.statistics.models import (
    OUTCOMES,
    Bukti,
    DatasetKegiatan,
    Indikator,
    Kegiatan,
    Proses,
    Romantik,
    RomantikStatus,
    Variabel,
)
from satudata.apps.statistics.queries import owner_choices
from satudata.apps.statistics.wording import describe
from satudata.engines.stats import gsbpm
from satudata.engines.stats import metadata as md
from satudata.platform import access, audit, storage
from satudata.platform import access_statistics as rules

COLUMNS = ("judul", "tahun", "cara_pengumpulan")


class MetadataInvalid(ActionError):
    """The metadata breaks the rules; `problems` says where and how, one sentence each."""

    def __init__(self, problems: list[md.Problem]) -> None:
        self.problems = [describe(p) for p in problems]
        super().__init__(
            _("The metadata was not saved: %(count)s problem(s) to correct.")
            % {"count": len(problems)}
        )


def _editable(user: Any, kegiatan: Kegiatan) -> access.Viewer:
    viewer = access.viewer_for(user)
    if not rules.can_edit_kegiatan(viewer, kegiatan):
        raise NotAllowed(
            _(
                "Only the produsen data of %(organisation)s and the walidata can change this "
                "kegiatan."
            )
            % {"organisation": kegiatan.organisation}
        )
    return viewer


def _unique_slug(judul: str, tahun: int) -> str:
    named = judul if str(tahun) in judul else f"{judul} {tahun}"
    base = slugify(named)[:120] or f"kegiatan-{tahun}"
    slug, n = base, 2
    while Kegiatan.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _valid(fields: tuple[md.Field, ...], values: dict[str, Any], sheet: str) -> dict[str, Any]:
    cleaned, problems = md.clean(fields, values, sheet=sheet)
    if problems:
        raise MetadataInvalid(problems)
    return cleaned


def _same_title(organisation: Organisation, judul: str, tahun: int, pk: int | None) -> None:
    found = Kegiatan.objects.filter(organisation=organisation, judul__iexact=judul, tahun=tahun)
    if found.exclude(pk=pk).exists():
        raise ActionError(
            _("%(organisation)s already has a kegiatan “%(judul)s” for %(tahun)s.")
            % {"organisation": organisation, "judul": judul, "tahun": tahun}
        )


def do_write_kegiatan(
    kegiatan: Kegiatan, values: dict[str, Any], published: bool | None = None
) -> Kegiatan:
    for key in COLUMNS:
        setattr(kegiatan, key, values[key])
    kegiatan.metadata = {k: v for k, v in values.items() if k not in COLUMNS}
    if published is not None:
        kegiatan.published = published
    if not kegiatan.slug:
        kegiatan.slug = _unique_slug(kegiatan.judul, kegiatan.tahun)
    kegiatan.save()
    return kegiatan


@transaction.atomic
def check_save_kegiatan(
    *,
    user: Any,
    values: dict[str, Any],
    organisation: Organisation | None = None,
    kegiatan: Kegiatan | None = None,
    published: bool = False,
    ip: str = "",
) -> Kegiatan:
    """Create a kegiatan of `organisation` or change `kegiatan`: the whole MS-Keg record."""
    viewer = access.viewer_for(user)
    if kegiatan is None:
        if organisation is None or not rules.can_create_for(viewer, organisation.pk):
            raise NotAllowed(_("You may record kegiatan statistik of your own OPD only."))
        if organisation.kind not in Organisation.PRODUCER_KINDS:
            raise ActionError(_("Kegiatan statistik belong to an OPD or a BUMD."))
        kegiatan = Kegiatan(organisation=organisation, created_by=user)
    else:
        _editable(user, kegiatan)
    cleaned = _valid(md.KEG_FIELDS, values, md.SHEET_KEG)
    _same_title(kegiatan.organisation, cleaned["judul"], cleaned["tahun"], kegiatan.pk)
    created = kegiatan.pk is None
    do_write_kegiatan(kegiatan, cleaned, published)
    audit.record(
        "kegiatan.create" if created else "kegiatan.update",
        actor=user,
        obj=kegiatan,
        detail={"published": kegiatan.published},
        ip=ip,
    )
    return kegiatan


@transaction.atomic
def check_delete_kegiatan(*, user: Any, kegiatan: Kegiatan, ip: str = "") -> None:
    _editable(user, kegiatan)
    documents = Bukti.objects.filter(proses__kegiatan=kegiatan, kind=Bukti.Kind.DOCUMENT)
    _unlink_on_commit(documents.values_list("file_path", flat=True))
    audit.record("kegiatan.delete", actor=user, obj=kegiatan, ip=ip)
    kegiatan.delete()


ENTRY_KINDS: dict[str, tuple[type[Variabel] | type[Indikator], tuple[md.Field, ...], str]] = {
    "variabel": (Variabel, md.VAR_FIELDS, md.SHEET_VAR),
    "indikator": (Indikator, md.IND_FIELDS, md.SHEET_IND),
}


def do_write_entry(entry: Variabel | Indikator, values: dict[str, Any]) -> Variabel | Indikator:
    entry.nama = values["nama"]
    entry.akses_publik = bool(values["akses_publik"])
    entry.metadata = {k: v for k, v in values.items() if k not in ("nama", "akses_publik")}
    if entry.pk is None:
        entry.order = type(entry).objects.filter(kegiatan=entry.kegiatan).count()
    entry.save()
    return entry


@transaction.atomic
def check_save_entry(
    *,
    user: Any,
    kegiatan: Kegiatan,
    kind: str,
    values: dict[str, Any],
    entry: Variabel | Indikator | None = None,
    ip: str = "",
) -> Variabel | Indikator:
    """Add or change a variable (MS-Var) or an indicator (MS-Ind) of `kegiatan`."""
    _editable(user, kegiatan)
    model, fields, sheet = ENTRY_KINDS[kind]
    cleaned = _valid(fields, values, sheet)
    taken = model.objects.filter(kegiatan=kegiatan, nama__iexact=cleaned["nama"])
    if taken.exclude(pk=entry.pk if entry else None).exists():
        raise ActionError(
            _("This kegiatan already has an entry named “%(nama)s”.") % {"nama": cleaned["nama"]}
        )
    entry = entry or model(kegiatan=kegiatan)
    created = entry.pk is None
    do_write_entry(entry, cleaned)
    audit.record(
        f"{kind}.{'create' if created else 'update'}",
        actor=user,
        obj=entry,
        detail={"kegiatan": kegiatan.slug},
        ip=ip,
    )
    return entry


@transaction.atomic
def check_delete_entry(*, user: Any, entry: Variabel | Indikator, ip: str = "") -> None:
    _editable(user, entry.kegiatan)
    audit.record(
        f"{entry._meta.model_name}.delete",
        actor=user,
        obj=entry,
        detail={"kegiatan": entry.kegiatan.slug},
        ip=ip,
    )
    entry.delete()


@dataclass(frozen=True)
class Imported:
    created: int
    updated: int
    entries: int


@transaction.atomic
def check_import(
    *, user: Any, organisation: Organisation, parsed: md.Parsed, ip: str = ""
) -> Imported:
    """Every kegiatan of a workbook or JSON document, or nothing when any problem is found.
    A kegiatan with the same Judul Kegiatan and Tahun in the OPD is updated, and so are its
    variables and indicators of the same name; the others are added."""
    viewer = access.viewer_for(user)
    if not rules.can_create_for(viewer, organisation.pk):
        raise NotAllowed(_("You may import kegiatan statistik of your own OPD only."))
    if organisation.kind not in Organisation.PRODUCER_KINDS:
        raise ActionError(_("Kegiatan statistik belong to an OPD or a BUMD."))
    if parsed.problems:
        raise MetadataInvalid(parsed.problems)
    if not parsed.kegiatan:
        raise ActionError(_("The file holds no kegiatan: sheet MS-Keg has no filled row."))
    created = updated = entries = 0
    for record in parsed.kegiatan:
        values = record.values
        kegiatan = Kegiatan.objects.filter(
            organisation=organisation, judul__iexact=values["judul"], tahun=values["tahun"]
        ).first()
        if kegiatan is None:
            kegiatan = Kegiatan(organisation=organisation, created_by=user)
            created += 1
        else:
            updated += 1
        do_write_kegiatan(kegiatan, values)
        for kind, items in (("variabel", record.variabel), ("indikator", record.indikator)):
            model = ENTRY_KINDS[kind][0]
            existing = {e.nama.casefold(): e for e in model.objects.filter(kegiatan=kegiatan)}
            for item in items:
                entry = existing.get(item.values["nama"].casefold()) or model(kegiatan=kegiatan)
                do_write_entry(entry, item.values)
                entries += 1
    result = Imported(created, updated, entries)
    audit.record(
        "kegiatan.import",
        actor=user,
        obj=organisation,
        detail={"created": created, "updated": updated, "entries": entries},
        ip=ip,
    )
    return result


@transaction.atomic
def check_request_romantik(
    *, user: Any, kegiatan: Kegiatan, nomor_pengajuan: str, tanggal_pengajuan: date, ip: str = ""
) -> Romantik:
    """Record (or correct) the OPD's request for a BPS recommendation."""
    _editable(user, kegiatan)
    romantik = Romantik.objects.filter(kegiatan=kegiatan).first()
    if romantik is None:
        romantik = Romantik(kegiatan=kegiatan)
    elif romantik.status in OUTCOMES:
        raise ActionError(
            _("The pembina has already recorded the outcome of this request (%(status)s).")
            % {"status": romantik.get_status_display()}
        )
    if not nomor_pengajuan.strip():
        raise ActionError(_("Write the number of the Romantik request."))
    romantik.nomor_pengajuan = nomor_pengajuan.strip()
    romantik.tanggal_pengajuan = tanggal_pengajuan
    romantik.save()
    audit.record(
        "romantik.request",
        actor=user,
        obj=kegiatan,
        detail={"nomor": romantik.nomor_pengajuan},
        ip=ip,
    )
    return romantik


@transaction.atomic
def check_record_romantik_outcome(
    *,
    user: Any,
    kegiatan: Kegiatan,
    status: str,
    catatan: str = "",
    nomor_rekomendasi: str = "",
    ip: str = "",
) -> Romantik:
    """The pembina's answer: in process, recommended (with its id), refused or not needed."""
    if not rules.can_record_romantik_outcome(access.viewer_for(user)):
        raise NotAllowed(
            _("Only the pembina data (BPS) records the outcome of a Romantik request.")
        )
    romantik = Romantik.objects.filter(kegiatan=kegiatan).first()
    if romantik is None:
        raise ActionError(_("The OPD has not recorded a Romantik request for this kegiatan yet."))
    if status not in RomantikStatus.values or status == RomantikStatus.DIAJUKAN:
        raise ActionError(_("Choose in process, recommended, refused or not needed."))
    if status == RomantikStatus.DIREKOMENDASIKAN and not nomor_rekomendasi.strip():
        raise ActionError(_("A recommendation needs its recommendation id (nomor rekomendasi)."))
    if status == RomantikStatus.DITOLAK and not catatan.strip():
        raise ActionError(_("Write in the note why the request is refused and what to change."))
    romantik.status = status
    romantik.catatan = catatan.strip()
    romantik.nomor_rekomendasi = nomor_rekomendasi.strip()
    romantik.decided_by = user
    romantik.decided_at = timezone.now()
    romantik.save()
    audit.record(
        "romantik.outcome",
        actor=user,
        obj=kegiatan,
        detail={"status": status, "nomor_rekomendasi": romantik.nomor_rekomendasi},
        ip=ip,
    )
    return romantik


@transaction.atomic
def check_update_proses(
    *,
    user: Any,
    kegiatan: Kegiatan,
    code: str,
    status: str,
    owner: Any = None,
    mulai: date | None = None,
    selesai: date | None = None,
    catatan: str = "",
    ip: str = "",
) -> Proses:
    """One GSBPM sub-process of `kegiatan`: status, owner, dates and note."""
    _editable(user, kegiatan)
    if code not in gsbpm.SUBPROCESSES:
        raise ActionError(_("“%(code)s” is not a GSBPM 5.1 sub-process.") % {"code": code})
    if status not in gsbpm.STATUSES:
        raise ActionError(_("Choose not started, in progress, done or not applicable."))
    if mulai and selesai and selesai < mulai:
        raise ActionError(_("The end date comes before the start date: correct one of them."))
    if owner is not None and not owner_choices(kegiatan).filter(pk=owner.pk).exists():
        raise ActionError(_("The owner must be a person of the OPD or the walidata."))
    proses, _created = Proses.objects.get_or_create(kegiatan=kegiatan, code=code)
    proses.status, proses.owner, proses.catatan = status, owner, catatan.strip()
    proses.mulai, proses.selesai = mulai, selesai
    proses.save()
    kegiatan.save(update_fields=["updated_at"])
    audit.record(
        "gsbpm.update",
        actor=user,
        obj=kegiatan,
        detail={"code": code, "status": status},
        ip=ip,
    )
    return proses


@transaction.atomic
def check_add_bukti(
    *,
    user: Any,
    kegiatan: Kegiatan,
    code: str,
    title: str,
    file: Path | None = None,
    file_name: str = "",
    media_type: str = "",
    url: str = "",
    ip: str = "",
) -> Bukti:
    """Evidence of a sub-process: a stored document or a link (e.g. to a platform page)."""
    _editable(user, kegiatan)
    if code not in gsbpm.SUBPROCESSES:
        raise ActionError(_("“%(code)s” is not a GSBPM 5.1 sub-process.") % {"code": code})
    if (file is None) == (not url):
        raise ActionError(_("Attach either a document or a link (one of the two)."))
    proses, _created = Proses.objects.get_or_create(kegiatan=kegiatan, code=code)
    bukti = Bukti(proses=proses, title=title.strip() or file_name or url, added_by=user)
    if file is not None:
        stored = storage.store_copy(file, "gsbpm", Path(file_name).suffix.lower()[:10])
        bukti.kind = Bukti.Kind.DOCUMENT
        bukti.file_path = storage.relative(stored)
        bukti.file_name = file_name[:255]
        bukti.media_type = media_type[:100]
        bukti.size = stored.stat().st_size
    else:
        bukti.kind, bukti.url = Bukti.Kind.LINK, url
    bukti.save()
    audit.record(
        "gsbpm.evidence.add",
        actor=user,
        obj=kegiatan,
        detail={"code": code, "title": bukti.title},
        ip=ip,
    )
    return bukti


def _unlink_on_commit(paths: Iterable[str]) -> None:
    """Stored evidence files go once the deletion of their rows is committed."""
    for rel in list(paths):
        transaction.on_commit(lambda rel=rel: storage.absolute(rel).unlink(missing_ok=True))


@transaction.atomic
def check_remove_bukti(*, user: Any, bukti: Bukti, ip: str = "") -> None:
    kegiatan = bukti.proses.kegiatan
    _editable(user, kegiatan)
    audit.record(
        "gsbpm.evidence.remove",
        actor=user,
        obj=kegiatan,
        detail={"code": bukti.proses.code, "title": bukti.title},
        ip=ip,
    )
    if bukti.kind == Bukti.Kind.DOCUMENT:
        _unlink_on_commit([bukti.file_path])
    bukti.delete()


@transaction.atomic
def check_link_dataset(
    *,
    user: Any,
    kegiatan: Kegiatan,
    dataset: Dataset,
    variabel: list[Variabel] | None = None,
    ip: str = "",
) -> DatasetKegiatan:
    """Say that `dataset` comes from `kegiatan` (and from these of its variables)."""
    viewer = _editable(user, kegiatan)
    if not access.datasets(viewer).filter(pk=dataset.pk).exists():
        raise ActionError(_("That dataset does not exist or you may not see it."))
    chosen = list(variabel or [])
    if any(v.kegiatan_id != kegiatan.pk for v in chosen):
        raise ActionError(_("Choose variables of this kegiatan only."))
    link, _created = DatasetKegiatan.objects.get_or_create(
        dataset=dataset, kegiatan=kegiatan, defaults={"added_by": user}
    )
    link.variabel.set(chosen)
    audit.record(
        "kegiatan.dataset.link",
        actor=user,
        obj=kegiatan,
        detail={"dataset": dataset.slug, "variabel": [v.nama for v in chosen]},
        ip=ip,
    )
    return link


@transaction.atomic
def check_unlink_dataset(*, user: Any, link: DatasetKegiatan, ip: str = "") -> None:
    _editable(user, link.kegiatan)
    audit.record(
        "kegiatan.dataset.unlink",
        actor=user,
        obj=link.kegiatan,
        detail={"dataset": link.dataset.slug},
        ip=ip,
    )
    link.delete()
