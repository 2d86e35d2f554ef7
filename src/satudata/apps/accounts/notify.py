"""Notifications: in the app (a row per recipient) and by email, after the transaction commits."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from satudata.apps.accounts.models import Notification, Role, User

TEXTS = {
    "data_due_soon": gettext_noop(
        "%(organisation)s: %(count)s dataset(s) due for an update within a week: %(datasets)s"
    ),
    "data_overdue": gettext_noop(
        "%(organisation)s: %(count)s dataset(s) overdue for an update: %(datasets)s"
    ),
    "data_escalated": gettext_noop(
        "%(count)s dataset(s) overdue for more than two weeks: %(datasets)s"
    ),
    "submitted": gettext_noop("%(actor)s submitted “%(dataset)s” for checking."),
    "returned": gettext_noop("“%(dataset)s” was returned by %(actor)s: %(note)s"),
    "approved": gettext_noop("“%(dataset)s” passed the walidata check and awaits pembina review."),
    "published": gettext_noop("“%(dataset)s” was published by %(actor)s."),
    "rolled_back": gettext_noop(
        "“%(dataset)s” was rolled back to version %(number)s by %(actor)s."
    ),
    "ticket_opened": gettext_noop("%(actor)s opened helpdesk ticket #%(number)s: “%(subject)s”."),
    "ticket_replied": gettext_noop(
        "%(actor)s replied to helpdesk ticket #%(number)s “%(subject)s”."
    ),
    "ticket_status": gettext_noop(
        "Helpdesk ticket #%(number)s “%(subject)s” is now %(status)s (%(actor)s)."
    ),
    "ticket_assigned": gettext_noop(
        "%(actor)s assigned helpdesk ticket #%(number)s “%(subject)s” to you."
    ),
    "indicator_failed": gettext_noop(
        "Indicator “%(indicator)s” was not recomputed from version %(number)s: %(reason)s"
    ),
    "bigdata_spike": gettext_noop(
        "%(count)s spike(s) of negative posts; the largest: %(topic)s in %(area)s, week of "
        "%(week)s (%(negative)s posts)."
    ),
    "request_received": gettext_noop("New public data request #%(number)s: “%(title)s”."),
    "request_routed": gettext_noop(
        "%(actor)s forwarded public data request #%(number)s “%(title)s” to your organisation."
    ),
    "request_answered": gettext_noop(
        "%(actor)s answered public data request #%(number)s “%(title)s”: %(status)s."
    ),
}


def render(notification: Notification) -> str:
    template = TEXTS.get(notification.verb, notification.verb)
    return _(template) % {k: v for k, v in notification.params.items()}


def people_with_role(role: str, organisation_id: int | None = None) -> QuerySet:
    qs = User.objects.filter(is_active=True)
    qs = qs.filter(is_superuser=True) if role == Role.ADMIN else qs.filter(grants__role=role)
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    return qs.distinct()


def notify(recipients: Iterable[Any], verb: str, params: dict[str, Any], url: str) -> None:
    people = {user.pk: user for user in recipients if user is not None}
    Notification.objects.bulk_create(
        [Notification(user=user, verb=verb, params=params, url=url) for user in people.values()]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"[{settings.SITE_NAME}] " + _("Dataset update")
        body = render(Notification(verb=verb, params=params)) + f"\n\n{settings.SITE_URL}{url}"
    mails = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        for user in people.values()
        if user.email
    ]
    if mails:
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
