"""Reads of comparisons, always through `platform.access`: a comparison is visible only to a
viewer who may see both of its datasets' published data."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from satudata.apps.catalog.models import Dataset
from satudata.apps.consistency.models import Comparison, ResultStatus
from satudata.apps.registry.models import Wilayah
from satudata.apps.search.memo import Memo
from satudata.platform import access

OPEN_STATUSES = (ResultStatus.DISAGREE, ResultStatus.ERROR)
COMPARED = Memo(size=4)


def _both_visible(viewer: access.Viewer) -> Q:
    condition = Q()
    for prefix in ("dataset_a__", "dataset_b__"):
        condition &= access.dataset_q(viewer, prefix) & Q(
            **{f"{prefix}published_version__isnull": False}
        )
    return condition


def _base() -> QuerySet:
    return Comparison.objects.select_related(
        "dataset_a__organisation", "dataset_b__organisation", "latest"
    )


def visible(viewer: access.Viewer, *, include_retired: bool = False) -> QuerySet:
    """Comparisons whose two datasets the viewer may see (published); active ones only unless
    `include_retired` (the walidata's work list)."""
    found = _base().filter(_both_visible(viewer))
    return found if include_retired else found.filter(active=True)


def get_visible_or_404(viewer: access.Viewer, pk: int, *, include_retired: bool = False) -> Any:
    found = visible(viewer, include_retired=include_retired).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _compared_ids() -> list[int]:
    pairs = Comparison.objects.filter(active=True).values_list("dataset_a_id", "dataset_b_id")
    return [pk for pair in pairs for pk in pair]


def for_dataset(
    viewer: access.Viewer, dataset: Dataset, token: str | None = None
) -> list[Comparison]:
    """The visible comparisons that involve `dataset`, for its public page. Most datasets are
    in no comparison: the ids of those that are, kept under the index `token`, or else a cheap
    look at the two dataset columns, settle those before the access-checked query."""
    if not COMPARED.may_hold(token, dataset.pk, _compared_ids):
        return []
    involving = Q(dataset_a_id=dataset.pk) | Q(dataset_b_id=dataset.pk)
    if token is None and not Comparison.objects.filter(involving, active=True).exists():
        return []
    return list(visible(viewer).filter(involving).order_by("variable", "pk"))


def queue(viewer: access.Viewer) -> list[Comparison] | None:
    """Open disagreements: every one for the walidata, those that involve the organisation's
    own datasets for a produsen; None for anyone else (the panel is not shown)."""
    if viewer.is_walidata:
        found = visible(viewer)
    elif viewer.is_producer:
        own = Q(dataset_a__organisation_id=viewer.organisation_id) | Q(
            dataset_b__organisation_id=viewer.organisation_id
        )
        found = visible(viewer).filter(own)
    else:
        return None
    return list(found.filter(latest__status__in=OPEN_STATUSES).order_by("variable", "pk")[:50])


@dataclass(frozen=True)
class TableRow:
    wilayah: str
    nama: str
    period: str | None
    value_a: float | None
    value_b: float | None
    difference: float | None
    percent: float | None


def wilayah_names(codes: set[str]) -> dict[str, str]:
    return dict(Wilayah.objects.filter(kode__in=codes).values_list("kode", "nama"))


def table(rows: list[dict[str, Any]]) -> list[TableRow]:
    """Stored result rows with the wilayah names from the registry and percentages."""
    names = wilayah_names({str(r.get("wilayah")) for r in rows})
    return [
        TableRow(
            wilayah=str(r.get("wilayah")),
            nama=names.get(str(r.get("wilayah")), ""),
            period=r.get("period"),
            value_a=r.get("value_a"),
            value_b=r.get("value_b"),
            difference=r.get("difference"),
            percent=None if r.get("relative") is None else r["relative"] * 100,
        )
        for r in rows
    ]
