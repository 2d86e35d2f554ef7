"""The demo accounts: a produsen for every producing organisation, the walidata, the pembina,
the province and an administrator, all with one shared password — only in demo mode."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from satudata.apps.accounts.actions import do_create_user
from satudata.apps.accounts.models import Organisation, Role, User
from satudata.apps.demo.organisations import ORGANISATIONS

DEMO_PASSWORD = "demo12345"  # noqa: S105  (the published password of the demo accounts)


@dataclass(frozen=True)
class Account:
    username: str
    org: str | None
    roles: tuple[str, ...]
    full_name: str


ACCOUNTS = (
    *(
        Account(org.slug, org.slug, (Role.PRODUSEN,), f"Produsen Data {org.short_name}")
        for org in ORGANISATIONS
        if org.kind in ("opd", "bumd", "walidata")
    ),
    Account("walidata", "diskominfo", (Role.WALIDATA,), "Walidata Kota Tangerang"),
    Account("bps", "bps", (Role.PEMBINA,), "Pembina Data BPS Kota Tangerang"),
    Account("banten", "banten", (), "Pengguna Data Provinsi Banten"),
    Account("admin", None, (Role.ADMIN,), "Administrator Portal"),
)


def ensure_people(organisations: dict[str, Organisation]) -> dict[str, User]:
    """Create the demo accounts that are missing. They have no email address, so the demo's
    workflow sends no mail. Outside demo mode (load-demo --force) they get no usable password:
    they are the authors of the demo's history, nobody signs in."""
    password = DEMO_PASSWORD if settings.DEMO else None
    existing = {
        u.username: u for u in User.objects.filter(username__in=[a.username for a in ACCOUNTS])
    }
    for account in ACCOUNTS:
        if account.username not in existing:
            existing[account.username] = do_create_user(
                username=account.username,
                organisation=organisations[account.org] if account.org else None,
                roles=account.roles,
                password=password,
                full_name=account.full_name,
            )
    return existing


def sign_in_help() -> str:
    """How to sign in to the demo (printed by `serve` and `load-demo`)."""
    rows = (
        ("walidata", _("walidata (Diskominfo): checks and publishes submissions")),
        ("dinkes, disdik, dinsos, disdukcapil …", _("produsen data: one account per OPD")),
        ("bps", _("pembina data: second review of Data Prioritas")),
        ("banten", _("Provinsi Banten: sees terbatas data")),
        ("admin", _("system administrator")),
    )
    lines = [
        _("Demo accounts, all with the password “%(password)s”:") % {"password": DEMO_PASSWORD}
    ]
    lines += [f"  {name:<38} {what}" for name, what in rows]
    return "\n".join(lines)
