"""Every write of the harvesting app: sources, runs, their logs, and the datasets harvested.

Harvested datasets are published metadata records (terbuka only) owned by this app: their links
to the remote resources are link attachments, and their published version is the small table of
those resources, so that the portal lists and shows them like every other dataset."""

from datetime import timedelta
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satudata.apps.catalog.actions.datasets import unique_slug
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import (
    AccessLevel,
    Attachment,
    Dataset,
    Frekuensi,
    JenisStatistik,
    LevelPenyajian,
    Licence,
    State,
    Tag,
    Transition,
    Version,
)
from satudata.apps.harvest.models import (
    HarvestedDataset,
    HarvestRecordError,
    HarvestRun,
    HarvestSource,
)
from satudata.apps.harvest.records import RemoteRecord
from satudata.apps.search.actions import do_index_dataset
from satudata.platform import access, audit, jobs, outbound, storage

SOURCE_FIELDS = (
    "name",
    "kind",
    "url",
    "organisation",
    "organisation_map",
    "topic",
    "interval_hours",
    "withdraw_deleted",
    "active",
)
RESOURCE_COLUMNS = ("judul", "format", "url", "deskripsi")
LICENCES = (
    ("by-sa", Licence.CC_BY_SA_4),
    ("zero", Licence.CC0),
    ("cc0", Licence.CC0),
    ("odbl", Licence.ODBL),
    ("by", Licence.CC_BY_4),
)
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
STALE_RUN = timedelta(hours=12)


def can_manage(user: Any) -> bool:
    return access.viewer_for(user).is_walidata


def _require_manager(user: Any) -> None:
    if not can_manage(user):
        raise NotAllowed(_("Only the walidata can manage harvest sources."))


def _check_address(data: dict[str, Any]) -> None:
    """A source's address must be one the portal may send requests to (public http(s)); checked
    before the transaction opens, since it asks the DNS."""
    if "url" not in data:
        return
    try:
        outbound.check_url(str(data["url"]))
    except outbound.OutboundRefused as exc:
        raise ActionError(exc.message) from exc


def check_create_source(*, user: Any, data: dict[str, Any], ip: str = "") -> HarvestSource:
    _require_manager(user)
    _check_address(data)
    with transaction.atomic():
        source = HarvestSource.objects.create(
            created_by=user, **{k: v for k, v in data.items() if k in SOURCE_FIELDS}
        )
        audit.record("harvest.source.create", actor=user, obj=source, ip=ip)
    return source


def check_update_source(
    *, user: Any, source: HarvestSource, data: dict[str, Any], ip: str = ""
) -> HarvestSource:
    _require_manager(user)
    _check_address(data)
    with transaction.atomic():
        changed = {}
        for key in SOURCE_FIELDS:
            if key in data and getattr(source, key) != data[key]:
                changed[key] = str(data[key])[:200]
                setattr(source, key, data[key])
        if {"url", "kind"} & changed.keys():
            source.last_success_modified = None
        source.save()
        audit.record("harvest.source.update", actor=user, obj=source, detail=changed, ip=ip)
    return source


@transaction.atomic
def check_delete_source(*, user: Any, source: HarvestSource, ip: str = "") -> None:
    """Removes the source and its run log; the datasets harvested stay (as local records)."""
    _require_manager(user)
    if source.runs.filter(status__in=HarvestRun.ACTIVE).exists():
        raise ActionError(_("Wait until the running harvest of this source has finished."))
    audit.record("harvest.source.delete", actor=user, obj=source, ip=ip)
    source.delete()


def _running(source: HarvestSource) -> HarvestRun | None:
    """The source's unfinished run, closing first any whose job ended without finishing it
    (or, for a run started by the command, that has gone on far too long)."""
    stale_before = timezone.now() - STALE_RUN
    for run in source.runs.filter(status__in=HarvestRun.ACTIVE).select_related("job"):
        ended = run.job is not None and run.job.finished_at is not None
        lost = run.job is None and (run.started_at or run.queued_at) < stale_before
        if ended or lost:
            run.status = HarvestRun.Status.FAILED
            run.finished_at = timezone.now()
            run.message = (run.job.error if run.job else "") or _("The harvest was interrupted.")
            run.save(update_fields=["status", "finished_at", "message"])
            continue
        return run
    return None


