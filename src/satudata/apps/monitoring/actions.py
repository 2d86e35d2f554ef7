"""Every write of monitoring and planning: stored quality scores, the Daftar Data and its
approval by the Forum Satu Data, Data Prioritas designations, and the reminders of due data."""

from collections.abc import Iterable
from dataclasses import asdict
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satudata.apps.accounts.models import Organisation, User
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import Dataset
from satudata.apps.monitoring.models import (
    DaftarData,
    DatasetQuality,
    PlannedElement,
    PrioritasDesignation,
)
from satudata.apps.monitoring.quality import evidence_for
from satudata.engines.stats import quality
from satudata.platform import access, audit

BATCH = 500


def do_refresh_quality(dataset_ids: Iterable[int] | None = None, today: date | None = None) -> int:
    """Recompute and store the score of the given datasets (all when None); returns the count."""
    today = today or timezone.localdate()
    queryset = (
        Dataset.objects.all()
        if dataset_ids is None
        else Dataset.objects.filter(pk__in=list(dataset_ids))
    )
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), BATCH):
        chunk = list(Dataset.objects.filter(pk__in=ids[start : start + BATCH]))
        evidence = evidence_for(chunk, today)
        rows = []
        for dataset in chunk:
            result = quality.score(evidence[dataset.pk])
            parts = [asdict(p) for p in [*result.parts, *result.skipped]]
            rows.append(DatasetQuality(dataset=dataset, score=result.total, parts=parts))
        with transaction.atomic():
            DatasetQuality.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["dataset"],
                update_fields=["score", "parts", "computed_at"],
            )
        done += len(rows)
    return done


def _require_walidata(user: User) -> access.Viewer:
    viewer = access.viewer_for(user)
    if not viewer.is_walidata:
        raise NotAllowed(_("Only the walidata may do this."))
    return viewer


def _may_plan(viewer: access.Viewer, organisation: Organisation) -> bool:
    return viewer.is_walidata or (viewer.is_producer and viewer.organisation_id == organisation.pk)


def check_save_element(
    *,
    user: User,
    daftar: DaftarData,
    name: str,
    frekuensi: str,
    due_date: date,
    dataset: Dataset | None = None,
    prioritas: bool = False,
    element: PlannedElement | None = None,
) -> PlannedElement:
    viewer = access.viewer_for(user)
    if not _may_plan(viewer, daftar.organisation):
        raise NotAllowed(_("You may not change this Daftar Data."))
    if daftar.state == DaftarData.State.APPROVED and not viewer.is_walidata:
        raise ActionError(
            _(
                "The Daftar Data %(year)s was approved by the Forum Satu Data; "
                "ask the walidata to change it."
            )
            % {"year": daftar.year}
        )
    if dataset is not None and dataset.organisation_id != daftar.organisation_id:
        raise ActionError(_("The dataset belongs to another organisation."))
    if due_date.year not in (daftar.year, daftar.year + 1):
        raise ActionError(
            _("The release date %(date)s is outside the year %(year)s of this Daftar Data.")
            % {"date": due_date.isoformat(), "year": daftar.year}
        )
    with transaction.atomic():
        element = element or PlannedElement(daftar=daftar)
        element.name = name.strip()
        element.frekuensi = frekuensi
        element.due_date = due_date
        element.dataset = dataset
        element.prioritas = prioritas
        element.save()
        audit.record(
            "daftar_data.element",
            actor=user,
            obj=element,
            label=element.name,
            detail={"year": daftar.year, "organisation": daftar.organisation.slug},
        )
    return element


def check_open_daftar(*, user: User, organisation: Organisation, year: int) -> DaftarData:
    viewer = access.viewer_for(user)
    if not _may_plan(viewer, organisation):
        raise NotAllowed(_("You may not plan for this organisation."))
    with transaction.atomic():
        daftar, _created = DaftarData.objects.get_or_create(organisation=organisation, year=year)
    return daftar


def check_delete_element(*, user: User, element: PlannedElement) -> None:
    viewer = access.viewer_for(user)
    daftar = element.daftar
    if not _may_plan(viewer, daftar.organisation):
        raise NotAllowed(_("You may not change this Daftar Data."))
    if daftar.state == DaftarData.State.APPROVED and not viewer.is_walidata:
        raise ActionError(_("An approved Daftar Data can only be changed by the walidata."))
    with transaction.atomic():
        audit.record("daftar_data.element_delete", actor=user, obj=element, label=element.name)
        element.delete()


def check_approve_daftar(*, user: User, daftar: DaftarData, forum_note: str) -> DaftarData:
    """The walidata records the Forum Satu Data's approval; its prioritas elements that name a
    dataset become Data Prioritas designations for the year."""
    _require_walidata(user)
    if not forum_note.strip():
        raise ActionError(
            _("Write which Forum Satu Data meeting approved it (e.g. “Forum 12 Maret 2026”).")
        )
    if not daftar.elements.exists():
        raise ActionError(_("An empty Daftar Data cannot be approved: add its data elements."))
    with transaction.atomic():
        daftar.state = DaftarData.State.APPROVED
        daftar.approved_by = user
        daftar.approved_at = timezone.now()
        daftar.forum_note = forum_note.strip()
        daftar.save()
        for element in daftar.elements.filter(prioritas=True, dataset__isnull=False):
            do_designate_prioritas(
                user=user, dataset=element.dataset, year=daftar.year, forum_note=forum_note
            )
        audit.record(
            "daftar_data.approve",
            actor=user,
            obj=daftar,
            label=str(daftar),
            detail={"forum": daftar.forum_note, "elements": daftar.elements.count()},
        )
    return daftar


def do_designate_prioritas(
    *, user: User, dataset: Dataset, year: int, forum_note: str, kriteria: str = ""
) -> PrioritasDesignation:
    with transaction.atomic():
        designation, _created = PrioritasDesignation.objects.update_or_create(
            dataset=dataset,
            year=year,
            defaults={"approved_by": user, "forum_note": forum_note.strip(), "kriteria": kriteria},
        )
        years = sorted({*dataset.prioritas_years, year})
        if years != dataset.prioritas_years:
            Dataset.objects.filter(pk=dataset.pk).update(prioritas_years=years)
            dataset.prioritas_years = years
        audit.record(
            "prioritas.designate",
            actor=user,
            obj=dataset,
            label=dataset.title,
            detail={"year": year, "forum": forum_note.strip()},
        )
    return designation


def check_designate_prioritas(
    *, user: User, dataset: Dataset, year: int, forum_note: str, kriteria: str = ""
) -> PrioritasDesignation:
    _require_walidata(user)
    if not forum_note.strip():
        raise ActionError(_("Write which Forum Satu Data meeting decided the designation."))
    return do_designate_prioritas(
        user=user, dataset=dataset, year=year, forum_note=forum_note, kriteria=kriteria
    )


def check_withdraw_prioritas(*, user: User, designation: PrioritasDesignation) -> None:
    _require_walidata(user)
    dataset = designation.dataset
    with transaction.atomic():
        years = [y for y in dataset.prioritas_years if y != designation.year]
        Dataset.objects.filter(pk=dataset.pk).update(prioritas_years=years)
        audit.record(
            "prioritas.withdraw",
            actor=user,
            obj=dataset,
            label=dataset.title,
            detail={"year": designation.year},
        )
        designation.delete()
