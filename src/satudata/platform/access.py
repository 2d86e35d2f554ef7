"""The one gate: what a user may see and do (role × organisation × access level).

Every list, page, API, download, count and facet filters datasets through `datasets()`,
versions through `versions()` and attachments through `attachments()`; every write checks
one of the `can_*` functions first. Objects the viewer may not see are answered with 404, never 403,
so that their existence does not leak.

The pembina's scope (docs/pembina.md): everything a government user sees, plus the Data
Prioritas waiting for its review (`in_pembina_review`): that dataset's metadata, released versions
and the candidate version under review, read-only. Never uploads, drafts, source files or
attachments beyond the published levels; every read in that scope is audited."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

GOVERNMENT_KINDS = frozenset({"opd", "bumd", "walidata", "pembina", "government"})
PRODUCER_ROLES = frozenset({"produsen", "walidata_pendukung"})


@dataclass(frozen=True)
class Viewer:
    user_id: int | None = None
    organisation_id: int | None = None
    organisation_kind: str | None = None
    roles: frozenset[str] = frozenset()

    @property
    def authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles

    @property
    def is_walidata(self) -> bool:
        return "walidata" in self.roles or self.is_admin

    @property
    def is_pembina(self) -> bool:
        return "pembina" in self.roles

    @property
    def is_producer(self) -> bool:
        return bool(PRODUCER_ROLES & self.roles) and self.organisation_id is not None

    @property
    def sees_terbatas(self) -> bool:
        """Signed-in users of government organisations and named partner accounts."""
        if not self.authenticated:
            return False
        return self.is_walidata or self.organisation_kind in GOVERNMENT_KINDS | {"partner"}


ANONYMOUS = Viewer()


def viewer_for(user: Any) -> Viewer:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    org = user.organisation
    return Viewer(
        user_id=user.pk,
        organisation_id=org.pk if org else None,
        organisation_kind=org.kind if org else None,
        roles=user.role_set,
    )


def viewer_of(request: HttpRequest) -> Viewer:
    cached = getattr(request, "_satudata_viewer", None)
    if cached is None:
        cached = viewer_for(getattr(request, "user", None))
        request._satudata_viewer = cached
    return cached


def _published_levels(viewer: Viewer) -> list[str]:
    return ["terbuka", "terbatas"] if viewer.sees_terbatas else ["terbuka"]


def dataset_q(viewer: Viewer, prefix: str = "") -> Q:
    """The condition a dataset row must meet to be visible to `viewer`."""
    if viewer.is_walidata:
        return Q()
    visible = Q(
        **{
            f"{prefix}published_version__isnull": False,
            f"{prefix}access_level__in": _published_levels(viewer),
        }
    )
    if viewer.organisation_id is not None:
        visible |= Q(**{f"{prefix}organisation_id": viewer.organisation_id})
    if viewer.is_pembina:
        visible |= pembina_review_q(prefix)
    return visible


def pembina_review_q(prefix: str = "") -> Q:
    """Data Prioritas that passed the walidata's check and wait for the pembina."""
    return Q(**{f"{prefix}state": "menunggu_pembina"}) & ~Q(**{f"{prefix}prioritas_years": []})


def in_pembina_review(viewer: Viewer, dataset: Any) -> bool:
    """Whether `viewer` reads `dataset` as the pembina reviewing a Data Prioritas."""
    return (
        viewer.is_pembina
        and dataset.state == "menunggu_pembina"
        and bool(dataset.prioritas_years)
        and not sees_workflow(viewer, dataset)
    )


def datasets(viewer: Viewer, queryset: QuerySet | None = None) -> QuerySet:
    from satudata.apps.catalog.models import Dataset

    qs = Dataset.objects.all() if queryset is None else queryset
    return qs.filter(dataset_q(viewer))


def public_datasets(viewer: Viewer, queryset: QuerySet | None = None) -> QuerySet:
    """What the portal lists: published datasets the viewer may see (no drafts, even own)."""
    return datasets(viewer, queryset).filter(published_version__isnull=False)


def sees_workflow(viewer: Viewer, dataset: Any) -> bool:
    """Drafts, candidates, uploads, source files and notes: the producer and the walidata."""
    if viewer.is_walidata:
        return True
    return viewer.organisation_id is not None and viewer.organisation_id == dataset.organisation_id


def sees_candidate(viewer: Viewer, dataset: Any) -> bool:
    """The version waiting for a check: the workflow's people and the reviewing pembina."""
    return sees_workflow(viewer, dataset) or in_pembina_review(viewer, dataset)


def versions(viewer: Viewer, dataset: Any) -> QuerySet:
    """Versions of a visible dataset: all of them for the workflow's people, the released ones
    and the candidate under review for the reviewing pembina, else the released."""
    qs = dataset.versions.all()
    if sees_workflow(viewer, dataset):
        return qs
    released = Q(transition__kind__in=["publish", "rollback"])
    if in_pembina_review(viewer, dataset) and dataset.candidate_version_id is not None:
        released |= Q(pk=dataset.candidate_version_id)
    return qs.filter(released).distinct()


def attachment_q(viewer: Viewer, dataset: Any) -> Q:
    if sees_workflow(viewer, dataset):
        return Q()
    return Q(access_level__in=_published_levels(viewer))


def attachments(viewer: Viewer, dataset: Any) -> QuerySet:
    return dataset.attachments.filter(attachment_q(viewer, dataset))


def get_dataset_or_404(viewer: Viewer, **lookup: Any) -> Any:
    obj = datasets(viewer).filter(**lookup).select_related("organisation").first()
    if obj is None:
        raise Http404
    return obj


def can_create_dataset(viewer: Viewer) -> bool:
    return viewer.is_producer or viewer.is_admin


def can_edit(viewer: Viewer, dataset: Any) -> bool:
    if viewer.is_admin:
        return True
    return viewer.is_producer and viewer.organisation_id == dataset.organisation_id


def can_review(viewer: Viewer, dataset: Any) -> bool:
    return viewer.is_walidata and dataset.state == "diajukan"


def can_review_as_pembina(viewer: Viewer, dataset: Any) -> bool:
    return (
        viewer.is_pembina and dataset.state == "menunggu_pembina" and bool(dataset.prioritas_years)
    )


def can_rollback(viewer: Viewer, dataset: Any) -> bool:
    return viewer.is_walidata


def saved_map_q(viewer: Viewer) -> Q:
    """The saved maps `viewer` may open: listed ones, and their own organisation's."""
    if viewer.is_walidata:
        return Q()
    visible = Q(is_public=True)
    if viewer.organisation_id is not None:
        visible |= Q(organisation_id=viewer.organisation_id)
    return visible


def can_create_map(viewer: Viewer) -> bool:
    return viewer.is_producer or viewer.is_walidata


def can_edit_map(viewer: Viewer, saved: Any) -> bool:
    if viewer.is_walidata:
        return True
    return viewer.is_producer and viewer.organisation_id == saved.organisation_id


def is_tertutup(dataset: Any) -> bool:
    return dataset.access_level == "tertutup"


def read_is_audited(viewer: Viewer, dataset: Any) -> bool:
    """Reads of tertutup content, and every read the pembina makes of a dataset it reviews."""
    return is_tertutup(dataset) or in_pembina_review(viewer, dataset)
