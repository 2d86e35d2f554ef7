"""`satudata reindex`: rebuilds the catalog's search index from the datasets."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from satudata.apps.search.actions import do_reindex_all


class Command(BaseCommand):
    help = _("Rebuilds the catalog search index from every dataset.")

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(done: int, total: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(
                    _("%(done)s of %(total)s datasets") % {"done": done, "total": total}
                )

        count = do_reindex_all(progress=progress)
        self.stdout.write(self.style.SUCCESS(_("%(count)s datasets indexed.") % {"count": count}))
