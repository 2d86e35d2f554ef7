"""What a dataset's page and a version's page show, built once for the HTML page and for its
`.json` and `.csv` files (Datasette's pattern)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from satudata.apps.catalog.models import Dataset, Tag, Version
from satudata.apps.portal import queries, snippets
from satudata.apps.portal.exports import FORMATS
from satudata.apps.search import queries as search_queries
from satudata.platform import access

METADATA_FIELDS = (
    "description",
    "frekuensi",
    "period_start",
    "period_end",
    "level_penyajian",
    "jenis_statistik",
    "konsep",
    "definisi",
    "klasifikasi",
    "ukuran",
    "satuan",
    "kode_referensi",
    "rujukan",
    "pengelola_nama",
    "pengelola_email",
    "created_at",
    "updated_at",
)
DATASET_ROW_COLUMNS = (
    *queries.DATASET_COLUMNS,
    *METADATA_FIELDS,
    "tags",
    "cakupan_wilayah",
    "meets_principles",
    "is_late",
)
VERSION_COLUMNS = (
    "dataset",
    "number",
    "rows",
    "columns",
    "checksum",
    "created_at",
    "source_name",
    "note",
    "is_published",
    "url",
)


@dataclass
class DatasetPage:
    dataset: Dataset
    shown_version: Version | None
    versions: QuerySet
    attachments: QuerySet
    tags: list[Tag]
    meets_principles: bool
    is_late: bool
    related: list[Dataset]
    api: snippets.ApiLinks | None
    citation: snippets.Citation | None
    today: date


def dataset_page(
    viewer: access.Viewer, dataset: Dataset, today: date, sees_candidate: bool
) -> DatasetPage:
    shown = dataset.published_version
    if shown is None and sees_candidate:
        shown = dataset.candidate_version
    published = dataset.published_version
    tags = list(dataset.tags.all())
    return DatasetPage(
        dataset=dataset,
        shown_version=shown,
        versions=access.versions(viewer, dataset).order_by("-number"),
        attachments=access.attachments(viewer, dataset),
        tags=tags,
        meets_principles=queries.meets_principles(dataset),
        is_late=dataset.is_late(today),
        related=search_queries.related_datasets(
            viewer, dataset, [tag.name for tag in tags], queries.RELATED_LIMIT
        ),
        api=snippets.api_links(dataset, published) if published else None,
        citation=snippets.citation(dataset, published, today) if published else None,
        today=today,
    )


def version_summary(dataset: Dataset, version: Version) -> dict[str, Any]:
    return {
        "dataset": dataset.slug,
        "number": version.number,
        "rows": version.rows,
        "columns": len(version.fields),
        "checksum": version.checksum,
        "created_at": version.created_at,
        "source_name": version.source_name,
        "note": version.note,
        "is_published": version.pk == dataset.published_version_id,
        "url": queries.absolute(reverse("portal:version", args=[dataset.slug, version.number])),
    }


def downloads(dataset: Dataset, version: Version) -> dict[str, str]:
    return {
        fmt: queries.absolute(reverse("portal:download", args=[dataset.slug, version.number, fmt]))
        for fmt in FORMATS
    }


def dataset_row(page: DatasetPage) -> dict[str, Any]:
    """The dataset's metadata as one flat row (its CSV, and the head of its JSON)."""
    dataset = page.dataset
    return {
        **queries.dataset_summary(dataset),
        **{name: getattr(dataset, name) for name in METADATA_FIELDS},
        "tags": [tag.name for tag in page.tags],
        "cakupan_wilayah": dataset.cakupan_wilayah_id,
        "meets_principles": page.meets_principles,
        "is_late": page.is_late,
    }


def dataset_document(page: DatasetPage) -> dict[str, Any]:
    dataset = page.dataset
    document: dict[str, Any] = {
        **dataset_row(page),
        "organisation": queries.organisation_summary(dataset.organisation),
        "topic": queries.topic_summary(dataset.topic) if dataset.topic else None,
        "versions": [version_summary(dataset, v) for v in page.versions],
        "related": [queries.dataset_summary(d) for d in page.related],
    }
    if page.shown_version is not None:
        document["downloads"] = downloads(dataset, page.shown_version)
    if page.api is not None:
        document["api"] = {
            "metadata": page.api.metadata,
            "data": page.api.data,
            "version_data": page.api.version_data,
        }
    if page.citation is not None:
        document["citation"] = {"text": page.citation.text, "bibtex": page.citation.bibtex}
    return document


def version_document(dataset: Dataset, version: Version) -> dict[str, Any]:
    return {
        **version_summary(dataset, version),
        "fields": version.fields,
        "downloads": downloads(dataset, version),
        "dataset_url": queries.absolute(dataset.get_absolute_url()),
    }
