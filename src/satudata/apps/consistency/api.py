"""API: the comparisons between datasets that the caller may see (both datasets visible), and
one comparison with its disagreements."""

from typing import Annotated, Any, Literal

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router

from satudata.apps.consistency import queries
from satudata.apps.consistency.models import Comparison
from satudata.apps.consistency.schemas import ComparisonDetail, ComparisonPage
from satudata.platform import access
from satudata.platform.api import Id, Limit, Offset, api_viewer, errors, paged
from satudata.platform.audit import client_ip, record

router = Router(tags=["consistency"])

DatasetSlug = Annotated[
    str | None,
    Query(
        pattern=r"^[-a-zA-Z0-9_]+$",
        max_length=120,
        description="Only the comparisons that involve this dataset.",
    ),
]
StatusFilter = Annotated[
    Literal["ok", "disagree", "error"] | None,
    Query(description="Only the comparisons whose latest result has this status."),
]


def _side(comparison: Comparison, suffix: str) -> dict[str, Any]:
    dataset = getattr(comparison, f"dataset_{suffix}")

    def field(name: str) -> str | None:
        return getattr(comparison, f"{name}_{suffix}") or None

    return {
        "slug": dataset.slug,
        "title": dataset.title,
        "organisation": dataset.organisation.slug,
        "value_column": field("value"),
        "wilayah_column": field("wilayah"),
        "period_column": field("period"),
        "filter_column": field("filter_column"),
        "filter_value": field("filter_value"),
        "url": dataset.get_absolute_url(),
    }


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    result = comparison.latest
    return {
        "id": comparison.pk,
        "variable": comparison.variable,
        "dataset_a": _side(comparison, "a"),
        "dataset_b": _side(comparison, "b"),
        "tolerance_absolute": comparison.tolerance_absolute,
        "tolerance_percent": comparison.tolerance_percent,
        "wilayah_level": comparison.wilayah_level or None,
        "status": result.status if result else None,
        "computed_at": result.computed_at if result else None,
        "version_a": result.version_a.number if result and result.version_a else None,
        "version_b": result.version_b.number if result and result.version_b else None,
        "matched": result.matched if result else 0,
        "disagreements": result.disagreements if result else 0,
        "only_in_a": result.only_in_a if result else 0,
        "only_in_b": result.only_in_b if result else 0,
        "max_relative_percent": result.max_percent if result else None,
        "url": comparison.get_absolute_url(),
    }


def _rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "wilayah": row.wilayah,
            "wilayah_name": row.nama or None,
            "period": row.period,
            "value_a": row.value_a,
            "value_b": row.value_b,
            "difference": row.difference,
            "relative_percent": row.percent,
        }
        for row in queries.table(rows)
    ]


@router.get("/comparisons", response={200: ComparisonPage, **errors(422)})
def list_comparisons(
    request: HttpRequest,
    dataset: DatasetSlug = None,
    status: StatusFilter = None,
    offset: Offset = 0,
    limit: Limit = 20,
) -> dict[str, Any]:
    """Declared comparisons of one variable reported by two datasets, with the latest result;
    only those whose two datasets you may see."""
    found = queries.visible(api_viewer(request)).select_related(
        "latest__version_a", "latest__version_b"
    )
    if dataset:
        found = found.filter(Q(dataset_a__slug=dataset) | Q(dataset_b__slug=dataset))
    if status:
        found = found.filter(latest__status=status)
    return paged(request, found.order_by("variable", "pk"), offset, limit, comparison_dict)


@router.get("/comparisons/{id}", response={200: ComparisonDetail, **errors(404, 422)})
def get_comparison(request: HttpRequest, id: Id) -> dict[str, Any]:
    """One comparison with its disagreements (largest relative difference first, at most 500)
    and the keys reported by one dataset only (at most 200 each)."""
    viewer = api_viewer(request)
    comparison = queries.get_visible_or_404(viewer, id)
    for dataset in (comparison.dataset_a, comparison.dataset_b):
        if access.read_is_audited(viewer, dataset):
            record(
                "dataset.read",
                actor=request.user,
                obj=dataset,
                ip=client_ip(request),
                detail={"via": "api", "comparison": comparison.pk},
            )
    result = comparison.latest
    return {
        **comparison_dict(comparison),
        "error": (result.error_message or None) if result else None,
        "disagreement_rows": _rows(result.rows) if result else [],
        "only_in_a_rows": _rows(result.only_a_rows) if result else [],
        "only_in_b_rows": _rows(result.only_b_rows) if result else [],
    }
