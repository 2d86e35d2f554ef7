"""The walidata's usage figures: views, downloads and API calls per dataset and per
organisation, in the last 30 days and in all time; each table also as `.csv` and `.json`."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from satudata.apps.monitoring.views import _walidata_only
from satudata.apps.portal import formats
from satudata.apps.portal.views.common import paginate
from satudata.apps.usage import actions, queries
from satudata.platform.access import viewer_of

USAGE_PAGE_SIZE = 50


@login_required
def usage(request: HttpRequest) -> HttpResponse:
    _walidata_only(request)
    actions.flush()
    viewer, today = viewer_of(request), timezone.localdate()
    return render(
        request,
        "monitoring/usage.html",
        {
            "days": queries.RECENT_DAYS,
            "totals": queries.totals(viewer, today),
            "organisations": queries.per_organisation(viewer, today),
            "page_obj": paginate(request, queries.per_dataset(viewer, today), USAGE_PAGE_SIZE),
        },
    )


@login_required
def usage_datasets(request: HttpRequest, fmt: str) -> HttpResponse:
    _walidata_only(request)
    actions.flush()
    rows = queries.per_dataset(viewer_of(request), timezone.localdate())
    return formats.respond(
        fmt,
        data=lambda: {"days": queries.RECENT_DAYS, "datasets": list(rows)},
        rows=lambda: rows,
        columns=queries.DATASET_COLUMNS,
        filename="pemakaian-dataset",
    )


@login_required
def usage_organisations(request: HttpRequest, fmt: str) -> HttpResponse:
    _walidata_only(request)
    actions.flush()
    rows = queries.per_organisation(viewer_of(request), timezone.localdate())
    return formats.respond(
        fmt,
        data=lambda: {"days": queries.RECENT_DAYS, "organisations": list(rows)},
        rows=lambda: rows,
        columns=queries.ORGANISATION_COLUMNS,
        filename="pemakaian-organisasi",
    )
