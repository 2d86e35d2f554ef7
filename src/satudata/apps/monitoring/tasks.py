"""Periodic work for the job worker: every night the quality scores are recomputed (metadata
edits and the passing of time change them) and the reminders of due and overdue data go out."""

import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from satudata.apps.monitoring.actions import do_refresh_quality
from satudata.apps.monitoring.reminders import do_send_reminders

log = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="2", minute="7"))
@lock_task("satudata-monitoring-nightly")
def nightly() -> None:
    today = timezone.localdate()
    scored = do_refresh_quality(today=today)
    sent = do_send_reminders(today)
    log.info("quality scores refreshed: %s; reminders: %s", scored, sent)
