"""Every write of the webhooks app: webhooks, their deliveries and each delivery attempt.

A delivery is tried at once by a background job; a failed attempt is retried by the periodic
task with exponential backoff until it succeeds or MAX_ATTEMPTS is reached. Deliveries go only to
addresses `platform.outbound` allows, checked again at each attempt; redirects are not followed."""

from datetime import timedelta
from typing import Any

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.portal.exports import FORMATS
from satudata.apps.webhooks import signing
from satudata.apps.webhooks.models import Delivery, Event, Webhook
from satudata.platform import access, audit, jobs, outbound

BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
TIMEOUT_SECONDS = 10.0
FIELDS = ("name", "url", "events", "organisation", "active")


def manageable(viewer: access.Viewer) -> QuerySet:
    """The webhooks a viewer may see and manage: all for the walidata, their organisation's
    for a produsen data, none for anyone else."""
    if viewer.is_walidata:
        return Webhook.objects.all()
    if viewer.is_producer:
        return Webhook.objects.filter(organisation_id=viewer.organisation_id)
    return Webhook.objects.none()


def can_manage_webhooks(viewer: access.Viewer) -> bool:
    return viewer.is_walidata or viewer.is_producer


def _require(user: Any, webhook: Webhook | None = None) -> access.Viewer:
    viewer = access.viewer_for(user)
    if not can_manage_webhooks(viewer):
        raise NotAllowed(_("Only the walidata and produsen data can manage webhooks."))
    if webhook is not None and not manageable(viewer).filter(pk=webhook.pk).exists():
        raise NotAllowed(_("This webhook belongs to another organisation."))
    return viewer


def check_create_webhook(*, user: Any, data: dict[str, Any], ip: str = "") -> Webhook:
    """A new webhook with a new secret (shown once to its creator). Its address must be one the
    portal may send requests to (checked before the transaction opens, since it asks the DNS)."""
    viewer = _require(user)
    values = {k: v for k, v in data.items() if k in FIELDS}
    if not viewer.is_walidata:
        values["organisation"] = user.organisation
    unknown = set(values.get("events", [])) - set(Event.values)
    if not values.get("events") or unknown:
        raise ActionError(_("Choose at least one event."))
    try:
        outbound.check_url(str(values.get("url", "")))
    except outbound.OutboundRefused as exc:
        raise ActionError(exc.message) from exc
    with transaction.atomic():
        webhook = Webhook.objects.create(secret=signing.new_secret(), created_by=user, **values)
        audit.record("webhook.create", actor=user, obj=webhook, detail={"url": webhook.url}, ip=ip)
    return webhook


@transaction.atomic
def check_set_active(*, user: Any, webhook: Webhook, active: bool, ip: str = "") -> Webhook:
    _require(user, webhook)
    webhook.active = active
    webhook.save(update_fields=["active"])
    audit.record(
        "webhook.activate" if active else "webhook.deactivate", actor=user, obj=webhook, ip=ip
    )
    return webhook


def _site(path: str) -> str:
    return settings.SITE_URL + path


def payload_for(dataset: Dataset, version: Version, kind: str) -> dict[str, Any]:
    slug, number = dataset.slug, version.number
    return {
        "event": kind,
        "dataset": {
            "slug": slug,
            "title": dataset.title,
            "url": _site(dataset.get_absolute_url()),
            "access_level": dataset.access_level,
            "organisation": {
                "slug": dataset.organisation.slug,
                "name": dataset.organisation.name,
            },
        },
        "version": {
            "number": number,
            "rows": version.rows,
            "published_at": (dataset.data_updated_at or timezone.now()).isoformat(),
            "url": _site(version.get_absolute_url()),
        },
        "links": {
            "api": _site(f"/api/v1/datasets/{slug}"),
            "data_api": _site(f"/api/v1/datasets/{slug}/data"),
            "downloads": {
                fmt: _site(reverse("portal:download", args=[slug, number, fmt])) for fmt in FORMATS
            },
        },
    }


def may_receive(webhook: Webhook, dataset: Dataset) -> bool:
    """Terbatas and tertutup datasets are announced only to webhooks of their own organisation
    or of the walidata."""
    if dataset.access_level == "terbuka":
        return True
    if webhook.organisation_id == dataset.organisation_id:
        return True
    return webhook.organisation_id is None and access.viewer_for(webhook.created_by).is_walidata


