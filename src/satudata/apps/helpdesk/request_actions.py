"""Writes of the public data requests: a request sent by anyone (the requester gets an email
with a private link to follow it), the walidata forwarding it to an OPD (whose staff are told),
and the answer of the OPD or the walidata (processing, fulfilled with an optional terbuka
dataset, or declined with the reason). Each change of status is emailed to the requester."""

import secrets
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from satudata.apps.accounts.models import Organisation
from satudata.apps.accounts.notify import notify, people_with_role
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.helpdesk.actions import actor_name, organisation_staff, required_text
from satudata.apps.helpdesk.models import DataRequest
from satudata.platform import access, audit
from satudata.platform import access_helpdesk as gate

Status = DataRequest.Status


def follow_url(data_request: DataRequest) -> str:
    return reverse("helpdesk:request_follow", args=[data_request.pk, data_request.follow_token])


def _mail_requester(data_request: DataRequest, lines: list[str]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"[{settings.SITE_NAME}] " + _("Your data request #%(number)s") % {
            "number": data_request.pk
        }
        greeting = _("Dear %(name)s,") % {"name": data_request.name}
        link = _("Follow your request at this private address (keep it to yourself):")
        body = "\n\n".join(
            [greeting, *lines, link + f"\n{settings.SITE_URL}{follow_url(data_request)}"]
        )
    recipient = data_request.email
    transaction.on_commit(
        lambda: send_mail(
            subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=True
        )
    )


@transaction.atomic
def do_submit_request(
    *,
    name: str,
    email: str,
    title: str,
    description: str,
    purpose: str,
    institution: str = "",
    wilayah: str = "",
    period: str = "",
    ip: str = "",
    mail: bool = True,
) -> DataRequest:
    """A request from the public form (the view checked the form, the rate and the trap)."""
    now = timezone.now()
    data_request = DataRequest.objects.create(
        name=required_text(name, _("name"), 120),
        email=email.strip(),
        institution=institution.strip()[:200],
        title=required_text(title, _("data wanted"), 200),
        description=required_text(description, _("description"), 5000),
        purpose=required_text(purpose, _("purpose"), 3000),
        wilayah=wilayah.strip()[:200],
        period=period.strip()[:100],
        follow_token=secrets.token_urlsafe(24),
        created_at=now,
        updated_at=now,
    )
    audit.record("datarequest.submit", obj=data_request, label=data_request.title, ip=ip)
    with translation.override(settings.LANGUAGE_CODE):
        received = _(
            "We received your request for “%(title)s” (number %(number)s). The walidata "
            "forwards it to the agency that holds the data; you get an email at each step."
        ) % {"title": data_request.title, "number": data_request.pk}
    if mail:
        _mail_requester(data_request, [received])
    notify(
        people_with_role("walidata"),
        "request_received",
        {"number": data_request.pk, "title": data_request.title},
        reverse("helpdesk:work_request", args=[data_request.pk]),
    )
    return data_request


@transaction.atomic
def check_route_request(
    *,
    user: Any,
    data_request: DataRequest,
    organisation_id: int,
    ip: str = "",
    mail: bool = True,
) -> DataRequest:
    viewer = access.viewer_for(user)
    if not gate.can_route_request(viewer, data_request):
        raise NotAllowed(
            _("Only the walidata forwards a request, and only before the OPD has answered it.")
        )
    organisation = Organisation.objects.filter(
        pk=organisation_id, kind__in=Organisation.PRODUCER_KINDS
    ).first()
    if organisation is None:
        raise ActionError(_("Choose the OPD or BUMD that holds the data."))
    now = timezone.now()
    data_request.organisation = organisation
    data_request.status = Status.DITERUSKAN
    data_request.routed_at = now
    data_request.updated_at = now
    data_request.save()
    audit.record(
        "datarequest.route",
        actor=user,
        obj=data_request,
        label=data_request.title,
        detail={"organisation": organisation.slug},
        ip=ip,
    )
    notify(
        organisation_staff(organisation.pk),
        "request_routed",
        {"actor": actor_name(user), "number": data_request.pk, "title": data_request.title},
        reverse("helpdesk:work_request", args=[data_request.pk]),
    )
    with translation.override(settings.LANGUAGE_CODE):
        line = _("Your request was forwarded to %(organisation)s, which holds the data.") % {
            "organisation": organisation.name
        }
    if mail:
        _mail_requester(data_request, [line])
    return data_request


ANSWER_STATUSES = (Status.DIPROSES, Status.DIPENUHI, Status.DITOLAK)


@transaction.atomic
def check_answer_request(
    *,
    user: Any,
    data_request: DataRequest,
    status: str,
    answer: str,
    dataset_slug: str = "",
    ip: str = "",
    mail: bool = True,
) -> DataRequest:
    """The OPD (or the walidata) answers: processing, fulfilled (a terbuka, published dataset
    may be linked, nothing else) or declined (the reason is required)."""
    viewer = access.viewer_for(user)
    if not gate.can_answer_request(viewer, data_request):
        raise NotAllowed(_("You may not answer this request."))
    if status not in ANSWER_STATUSES:
        raise ActionError(_("A request is answered as being processed, fulfilled or declined."))
    if status == Status.DIPROSES and not viewer.is_walidata and not data_request.organisation_id:
        raise ActionError(_("Forward the request to an OPD first."))
    answer = (answer or "").strip()
    if status == Status.DITOLAK and not answer:
        raise ActionError(
            _("Write the reason for declining: the requester and the public read it.")
        )
    if status == Status.DIPENUHI and not answer and not dataset_slug:
        raise ActionError(
            _("Say how the request is fulfilled: write the answer or link the dataset.")
        )
    if len(answer) > 5000:
        raise ActionError(
            _("The answer has %(count)s characters; at most %(max)s are accepted.")
            % {"count": len(answer), "max": 5000}
        )
    dataset = None
    if dataset_slug:
        if status != Status.DIPENUHI:
            raise ActionError(_("A dataset is linked only to a fulfilled request."))
        dataset = gate.public_datasets().filter(slug=dataset_slug).first()
        if dataset is None:
            raise ActionError(
                _(
                    "“%(slug)s” is not a published terbuka dataset. A data request is public: "
                    "it links only data that everyone may see. Send terbatas data through a "
                    "data-sharing agreement instead."
                )
                % {"slug": dataset_slug}
            )
    now = timezone.now()
    data_request.status = status
    data_request.answer = answer
    data_request.dataset = dataset
    data_request.updated_at = now
    if status != Status.DIPROSES:
        data_request.answered_at = now
    data_request.save()
    audit.record(
        "datarequest.answer",
        actor=user,
        obj=data_request,
        label=data_request.title,
        detail={"status": status, "dataset": dataset.slug if dataset else ""},
        ip=ip,
    )
    with translation.override(settings.LANGUAGE_CODE):
        label = str(Status(status).label)
        lines = [
            _("The status of your request “%(title)s” is now: %(status)s.")
            % {"title": data_request.title, "status": label}
        ]
        if answer:
            lines.append(answer)
        if dataset is not None:
            lines.append(
                _("The data: %(title)s") % {"title": dataset.title}
                + f"\n{settings.SITE_URL}{dataset.get_absolute_url()}"
            )
    if mail:
        _mail_requester(data_request, lines)
    if not viewer.is_walidata:
        notify(
            people_with_role("walidata"),
            "request_answered",
            {
                "actor": actor_name(user),
                "number": data_request.pk,
                "title": data_request.title,
                "status": label,
            },
            reverse("helpdesk:work_request", args=[data_request.pk]),
        )
    return data_request
