"""Reads of the kode wilayah registry, used by the registry's pages and API and by other apps."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from satudata.apps.registry.index import place_index
from satudata.apps.registry.loader import LEVELS
from satudata.apps.registry.models import Wilayah, WilayahChange
from satudata.platform import access


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A code proposed for a name: the area, its level, its parent's name and how sure (0–1)."""

    kode: str
    nama: str
    level: str
    parent: str | None
    score: float
    current: bool = True


def _check_level(level: str | None) -> None:
    if level is not None and level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; one of {', '.join(LEVELS)}")


def wilayah(current: bool = True) -> QuerySet:
    rows = Wilayah.objects.all()
    return rows.filter(valid_until__isnull=True) if current else rows


def within_q(within: str) -> Q:
    """The area `within` and everything under it."""
    return Q(kode=within) | Q(kode__startswith=within + ".")


def codes_at_level(level: str, within: str | None = None, current: bool = True) -> set[str]:
    """The codes of `level` (provinsi, kabkota, kecamatan, desa) — only those still valid when
    `current` — inside the area `within` (an ancestor code such as "36.71", or the area itself)."""
    _check_level(level)
    rows = wilayah(current).filter(level=level)
    if within:
        rows = rows.filter(within_q(within))
    return set(rows.values_list("kode", flat=True))


def suggest(
    name: str, level: str | None = None, within: str | None = None, limit: int = 5
) -> list[Suggestion]:
    """Current codes whose name is closest to `name` (typos allowed), best first."""
    _check_level(level)
    found = place_index().search(name, level=level, within=within, limit=limit)
    return [
        Suggestion(c.place.kode, c.place.nama, c.place.level, c.place.parent, c.score)
        for c in found
    ]


def search(
    text: str, level: str | None = None, within: str | None = None, current: bool = True
) -> list[Suggestion]:
    """Up to 100 codes for a name or a code, best first; retired ones too unless `current`."""
    _check_level(level)
    found = place_index().search(text, level=level, within=within, current=current, limit=100)
    return [
        Suggestion(
            c.place.kode, c.place.nama, c.place.level, c.place.parent, c.score, c.place.current
        )
        for c in found
    ]


def get(kode: str) -> Wilayah | None:
    return Wilayah.objects.select_related("parent", "replaced_by").filter(kode=kode).first()


def ancestors(area: Wilayah) -> list[Wilayah]:
    """The area's provinsi, kabupaten/kota … down to its parent."""
    codes = []
    kode = area.kode
    while "." in kode:
        kode = kode.rsplit(".", 1)[0]
        codes.append(kode)
    return list(Wilayah.objects.filter(kode__in=codes).order_by("kode"))


def children(parent: str | None, level: str | None = None, current: bool = True) -> QuerySet:
    """The areas directly under `parent` (the provinsi when None), each with `child_count`,
    the number of its own current children; or every area of `level` under `parent`."""
    _check_level(level)
    rows = wilayah(current)
    if level is not None:
        rows = rows.filter(level=level)
        if parent:
            rows = rows.filter(kode__startswith=parent + ".")
    else:
        rows = rows.filter(parent_id=parent) if parent else rows.filter(level="provinsi")
    return rows.annotate(
        child_count=Count("children", filter=Q(children__valid_until__isnull=True))
    ).order_by("kode")


def history(kode: str) -> QuerySet:
    """The changes that touched the code, newest first."""
    return WilayahChange.objects.filter(Q(old_kode=kode) | Q(new_kode=kode))


def datasets_covering(viewer: access.Viewer, area: Wilayah) -> QuerySet:
    """The published datasets the viewer may see whose cakupan wilayah is the area."""
    return access.public_datasets(viewer).filter(cakupan_wilayah=area).order_by("title")


def area_dict(area: Wilayah, child_count: int | None = None) -> dict[str, Any]:
    """The area as the pages' data files and the API give it."""
    return {
        "kode": area.kode,
        "nama": area.nama,
        "level": area.level,
        "jenis": area.jenis,
        "parent": area.parent_id,
        "lat": area.lat,
        "lng": area.lng,
        "current": area.is_current,
        "valid_until": area.valid_until,
        "replaced_by": area.replaced_by_id,
        "child_count": child_count
        if child_count is not None
        else getattr(area, "child_count", None),
        "url": area.get_absolute_url(),
    }


def change_dict(change: WilayahChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old_kode": change.old_kode or None,
        "new_kode": change.new_kode or None,
        "old_nama": change.old_nama,
        "new_nama": change.new_nama,
        "decree": change.decree,
        "date": change.date,
        "note": change.note,
    }