def _enqueue(delivery: Delivery, user: Any = None) -> None:
    jobs.enqueue("webhooks.deliver", params={"delivery": delivery.pk}, user=user)


@transaction.atomic
def do_queue_deliveries(*, dataset: Dataset, version: Version, kind: str) -> list[Delivery]:
    hooks = Webhook.objects.filter(active=True).filter(
        Q(organisation__isnull=True) | Q(organisation_id=dataset.organisation_id)
    )
    deliveries = []
    payload = payload_for(dataset, version, kind)
    for webhook in hooks.select_related("created_by"):
        if kind not in webhook.events or not may_receive(webhook, dataset):
            continue
        delivery = Delivery.objects.create(webhook=webhook, event=kind, payload=payload)
        _enqueue(delivery)
        deliveries.append(delivery)
    return deliveries


@transaction.atomic
def check_send_test(*, user: Any, webhook: Webhook, ip: str = "") -> Delivery:
    _require(user, webhook)
    payload = {
        "event": "ping",
        "webhook": {"id": webhook.pk, "name": webhook.name},
        "sent_at": timezone.now().isoformat(),
        "site": settings.SITE_URL,
    }
    delivery = Delivery.objects.create(webhook=webhook, event="ping", payload=payload)
    audit.record("webhook.test", actor=user, obj=webhook, ip=ip)
    _enqueue(delivery, user)
    return delivery


@transaction.atomic
def check_redeliver(*, user: Any, delivery: Delivery, ip: str = "") -> Delivery:
    """Sends the same payload again as a new delivery (with its own attempts)."""
    _require(user, delivery.webhook)
    again = Delivery.objects.create(
        webhook=delivery.webhook, event=delivery.event, payload=delivery.payload
    )
    audit.record(
        "webhook.redeliver", actor=user, obj=delivery.webhook, detail={"of": delivery.pk}, ip=ip
    )
    _enqueue(again, user)
    return again


def _post(delivery: Delivery) -> tuple[int | None, str]:
    body = signing.body_of(delivery.payload)
    timestamp = str(int(timezone.now().timestamp()))
    headers = signing.headers(
        secret=delivery.webhook.secret,
        event=delivery.event,
        delivery_id=delivery.pk,
        timestamp=timestamp,
        body=body,
    )
    try:
        with outbound.client(timeout=TIMEOUT_SECONDS) as client:
            response = client.post(delivery.webhook.url, content=body, headers=headers)
    except outbound.OutboundRefused as exc:
        return None, exc.message
    except httpx.TimeoutException:
        return None, _("No answer within %(s)d seconds.") % {"s": TIMEOUT_SECONDS}
    except httpx.HTTPError as exc:
        return None, _("Could not connect: %(error)s") % {"error": type(exc).__name__}
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, _("The receiver answered HTTP %(code)s.") % {
        "code": response.status_code
    }


def do_attempt_delivery(delivery_id: int) -> Delivery:
    """One attempt: POST the signed payload, then record the outcome and the next try."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update().select_related("webhook").get(pk=delivery_id)
        )
        if delivery.status != Delivery.Status.PENDING:
            return delivery
        delivery.attempts += 1
        delivery.next_attempt_at = None
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    code, error = _post(delivery)
    with transaction.atomic():
        delivery.last_status_code = code
        delivery.last_error = error[:300]
        if not error:
            delivery.status = Delivery.Status.DELIVERED
            delivery.delivered_at = timezone.now()
        elif delivery.attempts >= MAX_ATTEMPTS or not delivery.webhook.active:
            delivery.status = Delivery.Status.FAILED
        else:
            delivery.next_attempt_at = timezone.now() + BACKOFF[delivery.attempts - 1]
        delivery.save()
    return delivery


@transaction.atomic
def do_retry_due_deliveries() -> int:
    """Queues the pending deliveries whose next attempt is due."""
    due = Delivery.objects.select_for_update().filter(
        status=Delivery.Status.PENDING,
        next_attempt_at__lte=timezone.now(),
        webhook__active=True,
    )
    count = 0
    for delivery in due:
        delivery.next_attempt_at = None
        delivery.save(update_fields=["next_attempt_at"])
        _enqueue(delivery)
        count += 1
    return count
