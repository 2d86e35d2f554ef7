"""Upload → check → immutable version.

An upload is stored as it came (never lost), read and validated by the tabular engine into a
staged Parquet file, and shown to the produsen as a preview with a report. Accepting it moves the
staged file into the version store and creates the next immutable `Version`; the published version
is untouched until the walidata publishes. Large files are processed as a background job."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from satudata.apps.catalog import wilayah_codes
from satudata.apps.catalog.actions import layers
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.fields import plain, to_field, to_spec
from satudata.apps.catalog.models import Dataset, State, Transition, Upload, Version
from satudata.engines import tabular
from satudata.platform import access, audit, jobs, storage

LOCKED_STATES = (State.DIAJUKAN, State.MENUNGGU_PEMBINA)


def reference_codes(dataset: Dataset) -> set[str]:
    """The current kode wilayah at the dataset's level penyajian, inside its cakupan wilayah."""
    return wilayah_codes.reference_codes(dataset)


def latest_version(dataset: Dataset) -> Version | None:
    return dataset.versions.order_by("-number").first()


def check_start_upload(
    *,
    user: Any,
    dataset: Dataset,
    file: Path,
    original_name: str,
    sheet: str = "",
    crs: str = "",
    geometry: str = Upload.Geometry.AUTO,
    note: str = "",
    ip: str = "",
    inline: bool = False,
) -> Upload:
    """Store the file and check it: inline when small (or `inline`), else as a background job."""
    if not access.can_edit(access.viewer_for(user), dataset):
        raise NotAllowed(_("You may not upload data to this dataset."))
    if dataset.state in LOCKED_STATES:
        raise ActionError(
            _("This dataset is being checked. Wait for the result before uploading again.")
        )
    size = file.stat().st_size
    if size > settings.UPLOAD_MAX_BYTES:
        raise ActionError(
            _("The file is %(size)s MB; the limit is %(limit)s MB. Split it or ask the walidata.")
            % {"size": size // 2**20, "limit": settings.UPLOAD_MAX_BYTES // 2**20}
        )
    stored = storage.store_copy(file, "sources", Path(original_name).suffix.lower()[:10])
    with transaction.atomic():
        upload = Upload.objects.create(
            dataset=dataset,
            uploaded_by=user,
            source_path=storage.relative(stored),
            source_name=original_name[:255],
            source_size=size,
            source_checksum=storage.sha256_file(stored),
            sheet=sheet,
            crs=crs[:40],
            geometry=geometry,
            note=note[:500],
        )
        audit.record("upload.create", actor=user, obj=upload, label=original_name, ip=ip)
        if not inline and size > settings.BACKGROUND_INGEST_BYTES:
            upload.job = jobs.enqueue("ingest_upload", params={"upload": upload.pk}, user=user)
            upload.save(update_fields=["job"])
            return upload
    process_upload(upload)
    return upload


def target_schema(dataset: Dataset) -> list[tabular.FieldSpec] | None:
    """The adopted standard's fields (with their code lists), else the latest version's columns."""
    from satudata.apps.standards.queries import adopted_specs

    adopted = adopted_specs(dataset)
    if adopted is not None:
        return adopted
    previous = dataset.candidate_version or dataset.published_version
    return [to_spec(f) for f in previous.fields] if previous else None


def engine_options() -> tabular.Options:
    return tabular.Options(
        max_bytes=settings.UPLOAD_MAX_BYTES,
        memory_limit=settings.DUCKDB_MEMORY_LIMIT,
        threads=settings.DUCKDB_THREADS,
        temp_dir=storage.staging_dir(),
    )


def process_upload(upload: Upload, progress: tabular.Progress | None = None) -> Upload:
    """Runs the engine on an upload (inline or inside the ingest job) and stores its findings:
    the geospatial engine for a layer file, else the tabular engine."""
    if layers.is_layer_file(upload.source_name):
        return layers.process_layer(upload, engine_options())
    staged = storage.new_path("staging", ".parquet")
    source = storage.absolute(upload.source_path)
    try:
        result = tabular.ingest(
            source,
            staged,
            filename=upload.source_name,
            sheet=upload.sheet or None,
            schema=target_schema(upload.dataset),
            mapping=upload.mapping or None,
            code_lists={"kode_wilayah": reference_codes(upload.dataset)},
            options=engine_options(),
            progress=progress,
        )
    except tabular.TabularError as exc:
        upload.status = Upload.Status.FAILED
        upload.error = plain(exc.problem)
        upload.save(update_fields=["status", "error"])
        return upload
    result = wilayah_codes.explain(result, upload.dataset)
    upload.sheet = result.source.sheet or ""
    upload.sheets = [s.name for s in result.source.sheets]
    upload.staged_path = storage.relative(staged) if result.ok else ""
    upload.problems = plain(result.problems)
    upload.result = {
        "rows": result.row_count,
        "fields": plain(result.fields),
        "preview": plain(result.preview),
        "counts": plain(result.counts),
        "error_count": result.error_count,
        "warning_count": result.warning_count,
        "checksum": result.checksum,
        "source": plain(result.source),
    }
    upload.status = Upload.Status.READY if result.ok else Upload.Status.INVALID
    layers.table_layer(upload, staged, result, engine_options())
    if result.problems:
        report = storage.new_path("reports", ".xlsx")
        tabular.write_report(result, source, report, tr=gettext, options=engine_options())
        upload.report_path = storage.relative(report)
    upload.save()
    return upload


@jobs.handler("ingest_upload")
def ingest_job(context: jobs.JobContext) -> dict[str, Any]:
    upload = Upload.objects.select_related("dataset").get(pk=context.params["upload"])
    process_upload(upload, progress=context.progress)
    return {"upload": upload.pk, "status": upload.status}


def _unknown_codes(upload: Upload) -> dict[str, int]:
    return {
        count["column"]: int(count["count"])
        for count in upload.result.get("counts", [])
        if count["rule"] == "code_list" and count.get("column")
    }


def check_accept_upload(*, user: Any, upload: Upload, ip: str = "") -> Version:
    dataset = upload.dataset
    if not access.can_edit(access.viewer_for(user), dataset):
        raise NotAllowed(_("You may not change this dataset."))
    if upload.status != Upload.Status.READY:
        raise ActionError(_("Only a checked upload without errors can be saved as a version."))
    if dataset.state in LOCKED_STATES:
        raise ActionError(_("This dataset is being checked. Wait for the result first."))
    previous = latest_version(dataset)
    staged = storage.absolute(upload.staged_path)
    diff: dict[str, Any] = {}
    if previous is not None:
        diff = plain(
            tabular.diff_versions(
                storage.absolute(previous.parquet_path),
                staged,
                [to_field(f) for f in previous.fields],
                [to_field(f) for f in upload.result["fields"]],
                options=engine_options(),
            )
        )
        if upload.is_layer:
            diff.update(layers.layer_diff(previous, upload))
    geo, shapes = layers.stored_layer(upload) if upload.is_layer else ({}, None)
    final = storage.new_path("versions", ".parquet")
    staged.replace(final)
    try:
        with transaction.atomic():
            dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
            number = (dataset.versions.aggregate(n=Max("number"))["n"] or 0) + 1
            version = Version.objects.create(
                dataset=dataset,
                number=number,
                parquet_path=storage.relative(final),
                checksum=storage.sha256_file(final),
                rows=upload.result["rows"],
                fields=upload.result["fields"],
                source_path=upload.source_path,
                source_name=upload.source_name,
                source_checksum=upload.source_checksum,
                source_sheet=upload.sheet,
                source_size=upload.source_size,
                warnings={"count": upload.warning_count, "unknown_codes": _unknown_codes(upload)},
                diff=diff,
                geo=geo,
                note=upload.note,
                uploaded_by=upload.uploaded_by,
            )
            Upload.objects.filter(pk=upload.pk).update(
                status=Upload.Status.ACCEPTED, version=version, staged_path=""
            )
            dataset.candidate_version = version
            from_state = dataset.state
            if dataset.state == State.DITERBITKAN:
                dataset.state = State.DRAFT
            dataset.save(update_fields=["candidate_version", "state", "updated_at"])
            Transition.objects.create(
                dataset=dataset,
                kind=Transition.Kind.NEW_VERSION,
                from_state=from_state,
                to_state=dataset.state,
                version=version,
                actor=user,
                note=upload.note,
            )
            audit.record(
                "version.create",
                actor=user,
                obj=version,
                detail={"rows": version.rows, "checksum": version.checksum},
                ip=ip,
            )
    except Exception:
        final.unlink(missing_ok=True)
        if shapes is not None:
            shapes.unlink(missing_ok=True)
        raise
    return version


@transaction.atomic
def check_discard_upload(*, user: Any, upload: Upload, ip: str = "") -> None:
    if not access.can_edit(access.viewer_for(user), upload.dataset):
        raise NotAllowed(_("You may not change this dataset."))
    if upload.status == Upload.Status.ACCEPTED:
        raise ActionError(_("This upload is already a version; versions are never removed."))
    if upload.staged_path:
        storage.absolute(upload.staged_path).unlink(missing_ok=True)
    layers.discard_staged(upload)
    Upload.objects.filter(pk=upload.pk).update(status=Upload.Status.DISCARDED, staged_path="")
    audit.record("upload.discard", actor=user, obj=upload, ip=ip)
