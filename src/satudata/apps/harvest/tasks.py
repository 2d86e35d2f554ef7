"""Periodic work for the job worker: start the harvest sources that are due."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from satudata.apps.harvest import actions

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/5"))
@lock_task("satudata-harvest-due")
def start_due_harvests() -> None:
    runs = actions.do_start_due_harvests()
    if runs:
        log.info("started %s scheduled harvest run(s)", len(runs))
