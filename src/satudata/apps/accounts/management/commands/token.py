"""`satudata token create|list|revoke`: personal API tokens from the command line."""

from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from satudata.apps.accounts.models import ApiToken, User
from satudata.apps.accounts.tokens import create_token, revoke_token
from satudata.platform.management.output import moment, table


def _status(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return _("revoked")
    return _("active") if token.active else _("expired")


class Command(BaseCommand):
    help = "Create, list or revoke personal API tokens (sent as `Authorization: Bearer <token>`)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create a token and print it once.")
        create.add_argument("username")
        create.add_argument("--name", default="cli", help="What the token is for.")
        create.add_argument("--expires-days", type=int, help="Valid for this many days.")
        listing = actions.add_parser("list", help="List a user's tokens (never the tokens).")
        listing.add_argument("username")
        revoke = actions.add_parser("revoke", help="Revoke a token by its id.")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, "_" + options["action"])(options)

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No user “%(name)s”.") % {"name": username})
        return user

    def _create(self, options: dict[str, Any]) -> None:
        user = self._user(options["username"])
        days = options["expires_days"]
        expires = timezone.now() + timedelta(days=days) if days else None
        token, raw = create_token(user, options["name"][:100], expires)
        self.stdout.write(raw)
        self.stderr.write(
            _("Token %(id)s (%(name)s) for %(user)s. It is shown only now: store it safely.")
            % {"id": token.pk, "name": token.name, "user": user.username}
        )

    def _list(self, options: dict[str, Any]) -> None:
        tokens = self._user(options["username"]).api_tokens.order_by("created_at")
        rows = [
            (
                t.pk,
                t.name,
                f"{t.prefix}…",
                moment(t.created_at),
                moment(t.last_used_at),
                moment(t.expires_at),
                _status(t),
            )
            for t in tokens
        ]
        headers = [
            _("id"),
            _("name"),
            _("starts with"),
            _("created"),
            _("last used"),
            _("expires"),
            _("status"),
        ]
        self.stdout.write(table(headers, rows))

    def _revoke(self, options: dict[str, Any]) -> None:
        token = ApiToken.objects.select_related("user").filter(pk=options["id"]).first()
        if token is None:
            raise CommandError(_("No token with id %(id)s.") % {"id": options["id"]})
        revoke_token(None, token)
        self.stdout.write(
            _("Token %(id)s (%(name)s) of %(user)s is revoked.")
            % {"id": token.pk, "name": token.name, "user": token.user.username}
        )
