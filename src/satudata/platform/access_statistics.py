"""Who may see and change kegiatan statistik (docs/statistik.md).

A kegiatan belongs to one OPD. Its produsen and walidata pendukung create and edit it; the
walidata sees and edits every kegiatan; the pembina sees every kegiatan and records Romantik
outcomes. Everyone else (other OPDs, partners, the public) sees only published kegiatan, and of
those only the variables and indicators whose "akses publik" is Ya. A kegiatan the viewer may
not see is answered 404, like one that does not exist."""

from typing import Any

from django.db.models import Q, QuerySet

from satudata.platform.access import Viewer


def sees_everything(viewer: Viewer) -> bool:
    return viewer.is_walidata or viewer.is_pembina


def kegiatan_q(viewer: Viewer, prefix: str = "") -> Q:
    """The condition a kegiatan row (reached through `prefix`) must meet to be visible to
    `viewer`."""
    if sees_everything(viewer):
        return Q()
    visible = Q(**{f"{prefix}published": True})
    if viewer.organisation_id is not None and viewer.is_producer:
        visible |= Q(**{f"{prefix}organisation_id": viewer.organisation_id})
    return visible


def kegiatan(viewer: Viewer, queryset: QuerySet | None = None) -> QuerySet:
    from satudata.apps.statistics.models import Kegiatan

    qs = Kegiatan.objects.all() if queryset is None else queryset
    return qs.filter(kegiatan_q(viewer))


def is_owner(viewer: Viewer, item: Any) -> bool:
    return viewer.is_producer and viewer.organisation_id == item.organisation_id


def sees_all_metadata(viewer: Viewer, item: Any) -> bool:
    """All variables and indicators, the Romantik notes and the GSBPM evidence."""
    return sees_everything(viewer) or is_owner(viewer, item)


def _entries(viewer: Viewer, item: Any, related: str) -> list[Any]:
    """Filtered in Python so that a prefetched list (an export of many kegiatan) is reused."""
    full = sees_all_metadata(viewer, item)
    return [e for e in getattr(item, related).all() if full or e.akses_publik]


def variabel(viewer: Viewer, item: Any) -> list[Any]:
    return _entries(viewer, item, "variabel")


def indikator(viewer: Viewer, item: Any) -> list[Any]:
    return _entries(viewer, item, "indikator")


def can_create_kegiatan(viewer: Viewer) -> bool:
    return viewer.is_producer or viewer.is_walidata


def can_create_for(viewer: Viewer, organisation_id: int) -> bool:
    if viewer.is_walidata:
        return True
    return viewer.is_producer and viewer.organisation_id == organisation_id


def can_edit_kegiatan(viewer: Viewer, item: Any) -> bool:
    return viewer.is_walidata or is_owner(viewer, item)


def can_record_romantik_outcome(viewer: Viewer) -> bool:
    return viewer.is_pembina or viewer.is_admin