@transaction.atomic
def do_create_run(*, source: HarvestSource, trigger: str, user: Any = None) -> HarvestRun | None:
    """A new run of the source, unless one is already queued or running (then None)."""
    source = HarvestSource.objects.select_for_update().get(pk=source.pk)
    if _running(source) is not None:
        return None
    run = HarvestRun.objects.create(source=source, trigger=trigger, created_by=user)
    source.last_run_at = timezone.now()
    source.save(update_fields=["last_run_at"])
    audit.record(
        "harvest.start", actor=user, obj=source, detail={"run": run.pk, "trigger": trigger}
    )
    return run


@transaction.atomic
def do_start_harvest(
    *, source: HarvestSource, trigger: str, user: Any = None, full: bool = False
) -> HarvestRun | None:
    """Queues a run as a background job unless one is already queued or running."""
    run = do_create_run(source=source, trigger=trigger, user=user)
    if run is None:
        return None
    run.job = jobs.enqueue("harvest.run", params={"run": run.pk, "full": full}, user=user)
    run.save(update_fields=["job"])
    return run


def check_start_harvest(
    *, user: Any, source: HarvestSource, full: bool = False, ip: str = ""
) -> HarvestRun:
    _require_manager(user)
    run = do_start_harvest(source=source, trigger=HarvestRun.Trigger.MANUAL, user=user, full=full)
    if run is None:
        raise ActionError(_("A harvest of this source is already queued or running."))
    return run


def do_start_due_harvests() -> list[HarvestRun]:
    now = timezone.now()
    runs = []
    for source in HarvestSource.objects.filter(active=True, interval_hours__gt=0):
        if source.is_due(now):
            run = do_start_harvest(source=source, trigger=HarvestRun.Trigger.SCHEDULED)
            if run is not None:
                runs.append(run)
    return runs


@transaction.atomic
def do_begin_run(run: HarvestRun) -> None:
    run.status = HarvestRun.Status.RUNNING
    run.started_at = timezone.now()
    run.save(update_fields=["status", "started_at"])


@transaction.atomic
def do_log_record_error(
    run: HarvestRun, *, remote_id: str, remote_name: str, message: str, detail: str = ""
) -> None:
    HarvestRecordError.objects.create(
        run=run,
        remote_id=remote_id[:300],
        remote_name=remote_name[:300],
        message=message[:500],
        detail=detail[:5000],
    )


@transaction.atomic
def do_finish_run(run: HarvestRun, *, status: str, message: str = "", high_water: Any) -> None:
    """Closes the run; the source's high-water mark moves only after a run without errors."""
    run.status = status
    run.message = message
    run.finished_at = timezone.now()
    run.save()
    source = run.source
    advance = status == HarvestRun.Status.SUCCEEDED and high_water is not None
    if advance and (
        source.last_success_modified is None or high_water > source.last_success_modified
    ):
        source.last_success_modified = high_water
        source.save(update_fields=["last_success_modified"])
    audit.record(
        "harvest.finish",
        actor=run.created_by,
        obj=source,
        detail={
            "run": run.pk,
            "status": status,
            **{k: getattr(run, k) for k in ("created", "updated", "unchanged", "deleted")},
            "failed": run.failed,
        },
    )


def _licence(remote: str) -> str:
    text = remote.lower()
    return next((licence for key, licence in LICENCES if key in text), Licence.CC_BY_4)


def _choice(value: str, choices: type) -> str | None:
    text = value.strip().lower().replace(" ", "_")
    return text if text in choices.values else None


