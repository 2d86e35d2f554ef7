"""`satudata user create|list`: accounts from the command line."""

import getpass
import secrets
import sys
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from satudata.apps.accounts.actions import do_create_user
from satudata.apps.accounts.models import Organisation, Role, User
from satudata.platform.access import PRODUCER_ROLES
from satudata.platform.management.output import moment, table


class Command(BaseCommand):
    help = "Create or list user accounts."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser(
            "create",
            help="Create an account. The password is asked for unless --password or "
            "--random-password is given.",
        )
        create.add_argument("username")
        create.add_argument("--org", help="Slug of the user's organisation (e.g. dinkes).")
        create.add_argument(
            "--role",
            action="append",
            default=[],
            choices=Role.values,
            help="A role; repeat for several. `admin` makes a superuser.",
        )
        create.add_argument("--email", default="")
        create.add_argument("--full-name", default="")
        secret = create.add_mutually_exclusive_group()
        secret.add_argument("--password", help="The password (visible in the shell history).")
        secret.add_argument(
            "--random-password",
            action="store_true",
            help="Generate a strong password and print it once.",
        )
        listing = actions.add_parser("list", help="List accounts.")
        listing.add_argument("--org", help="Only the members of this organisation.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            self._create(options)
        else:
            self._list(options)

    def _organisation(self, slug: str | None) -> Organisation | None:
        if not slug:
            return None
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(_("No organisation with the slug “%(slug)s”.") % {"slug": slug})
        return organisation

    def _create(self, options: dict[str, Any]) -> None:
        username = options["username"]
        if User.objects.filter(username=username).exists():
            raise CommandError(_("The user “%(name)s” already exists.") % {"name": username})
        organisation = self._organisation(options["org"])
        roles = set(options["role"])
        if roles & PRODUCER_ROLES and organisation is None:
            raise CommandError(_("A produsen belongs to an organisation: add --org SLUG."))
        candidate = User(username=username, email=options["email"], full_name=options["full_name"])
        password = options["password"]
        if options["random_password"]:
            password = secrets.token_urlsafe(12)
        elif password is None:
            password = self._ask_password()
        if not options["random_password"]:
            try:
                validate_password(password, candidate)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        user = do_create_user(
            username=username,
            organisation=organisation,
            roles=roles,
            password=password,
            email=options["email"],
            full_name=options["full_name"],
        )
        self.stdout.write(
            _("Created %(name)s (%(org)s; roles: %(roles)s).")
            % {
                "name": user.username,
                "org": organisation or "-",
                "roles": ", ".join(sorted(user.role_set)) or "-",
            }
        )
        if options["random_password"]:
            self.stdout.write(_("Password: %(password)s") % {"password": password})

    def _ask_password(self) -> str:
        if not sys.stdin.isatty():
            raise CommandError(_("Give --password or --random-password (no terminal to ask on)."))
        first = getpass.getpass(_("Password: "))
        if first != getpass.getpass(_("Password (again): ")):
            raise CommandError(_("The passwords do not match."))
        return first

    def _list(self, options: dict[str, Any]) -> None:
        users = User.objects.select_related("organisation").prefetch_related("grants")
        organisation = self._organisation(options["org"])
        if organisation is not None:
            users = users.filter(organisation=organisation)
        rows = [
            (
                u.username,
                u.full_name,
                u.organisation.slug if u.organisation else "",
                ", ".join(sorted(u.role_set)),
                _("yes") if u.is_active else _("no"),
                moment(u.last_login),
            )
            for u in users.order_by("username")
        ]
        headers = [
            _("username"),
            _("name"),
            _("organisation"),
            _("roles"),
            _("active"),
            _("last sign-in"),
        ]
        self.stdout.write(table(headers, rows))
