"""API: topics (urusan pemerintahan), each with the number of datasets the viewer may see."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest
from ninja import Router

from satudata.apps.catalog.models import Topic
from satudata.apps.catalog.schemas import TopicDetail, TopicPage
from satudata.platform import access
from satudata.platform.api import Limit, Offset, Slug, api_viewer, errors, paged

router = Router(tags=["topics"])


def _topics(viewer: access.Viewer) -> QuerySet:
    visible = access.dataset_q(viewer, "dataset__") & Q(dataset__published_version__isnull=False)
    return Topic.objects.annotate(dataset_count=Count("dataset", filter=visible)).order_by(
        "name", "pk"
    )


def topic_dict(topic: Topic) -> dict[str, Any]:
    return {
        "slug": topic.slug,
        "name": topic.name,
        "dataset_count": topic.dataset_count,
        "url": topic.get_absolute_url(),
    }


@router.get("/topics", response={200: TopicPage, **errors(422)})
def list_topics(request: HttpRequest, offset: Offset = 0, limit: Limit = 20) -> dict[str, Any]:
    """Topics with the number of published datasets you may see in each."""
    return paged(request, _topics(api_viewer(request)), offset, limit, topic_dict)


@router.get("/topics/{slug}", response={200: TopicDetail, **errors(404, 422)})
def get_topic(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    """One topic, with its datasets you may see counted per organisation."""
    viewer = api_viewer(request)
    topic = _topics(viewer).filter(slug=slug).first()
    if topic is None:
        raise Http404
    organisations = (
        access.public_datasets(viewer)
        .filter(topic=topic)
        .values("organisation__slug", "organisation__name")
        .annotate(dataset_count=Count("pk"))
        .order_by("organisation__name")
    )
    return {
        **topic_dict(topic),
        "description": topic.description,
        "organisations": [
            {
                "slug": o["organisation__slug"],
                "name": o["organisation__name"],
                "dataset_count": o["dataset_count"],
            }
            for o in organisations
        ],
    }
