"""Reads behind the portal pages, always through the access gate."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import pyarrow.parquet as pq
from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.checks import MANUAL_CHECKS
from satudata.apps.catalog.models import Dataset, Topic, Transition, Version
from satudata.apps.catalog.models.choices import Frekuensi
from satudata.apps.catalog.queries import visible_datasets
from satudata.apps.monitoring.queries import late_q
from satudata.platform import access, storage

PREVIEW_ROWS = 20
RELATED_LIMIT = 6
DATASET_COLUMNS = (
    "slug",
    "title",
    "organisation",
    "topic",
    "access_level",
    "licence",
    "frekuensi",
    "prioritas_years",
    "published_version",
    "data_updated_at",
    "next_update_due",
    "use_count",
    "url",
)


@dataclass(frozen=True)
class Preview:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def read_preview(version: Version, limit: int = PREVIEW_ROWS) -> Preview:
    """The first rows of a stored version, read from its Parquet file (once per process and
    file: versions never change)."""
    return _preview(version.parquet_path, limit)


@lru_cache(maxsize=256)
def _preview(parquet_path: str, limit: int) -> Preview:
    parquet = pq.ParquetFile(storage.absolute(parquet_path))
    columns = tuple(parquet.schema_arrow.names)
    batch = next(parquet.iter_batches(batch_size=limit), None)
    if batch is None:
        return Preview(columns, ())
    data = batch.to_pydict()
    return Preview(
        columns, tuple(tuple(data[c][i] for c in columns) for i in range(batch.num_rows))
    )


def preview_from_rows(fields: list[dict[str, Any]], rows: list[dict[str, Any]]) -> Preview:
    """The engine's preview (a list of row dicts) in the same shape as a stored version's."""
    columns = tuple(f["name"] for f in fields) or (tuple(rows[0]) if rows else ())
    return Preview(
        columns, tuple(tuple(row.get(c) for c in columns) for row in rows[:PREVIEW_ROWS])
    )


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


def most_used_datasets(viewer: access.Viewer, limit: int = 6) -> list[Dataset]:
    """The datasets viewed, downloaded and called through the API most, among those visible."""
    return list(
        visible_datasets(viewer).filter(use_count__gt=0).order_by("-use_count", "pk")[:limit]
    )


def visible_version(viewer: access.Viewer, dataset: Dataset, number: int) -> Version | None:
    return (
        access.versions(viewer, dataset).filter(number=number).select_related("uploaded_by").first()
    )


def absolute(path: str) -> str:
    """An address of this portal as the public reaches it (`SATUDATA_SITE_URL`)."""
    return settings.SITE_URL + path


def dataset_summary(dataset: Dataset) -> dict[str, Any]:
    """One dataset as a row of a list's JSON and CSV (columns: DATASET_COLUMNS)."""
    return {
        "slug": dataset.slug,
        "title": dataset.title,
        "organisation": dataset.organisation.slug,
        "topic": dataset.topic.slug if dataset.topic else None,
        "access_level": dataset.access_level,
        "licence": dataset.licence,
        "frekuensi": dataset.frekuensi,
        "prioritas_years": list(dataset.prioritas_years),
        "published_version": (
            dataset.published_version.number if dataset.published_version else None
        ),
        "data_updated_at": dataset.data_updated_at,
        "next_update_due": dataset.next_update_due,
        "use_count": dataset.use_count,
        "url": absolute(dataset.get_absolute_url()),
    }


def dataset_for_page(viewer: access.Viewer, slug: str) -> Dataset:
    """A visible dataset with everything its page shows in one query; 404 otherwise."""
    dataset = (
        access.datasets(viewer)
        .filter(slug=slug)
        .select_related(
            "organisation", "topic", "cakupan_wilayah", "published_version", "candidate_version"
        )
        .first()
    )
    if dataset is None:
        raise Http404
    return dataset


@dataclass(frozen=True)
class Publication:
    """What the walidata's checks recorded: whether the check that published the current
    version ticked every manual check (the four SDI principles), and when the dataset was
    first published."""

    meets_principles: bool
    first_published: datetime | None


def publication(dataset: Dataset) -> Publication:
    steps = Transition.objects.filter(
        dataset=dataset, kind__in=[Transition.Kind.APPROVE, Transition.Kind.PUBLISH]
    ).values_list("kind", "version_id", "at", "checks")
    codes = [code for code, _label in MANUAL_CHECKS]
    meets, first = False, None
    for kind, version_id, at, checks in steps:
        if kind == Transition.Kind.PUBLISH and (first is None or at < first):
            first = at
        if dataset.published_version_id is None or version_id != dataset.published_version_id:
            continue
        manual = (checks or {}).get("manual") or {}
        meets = meets or all(manual.get(code) is True for code in codes)
    return Publication(meets_principles=meets, first_published=first)


@dataclass(frozen=True)
class Timeliness:
    """How up to date an organisation's visible published datasets are."""

    published: int
    scheduled: int
    late: int
    last_published: datetime | None

    @property
    def on_time(self) -> int:
        return self.scheduled - self.late

    @property
    def on_time_share(self) -> int:
        return round(100 * self.on_time / self.scheduled) if self.scheduled else 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "published": self.published,
            "scheduled": self.scheduled,
            "on_time": self.on_time,
            "late": self.late,
            "on_time_share": self.on_time_share,
            "last_published": self.last_published,
        }


def timeliness(viewer: access.Viewer, organisation: Organisation, today: date) -> Timeliness:
    """Datasets with a publishing schedule are on time until their next update is due."""
    scheduled = ~Q(frekuensi=Frekuensi.TIDAK_TENTU) & Q(data_updated_at__isnull=False)
    row = (
        access.public_datasets(viewer)
        .filter(organisation=organisation)
        .aggregate(
            published=Count("pk"),
            scheduled=Count("pk", filter=scheduled),
            late=Count("pk", filter=late_q(today)),
            last_published=Max("data_updated_at"),
        )
    )
    return Timeliness(**row)


def organisation_summary(organisation: Organisation) -> dict[str, Any]:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "kind": organisation.kind,
        "dataset_count": getattr(organisation, "dataset_count", None),
        "url": absolute(organisation.get_absolute_url()),
    }


def organisation_profile(organisation: Organisation) -> dict[str, Any]:
    return {
        **organisation_summary(organisation),
        "description": organisation.description,
        "email": organisation.email,
        "website": organisation.website,
        "address": organisation.address,
    }


def topic_summary(topic: Topic) -> dict[str, Any]:
    return {
        "slug": topic.slug,
        "name": topic.name,
        "description": topic.description,
        "dataset_count": getattr(topic, "dataset_count", None),
        "url": absolute(topic.get_absolute_url()),
    }
