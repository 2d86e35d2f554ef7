"""`satudata load-demo`: the Kota Tangerang demo (data contoh)."""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from satudata.apps.demo.loader import load_demo
from satudata.apps.demo.people import sign_in_help


class Command(BaseCommand):
    help = (
        "Load the Kota Tangerang demo: organisations, demo accounts and about 40 datasets with "
        "generated figures (data contoh), uploaded and checked through the real workflow. Only "
        "in demo mode (SATUDATA_DEMO=true) unless --force; running it again adds nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load it outside demo mode too (the demo accounts then get no usable password).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO and not options["force"]:
            raise CommandError(
                _(
                    "The demo loads only in demo mode (SATUDATA_DEMO=true); add --force to load "
                    "its data anyway."
                )
            )
        self.stdout.write(_("Loading the Kota Tangerang demo (data contoh)…"))
        summary = load_demo()
        if summary.datasets:
            self.stdout.write(
                _(
                    "Demo loaded in %(seconds).0f s: %(orgs)s organisations, %(accounts)s "
                    "accounts, %(datasets)s datasets, %(versions)s versions."
                )
                % {
                    "seconds": summary.seconds,
                    "orgs": summary.organisations,
                    "accounts": summary.accounts,
                    "datasets": summary.datasets,
                    "versions": summary.versions,
                }
            )
        else:
            self.stdout.write(_("The demo is already loaded; nothing was added."))
        if settings.DEMO:
            self.stdout.write(sign_in_help())
