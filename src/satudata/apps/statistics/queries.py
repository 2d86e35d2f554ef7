"""Reads of kegiatan statistik, always through `platform.access_statistics`: lists with their
filters, Romantik warnings, GSBPM progress (per kegiatan, per OPD, the boards), linked datasets
the viewer may see, and the records an export writes."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from satudata.apps.accounts.models import Organisation, User
from satudata.apps.statistics.models import (
    Bukti,
    DatasetKegiatan,
    Kegiatan,
    Proses,
    ProsesStatus,
    RomantikStatus,
    Variabel,
)
from satudata.engines.stats import gsbpm
from satudata.engines.stats import metadata as md
from satudata.platform import access, access_indicators
from satudata.platform import access_statistics as rules

NO_REQUEST = "belum_diajukan"
SETTLED = (RomantikStatus.DIREKOMENDASIKAN, RomantikStatus.TIDAK_PERLU)


def visible(viewer: access.Viewer) -> QuerySet[Kegiatan]:
    return (
        rules.kegiatan(viewer)
        .select_related("organisation", "romantik")
        .prefetch_related(
            Prefetch("proses", queryset=Proses.objects.only("kegiatan", "code", "status"))
        )
    )


def published(viewer: access.Viewer) -> QuerySet[Kegiatan]:
    """The public catalogue: published kegiatan only, whoever looks."""
    return visible(viewer).filter(published=True)


@dataclass(frozen=True)
class Filters:
    organisasi: str = ""
    tahun: int | None = None
    romantik: str = ""
    q: str = ""


def filtered(queryset: QuerySet[Kegiatan], filters: Filters) -> QuerySet[Kegiatan]:
    if filters.organisasi:
        queryset = queryset.filter(organisation__slug=filters.organisasi)
    if filters.tahun:
        queryset = queryset.filter(tahun=filters.tahun)
    if filters.romantik == NO_REQUEST:
        queryset = queryset.filter(romantik__isnull=True)
    elif filters.romantik:
        queryset = queryset.filter(romantik__status=filters.romantik)
    if filters.q:
        queryset = queryset.filter(Q(judul__icontains=filters.q) | Q(slug__icontains=filters.q))
    return queryset


def romantik_choices() -> list[tuple[str, str]]:
    return [(NO_REQUEST, _("no request yet")), *RomantikStatus.choices]


def organisations_of(queryset: QuerySet[Kegiatan]) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=queryset.values("organisation_id")).order_by("name")


def years_of(queryset: QuerySet[Kegiatan]) -> list[int]:
    return list(queryset.order_by("-tahun").values_list("tahun", flat=True).distinct())


def kegiatan_or_404(viewer: access.Viewer, slug: str) -> Kegiatan:
    found = visible(viewer).filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def romantik_of(kegiatan: Kegiatan) -> Any:
    try:
        return kegiatan.romantik
    except Kegiatan.romantik.RelatedObjectDoesNotExist:
        return None


def romantik_warning(kegiatan: Kegiatan) -> str:
    """What is wrong with a survey's recommendation; empty when nothing is."""
    if not kegiatan.is_survei:
        return ""
    romantik = romantik_of(kegiatan)
    if romantik is None:
        return _(
            "This survey has no Romantik request: a sectoral survey needs BPS's recommendation "
            "before it runs. Record the request on the Romantik page."
        )
    if romantik.status == RomantikStatus.DITOLAK:
        return _(
            "BPS refused the recommendation of this survey: correct the design as the note "
            "says and submit a new request before the survey runs."
        )
    if romantik.status not in SETTLED:
        return _(
            "This survey has no BPS recommendation yet (the request is %(status)s): it must "
            "not run before the recommendation is given."
        ) % {"status": romantik.get_status_display()}
    return ""


def statuses(kegiatan: Kegiatan) -> dict[str, str]:
    return {p.code: p.status for p in kegiatan.proses.all()}


def progress_of(kegiatan: Kegiatan) -> gsbpm.Progress:
    return gsbpm.progress(statuses(kegiatan))


@dataclass
class OpdProgress:
    organisation: Organisation
    kegiatan: int
    progress: gsbpm.Progress


def opd_progress(items: list[Kegiatan]) -> list[OpdProgress]:
    grouped: dict[int, list[Kegiatan]] = {}
    for item in items:
        grouped.setdefault(item.organisation_id, []).append(item)
    rows = [
        OpdProgress(group[0].organisation, len(group), gsbpm.total(map(progress_of, group)))
        for group in grouped.values()
    ]
    return sorted(rows, key=lambda r: r.organisation.name)


@dataclass
class Card:
    kegiatan: Kegiatan
    progress: gsbpm.Progress
    phase: gsbpm.Progress
    warning: str


@dataclass
class Column:
    code: str
    name: str
    cards: list[Card] = field(default_factory=list)


def board(items: list[Kegiatan]) -> list[Column]:
    """Columns = the 8 phases and "finished"; each kegiatan sits in its current phase."""
    columns = {p.code: Column(p.code, _(p.name)) for p in gsbpm.PHASES}
    done = Column("", _("Finished"))
    for item in items:
        found = statuses(item)
        current = gsbpm.current_phase(found)
        phases = gsbpm.phase_progress(found)
        card = Card(
            item,
            gsbpm.progress(found),
            phases[current] if current else gsbpm.Progress(0, 0),
            romantik_warning(item),
        )
        (columns[current] if current else done).cards.append(card)
    return [*columns.values(), done]


