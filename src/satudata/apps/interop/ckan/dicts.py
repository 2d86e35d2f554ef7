"""Datasets, resources, organisations and topics as CKAN dictionaries, with the SDI metadata
as the extras the national portal reads.

A published dataset has one resource per open format of its published version (CSV, XLSX,
JSON, Parquet: the same rows, all in the DataStore) and one per attachment the viewer may
see. Attachments are read through the access gate, for a whole page of datasets at once."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import Attachment, Dataset, Licence, Topic, Version
from satudata.apps.catalog.models.choices import OPEN_LICENCES
from satudata.apps.interop.ckan import ids
from satudata.apps.portal.exports import MEDIA_TYPES
from satudata.apps.portal.queries import absolute
from satudata.apps.search.memo import Memo
from satudata.engines import text
from satudata.platform import access, storage

NOT_OPEN = "other-closed"
CKAN_LICENCES = {
    Licence.CC_BY_4: ("cc-by", "https://creativecommons.org/licenses/by/4.0/"),
    Licence.CC_BY_SA_4: ("cc-by-sa", "https://creativecommons.org/licenses/by-sa/4.0/"),
    Licence.CC0: ("cc-zero", "https://creativecommons.org/publicdomain/zero/1.0/"),
    Licence.ODBL: ("odc-odbl", "https://opendatacommons.org/licenses/odbl/1-0/"),
    Licence.BAGI_PAKAI: (NOT_OPEN, ""),
    Licence.INTERNAL: (NOT_OPEN, ""),
}
OUR_LICENCES = {
    ckan_id: tuple(
        sorted(ours for ours, (other, _url) in CKAN_LICENCES.items() if other == ckan_id)
    )
    for ckan_id, _url in CKAN_LICENCES.values()
}
LICENCE_TITLES = dict(Licence.choices)
PACKAGES = Memo(size=5_000)
PACKAGES_SCOPE = "package-dicts"


MARK_SLUG, MARK_NUMBER = "xslugx", 987654321


@cache
def _route(name: str, with_number: bool = False) -> str:
    """The portal address of `name` as a format string with {slug}, {number} and {fmt}, reversed
    once per process instead of once per resource."""
    if name == "portal:download":
        found = reverse(name, args=[MARK_SLUG, MARK_NUMBER, "csv"])
        found = found.replace("unduh.csv", "unduh.{fmt}")
    elif with_number:
        found = reverse(name, args=[MARK_SLUG, MARK_NUMBER])
    else:
        found = reverse(name, args=[MARK_SLUG])
    return absolute(found.replace(MARK_SLUG, "{slug}").replace(str(MARK_NUMBER), "{number}"))


def timestamp(value: datetime | None) -> str | None:
    """CKAN's form of a time: ISO 8601 in UTC without an offset."""
    if value is None:
        return None
    if timezone.is_aware(value):
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat()


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def organization_dict(org: Organisation, count: int | None = None) -> dict[str, Any]:
    found = {
        "id": ids.organization_id(org.pk),
        "name": org.slug,
        "title": org.name,
        "display_name": org.name,
        "description": org.description,
        "type": "organization",
        "is_organization": True,
        "approval_status": "approved",
        "state": "active",
        "created": timestamp(org.created_at),
        "image_url": "",
        "image_display_url": "",
        "url": _route("portal:organisation").format(slug=org.slug),
        "extras": [
            {"key": key, "value": value}
            for key, value in (("kode_wilayah", org.kode_wilayah), ("jenis", org.kind))
            if value
        ],
    }
    if count is not None:
        found["package_count"] = count
    return found


def group_dict(topic: Topic, count: int | None = None) -> dict[str, Any]:
    found = {
        "id": ids.group_id(topic.pk),
        "name": topic.slug,
        "title": topic.name,
        "display_name": topic.name,
        "description": topic.description,
        "type": "group",
        "is_organization": False,
        "approval_status": "approved",
        "state": "active",
        "image_url": "",
        "image_display_url": "",
        "url": _route("portal:topic").format(slug=topic.slug),
    }
    if count is not None:
        found["package_count"] = count
    return found