def _metadata(source: HarvestSource, record: RemoteRecord) -> dict[str, Any]:
    origin = record.landing_page or source.url
    rujukan = _("Harvested from %(source)s: %(address)s") % {"source": source, "address": origin}
    if record.licence:
        rujukan += "\n" + _("Licence at the source: %(licence)s") % {"licence": record.licence}
    values: dict[str, Any] = {
        "title": record.title[:250],
        "description": record.description,
        "access_level": AccessLevel.TERBUKA,
        "licence": _licence(record.licence),
        "rujukan": rujukan,
        "frekuensi": Frekuensi.TIDAK_TENTU,
    }
    for key, field, choices in (
        ("frekuensi_penerbitan", "frekuensi", Frekuensi),
        ("level_penyajian", "level_penyajian", LevelPenyajian),
        ("jenis_statistik", "jenis_statistik", JenisStatistik),
    ):
        chosen = _choice(record.extras.get(key, ""), choices)
        if chosen:
            values[field] = chosen
    return values


def _organisation(source: HarvestSource, record: RemoteRecord) -> Any:
    from satudata.apps.accounts.models import Organisation

    mapped = source.organisation_map.get(record.organisation)
    organisation = Organisation.objects.filter(pk=mapped).first() if mapped else None
    return organisation or source.organisation


def source_tag(source: HarvestSource) -> str:
    return f"panen-{slugify(source.name)}"[:60]


def _set_tags(dataset: Dataset, source: HarvestSource, record: RemoteRecord) -> None:
    names = {n.strip().lower()[:60] for n in (*record.tags, *record.themes) if n.strip()}
    names.add(source_tag(source))
    dataset.tags.set([Tag.objects.get_or_create(name=name)[0] for name in sorted(names)])


def _set_links(dataset: Dataset, record: RemoteRecord, user: Any) -> None:
    dataset.attachments.filter(kind=Attachment.Kind.LINK).delete()
    links = [(r.title, r.url, r.description or r.format) for r in record.resources]
    if record.landing_page:
        links.append((_("Page at the source"), record.landing_page, ""))
    url_length = Attachment._meta.get_field("url").max_length
    Attachment.objects.bulk_create(
        Attachment(
            dataset=dataset,
            kind=Attachment.Kind.LINK,
            title=title[:200],
            url=url,
            description=description,
            access_level=AccessLevel.TERBUKA,
            added_by=user,
        )
        for title, url, description in links
        if len(url) <= url_length
    )


def _resource_rows(record: RemoteRecord) -> list[dict[str, str]]:
    return [
        {"judul": r.title, "format": r.format, "url": r.url, "deskripsi": r.description}
        for r in record.resources
    ]


def _published_rows(dataset: Dataset) -> list[dict[str, str]] | None:
    version = dataset.published_version
    if version is None:
        return None
    path = storage.absolute(version.parquet_path)
    if not path.exists():
        return None
    return pq.read_table(path).to_pylist()


