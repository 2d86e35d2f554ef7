"""Creating and editing datasets and their attachments."""

from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satudata.apps.catalog.errors import NotAllowed
from satudata.apps.catalog.models import Attachment, Dataset, State, Tag, Transition
from satudata.apps.search.actions import do_index_dataset
from satudata.platform import access, audit, storage

METADATA_FIELDS = (
    "title",
    "description",
    "topic",
    "access_level",
    "licence",
    "frekuensi",
    "period_start",
    "period_end",
    "cakupan_wilayah",
    "level_penyajian",
    "konsep",
    "definisi",
    "klasifikasi",
    "ukuran",
    "satuan",
    "kode_referensi",
    "jenis_statistik",
    "prioritas_years",
    "pengelola_nama",
    "pengelola_email",
    "rujukan",
)


def unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:100] or "dataset"
    slug, n = base, 2
    while Dataset.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _set_tags(dataset: Dataset, names: list[str]) -> None:
    tags = []
    for name in {n.strip().lower() for n in names if n.strip()}:
        tag, _created = Tag.objects.get_or_create(name=name[:60])
        tags.append(tag)
    dataset.tags.set(tags)


@transaction.atomic
def do_create_dataset(
    *, user: Any, organisation: Any, data: dict[str, Any], tags: list[str] = (), ip: str = ""
) -> Dataset:
    values = {k: v for k, v in data.items() if k in METADATA_FIELDS}
    dataset = Dataset.objects.create(
        organisation=organisation,
        created_by=user,
        slug=unique_slug(values.get("title", "")),
        **values,
    )
    _set_tags(dataset, list(tags))
    Transition.objects.create(
        dataset=dataset, kind=Transition.Kind.CREATE, to_state=State.DRAFT, actor=user
    )
    audit.record("dataset.create", actor=user, obj=dataset, ip=ip)
    do_index_dataset(dataset)
    return dataset


def check_create_dataset(
    *, user: Any, organisation: Any, data: dict[str, Any], tags: list[str] = (), ip: str = ""
) -> Dataset:
    viewer = access.viewer_for(user)
    if not access.can_create_dataset(viewer):
        raise NotAllowed(_("Only a produsen data can add datasets."))
    if not viewer.is_admin and organisation.pk != viewer.organisation_id:
        raise NotAllowed(_("You can only add datasets for your own organisation."))
    return do_create_dataset(user=user, organisation=organisation, data=data, tags=tags, ip=ip)


@transaction.atomic
def check_update_metadata(
    *, user: Any, dataset: Dataset, data: dict[str, Any], tags: list[str] | None, ip: str = ""
) -> Dataset:
    if not access.can_edit(access.viewer_for(user), dataset):
        raise NotAllowed(_("You may not edit this dataset."))
    changed = {}
    for key, value in data.items():
        if key in METADATA_FIELDS and getattr(dataset, key) != value:
            changed[key] = str(value)[:200]
            setattr(dataset, key, value)
    dataset.save()
    if tags is not None:
        _set_tags(dataset, tags)
    audit.record("dataset.update", actor=user, obj=dataset, detail={"changed": changed}, ip=ip)
    do_index_dataset(dataset)
    return dataset


@transaction.atomic
def check_add_attachment(
    *,
    user: Any,
    dataset: Dataset,
    title: str,
    access_level: str,
    description: str = "",
    file: Path | None = None,
    file_name: str = "",
    media_type: str = "",
    url: str = "",
    ip: str = "",
) -> Attachment:
    if not access.can_edit(access.viewer_for(user), dataset):
        raise NotAllowed(_("You may not edit this dataset."))
    attachment = Attachment(
        dataset=dataset,
        title=title,
        description=description,
        access_level=access_level,
        added_by=user,
    )
    if file is not None:
        stored = storage.store_copy(file, "attachments", Path(file_name).suffix.lower())
        attachment.kind = Attachment.Kind.DOCUMENT
        attachment.file_path = storage.relative(stored)
        attachment.file_name = file_name
        attachment.media_type = media_type
        attachment.size = stored.stat().st_size
    else:
        attachment.kind = Attachment.Kind.LINK
        attachment.url = url
    attachment.save()
    audit.record("attachment.add", actor=user, obj=attachment, ip=ip)
    do_index_dataset(dataset)
    return attachment


@transaction.atomic
def check_remove_attachment(*, user: Any, attachment: Attachment, ip: str = "") -> None:
    if not access.can_edit(access.viewer_for(user), attachment.dataset):
        raise NotAllowed(_("You may not edit this dataset."))
    audit.record("attachment.remove", actor=user, obj=attachment, ip=ip)
    attachment.delete()
    do_index_dataset(attachment.dataset)