@dataclass
class SubCard:
    code: str
    name: str
    status: str
    status_label: str
    proses: Proses | None
    bukti: list[Bukti]


@dataclass
class PhaseColumn:
    code: str
    name: str
    progress: gsbpm.Progress
    cards: list[SubCard]


def phase_board(kegiatan: Kegiatan, with_evidence: bool) -> list[PhaseColumn]:
    """One kegiatan's 8 phases with a card per sub-process (owner, dates, evidence)."""
    recorded = {
        p.code: p
        for p in Proses.objects.filter(kegiatan=kegiatan)
        .select_related("owner")
        .prefetch_related("bukti")
    }
    found = {code: p.status for code, p in recorded.items()}
    phases = gsbpm.phase_progress(found)
    columns = []
    for phase in gsbpm.PHASES:
        cards = []
        for sub in phase.subprocesses:
            status = gsbpm.status_of(found, sub.code)
            proses = recorded.get(sub.code)
            bukti = list(proses.bukti.all()) if proses and with_evidence else []
            label = ProsesStatus(status).label
            cards.append(SubCard(sub.code, _(sub.name), status, label, proses, bukti))
        columns.append(PhaseColumn(phase.code, _(phase.name), phases[phase.code], cards))
    return columns


def bukti_or_404(kegiatan: Kegiatan, pk: int) -> Bukti:
    found = Bukti.objects.filter(pk=pk, proses__kegiatan=kegiatan).select_related("proses").first()
    if found is None:
        raise Http404
    return found


def linked_datasets(viewer: access.Viewer, kegiatan: Kegiatan) -> QuerySet[DatasetKegiatan]:
    """The kegiatan's datasets the viewer may see, never the others' titles, each with the
    variables the viewer may see."""
    variabel = Variabel.objects.all()
    if not rules.sees_all_metadata(viewer, kegiatan):
        variabel = variabel.filter(akses_publik=True)
    return (
        kegiatan.dataset_links.filter(dataset__in=access.datasets(viewer))
        .select_related("dataset")
        .prefetch_related(Prefetch("variabel", queryset=variabel))
    )


def linkable_datasets(viewer: access.Viewer, kegiatan: Kegiatan) -> QuerySet:
    return access.datasets(viewer).order_by("title").only("pk", "slug", "title")


def owner_choices(kegiatan: Kegiatan) -> QuerySet[User]:
    """Who can own a sub-process: the OPD's people and the walidata."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(organisation_id=kegiatan.organisation_id) | Q(grants__role="walidata"))
        .distinct()
        .order_by("full_name", "username")
    )


def record_of(viewer: access.Viewer, kegiatan: Kegiatan) -> md.KegiatanRecord:
    """The kegiatan as the engine's record, with the entries the viewer may see."""
    return md.KegiatanRecord(
        kegiatan.ms_keg(),
        variabel=[md.Record(v.ms_var()) for v in rules.variabel(viewer, kegiatan)],
        indikator=[md.Record(i.ms_ind()) for i in rules.indikator(viewer, kegiatan)],
    )


def display_rows(fields: tuple[md.Field, ...], values: dict[str, Any]) -> list[tuple[str, list]]:
    """Sections of (label, shown value) pairs, leaving out empty fields."""
    out = []
    for section, items in md.sections(fields):
        rows = [(f.label, md.display(f, values.get(f.key))) for f in items]
        rows = [(label, value) for label, value in rows if value]
        if rows:
            out.append((section, rows))
    return out


def entry_rows(fields: tuple[md.Field, ...], values: dict[str, Any]) -> list[tuple[str, str]]:
    rows = [(f.label, md.display(f, values.get(f.key))) for f in fields]
    return [(label, value) for label, value in rows if value]


def page_of(viewer: access.Viewer, kegiatan: Kegiatan) -> dict[str, Any]:
    """What the public page and the work page both show of a kegiatan (`_metadata.html`),
    with the indicator values the viewer may see for each MS-Ind."""
    series: dict[int, list[Any]] = {}
    for found in access_indicators.indicators(viewer).filter(indikator__kegiatan=kegiatan):
        series.setdefault(found.indikator_id, []).append(found)
    return {
        "kegiatan": kegiatan,
        "sections": display_rows(md.KEG_FIELDS, kegiatan.ms_keg()),
        "variabel": [
            (v, entry_rows(md.VAR_FIELDS, v.ms_var())) for v in rules.variabel(viewer, kegiatan)
        ],
        "indikator": [
            (i, entry_rows(md.IND_FIELDS, i.ms_ind()), series.get(i.pk, []))
            for i in rules.indikator(viewer, kegiatan)
        ],
        "romantik": romantik_of(kegiatan),
        "warning": romantik_warning(kegiatan),
        "progress": progress_of(kegiatan),
        "datasets": linked_datasets(viewer, kegiatan),
        "can_edit": rules.can_edit_kegiatan(viewer, kegiatan),
        "full": rules.sees_all_metadata(viewer, kegiatan),
    }
