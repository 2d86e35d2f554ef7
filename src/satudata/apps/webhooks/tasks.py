"""Periodic work for the job worker: retry the webhook deliveries that are due."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from satudata.apps.webhooks import actions


@db_periodic_task(crontab(minute="*"))
@lock_task("satudata-webhook-retries")
def retry_due_deliveries() -> None:
    actions.do_retry_due_deliveries()
