"""The Frictionless Data Package descriptor (`datapackage.json`) of a dataset's published
version: one tabular resource, the CSV download, with a Table Schema from the version's columns
and the SDI metadata as custom properties (`sdi`)."""

import re
from typing import Any

from django.conf import settings

from satudata.apps.catalog.models import Dataset, Licence, Version
from satudata.apps.interop.datapackage.archive import FileStats
from satudata.apps.interop.dcat import links, queries
from satudata.apps.interop.dcat.vocab import FILE_FORMATS, LICENCES

TABLE_TYPES = {
    "integer": "integer",
    "number": "number",
    "date": "date",
    "datetime": "datetime",
    "boolean": "boolean",
    "string": "string",
}
NOT_A_NAME = re.compile(r"[^a-z0-9._-]+")


def package_name(dataset: Dataset) -> str:
    """The slug as a Data Package name (lower case letters, digits, `.`, `_`, `-`)."""
    return NOT_A_NAME.sub("-", dataset.slug.lower()).strip("-") or "dataset"


def data_path(dataset: Dataset) -> str:
    return f"data/{package_name(dataset)}.csv"


def table_field(field: dict[str, Any]) -> dict[str, Any]:
    """A Table Schema field from a stored column: its type, title, description, whether it
    must be filled, and what kind of identifier it holds (`role`)."""
    item: dict[str, Any] = {
        "name": field["name"],
        "type": TABLE_TYPES.get(field.get("type") or "string", "string"),
        "title": field.get("title") or field["name"],
    }
    if field.get("description"):
        item["description"] = field["description"]
    if field.get("role"):
        item["role"] = field["role"]
    if field.get("nullable") is False:
        item["constraints"] = {"required": True}
    return item


def table_schema(version: Version) -> dict[str, Any]:
    return {"fields": [table_field(f) for f in version.fields], "missingValues": [""]}


def licence(dataset: Dataset) -> dict[str, str]:
    info = LICENCES.get(dataset.licence)
    title = str(Licence(dataset.licence).label) if dataset.licence in Licence.values else ""
    return {
        "name": info.name if info else "other-closed",
        "path": links.licence(dataset.licence),
        "title": title or dataset.licence,
    }


def contributors(dataset: Dataset) -> list[dict[str, str]]:
    org = dataset.organisation
    publisher = {"title": org.name, "role": "publisher", "path": links.organisation_iri(org)}
    if org.email:
        publisher["email"] = org.email
    people = [publisher]
    if dataset.pengelola_nama or dataset.pengelola_email:
        steward = {"title": dataset.pengelola_nama or org.name, "role": "maintainer"}
        if dataset.pengelola_email:
            steward["email"] = dataset.pengelola_email
        people.append(steward)
    return people


def _standard(dataset: Dataset) -> dict[str, Any] | None:
    version = queries.adopted_standard(dataset)
    if version is None:
        return None
    return {
        "title": version.standard.title,
        "version": version.number,
        "path": links.standard(version),
    }


def sdi_metadata(dataset: Dataset, version: Version) -> dict[str, Any]:
    """The Satu Data Indonesia metadata, named as the national portal names it."""
    wilayah = dataset.cakupan_wilayah
    values: dict[str, Any] = {
        "produsen_data": dataset.organisation.name,
        "access_level": dataset.access_level,
        "frekuensi_penerbitan": dataset.frekuensi,
        "level_penyajian": dataset.level_penyajian,
        "jenis_statistik": dataset.jenis_statistik,
        "topic": dataset.topic.name if dataset.topic else None,
        "cakupan_wilayah": {"kode": wilayah.kode, "nama": wilayah.nama} if wilayah else None,
        "period_start": dataset.period_start.isoformat() if dataset.period_start else None,
        "period_end": dataset.period_end.isoformat() if dataset.period_end else None,
        "konsep": dataset.konsep,
        "definisi": dataset.definisi,
        "klasifikasi": dataset.klasifikasi,
        "ukuran": dataset.ukuran,
        "satuan": dataset.satuan,
        "kode_referensi": dataset.kode_referensi,
        "rujukan": dataset.rujukan,
        "prioritas_tahun": list(dataset.prioritas_years),
        "pengelola_data": dataset.pengelola_nama,
        "standar_data": _standard(dataset),
        "version": version.number,
        "rows": version.rows,
        "parquet_sha256": version.checksum,
    }
    return {key: value for key, value in values.items() if value not in (None, "", [])}


def resource(
    dataset: Dataset, version: Version, path: str, stats: FileStats | None
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "name": package_name(dataset),
        "title": dataset.title,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": FILE_FORMATS["csv"].media_type,
        "encoding": "utf-8",
        "schema": table_schema(version),
    }
    if stats is not None:
        item["bytes"] = stats.bytes
        item["hash"] = f"sha256:{stats.sha256}"
    return item


def descriptor(
    dataset: Dataset, version: Version, *, path: str, stats: FileStats | None = None
) -> dict[str, Any]:
    """The descriptor whose resource lives at `path` (the absolute CSV download, or the CSV's
    place inside the zip, whose size and checksum `stats` gives)."""
    page = links.dataset_page(dataset)
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": package_name(dataset),
        "id": links.dataset_iri(dataset),
        "title": dataset.title,
        "homepage": page,
        "version": str(version.number),
        "created": version.created_at.isoformat(timespec="seconds"),
        "modified": queries.modified(dataset).isoformat(timespec="seconds"),
        "keywords": [tag.name for tag in dataset.tags.all()],
        "licenses": [licence(dataset)],
        "contributors": contributors(dataset),
        "sources": [{"title": settings.SITE_NAME, "path": page}],
        "resources": [resource(dataset, version, path, stats)],
        "sdi": sdi_metadata(dataset, version),
    }
    if dataset.description:
        package["description"] = dataset.description
    return package
