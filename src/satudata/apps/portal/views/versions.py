"""A version's page: its facts and what changed since the version before."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from satudata.apps.catalog.models import Transition
from satudata.apps.portal import detail, formats, queries
from satudata.apps.portal.exports import formats_for
from satudata.apps.portal.views.common import record_tertutup_read
from satudata.platform import access
from satudata.platform.access import viewer_of


def version_detail(request: HttpRequest, slug: str, number: int, fmt: str = "") -> HttpResponse:
    viewer = viewer_of(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    version = queries.visible_version(viewer, dataset, number)
    if version is None:
        raise Http404
    record_tertutup_read(
        request, dataset, "version", version=number, **({"format": fmt} if fmt else {})
    )

    def html() -> HttpResponse:
        was_published = version.transition_set.filter(kind=Transition.Kind.PUBLISH).exists()
        return render(
            request,
            "portal/version_detail.html",
            {
                "dataset": dataset,
                "version": version,
                "previous": queries.visible_version(viewer, dataset, number - 1),
                "diff": version.diff or {},
                "preview": queries.read_preview(version),
                "is_published": dataset.published_version_id == version.pk,
                "is_candidate": dataset.candidate_version_id == version.pk,
                "sees_workflow": access.sees_workflow(viewer, dataset),
                "can_rollback": access.can_rollback(viewer, dataset)
                and was_published
                and dataset.published_version_id != version.pk,
                "formats": formats_for(version),
            },
        )

    return formats.respond(
        fmt,
        html=html,
        data=lambda: detail.version_document(dataset, version),
        rows=lambda: [detail.version_summary(dataset, version)],
        columns=detail.VERSION_COLUMNS,
        filename=f"{dataset.slug}-v{version.number}",
    )
