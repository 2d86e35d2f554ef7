"""Topics (urusan pemerintahan) of the catalog."""

from typing import Any

from django.db import transaction

from satudata.apps.catalog.models import Topic
from satudata.platform import audit


@transaction.atomic
def do_create_topic(*, name: str, slug: str, description: str = "", actor: Any = None) -> Topic:
    topic = Topic.objects.create(name=name, slug=slug, description=description)
    audit.record("topic.create", actor=actor, obj=topic)
    return topic
