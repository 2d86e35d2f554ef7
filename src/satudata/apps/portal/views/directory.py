"""Organisations and topics, each with the datasets the viewer may see; every page also as
`.json` and `.csv`."""

from typing import Any

from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import Topic
from satudata.apps.portal import formats, queries
from satudata.apps.portal.views.common import paginate
from satudata.platform.access import viewer_of

ORGANISATION_COLUMNS = ("slug", "name", "short_name", "kind", "dataset_count", "url")
TOPIC_COLUMNS = ("slug", "name", "description", "dataset_count", "url")


def _page_document(page: Page) -> dict[str, Any]:
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "datasets": [queries.dataset_summary(d) for d in page.object_list],
    }


def organisation_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    organisations = queries.organisations_with_counts(viewer_of(request))
    return formats.respond(
        fmt,
        html=lambda: render(
            request, "portal/organisation_list.html", {"organisations": organisations}
        ),
        data=lambda: {"organisations": [queries.organisation_summary(o) for o in organisations]},
        rows=lambda: (queries.organisation_summary(o) for o in organisations),
        columns=ORGANISATION_COLUMNS,
        filename="organisasi",
    )


def organisation_detail(request: HttpRequest, slug: str, fmt: str = "") -> HttpResponse:
    viewer = viewer_of(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    datasets = queries.search_datasets(viewer, organisation=organisation)
    page = paginate(request, datasets)
    timeliness = queries.timeliness(viewer, organisation, timezone.localdate())
    return formats.respond(
        fmt,
        html=lambda: render(
            request,
            "portal/organisation_detail.html",
            {"organisation": organisation, "page_obj": page, "timeliness": timeliness},
        ),
        data=lambda: {
            "organisation": queries.organisation_profile(organisation),
            "timeliness": timeliness.as_dict(),
            **_page_document(page),
        },
        rows=lambda: (queries.dataset_summary(d) for d in datasets),
        columns=queries.DATASET_COLUMNS,
        filename=organisation.slug,
    )


def topic_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    topics = queries.topics_with_counts(viewer_of(request))
    return formats.respond(
        fmt,
        html=lambda: render(request, "portal/topic_list.html", {"topics": topics}),
        data=lambda: {"topics": [queries.topic_summary(t) for t in topics]},
        rows=lambda: (queries.topic_summary(t) for t in topics),
        columns=TOPIC_COLUMNS,
        filename="topik",
    )


def topic_detail(request: HttpRequest, slug: str, fmt: str = "") -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    datasets = queries.search_datasets(viewer_of(request), topic=topic)
    page = paginate(request, datasets)
    return formats.respond(
        fmt,
        html=lambda: render(
            request, "portal/topic_detail.html", {"topic": topic, "page_obj": page}
        ),
        data=lambda: {"topic": queries.topic_summary(topic), **_page_document(page)},
        rows=lambda: (queries.dataset_summary(d) for d in datasets),
        columns=queries.DATASET_COLUMNS,
        filename=topic.slug,
    )
