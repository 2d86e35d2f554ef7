"""Harvest sources reach public addresses only: checked when a source is saved, and again on
every request of a run (redirects included)."""

import pytest
from django.test import Client
from django.urls import reverse

from satudata.apps.catalog.errors import ActionError
from satudata.apps.harvest import actions
from satudata.apps.harvest.jobs import harvest
from satudata.apps.harvest.models import HarvestRun, HarvestSource
from satudata.apps.harvest.tests.remote import Remote, package
from satudata.platform.testing.factories import make_org, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
BACKEND = "django.contrib.auth.backends.ModelBackend"
METADATA = "http://169.254.169.254/latest/meta-data/"


@pytest.fixture
def walidata():
    return make_user(make_org("walidata"), "walidata")


def _data(url: str, **extra: object) -> dict[str, object]:
    return {"name": "Portal", "kind": "ckan", "url": url, "organisation": make_org(), **extra}


def _run(source: HarvestSource) -> HarvestRun:
    run = actions.do_create_run(source=source, trigger=HarvestRun.Trigger.MANUAL)
    harvest(run, full=True)
    return run


@pytest.mark.parametrize("url", [METADATA, "http://127.0.0.1:8000/", "http://[::1]/"])
def test_a_source_on_an_internal_address_is_refused(walidata, url: str):
    with pytest.raises(ActionError, match="private, local or reserved"):
        actions.check_create_source(user=walidata, data=_data(url))
    assert not HarvestSource.objects.exists()


def test_changing_a_source_to_an_internal_address_is_refused(walidata, remote: Remote):
    source = actions.check_create_source(user=walidata, data=_data(remote.base))
    with pytest.raises(ActionError, match="private, local or reserved"):
        actions.check_update_source(user=walidata, source=source, data={"url": METADATA})
    source.refresh_from_db()
    assert source.url == remote.base


def test_the_form_says_why_an_address_is_refused(walidata):
    client = Client(headers={"accept-language": "en"})
    client.force_login(walidata, backend=BACKEND)
    response = client.post(
        reverse("harvest:source_create"),
        {
            "name": "Metadata",
            "kind": "dcat",
            "url": METADATA,
            "organisation": make_org().pk,
            "interval_hours": 0,
        },
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["url"]
    assert "169.254.169.254" in message
    assert "SATUDATA_OUTBOUND_ALLOW" in message
    assert not HarvestSource.objects.exists()


def test_a_run_checks_the_address_again(remote: Remote, settings):
    remote.packages = [package("puskesmas", "2024-03-01T10:00:00.000000")]
    source = HarvestSource.objects.create(
        name="S", kind="ckan", url=remote.base, organisation=make_org()
    )
    settings.OUTBOUND_ALLOW = []
    run = _run(source)
    assert run.status == HarvestRun.Status.FAILED
    assert "127.0.0.1" in run.message
    assert remote.requests == []


def test_a_redirect_to_an_internal_address_fails_the_run(remote: Remote, walidata):
    remote.redirects["/catalog.ttl"] = METADATA
    source = actions.check_create_source(
        user=walidata, data=_data(f"{remote.base}/catalog.ttl", kind="dcat")
    )
    run = _run(source)
    assert run.status == HarvestRun.Status.FAILED
    assert "169.254.169.254" in run.message
    assert [path for path, _query in remote.requests] == ["/catalog.ttl"]
