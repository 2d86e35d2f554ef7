"""`satudata restore PATH`: rebuild an empty data folder and database from a backup archive."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from satudata.platform import backup
from satudata.platform.management.output import table


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty database and an empty files folder: migrate, "
        "load the rows, check every checksum, the version files and the audit chain, then put "
        "the files in place. A damaged or changed archive is refused and nothing is restored."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="The .tar.gz archive made by `backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database and files folder that already hold data (the old files "
            "are kept beside the new ones).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["path"].is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": options["path"]})
        try:
            result = backup.restore_backup(options["path"], force=options["force"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = [(label, n) for label, n in result.counts.items() if n]
        self.stdout.write(table([_("table"), _("rows")], rows))
        self.stdout.write(
            _("%(files)s files restored, every checksum verified.") % {"files": result.files}
        )
        if result.audit_breaks:
            self.stderr.write(
                _(
                    "The audit chain was already broken when the backup was made "
                    "(%(breaks)s place(s)); run `satudata audit verify`."
                )
                % {"breaks": len(result.audit_breaks)}
            )
        else:
            self.stdout.write(
                _("Audit chain intact (%(count)s entries).") % {"count": result.audit_entries}
            )
        if result.replaced_files is not None:
            self.stdout.write(
                _("The files that were there before are kept in %(path)s.")
                % {"path": result.replaced_files}
            )
