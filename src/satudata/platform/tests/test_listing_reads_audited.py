"""Every list that shows a tertutup dataset to someone allowed to see it (the search page and its
`.json` and `.csv`, the API search, CKAN package_search with include_private and
organization_show with its datasets) leaves one `dataset.read` entry per tertutup dataset shown;
lists with nothing tertutup leave none."""

import pytest
from django.test import Client

from satudata.apps.search.actions import do_reindex_all
from satudata.platform.audit import verify_chain
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_org, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    org = make_org("opd")
    owner = make_user(org, "produsen")
    closed = make_dataset(org, access_level="tertutup", title="Pasien rawat inap")
    make_dataset(org, access_level="tertutup", title="Pasien rawat jalan")
    make_dataset(org, title="Jumlah puskesmas")
    do_reindex_all()
    client = Client()
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    return client, org, closed


def reads() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="dataset.read").order_by("seq"))


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("/dataset/?q=pasien", "search"),
        ("/dataset.json?q=pasien", "search"),
        ("/dataset.csv?q=pasien", "search"),
        ("/api/v1/datasets?q=pasien", "search"),
        ("/api/3/action/package_search?q=pasien&include_private=true", "ckan-search"),
    ],
)
def test_search_results_with_tertutup_datasets_are_audited(world, url, what):
    client, _org, closed = world
    response = client.get(url)
    assert response.status_code == 200
    found = reads()
    assert len(found) == 2
    assert {e.detail["what"] for e in found} == {what}
    assert str(closed.pk) in {e.object_id for e in found}
    assert verify_chain()[1] == []


def test_ckan_organization_show_with_datasets_is_audited(world):
    client, org, _closed = world
    url = f"/api/3/action/organization_show?id={org.slug}&include_datasets=true"
    assert client.get(url).status_code == 200
    assert {e.detail["what"] for e in reads()} == {"ckan-group"}


def test_lists_without_tertutup_datasets_write_nothing(world):
    client, _org, _closed = world
    assert client.get("/dataset/?q=puskesmas").status_code == 200
    assert Client().get("/api/3/action/package_search?q=pasien").status_code == 200
    assert reads() == []
