"""`satudata backup [PATH]`: one archive with the database, every stored file and a manifest."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from satudata.platform import backup


class Command(BaseCommand):
    help = (
        "Write a backup archive (.tar.gz): a JSON dump of the database, every file under the "
        "files folder and a manifest with row counts and SHA-256 checksums. Default path: "
        "<data folder>/backups/satudata-<timestamp>.tar.gz."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, help="Where to write the archive.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path, manifest = backup.create_backup(options["path"])
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        files = sum(1 for name in manifest["checksums"] if name.startswith(backup.FILES + "/"))
        self.stdout.write(
            _("Backup written to %(path)s: %(rows)s rows, %(files)s files, %(size)s MB.")
            % {
                "path": path,
                "rows": sum(manifest["counts"].values()),
                "files": files,
                "size": round(path.stat().st_size / 2**20, 1),
            }
        )
