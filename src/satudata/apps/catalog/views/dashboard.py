"""The workspace's front page: my datasets by state, the queues to check, my notifications."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from satudata.apps.catalog.models import State, Upload
from satudata.apps.catalog.views.common import OPEN_UPLOADS
from satudata.platform import access
from satudata.platform.access import viewer_of


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    visible = access.datasets(viewer).select_related("organisation", "topic")
    own_by_state = []
    if viewer.organisation_id is not None:
        own = list(visible.filter(organisation_id=viewer.organisation_id))
        own_by_state = [
            (value, label, [d for d in own if d.state == value]) for value, label in State.choices
        ]
    return render(
        request,
        "catalog/dashboard.html",
        {
            "own_by_state": own_by_state,
            "own_count": sum(len(items) for _v, _l, items in own_by_state),
            "queue": visible.filter(state=State.DIAJUKAN) if viewer.is_walidata else None,
            "pembina_queue": (
                visible.filter(state=State.MENUNGGU_PEMBINA) if viewer.is_pembina else None
            ),
            "uploads": Upload.objects.filter(
                uploaded_by=request.user, status__in=OPEN_UPLOADS, dataset__in=visible
            ).select_related("dataset"),
            "notifications": request.user.notifications.filter(read_at__isnull=True)[:5],
            "can_create": access.can_create_dataset(viewer),
        },
    )
