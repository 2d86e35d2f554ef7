"""Reads of the standards app: the public catalogue, a standard's versions and adopters (through
`platform.access`), a dataset's adopted standard and the conformance of its versions."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.search.memo import Memo
from satudata.apps.standards import permissions, resolve
from satudata.apps.standards.models import (
    Conformance,
    DatasetStandard,
    Standard,
    StandardVersion,
)
from satudata.engines import tabular
from satudata.platform import access
from satudata.platform.access import Viewer

RELEASED = (StandardVersion.State.PUBLISHED, StandardVersion.State.RETIRED)
ADOPTING = Memo(size=4)


def standards_for(viewer: Viewer) -> QuerySet[Standard]:
    """Standards with a released version; managers also see those still in draft."""
    qs = Standard.objects.select_related("organisation", "topic").order_by("title", "pk")
    if permissions.can_manage(viewer):
        return qs
    released = StandardVersion.objects.filter(standard=OuterRef("pk"), state__in=RELEASED)
    return qs.filter(Exists(released))


def versions_for(viewer: Viewer, standard: Standard) -> QuerySet[StandardVersion]:
    qs = standard.versions.order_by("-number")
    return qs if permissions.can_manage(viewer) else qs.filter(state__in=RELEASED)


def get_standard_or_404(viewer: Viewer, slug: str) -> Standard:
    found = standards_for(viewer).filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def get_version_or_404(viewer: Viewer, slug: str, number: int) -> StandardVersion:
    standard = get_standard_or_404(viewer, slug)
    found = versions_for(viewer, standard).filter(number=number).first()
    if found is None:
        raise Http404
    found.standard = standard
    return found


def current_version(viewer: Viewer, standard: Standard) -> StandardVersion | None:
    """The latest published version, else (for managers) the latest draft."""
    versions = versions_for(viewer, standard)
    return versions.filter(state=StandardVersion.State.PUBLISHED).first() or versions.first()


def adopters(viewer: Viewer, standard: Standard) -> QuerySet[Dataset]:
    """The published datasets the viewer may see that adopted any version of `standard`."""
    return (
        access.public_datasets(viewer)
        .filter(standard_adoption__standard_version__standard=standard)
        .select_related("organisation", "standard_adoption__standard_version")
        .order_by("title", "pk")
    )


def adoption_of(dataset: Dataset) -> DatasetStandard | None:
    return (
        DatasetStandard.objects.select_related("standard_version__standard")
        .filter(dataset=dataset)
        .first()
    )


def adopted_specs(dataset: Dataset) -> list[tabular.FieldSpec] | None:
    adoption = adoption_of(dataset)
    return resolve.field_specs(adoption.standard_version) if adoption else None


def adoptable_versions() -> QuerySet[StandardVersion]:
    return (
        StandardVersion.objects.filter(state=StandardVersion.State.PUBLISHED)
        .select_related("standard")
        .order_by("standard__title", "-number")
    )


@dataclass(frozen=True)
class FieldProblems:
    name: str
    title: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Panel:
    adoption: DatasetStandard
    conformance: Conformance | None
    fields: list[FieldProblems]


def conformance_of(
    version: Version | None, standard_version: StandardVersion
) -> Conformance | None:
    if version is None:
        return None
    return Conformance.objects.filter(version=version, standard_version=standard_version).first()


def panel(dataset: Dataset, version: Version | None, token: str | None = None) -> Panel | None:
    """What the dataset page shows: the adopted standard and `version`'s conformance (the page
    has already checked that the viewer may see the dataset and the version). With the index
    `token`, the datasets that adopted no standard, most of them, cost no query."""
    adopting = DatasetStandard.objects.values_list("dataset_id", flat=True)
    if not ADOPTING.may_hold(token, dataset.pk, lambda: adopting):
        return None
    adoption = adoption_of(dataset)
    if adoption is None:
        return None
    found = conformance_of(version, adoption.standard_version)
    titles: dict[str, Any] = {
        f["name"]: f.get("title") or f["name"] for f in (version.fields if version else [])
    }
    fields = [
        FieldProblems(name, titles.get(name, name), counts)
        for name, counts in (found.problems if found else {}).items()
    ]
    return Panel(adoption, found, fields)


@dataclass(frozen=True)
class HeldBack:
    """What a draft proposed from a non-public dataset keeps out of the standard: the values
    themselves only for a viewer who may see that dataset (`dataset` is None otherwise)."""

    dataset: Dataset | None
    description: str
    texts: dict[str, str]
    fields: dict[str, dict[str, Any]]


def held_back(viewer: Viewer, version: StandardVersion | None) -> HeldBack | None:
    if version is None or not version.withheld or not permissions.can_manage(viewer):
        return None
    source = access.datasets(viewer).filter(pk=version.source_dataset_id).first()
    if source is None:
        return HeldBack(dataset=None, description="", texts={}, fields={})
    held = version.withheld
    return HeldBack(
        dataset=source,
        description=held.get("description", ""),
        texts={k: v for k, v in held.get("texts", {}).items() if v},
        fields=held.get("fields", {}),
    )
