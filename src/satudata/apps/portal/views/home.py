"""The portal's front page and its about page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from satudata.apps.catalog.models import Licence
from satudata.apps.portal import queries
from satudata.platform.access import viewer_of


def home(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    organisations = [o for o in queries.organisations_with_counts(viewer) if o.dataset_count]
    topics = [t for t in queries.topics_with_counts(viewer) if t.dataset_count]
    return render(
        request,
        "portal/home.html",
        {
            "headline": queries.headline(viewer),
            "newest": queries.newest_datasets(viewer),
            "most_used": queries.most_used_datasets(viewer),
            "topics": topics,
            "organisations": organisations[:12],
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/about.html", {"licences": Licence.choices})
