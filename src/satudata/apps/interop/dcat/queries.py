"""Reads behind the DCAT catalogue, the schema.org description and the Data Package: only
published datasets the viewer may see (`access.public_datasets`), each page in a fixed number
of queries however many datasets it holds."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import Dataset, Transition
from satudata.apps.search.memo import Memo
from satudata.apps.standards.models import StandardVersion
from satudata.platform import access

DEFAULT_PER_PAGE = 100
MAX_PER_PAGE = 1000
PUBLISHER = Memo(size=2)


@dataclass(frozen=True)
class Summary:
    """What a catalogue page's validators and paging need, read before the page itself."""

    total: int
    modified: datetime | None

    def last_page(self, per_page: int) -> int:
        return max(1, -(-self.total // per_page))


@dataclass(frozen=True)
class CatalogPage:
    datasets: list[Dataset]
    summary: Summary
    page: int
    per_page: int
    publisher: Organisation | None

    @property
    def last_page(self) -> int:
        return self.summary.last_page(self.per_page)


def _first_published() -> Subquery:
    first = Transition.objects.filter(dataset=OuterRef("pk"), kind=Transition.Kind.PUBLISH)
    return Subquery(first.order_by("at").values("at")[:1])


def described(queryset: QuerySet) -> QuerySet:
    """Datasets with everything their description shows, fetched together."""
    return (
        queryset.select_related(
            "organisation",
            "topic",
            "cakupan_wilayah",
            "published_version",
            "standard_adoption__standard_version__standard",
        )
        .prefetch_related("tags")
        .annotate(first_published=_first_published())
    )


def catalog_datasets(viewer: access.Viewer, since: datetime | None = None) -> QuerySet:
    """The published datasets the viewer may see, changed (metadata or data) since `since`."""
    qs = access.public_datasets(viewer)
    if since is not None:
        qs = qs.filter(Q(updated_at__gte=since) | Q(data_updated_at__gte=since))
    return qs


def summary(viewer: access.Viewer, since: datetime | None = None) -> Summary:
    row = catalog_datasets(viewer, since).aggregate(
        total=Count("pk"), updated=Max("updated_at"), data=Max("data_updated_at")
    )
    stamps = [row["updated"], row["data"]]
    return Summary(total=row["total"], modified=max(filter(None, stamps), default=None))


def catalog_publisher(token: str | None = None) -> Organisation | None:
    """The city's walidata, which publishes the catalogue; kept for a while under the index
    `token` when one is given (dataset pages ask for it on every first view)."""
    return PUBLISHER.get(
        token,
        "walidata",
        lambda: Organisation.objects.filter(kind=Organisation.Kind.WALIDATA).order_by("pk").first(),
    )


def catalog_page(
    viewer: access.Viewer,
    found: Summary,
    *,
    page: int,
    per_page: int,
    since: datetime | None = None,
) -> CatalogPage:
    start = (page - 1) * per_page
    datasets = described(catalog_datasets(viewer, since).order_by("pk"))[start : start + per_page]
    return CatalogPage(
        datasets=list(datasets),
        summary=found,
        page=page,
        per_page=per_page,
        publisher=catalog_publisher(),
    )


def published_dataset(viewer: access.Viewer, slug: str) -> Dataset:
    """One published dataset the viewer may see, described in full; 404 otherwise."""
    dataset = described(access.public_datasets(viewer).filter(slug=slug)).first()
    if dataset is None:
        raise Http404
    return dataset


def first_published(dataset: Dataset) -> datetime | None:
    """When the dataset was first published (its annotation when it was read with it)."""
    if hasattr(dataset, "first_published"):
        return dataset.first_published
    first = dataset.transitions.filter(kind=Transition.Kind.PUBLISH).order_by("at").first()
    return first.at if first else None


def adopted_standard(dataset: Dataset) -> StandardVersion | None:
    """The published (or since retired) version of a data standard the dataset adopted."""
    try:
        adoption = dataset.standard_adoption
    except ObjectDoesNotExist:
        return None
    version = adoption.standard_version
    return None if version.is_draft else version


def modified(dataset: Dataset) -> datetime:
    """When the dataset's metadata or data last changed."""
    return max(filter(None, [dataset.updated_at, dataset.data_updated_at]))
