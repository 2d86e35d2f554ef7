"""Reading an upload again from its stored source file: another sheet, or columns matched by hand.

The earlier upload is discarded; the new one shares the same stored source file (nothing is
copied, nothing the user uploaded is lost) and is checked like any upload."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from satudata.apps.catalog.actions.uploads import (
    LOCKED_STATES,
    check_discard_upload,
    process_upload,
)
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.mapping import schema_targets
from satudata.apps.catalog.models import Upload
from satudata.platform import access, audit, jobs


def _checked_mapping(upload: Upload, mapping: dict[str, str]) -> dict[str, str]:
    known = {target.name for target in schema_targets(upload.dataset)}
    unknown = sorted(set(mapping.values()) - known)
    if unknown:
        raise ActionError(
            _("The data standard has no column “%(column)s”.") % {"column": unknown[0]}
        )
    if len(set(mapping.values())) < len(mapping):
        raise ActionError(_("Each column of the data standard can be matched only once."))
    return {**upload.mapping, **mapping}


def check_reupload(
    *,
    user: Any,
    upload: Upload,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    crs: str | None = None,
    ip: str = "",
) -> Upload:
    """Discard `upload` and read its file again, from `sheet` (a layer, for a layer file),
    with `mapping` (header in the file → column of the data standard) added to the upload's
    own, and/or in the coordinate system `crs` (for a layer that does not say its own)."""
    dataset = upload.dataset
    if not access.can_edit(access.viewer_for(user), dataset):
        raise NotAllowed(_("You may not upload data to this dataset."))
    if dataset.state in LOCKED_STATES:
        raise ActionError(
            _("This dataset is being checked. Wait for the result before uploading again.")
        )
    if upload.status in (Upload.Status.PROCESSING, Upload.Status.ACCEPTED):
        raise ActionError(_("This upload cannot be read again now."))
    sheet = upload.sheet if sheet is None else sheet
    mapping = _checked_mapping(upload, mapping) if mapping else upload.mapping
    crs = upload.crs if crs is None else crs
    with transaction.atomic():
        check_discard_upload(user=user, upload=upload, ip=ip)
        fresh = Upload.objects.create(
            dataset=dataset,
            uploaded_by=user,
            source_path=upload.source_path,
            source_name=upload.source_name,
            source_size=upload.source_size,
            source_checksum=upload.source_checksum,
            sheet=sheet[:120],
            mapping=mapping,
            crs=crs[:40],
            note=upload.note,
        )
        audit.record(
            "upload.create",
            actor=user,
            obj=fresh,
            label=upload.source_name,
            detail={"from_upload": upload.pk, "sheet": sheet, "mapping": mapping, "crs": crs},
            ip=ip,
        )
        if fresh.source_size > settings.BACKGROUND_INGEST_BYTES:
            fresh.job = jobs.enqueue("ingest_upload", params={"upload": fresh.pk}, user=user)
            fresh.save(update_fields=["job"])
            return fresh
    process_upload(fresh)
    return fresh
