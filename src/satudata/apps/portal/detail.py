"""What a dataset's page and a version's page show, built once for the HTML page and for its
`.json` and `.csv` files (Datasette's pattern)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from satudata.apps.catalog.models import Attachment, Dataset, Tag, Version
from satudata.apps.portal import charts, fragments, queries, snippets
from satudata.apps.portal.exports import formats_for
from satudata.apps.search import queries as search_queries
from satudata.apps.search.memo import Memo, current_token
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


FACTS = Memo(size=4096)
VISIBLE = Memo(size=8192)
ATTACHED = Memo(size=4)


@dataclass
class DatasetPage:
    dataset: Dataset
    shown_version: Version | None
    versions: list[Version]
    attachments: list[Attachment]
    tags: list[Tag]
    meets_principles: bool
    is_late: bool
    related: list[Dataset]
    api: snippets.ApiLinks | None
    citation: snippets.Citation | None
    today: date
    token: str | None = None


def _state(dataset: Dataset) -> tuple[Any, ...]:
    """What every write that changes a dataset's page changes on its row; with the index token,
    which those writes renew too (tags, attachments, workflow steps), it keys what is kept."""
    return (
        dataset.pk,
        dataset.updated_at,
        dataset.state,
        dataset.published_version_id,
        dataset.candidate_version_id,
    )


def _visible(token: str | None, dataset: Dataset, rows: QuerySet) -> list[Any]:
    """The rows of a queryset from the access gate, kept per process under the gate's own
    condition: viewers for whom the gate filters alike share them."""
    query = rows.query
    key = (_state(dataset), rows.model._meta.label, repr(query.where), query.order_by)
    return VISIBLE.get(token, key, lambda: list(rows))


def _attachments(token: str | None, viewer: access.Viewer, dataset: Dataset) -> list[Attachment]:
    """The attachments the viewer may see; most datasets have none, which the ids of those
    that have some, kept under the index token (every attachment written renews it), tell
    without a query."""
    attached = Attachment.objects.values_list("dataset_id", flat=True)
    if not ATTACHED.may_hold(token, dataset.pk, lambda: attached):
        return []
    return _visible(token, dataset, access.attachments(viewer, dataset))


def _facts(token: str | None, dataset: Dataset) -> tuple[list[Tag], queries.Publication]:
    """The dataset's tags and what its checks recorded: the same for every viewer."""
    return FACTS.get(
        token,
        _state(dataset),
        lambda: (list(dataset.tags.all()), queries.publication(dataset)),
    )


def dataset_page(
    viewer: access.Viewer, dataset: Dataset, today: date, sees_candidate: bool
) -> DatasetPage:
    shown = dataset.published_version
    if shown is None and sees_candidate:
        shown = dataset.candidate_version
    published = dataset.published_version
    token = current_token()
    tags, publication = _facts(token, dataset)
    # Read with the dataset, as the catalogue's own queries annotate it (its schema.org head).
    dataset.first_published = publication.first_published
    return DatasetPage(
        dataset=dataset,
        shown_version=shown,
        versions=_visible(token, dataset, access.versions(viewer, dataset).order_by("-number")),
        attachments=_attachments(token, viewer, dataset),
        tags=tags,
        meets_principles=publication.meets_principles,
        is_late=dataset.is_late(today),
        related=search_queries.related_datasets(
            viewer, dataset, [tag.name for tag in tags], queries.RELATED_LIMIT, token
        ),
        api=snippets.api_links(dataset, published) if published else None,
        citation=snippets.citation(dataset, published, today) if published else None,
        today=today,
        token=token,
    )


@dataclass(frozen=True)
class DatasetParts:
    """The parts of the dataset page kept in the cache (see `fragments`); what stays outside
    them is rendered for each request: the title and badges, the workflow, the use count and
    the panels of other apps."""

    about: fragments.Part
    metadata: fragments.Part
    versions: fragments.Part
    downloads: fragments.Part
    related: fragments.Part


def dataset_parts(page: DatasetPage, sees_workflow: bool) -> DatasetParts:
    dataset, shown, api = page.dataset, page.shown_version, page.api
    lazy: dict[str, Callable[[], Any]] = {}
    if shown is not None:
        lazy = {
            "preview": lambda: queries.read_preview(shown),
            "auto_chart": lambda: charts.auto_chart(shown, dataset),
        }
    snippet_lazy: dict[str, Callable[[], Any]] = {}
    if api is not None:
        snippet_lazy = {
            "curl": lambda: snippets.curl_snippet(api),
            "python": lambda: snippets.python_snippet(api),
        }
    return DatasetParts(
        about=fragments.Part(
            "portal/parts/dataset_about.html", {"dataset": dataset, "shown_version": shown}, lazy
        ),
        metadata=fragments.Part(
            "portal/parts/dataset_metadata.html", {"dataset": dataset, "tags": page.tags}
        ),
        versions=fragments.Part(
            "portal/parts/dataset_versions.html",
            {
                "dataset": dataset,
                "versions": page.versions,
                "api": api,
                "citation": page.citation,
            },
            snippet_lazy,
        ),
        downloads=fragments.Part(
            "portal/parts/dataset_downloads.html",
            {
                "dataset": dataset,
                "shown_version": shown,
                "formats": formats_for(shown),
                "source_link": sees_workflow,
            },
        ),
        related=fragments.Part(
            "portal/parts/dataset_related.html",
            {"dataset": dataset, "related": page.related, "attachments": page.attachments},
        ),
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
        for fmt in formats_for(version)
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
