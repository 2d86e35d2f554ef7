"""`satudata wilayah_update FILE --decree "Kepmendagri No … Tahun …" [--date] [--changes]
[--dry-run]`: bring the kode wilayah up to a newer decree's full list, keeping old codes as
history."""

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from satudata.apps.registry.actions import do_apply_wilayah_update
from satudata.apps.registry.updates import UpdateError, plan_update, read_changes, read_names

SHOWN = 10


class Command(BaseCommand):
    help = "Update the kode wilayah from a newer decree's full list (CSV kode,nama or JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV (kode,nama) or JSON {kode: nama}, or .gz")
        parser.add_argument(
            "--decree", required=True, help='e.g. "Kepmendagri No 100.1.1-6117 Tahun 2022"'
        )
        parser.add_argument(
            "--date", help="date the decree takes effect, YYYY-MM-DD (default today)"
        )
        parser.add_argument(
            "--changes",
            type=Path,
            help="CSV old_kode,new_kode,kind (split, merged, moved, renamed)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change; change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        decree = options["decree"].strip()
        if not decree:
            raise CommandError(_("Name the decree with --decree."))
        try:
            date = (
                dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
            )
        except ValueError as exc:
            raise CommandError(_("--date must be YYYY-MM-DD.")) from exc
        for path in (options["file"], options["changes"]):
            if path is not None and not path.is_file():
                raise CommandError(_("%(file)s does not exist.") % {"file": path})
        try:
            names = read_names(options["file"])
            declared = read_changes(options["changes"]) if options["changes"] else []
            plan = plan_update(names, declared)
        except UpdateError as exc:
            raise CommandError(str(exc)) from exc
        self._show(plan)
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was changed."))
            return
        if plan.empty:
            self.stdout.write(_("The registry already matches this list."))
            return
        do_apply_wilayah_update(plan, decree=decree, date=date)
        self.stdout.write(self.style.SUCCESS(_("Applied %(decree)s.") % {"decree": decree}))

    def _show(self, plan: Any) -> None:
        counts = plan.summary()
        self.stdout.write(
            _(
                "Added: %(added)s, renamed: %(renamed)s, retired: %(retired)s, "
                "declared changes: %(declared)s"
            )
            % counts
        )
        for kode, nama in list(plan.added.items())[:SHOWN]:
            self.stdout.write(f"  + {kode} {nama}")
        for kode, (old, new) in list(plan.renamed.items())[:SHOWN]:
            self.stdout.write(f"  ~ {kode} {old} → {new}")
        for kode, nama in list(plan.retired.items())[:SHOWN]:
            self.stdout.write(f"  - {kode} {nama}")
        for change in plan.declared[:SHOWN]:
            self.stdout.write(f"  {change.kind}: {change.old_kode} → {change.new_kode}")
