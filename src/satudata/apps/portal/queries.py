"""Reads behind the portal pages, always through the access gate."""

from dataclasses import dataclass
from typing import Any

import pyarrow.parquet as pq
from django.db.models import Count, Q, QuerySet

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import Dataset, Topic, Version
from satudata.apps.catalog.queries import visible_datasets
from satudata.platform import access, storage

PREVIEW_ROWS = 20


@dataclass(frozen=True)
class Preview:
    columns: list[str]
    rows: list[list[Any]]


def read_preview(version: Version, limit: int = PREVIEW_ROWS) -> Preview:
    """The first rows of a stored version, read from its Parquet file."""
    parquet = pq.ParquetFile(storage.absolute(version.parquet_path))
    columns = list(parquet.schema_arrow.names)
    batch = next(parquet.iter_batches(batch_size=limit), None)
    if batch is None:
        return Preview(columns, [])
    data = batch.to_pydict()
    return Preview(columns, [[data[c][i] for c in columns] for i in range(batch.num_rows)])


def preview_from_rows(fields: list[dict[str, Any]], rows: list[dict[str, Any]]) -> Preview:
    """The engine's preview (a list of row dicts) in the same shape as a stored version's."""
    columns = [f["name"] for f in fields] or (list(rows[0]) if rows else [])
    return Preview(columns, [[row.get(c) for c in columns] for row in rows[:PREVIEW_ROWS]])


def _public_q(viewer: access.Viewer, prefix: str) -> Q:
    return access.dataset_q(viewer, prefix) & Q(**{f"{prefix}published_version__isnull": False})


def organisations_with_counts(viewer: access.Viewer) -> QuerySet:
    """Producing organisations with the number of datasets the viewer may see on the portal."""
    return (
        Organisation.objects.filter(kind__in=Organisation.PRODUCER_KINDS)
        .annotate(dataset_count=Count("datasets", filter=_public_q(viewer, "datasets__")))
        .order_by("name")
    )


def topics_with_counts(viewer: access.Viewer) -> QuerySet:
    return Topic.objects.annotate(
        dataset_count=Count("dataset", filter=_public_q(viewer, "dataset__"))
    ).order_by("name")


@dataclass(frozen=True)
class Headline:
    datasets: int
    organisations: int
    topics: int


def headline(viewer: access.Viewer) -> Headline:
    public = access.public_datasets(viewer)
    return Headline(
        datasets=public.count(),
        organisations=public.values("organisation").distinct().count(),
        topics=public.exclude(topic=None).values("topic").distinct().count(),
    )


def search_datasets(
    viewer: access.Viewer,
    *,
    q: str = "",
    organisation: Organisation | None = None,
    topic: Topic | None = None,
    access_level: str = "",
) -> QuerySet:
    qs = visible_datasets(viewer)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if topic is not None:
        qs = qs.filter(topic=topic)
    if access_level:
        qs = qs.filter(access_level=access_level)
    return qs


def newest_datasets(viewer: access.Viewer, limit: int = 6) -> list[Dataset]:
    return list(visible_datasets(viewer)[:limit])


def visible_version(viewer: access.Viewer, dataset: Dataset, number: int) -> Version | None:
    return (
        access.versions(viewer, dataset).filter(number=number).select_related("uploaded_by").first()
    )
