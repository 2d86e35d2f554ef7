"""`satudata audit verify`: recompute the audit log's hash chain."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from satudata.platform import audit


class Command(BaseCommand):
    help = "Work with the audit log. `verify` recomputes every hash of the chain."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser(
            "verify",
            help="Recompute the hash chain; on a break, list it and exit with status 1.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count, breaks = audit.verify_chain()
        if not breaks:
            self.stdout.write(_("%(count)s entries, chain intact") % {"count": count})
            return
        for item in breaks:
            self.stderr.write(
                _("entry %(seq)s: %(reason)s") % {"seq": item.seq, "reason": item.reason}
            )
        raise CommandError(
            _("%(count)s entries, chain broken in %(breaks)s place(s)")
            % {"count": count, "breaks": len(breaks)},
            returncode=1,
        )
