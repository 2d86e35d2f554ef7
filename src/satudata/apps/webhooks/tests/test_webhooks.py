import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from satudata.apps.catalog.actions import workflow
from satudata.apps.catalog.models import State
from satudata.apps.webhooks import actions, signing
from satudata.apps.webhooks.models import Delivery, Webhook
from satudata.platform.testing.factories import make_dataset, make_org, make_user

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


class Receiver:
    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []
        self.url = ""

    def answer(self) -> int:
        return self.statuses.pop(0) if self.statuses else 200


@pytest.fixture
def receiver(settings: Settings) -> Iterator[Receiver]:
    """A receiver on this machine, which the portal may reach only because it is allowed."""
    settings.OUTBOUND_ALLOW = ["127.0.0.1"]
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.received.append((dict(self.headers), body))
            status = state.answer()
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", state.url + "/moved")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def people():
    walidata_org = make_org("walidata")
    dinkes, dinsos = make_org(name="Dinas Kesehatan"), make_org(name="Dinas Sosial")
    return {
        "walidata": make_user(walidata_org, "walidata"),
        "dinkes": make_user(dinkes, "produsen"),
        "dinsos": make_user(dinsos, "produsen"),
        "dinkes_org": dinkes,
        "dinsos_org": dinsos,
    }


def hook(user: Any, url: str, **extra: Any) -> Webhook:
    data = {"name": "Portal Nasional", "url": url, "events": ["publish", "rollback"], **extra}
    return actions.check_create_webhook(user=user, data=data)


def publish(dataset: Any, capture: Any) -> list[Delivery]:
    with capture(execute=True):
        deliveries = actions.do_queue_deliveries(
            dataset=dataset, version=dataset.published_version, kind="publish"
        )
    return [Delivery.objects.get(pk=d.pk) for d in deliveries]


def test_publishing_sends_a_signed_post(people, receiver, django_capture_on_commit_callbacks):
    webhook = hook(people["walidata"], receiver.url)
    dataset = make_dataset(people["dinkes_org"], title="Jumlah Puskesmas")
    [delivery] = publish(dataset, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.attempts == 1
    headers, body = receiver.received[0]
    assert headers["X-Satudata-Event"] == "publish"
    assert headers["X-Satudata-Delivery"] == str(delivery.pk)
    expected = signing.signature(webhook.secret, headers["X-Satudata-Timestamp"], body)
    assert headers["X-Satudata-Signature"] == expected
    assert signing.verify(webhook.secret, headers["X-Satudata-Timestamp"], body, expected)
    assert not signing.verify("whsec_wrong", headers["X-Satudata-Timestamp"], body, expected)
    payload = json.loads(body)
    assert payload["dataset"]["slug"] == dataset.slug
    assert payload["dataset"]["organisation"]["name"] == "Dinas Kesehatan"
    assert payload["version"]["number"] == 1
    assert payload["version"]["rows"] == 2
    assert payload["links"]["downloads"]["csv"].endswith(
        f"/dataset/{dataset.slug}/versi/1/unduh.csv"
    )


def test_the_catalog_signal_creates_deliveries(
    people, receiver, django_capture_on_commit_callbacks
):
    hook(people["walidata"], receiver.url)
    dataset = make_dataset(people["dinkes_org"], published=False)
    from satudata.platform.testing.factories import make_version

    dataset.candidate_version = make_version(dataset)
    dataset.state = State.DIAJUKAN
    dataset.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.check_approve(user=people["walidata"], dataset=dataset)
    assert Delivery.objects.filter(event="publish", status="delivered").count() == 1
    assert len(receiver.received) == 1


def test_failures_are_retried_with_backoff_until_max_attempts(
    people, receiver, django_capture_on_commit_callbacks
):
    hook(people["walidata"], receiver.url)
    receiver.statuses = [500] * 10
    [delivery] = publish(make_dataset(people["dinkes_org"]), django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.last_status_code == 500
    assert "500" in delivery.last_error
    gaps = []
    for _attempt in range(actions.MAX_ATTEMPTS - 1):
        gaps.append(delivery.next_attempt_at - timezone.now())
        assert actions.do_retry_due_deliveries() == 0
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        with django_capture_on_commit_callbacks(execute=True):
            assert actions.do_retry_due_deliveries() == 1
        delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == actions.MAX_ATTEMPTS == 6
    assert len(receiver.received) == 6
    expected = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30)]
    expected += [timedelta(hours=2), timedelta(hours=12)]
    for gap, want in zip(gaps, expected, strict=True):
        assert want - timedelta(seconds=30) < gap <= want


def test_a_retry_that_succeeds_is_delivered(people, receiver, django_capture_on_commit_callbacks):
    hook(people["walidata"], receiver.url)
    receiver.statuses = [503]
    [delivery] = publish(make_dataset(people["dinkes_org"]), django_capture_on_commit_callbacks)
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_retry_due_deliveries()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.DELIVERED, 2)


