"""Who may see and change indicators (docs/indikator.md).

An indicator belongs to one OPD. Its produsen and the walidata define it, enter values and
targets, and decide when it shows on the portal. Everyone else sees published indicators only.
An indicator computed from a dataset is never seen by someone who may not see that dataset's
published data, whoever they are (its own OPD included, should the dataset become tertutup of
another OPD later); one that carries an MS-Ind of a kegiatan shows only where that indicator's
metadata is public. An indicator the viewer may not see is answered 404."""

from typing import Any

from django.db.models import Q, QuerySet

from satudata.platform import access_statistics
from satudata.platform.access import Viewer, dataset_q


def _dataset_ok(viewer: Viewer) -> Q:
    if viewer.is_walidata:
        return Q()
    return Q(dataset__isnull=True) | (
        Q(dataset__published_version__isnull=False) & dataset_q(viewer, "dataset__")
    )


def _metadata_ok(viewer: Viewer) -> Q:
    if access_statistics.sees_everything(viewer):
        return Q()
    public = Q(indikator__akses_publik=True) & access_statistics.kegiatan_q(
        viewer, "indikator__kegiatan__"
    )
    if viewer.is_producer:
        public |= Q(indikator__kegiatan__organisation_id=viewer.organisation_id)
    return Q(indikator__isnull=True) | public


def indicator_q(viewer: Viewer) -> Q:
    """The condition an indicator row must meet to be visible to `viewer`."""
    if viewer.is_walidata:
        return Q()
    listed = Q(published=True) & _metadata_ok(viewer)
    if viewer.is_producer:
        listed |= Q(organisation_id=viewer.organisation_id)
    return listed & _dataset_ok(viewer)


def indicators(viewer: Viewer, queryset: QuerySet | None = None) -> QuerySet:
    from satudata.apps.indicators.models import Indicator

    qs = Indicator.objects.all() if queryset is None else queryset
    return qs.filter(indicator_q(viewer))


def can_create(viewer: Viewer) -> bool:
    return viewer.is_producer or viewer.is_walidata


def can_create_for(viewer: Viewer, organisation_id: int) -> bool:
    if viewer.is_walidata:
        return True
    return viewer.is_producer and viewer.organisation_id == organisation_id


def can_manage(viewer: Viewer, indicator: Any) -> bool:
    """Define, enter values and targets, recompute, publish and delete."""
    return can_create_for(viewer, indicator.organisation_id)