def tag_dict(name: str) -> dict[str, Any]:
    return {"name": name, "display_name": name, "state": "active", "vocabulary_id": None}


def _parquet_size(version: Version) -> int | None:
    try:
        return storage.absolute(version.parquet_path).stat().st_size
    except OSError:
        return None


def data_resources(dataset: Dataset, version: Version) -> list[dict[str, Any]]:
    resources = []
    described = _("Version %(number)s of the data, as %(format)s.")
    download = _route("portal:download")
    for fmt in ids.FORMATS:
        resources.append(
            {
                "id": ids.data_resource_id(dataset.pk, version.number, fmt),
                "package_id": ids.package_id(dataset.pk),
                "name": f"{dataset.slug}-v{version.number}.{fmt}",
                "description": described % {"number": version.number, "format": fmt.upper()},
                "format": fmt.upper(),
                "mimetype": MEDIA_TYPES[fmt].split(";")[0],
                "url": download.format(slug=dataset.slug, number=version.number, fmt=fmt),
                "size": _parquet_size(version) if fmt == "parquet" else None,
                "hash": f"sha256:{version.checksum}" if fmt == "parquet" else "",
                "created": timestamp(version.created_at),
                "last_modified": timestamp(version.created_at),
                "metadata_modified": timestamp(version.created_at),
                "datastore_active": True,
                "state": "active",
                "url_type": None,
                "resource_type": "data",
                "version": str(version.number),
                "rows": version.rows,
            }
        )
    return resources


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lstrip(".")
    return suffix.upper() if suffix.isalnum() and len(suffix) <= 10 else ""


def attachment_resource(dataset: Dataset, item: Attachment) -> dict[str, Any]:
    is_link = item.kind == Attachment.Kind.LINK
    url = (
        item.url
        if is_link
        else absolute(reverse("portal:attachment", args=[dataset.slug, item.pk]))
    )
    return {
        "id": ids.attachment_resource_id(dataset.pk, item.pk),
        "package_id": ids.package_id(dataset.pk),
        "name": item.title,
        "description": item.description,
        "format": "" if is_link else _suffix(item.file_name),
        "mimetype": item.media_type or None,
        "url": url,
        "size": None if is_link else item.size,
        "hash": "",
        "created": timestamp(item.added_at),
        "last_modified": timestamp(item.added_at),
        "metadata_modified": timestamp(item.added_at),
        "datastore_active": False,
        "state": "active",
        "url_type": None,
        "resource_type": str(item.kind),
    }


def visible_attachments(
    viewer: access.Viewer, datasets: Sequence[Dataset]
) -> dict[int, list[Attachment]]:
    """The attachments of `datasets` the viewer may see, in one query through the gate."""
    if not datasets:
        return {}
    workflow = [d.pk for d in datasets if access.sees_workflow(viewer, d)]
    others = [d for d in datasets if d.pk not in set(workflow)]
    condition = Q(dataset_id__in=workflow)
    if others:
        condition |= Q(dataset_id__in=[d.pk for d in others]) & access.attachment_q(
            viewer, others[0]
        )
    found: dict[int, list[Attachment]] = defaultdict(list)
    for item in Attachment.objects.filter(condition).order_by("title", "pk"):
        found[item.dataset_id].append(item)
    return found


def _status(dataset: Dataset) -> str:
    due = dataset.next_update_due
    if due is None:
        return ""
    return text.LATE if due < timezone.localdate() else text.ON_TIME


