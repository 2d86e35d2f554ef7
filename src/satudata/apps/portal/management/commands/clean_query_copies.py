"""`satudata clean-query-copies`: remove the explorer's copies of versions no longer published
(after SATUDATA_QUERY_COPIES_KEEP_DAYS unused) and keep all copies under
SATUDATA_QUERY_COPIES_MAX_MB. The job worker does the same every hour."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from satudata.apps.portal import copies


class Command(BaseCommand):
    help = (
        "Remove the data explorer's query copies of versions that are no longer published and "
        "have not been used for SATUDATA_QUERY_COPIES_KEEP_DAYS, then the least recently used "
        "copies until all fit in SATUDATA_QUERY_COPIES_MAX_MB (when set)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only say what would be removed")

    def handle(self, *args: Any, **options: Any) -> None:
        cleaned = copies.clean(dry_run=options["dry_run"])
        counts = {
            "removed": cleaned.removed,
            "freed": round(cleaned.freed / copies.MB, 1),
            "kept": cleaned.kept,
            "kept_mb": round(cleaned.kept_bytes / copies.MB, 1),
            "leftovers": cleaned.leftovers,
        }
        if options["dry_run"]:
            message = _(
                "Query copies that would be removed: %(removed)s (%(freed)s MB); unfinished "
                "files: %(leftovers)s; kept: %(kept)s (%(kept_mb)s MB)."
            )
        else:
            message = _(
                "Query copies removed: %(removed)s (%(freed)s MB); unfinished files removed: "
                "%(leftovers)s; kept: %(kept)s (%(kept_mb)s MB)."
            )
        self.stdout.write(message % counts)
