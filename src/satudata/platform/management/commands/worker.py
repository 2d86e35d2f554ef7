"""`satudata worker`: the background job worker (a Huey consumer with the project's settings)."""

import logging
import threading
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.translation import gettext as _

from satudata.platform import jobs

log = logging.getLogger(__name__)
REAP_EVERY_SECONDS = 300.0


def reap_until(stop: threading.Event, every: float = REAP_EVERY_SECONDS) -> None:
    """Mark jobs whose worker died as failed: at once, then every `every` seconds until `stop`."""
    while True:
        try:
            reaped = jobs.reap_stale_jobs()
        except Exception:
            log.exception("could not check for interrupted jobs")
        else:
            if reaped:
                log.warning("marked %s interrupted job(s) as failed", reaped)
        finally:
            close_old_connections()
        if stop.wait(every):
            return


class Command(BaseCommand):
    help = (
        "Run the background job worker: a Huey consumer (SQLite queue in the data folder, or "
        "Redis when SATUDATA_REDIS_URL is set) with SATUDATA_JOB_WORKERS threads. It also marks "
        "jobs left running by a dead worker as failed, at start and every five minutes."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--workers", type=int, help="Threads that run jobs (default SATUDATA_JOB_WORKERS)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from huey.contrib.djhuey import HUEY

        consumer_options = dict(settings.HUEY.get("consumer", {}))
        if options["workers"]:
            consumer_options["workers"] = options["workers"]
        stop = threading.Event()
        reaper = threading.Thread(target=reap_until, args=(stop,), name="reaper", daemon=True)
        reaper.start()
        self.stdout.write(
            _("Job worker started with %(n)s thread(s).")
            % {"n": consumer_options.get("workers", 1)}
        )
        try:
            HUEY.create_consumer(**consumer_options).run()
        finally:
            stop.set()
            reaper.join(timeout=5)