def _new_version(dataset: Dataset, record: RemoteRecord, user: Any) -> Version:
    rows = _resource_rows(record)
    table = pa.table({c: pa.array([r[c] for r in rows], pa.string()) for c in RESOURCE_COLUMNS})
    path = storage.new_path("versions", ".parquet")
    pq.write_table(table, path)
    checksum = storage.sha256_file(path)
    number = (
        dataset.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    return Version.objects.create(
        dataset=dataset,
        number=number,
        parquet_path=storage.relative(path),
        checksum=checksum,
        rows=len(rows),
        fields=[
            {"name": c, "title": c.capitalize(), "type": "string", "role": None}
            for c in RESOURCE_COLUMNS
        ],
        source_path=storage.relative(path),
        source_name=(record.landing_page or record.name)[:255],
        source_checksum=checksum,
        source_size=path.stat().st_size,
        note=_("Resources listed at the harvest source")[:500],
        uploaded_by=user,
    )


def _publish(dataset: Dataset, record: RemoteRecord, user: Any) -> None:
    """Points the dataset at a version listing the record's resources (new if they changed)."""
    version = dataset.published_version
    if version is None or _published_rows(dataset) != _resource_rows(record):
        version = _new_version(dataset, record, user)
    if dataset.published_version_id == version.pk and dataset.state == State.DITERBITKAN:
        return
    Transition.objects.create(
        dataset=dataset,
        kind=Transition.Kind.PUBLISH,
        from_state=dataset.state,
        to_state=State.DITERBITKAN,
        version=version,
        actor=user,
        note=_("Harvested"),
    )
    dataset.published_version = version
    dataset.state = State.DITERBITKAN


@transaction.atomic
def do_harvest_record(*, source: HarvestSource, record: RemoteRecord, user: Any = None) -> str:
    """Creates or updates the local dataset of one public remote record; returns the outcome."""
    link = (
        HarvestedDataset.objects.select_related("dataset")
        .filter(source=source, remote_id=record.remote_id)
        .first()
    )
    if link is not None and link.content_hash == record.content_hash:
        dataset = link.dataset
        if link.deleted_at_source is None and dataset.published_version_id is not None:
            if record.modified and record.modified != link.remote_modified:
                link.remote_modified = record.modified
                link.save(update_fields=["remote_modified", "last_harvested_at"])
            return UNCHANGED
    values = _metadata(source, record)
    organisation = _organisation(source, record)
    if link is None:
        dataset = Dataset.objects.create(
            organisation=organisation,
            created_by=user,
            slug=unique_slug(record.name or record.title),
            topic=source.topic,
            **values,
        )
        Transition.objects.create(
            dataset=dataset, kind=Transition.Kind.CREATE, to_state=State.DRAFT, actor=user
        )
        link = HarvestedDataset(source=source, remote_id=record.remote_id, dataset=dataset)
        outcome = CREATED
    else:
        dataset = link.dataset
        for key, value in values.items():
            setattr(dataset, key, value)
        dataset.organisation = organisation
        dataset.topic = dataset.topic or source.topic
        outcome = UPDATED
    dataset.data_updated_at = record.modified or timezone.now()
    _set_tags(dataset, source, record)
    _set_links(dataset, record, user)
    _publish(dataset, record, user)
    dataset.save()
    link.remote_name = record.name[:300]
    link.remote_modified = record.modified
    link.remote_url = record.landing_page[:500]
    link.content_hash = record.content_hash
    link.deleted_at_source = None
    link.save()
    audit.record(
        f"harvest.dataset.{'create' if outcome == CREATED else 'update'}",
        actor=user,
        obj=dataset,
        detail={"source": source.pk, "remote_id": record.remote_id},
    )
    do_index_dataset(dataset)
    return outcome


def _withdraw(link: HarvestedDataset, user: Any, note: str) -> None:
    dataset = link.dataset
    if dataset.published_version_id is None:
        return
    Transition.objects.create(
        dataset=dataset,
        kind=Transition.Kind.RETURN,
        from_state=dataset.state,
        to_state=State.DRAFT,
        actor=user,
        note=note,
    )
    dataset.published_version = None
    dataset.state = State.DRAFT
    dataset.save(update_fields=["published_version", "state", "updated_at"])
    audit.record("harvest.dataset.withdraw", actor=user, obj=dataset, detail={"note": note})
    do_index_dataset(dataset)


@transaction.atomic
def do_withdraw_not_public(*, source: HarvestSource, remote_id: str, user: Any = None) -> bool:
    """A record that became private (or deleted) at the source is withdrawn at once."""
    link = HarvestedDataset.objects.filter(source=source, remote_id=remote_id).first()
    if link is None:
        return False
    _withdraw(link, user, _("Withdrawn: the record is no longer public at the source."))
    link.content_hash = ""
    link.save(update_fields=["content_hash", "last_harvested_at"])
    return True


@transaction.atomic
def do_mark_deleted(*, source: HarvestSource, present: set[str], user: Any = None) -> int:
    """Records gone from the source are reported (and withdrawn when the source says so)."""
    count = 0
    for link in source.records.filter(deleted_at_source__isnull=True).select_related("dataset"):
        if link.remote_id in present:
            continue
        link.deleted_at_source = timezone.now()
        link.save(update_fields=["deleted_at_source", "last_harvested_at"])
        if source.withdraw_deleted:
            _withdraw(link, user, _("Withdrawn: the record was deleted at the source."))
        count += 1
    return count
