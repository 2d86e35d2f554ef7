"""`makemessages` that also extracts the engines' messages, marked with `N_` (they cannot
import Django, so they mark their msgids with a plain function of that name)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_"]
