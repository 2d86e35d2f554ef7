import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from satudata.apps.catalog.models import Dataset
from satudata.apps.harvest import actions
from satudata.apps.harvest.models import HarvestRun, HarvestSource
from satudata.apps.harvest.tests.remote import Remote, package
from satudata.platform.testing.factories import make_org, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def client() -> Client:
    """Pages in English, the language these tests read."""
    return Client(headers={"accept-language": "en"})


BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def walidata():
    return make_user(make_org("walidata"), "walidata")


def test_walidata_creates_a_source_harvests_it_and_reads_the_log(
    client, walidata, remote: Remote, django_capture_on_commit_callbacks
):
    dinkes = make_org(name="Dinas Kesehatan")
    default = make_org(name="Diskominfo")
    remote.packages = [
        package("puskesmas", "2024-03-01T10:00:00.000000"),
        package("rusak", "2024-03-02T10:00:00.000000", resources="x"),
    ]
    client.force_login(walidata, backend=BACKEND)
    assert client.get(reverse("harvest:source_create")).status_code == 200
    response = client.post(
        reverse("harvest:source_create"),
        {
            "name": "Portal Provinsi",
            "kind": "ckan",
            "url": remote.base,
            "organisation": default.pk,
            "interval_hours": 24,
            "active": "on",
            "mapping": f"dinkes-remote = {dinkes.slug}",
        },
    )
    source = HarvestSource.objects.get()
    assert response.status_code == 302
    assert source.organisation_map == {"dinkes-remote": dinkes.pk}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("harvest:source_harvest", args=[source.pk]))
    run = HarvestRun.objects.get()
    assert run.status == HarvestRun.Status.PARTIAL
    page = client.get(reverse("harvest:run", args=[run.pk])).content.decode()
    assert "rusak" in page
    assert "resources" in page
    assert "Portal Provinsi" in client.get(reverse("harvest:sources")).content.decode()
    assert client.get(source.get_absolute_url()).status_code == 200
    edit = client.get(reverse("harvest:source_edit", args=[source.pk])).content.decode()
    assert f"dinkes-remote = {dinkes.slug}" in edit
    dataset = Dataset.objects.get(slug="puskesmas")
    assert dataset.organisation == dinkes
    client.logout()
    public_page = client.get(dataset.get_absolute_url()).content.decode()
    assert "Portal Provinsi" in public_page
    assert f"{remote.base}/dataset/puskesmas" in public_page


def test_a_bad_mapping_line_is_refused(client, walidata, remote: Remote):
    client.force_login(walidata, backend=BACKEND)
    response = client.post(
        reverse("harvest:source_create"),
        {
            "name": "X",
            "kind": "dcat",
            "url": f"{remote.base}/catalog.ttl",
            "organisation": make_org().pk,
            "interval_hours": 0,
            "mapping": "tanpa-tanda-sama-dengan",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"mapping"}
    assert not HarvestSource.objects.exists()


def test_others_may_not_use_the_pages(client, walidata):
    source = HarvestSource.objects.create(
        name="S", kind="ckan", url="https://example.go.id", organisation=make_org()
    )
    producer = make_user(make_org(), "produsen")
    client.force_login(producer, backend=BACKEND)
    for url in (
        reverse("harvest:sources"),
        reverse("harvest:source_create"),
        source.get_absolute_url(),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse("harvest:source_harvest", args=[source.pk])).status_code == 403
    assert not HarvestRun.objects.exists()
    dashboard = client.get(reverse("catalog:dashboard")).content.decode()
    assert reverse("harvest:sources") not in dashboard
    client.force_login(walidata, backend=BACKEND)
    assert reverse("harvest:sources") in client.get(reverse("catalog:dashboard")).content.decode()
    client.logout()
    assert client.get(reverse("harvest:sources")).status_code == 302


def test_the_command_harvests_due_sources(walidata, remote: Remote, capsys):
    remote.packages = [package("puskesmas", "2024-03-01T10:00:00.000000")]
    source = actions.check_create_source(
        user=walidata,
        data={"name": "S", "kind": "ckan", "url": remote.base, "organisation": make_org()},
    )
    call_command("harvest", "--due")
    assert Dataset.objects.count() == 1
    call_command("harvest", "--due")
    assert HarvestRun.objects.count() == 1
    call_command("harvest", "--source", str(source.pk))
    assert HarvestRun.objects.filter(source=source).first().unchanged == 1
    assert "1 unchanged" in capsys.readouterr().out