def sdi_extras(dataset: Dataset) -> list[dict[str, str]]:
    """The SDI metadata under the keys the national portal reads; empty values left out."""
    wilayah = dataset.cakupan_wilayah
    years = [int(y) for y in dataset.prioritas_years or []]
    values = {
        "prioritas_tahun": ", ".join(str(y) for y in sorted(years)),
        "frekuensi_penerbitan": dataset.frekuensi,
        "level_penyajian": dataset.level_penyajian,
        "cakupan_wilayah": wilayah.nama if wilayah else "",
        "cakupan_wilayah_kode": wilayah.kode if wilayah else "",
        "konsep": dataset.konsep,
        "definisi": dataset.definisi,
        "klasifikasi": dataset.klasifikasi,
        "ukuran": dataset.ukuran,
        "satuan": dataset.satuan,
        "kodereferensi": dataset.kode_referensi,
        "jenis_statistik": dataset.jenis_statistik,
        "rujukan": dataset.rujukan,
        "periode_awal": _day(dataset.period_start),
        "periode_akhir": _day(dataset.period_end),
        "tingkat_akses": dataset.access_level,
        "status_pemutakhiran": _status(dataset),
        "produsen_data": dataset.organisation.name,
        "kode_wilayah_produsen": dataset.organisation.kode_wilayah,
        "pengelola_data": dataset.pengelola_nama,
        "email_pengelola_data": dataset.pengelola_email,
        "data_terakhir_terbit": timestamp(dataset.data_updated_at) or "",
    }
    return [{"key": key, "value": value} for key, value in sorted(values.items()) if value]


def _package_base(dataset: Dataset) -> dict[str, Any]:
    """The part of a dataset's package dict that is the same for every viewer: everything but
    the attachment resources and the resource positions."""
    licence_id, licence_url = CKAN_LICENCES.get(dataset.licence, (NOT_OPEN, ""))
    org = dataset.organisation
    version = dataset.published_version
    tags = sorted(tag.name for tag in dataset.tags.all())
    groups = [group_dict(dataset.topic)] if dataset.topic else []
    return {
        "id": ids.package_id(dataset.pk),
        "name": dataset.slug,
        "title": dataset.title,
        "notes": dataset.description,
        "url": _route("portal:dataset").format(slug=dataset.slug),
        "type": "dataset",
        "state": "active",
        "private": dataset.access_level != "terbuka",
        "license_id": licence_id,
        "license_title": str(LICENCE_TITLES.get(dataset.licence, dataset.licence)),
        "license_url": licence_url,
        "isopen": dataset.licence in OPEN_LICENCES,
        "author": org.name,
        "author_email": org.email,
        "maintainer": dataset.pengelola_nama,
        "maintainer_email": dataset.pengelola_email,
        "version": str(version.number) if version else "",
        "metadata_created": timestamp(dataset.created_at),
        "metadata_modified": timestamp(dataset.updated_at),
        "owner_org": ids.organization_id(org.pk),
        "organization": organization_dict(org),
        "groups": groups,
        "tags": [tag_dict(name) for name in tags],
        "num_tags": len(tags),
        "resources": data_resources(dataset, version) if version is not None else [],
        "extras": sdi_extras(dataset),
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }


def package_dict(dataset: Dataset, attachments: Iterable[Attachment]) -> dict[str, Any]:
    """CKAN's package dict of `dataset` with the `attachments` the viewer may see.

    The viewer-independent part is built once per process and kept for `SEARCH_CACHE_SECONDS`
    under the dataset's metadata time, published version, tags, language and day, so an edit
    shows at once; organisation and topic names may lag by that many seconds."""
    key = (
        dataset.pk,
        dataset.updated_at,
        dataset.published_version_id,
        tuple(sorted(tag.name for tag in dataset.tags.all())),
        get_language(),
        timezone.localdate(),
    )
    base = PACKAGES.get(PACKAGES_SCOPE, key, lambda: _package_base(dataset))
    resources = [*base["resources"], *(attachment_resource(dataset, a) for a in attachments)]
    return {
        **base,
        "resources": [{**r, "position": n} for n, r in enumerate(resources)],
        "num_resources": len(resources),
    }


def package_dicts(viewer: access.Viewer, datasets: Sequence[Dataset]) -> list[dict[str, Any]]:
    attachments = visible_attachments(viewer, datasets)
    return [package_dict(d, attachments.get(d.pk, [])) for d in datasets]
