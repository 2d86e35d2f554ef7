"""Organisations and topics, each with the datasets the viewer may see."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import Topic
from satudata.apps.portal import queries
from satudata.apps.portal.views.common import paginate
from satudata.platform.access import viewer_of


def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = queries.organisations_with_counts(viewer_of(request))
    return render(request, "portal/organisation_list.html", {"organisations": organisations})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    datasets = queries.search_datasets(viewer_of(request), organisation=organisation)
    return render(
        request,
        "portal/organisation_detail.html",
        {"organisation": organisation, "page_obj": paginate(request, datasets)},
    )


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    datasets = queries.search_datasets(viewer_of(request), topic=topic)
    return render(
        request,
        "portal/topic_detail.html",
        {"topic": topic, "page_obj": paginate(request, datasets)},
    )
