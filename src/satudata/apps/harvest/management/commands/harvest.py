"""`satudata harvest`: run harvest sources now (one, every due one, or every active one)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from satudata.apps.harvest import actions
from satudata.apps.harvest.jobs import harvest
from satudata.apps.harvest.models import HarvestRun, HarvestSource


class Command(BaseCommand):
    help = (
        "Harvest now, in this process: --source ID for one source, --due for the sources whose "
        "interval has passed (for cron), or every active source. --full ignores the high-water "
        "mark and reads the whole remote catalogue."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--source", type=int, help="id of the source to harvest")
        parser.add_argument("--due", action="store_true", help="only the sources that are due")
        parser.add_argument("--full", action="store_true", help="read the whole catalogue")

    def handle(self, *args: Any, **options: Any) -> None:
        sources = HarvestSource.objects.all()
        if options["source"] is not None:
            sources = sources.filter(pk=options["source"])
            if not sources.exists():
                raise CommandError(_("No harvest source has the id %(id)s.") % options)
        else:
            sources = sources.filter(active=True)
        failed = False
        for source in sources:
            if options["due"] and not source.is_due():
                continue
            trigger = HarvestRun.Trigger.SCHEDULED if options["due"] else HarvestRun.Trigger.MANUAL
            run = actions.do_create_run(source=source, trigger=trigger)
            if run is None:
                self.stderr.write(
                    _("%(source)s: a harvest is already running.") % {"source": source}
                )
                continue
            harvest(run, full=options["full"])
            failed = failed or run.status == HarvestRun.Status.FAILED
            self.stdout.write(
                _(
                    "%(source)s: %(status)s — %(created)s created, %(updated)s updated, "
                    "%(unchanged)s unchanged, %(deleted)s deleted at the source, "
                    "%(failed)s failed. %(message)s"
                )
                % {
                    "source": source,
                    "status": run.get_status_display(),
                    "created": run.created,
                    "updated": run.updated,
                    "unchanged": run.unchanged,
                    "deleted": run.deleted,
                    "failed": run.failed,
                    "message": run.message,
                }
            )
        if failed:
            raise CommandError(_("At least one harvest failed."))
