"""Periodic work for the job worker: remove the explorer's query copies no longer wanted."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from satudata.apps.portal import copies

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="23"))
@lock_task("satudata-query-copies-cleanup")
def clean_query_copies() -> None:
    cleaned = copies.clean()
    if cleaned.removed or cleaned.leftovers:
        log.info(
            "removed %s query copies (%s bytes) and %s unfinished files",
            cleaned.removed,
            cleaned.freed,
            cleaned.leftovers,
        )
