"""Background work of the webhooks: one delivery attempt per job, and the listener that turns
every publication into deliveries."""

from typing import Any

from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.webhooks import actions
from satudata.platform import jobs


@jobs.handler("webhooks.deliver")
def deliver(context: jobs.JobContext) -> dict[str, Any]:
    delivery = actions.do_attempt_delivery(int(context.params["delivery"]))
    return {"delivery": delivery.pk, "status": delivery.status, "attempts": delivery.attempts}


def on_version_published(
    sender: Any, *, dataset: Dataset, version: Version, kind: str, **kwargs: Any
) -> None:
    actions.do_queue_deliveries(dataset=dataset, version=version, kind=kind)