def test_restricted_datasets_reach_only_their_organisation_and_the_walidata(
    people, receiver, django_capture_on_commit_callbacks
):
    national = hook(people["walidata"], receiver.url)
    outsider = hook(make_user(make_org("walidata"), "admin"), receiver.url, name="Admin")
    outsider.organisation = people["dinsos_org"]
    outsider.save()
    dinsos_hook = hook(people["dinsos"], receiver.url, name="Dinsos")
    dinkes_hook = hook(people["dinkes"], receiver.url, name="Dinkes")
    assert dinkes_hook.organisation == people["dinkes_org"]
    terbatas = make_dataset(people["dinkes_org"], access_level="terbatas")
    deliveries = publish(terbatas, django_capture_on_commit_callbacks)
    assert {d.webhook_id for d in deliveries} == {national.pk, dinkes_hook.pk}
    terbuka = make_dataset(people["dinsos_org"])
    deliveries = publish(terbuka, django_capture_on_commit_callbacks)
    assert {d.webhook_id for d in deliveries} == {national.pk, dinsos_hook.pk, outsider.pk}


def test_inactive_and_other_event_webhooks_get_nothing(
    people, receiver, django_capture_on_commit_callbacks
):
    webhook = hook(people["walidata"], receiver.url, events=["rollback"])
    assert publish(make_dataset(people["dinkes_org"]), django_capture_on_commit_callbacks) == []
    actions.check_set_active(user=people["walidata"], webhook=webhook, active=False)
    dataset = make_dataset(people["dinkes_org"])
    with django_capture_on_commit_callbacks(execute=True):
        found = actions.do_queue_deliveries(
            dataset=dataset, version=dataset.published_version, kind="rollback"
        )
    assert found == []


def test_pages_create_show_secret_once_test_and_redeliver(
    client, people, receiver, django_capture_on_commit_callbacks
):
    client.force_login(people["dinkes"], backend=BACKEND)
    response = client.post(
        reverse("webhooks:create"),
        {"name": "SIMPUS", "url": receiver.url, "events": ["publish"]},
    )
    assert response.status_code == 200
    webhook = Webhook.objects.get(name="SIMPUS")
    assert webhook.secret in response.content.decode()
    assert webhook.organisation == people["dinkes_org"]
    detail = client.get(webhook.get_absolute_url())
    assert detail.status_code == 200
    assert webhook.secret not in detail.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("webhooks:test", args=[webhook.pk]))
    ping = Delivery.objects.get(webhook=webhook)
    assert (ping.event, ping.status) == ("ping", Delivery.Status.DELIVERED)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("webhooks:redeliver", args=[webhook.pk, ping.pk]))
    assert Delivery.objects.filter(webhook=webhook, status="delivered").count() == 2
    assert len(receiver.received) == 2
    client.post(reverse("webhooks:active", args=[webhook.pk]), {"active": "0"})
    webhook.refresh_from_db()
    assert not webhook.active
    assert client.get(reverse("webhooks:list")).status_code == 200


def test_other_organisations_cannot_see_or_touch_a_webhook(client, people, receiver):
    webhook = hook(people["dinkes"], receiver.url)
    client.force_login(people["dinsos"], backend=BACKEND)
    assert client.get(webhook.get_absolute_url()).status_code == 404
    assert client.post(reverse("webhooks:test", args=[webhook.pk])).status_code == 404
    assert "Portal Nasional" not in client.get(reverse("webhooks:list")).content.decode()
    public = make_user(None)
    client.force_login(public, backend=BACKEND)
    assert client.get(reverse("webhooks:list")).status_code == 403
    client.logout()
    assert client.get(reverse("webhooks:list")).status_code == 302
    with pytest.raises(actions.NotAllowed):
        actions.check_set_active(user=people["dinsos"], webhook=webhook, active=False)


def test_a_webhook_needs_an_http_address_and_an_event(people):
    with pytest.raises(actions.ActionError):
        hook(people["walidata"], "ftp://example.go.id/x")
    with pytest.raises(actions.ActionError):
        hook(people["walidata"], "https://example.go.id/x", events=[])


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "url",
    ["http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:8000/", "http://[::1]/hook"],
)
def test_a_webhook_on_an_internal_address_is_refused(people, url: str):
    with pytest.raises(actions.ActionError, match="private, local or reserved"):
        hook(people["walidata"], url)
    assert not Webhook.objects.exists()


@pytest.mark.usefixtures("english")
def test_the_form_says_why_an_address_is_refused(client, people):
    client.force_login(people["dinkes"], backend=BACKEND)
    response = client.post(
        reverse("webhooks:create"),
        {"name": "Metadata", "url": "http://169.254.169.254/", "events": ["publish"]},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["url"]
    assert "169.254.169.254" in message
    assert not Webhook.objects.exists()


@pytest.mark.usefixtures("english")
def test_each_attempt_checks_the_address_again(
    people, receiver, settings, django_capture_on_commit_callbacks
):
    hook(people["walidata"], receiver.url)
    settings.OUTBOUND_ALLOW = []
    [delivery] = publish(make_dataset(people["dinkes_org"]), django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.last_status_code is None
    assert "127.0.0.1" in delivery.last_error
    assert receiver.received == []


def test_redirects_are_not_followed(people, receiver, django_capture_on_commit_callbacks):
    hook(people["walidata"], receiver.url)
    receiver.statuses = [307]
    [delivery] = publish(make_dataset(people["dinkes_org"]), django_capture_on_commit_callbacks)
    assert (delivery.status, delivery.last_status_code) == (Delivery.Status.PENDING, 307)
    assert len(receiver.received) == 1
